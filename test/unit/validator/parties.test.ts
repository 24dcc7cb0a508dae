import { describe, expect, it } from 'vitest'
import { partiesFrom, partyIntros, resolveListed, type PartyIntro } from '../../../schema/validator/party-defs.ts'
import { isShortForm, readShortForms } from '../../../schema/validator/short-forms.ts'
import { fixture, section, validateMd, withSections } from './helpers.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { flatten } from '../../../schema/validator/blocks.ts'
import { detectSections } from '../../../schema/validator/detect.ts'
import { extractFacts } from '../../../schema/validator/facts.ts'
import { bestCpuMs } from '../../support/cpu-time.ts'

/**
 * Party introductions read as a unit (name, legal form, org.nr, short forms anywhere in it), lists of
 * parties and of short forms, and steering members linked to parties by their role titles. Names here
 * are invented; the phrasings are the classes drafts use, in both languages.
 */
const parties = (...raws: string[]) => partiesFrom(resolveListed(raws.flatMap((r) => partyIntros(r, { inScope: true }))))
const summary = (ps: ReturnType<typeof parties>) => ps.map((p) => ({ name: p.name, type: p.type }))
const aliasesOf = (ps: ReturnType<typeof parties>, name: string) => ps.find((p) => p.name === name)?.aliases ?? []

describe('short forms are name-like tokens', () => {
  it('accepts quoted, capitalised, acronym and definite type or head nouns', () => {
    expect(isShortForm('Ekolyftet', false)).toBe(true)
    expect(isShortForm('SBF', false)).toBe(true)
    expect(isShortForm('the Trust', false)).toBe(true)
    expect(isShortForm('något vi hittat på', true)).toBe(true)
    expect(isShortForm('föreningen', false)).toBe(true)
    expect(isShortForm('the association', false)).toBe(true)
    // The definite form of the head of the party's own name.
    expect(isShortForm('förbundet', false, 'ekby schackförbund')).toBe(true)
  })

  it('refuses verbs, pronouns, function words and collective names', () => {
    for (const w of ['skriver', 'kallas', 'vi', 'de', 'och', 'respektive', 'parterna', 'write', 'them', 'as']) expect(isShortForm(w, false, 'ekby kommun'), w).toBe(false)
    expect(isShortForm('Parties', true)).toBe(false)
    expect(isShortForm('styrelsen', false, 'ekby kommun')).toBe(false)
  })

  it('reads a list after a marker, with or without the verb of a list sentence', () => {
    const text = 'Nedan skriver vi "kommunen" och "förbundet".'
    expect(readShortForms(text, 'Nedan'.length)).toMatchObject({ items: [{ text: 'kommunen' }, { text: 'förbundet' }], list: true })
    const bare = 'I texten kallas de kommunen, Solgläntan och församlingen.'
    expect(readShortForms(bare, 'I texten'.length).items.map((i) => i.text)).toEqual(['kommunen', 'Solgläntan', 'församlingen'])
    // Two bare words without a list verb may be a short form and the next party's name: one short form only.
    expect(readShortForms('nedan kommunen och Föreningen Ekby', 'nedan'.length)).toMatchObject({ items: [{ text: 'kommunen' }], list: false })
    // "eller"/"or": two short forms of one party.
    expect(readShortForms(' *föreningen* eller *EKF*', 0)).toMatchObject({ items: [{ text: 'föreningen' }, { text: 'EKF' }], list: false })
  })
})

describe('party introductions read as a unit', () => {
  it('takes a bracketed short form after the org.nr or the legal form (en, sv)', () => {
    const en = parties(
      'This agreement is made between **Ekby Municipality**, corporate ID 212000-xxxx, acting through the Social Welfare Board (socialnämnden) ("the Municipality"), and **Stiftelsen Solvägen Ekby**, a non-profit foundation, corporate ID 802xxx-xxxx ("Solvägen").',
    )
    expect(summary(en)).toEqual([
      { name: 'Ekby Municipality', type: 'public' },
      { name: 'Stiftelsen Solvägen Ekby', type: 'idea' },
    ])
    expect(aliasesOf(en, 'Stiftelsen Solvägen Ekby')).toContain('solvägen')
    // The committee's Swedish name in brackets is not a short form.
    expect(aliasesOf(en, 'Ekby Municipality')).not.toContain('socialnämnden')
    const sv = parties('Ekby kommun, genom kultur- och fritidsnämnden ("KFN"), org.nr 212000-xxxx', 'Hästkraft Ekby, ideell förening ("Hästkraft"), org.nr 802xxx-xxxx')
    expect(aliasesOf(sv, 'Ekby kommun')).toContain('kfn')
    expect(aliasesOf(sv, 'Hästkraft Ekby')).toContain('hästkraft')
  })

  it('introduces a party without org.nr when the sentence opens with its name and has a bracketed short form', () => {
    const ps = parties('Ekby Municipality, acting through the Culture Committee, and the Ekby Chess Society ("ECS"), a non-profit association.')
    expect(summary(ps)).toEqual([
      { name: 'Ekby Municipality', type: 'public' },
      { name: 'Ekby Chess Society', type: 'idea' },
    ])
    expect(aliasesOf(ps, 'Ekby Chess Society')).toContain('ecs')
  })

  it('splits "Vi är X genom nämnden och Y (org.nr …), en ideell förening" and types each by its own legal form', () => {
    const ps = parties(
      'Vi är Ekby kommun (org.nr 212000-xxxx) genom fritidsnämnden och Ekby Schackförbund (org.nr 802xxx-xxxx), en ideell förening som samlar klubbar i kommunen. Nedan skriver vi "kommunen" och "förbundet".',
    )
    expect(summary(ps)).toEqual([
      { name: 'Ekby kommun', type: 'public' },
      { name: 'Ekby Schackförbund', type: 'idea' },
    ])
    expect(aliasesOf(ps, 'Ekby Schackförbund')).toContain('förbundet')
    expect(ps.flatMap((p) => p.aliases)).not.toContain('skriver')
  })

  it('keeps "the Labour Market and Integration Committee" whole inside an "acting through" clause', () => {
    const ps = parties('Ekby Municipality, org. no. 212000-xxxx, acting through the Labour Market and Integration Committee, hereinafter "the Municipality".')
    expect(summary(ps)).toEqual([{ name: 'Ekby Municipality', type: 'public' }])
  })

  it('reads a comma list of three parties and a list of their short forms in order', () => {
    const ps = parties(
      'Denna överenskommelse ingås mellan Ekby kommun, org.nr 212000-xxxx, genom socialnämnden, Föreningen Solgläntan Ekby, ideell förening med org.nr 802xxx-xxxx, och Ekby baptistförsamling, registrerat trossamfund med org.nr 802xxx-xxxx. I texten kallas de kommunen, Solgläntan och församlingen.',
    )
    expect(summary(ps)).toEqual([
      { name: 'Ekby kommun', type: 'public' },
      { name: 'Föreningen Solgläntan Ekby', type: 'idea' },
      { name: 'Ekby baptistförsamling', type: 'idea' },
    ])
    expect(aliasesOf(ps, 'Föreningen Solgläntan Ekby')).toContain('solgläntan')
    expect(aliasesOf(ps, 'Ekby baptistförsamling')).toContain('församlingen')
  })

  it('hands a separate "Nedan X respektive Y" line to the parties introduced before it', () => {
    const intros: PartyIntro[] = [
      ...partyIntros('Ekby kommun, org.nr 212000-xxxx, genom vård- och omsorgsnämnden.', { inScope: true }),
      ...partyIntros('Ekby Trädgårdssällskap, org.nr 802xxx-xxxx, ideell förening.', { inScope: true }),
      ...partyIntros('Nedan "kommunen" respektive "Trädgården".', { inScope: true }),
    ]
    const ps = partiesFrom(resolveListed(intros))
    expect(aliasesOf(ps, 'Ekby Trädgårdssällskap')).toContain('trädgården')
    expect(aliasesOf(ps, 'Ekby kommun')).toContain('kommunen')
  })

  it('accepts ", below X" and "hereinafter" and refuses "below" that defines nothing', () => {
    const ps = parties('Ekby Municipality, reg. no. 212000-xxxx, below "the Municipality", and Greenway Ekby, a registered charity, reg. no. 802xxx-xxxx, hereinafter "Greenway".')
    expect(aliasesOf(ps, 'Greenway Ekby')).toContain('greenway')
    expect(partyIntros('The table below shows the budget.', { inScope: true })).toEqual([])
  })

  it('reads `(the "X")`, `hereinafter the "X"` and "concluded between (i) …"', () => {
    const ps = parties(
      'This Agreement is concluded between (i) Ekby Municipality, acting through its Social Services Committee (the "Council"), and (ii) Ekby Women\'s Shelter, a non-profit association, hereinafter the "Shelter".',
    )
    expect(summary(ps)).toEqual([
      { name: 'Ekby Municipality', type: 'public' },
      { name: "Ekby Women's Shelter", type: 'idea' },
    ])
    expect(aliasesOf(ps, 'Ekby Municipality')).toContain('the council')
    expect(aliasesOf(ps, "Ekby Women's Shelter")).toContain('shelter')
  })

  it('reads "Parties: X (…) and Y (…)", "We, X and the Y (ABC)" and a three-party list with "respektive"', () => {
    const en = parties('Parties: Ekby Municipality ("the Municipality") and Ekby Allotment Society ("the Gardeners"), a registered charity.')
    expect(summary(en)).toEqual([
      { name: 'Ekby Municipality', type: 'public' },
      { name: 'Ekby Allotment Society', type: 'idea' },
    ])
    expect(aliasesOf(en, 'Ekby Allotment Society')).toContain('the gardeners')
    const we = parties('We, Ekby Municipality and the Friends of Ekby Library (FEL), agree as follows.')
    expect(we.map((p) => p.name)).toEqual(['Ekby Municipality', 'Friends of Ekby Library'])
    expect(aliasesOf(we, 'Friends of Ekby Library')).toContain('fel')
    const sv = parties(
      'Överenskommelsen ingås mellan Ekby kommun genom kultur- och fritidsnämnden, Ekby Konstförening och Studieförbundet Vuxenskolan Ekby, nedan kallade kommunen, Konstföreningen respektive Vuxenskolan.',
    )
    expect(summary(sv)).toEqual([
      { name: 'Ekby kommun', type: 'public' },
      { name: 'Ekby Konstförening', type: 'idea' },
      { name: 'Studieförbundet Vuxenskolan Ekby', type: 'idea' },
    ])
    expect(aliasesOf(sv, 'Studieförbundet Vuxenskolan Ekby')).toContain('vuxenskolan')
  })

  it("types a party by the legal form next to its own name, not by another party's", () => {
    const ps = parties('Mellan Ekby kommunalförbund, org.nr 222000-xxxx, och Ekby Pensionärsförbund, org.nr 802xxx-xxxx.')
    expect(summary(ps)).toEqual([
      { name: 'Ekby kommunalförbund', type: 'public' },
      { name: 'Ekby Pensionärsförbund', type: 'idea' },
    ])
  })

  it("takes a short form from a party table's short-name column", () => {
    const md = withSections(fixture('sv-complete-informal.md'), {
      'Vilka är vi?':
        '| Part | Kortnamn | Org.nr |\n|---|---|---|\n| Exempelby kommun, genom socialnämnden | SN | 212000-xxxx |\n| Föreningen Läxhjälpen Kronan, ideell förening | Läxis | 802xxx-xxxx |\n\nSN företräds av socialchefen enligt delegationsordningen. Läxis företräds av ordföranden enligt styrelsebeslut den 12 mars 2025.',
    })
    expect(section(validateMd(md), 'parties_and_mandates').checks!.find((c) => c.code === 'PM3')!.verdict).toBe('met')
  })

  it('reads a "We are …" paragraph under a heading that does not name the parties', () => {
    const md =
      '# Our IOP\n\n## Preface\n\nWe are Ekby Municipality, through the Culture Committee, and the Ekby Choir Society ("the Choir"), a non-profit association.\n\n## What we do\n\nThe Choir runs open rehearsals every week.\n'
    const blocks = flatten(markdownToDoc(md))
    const facts = extractFacts({ blocks, scopes: detectSections(blocks), sekPerEur: 11 })
    expect(facts.parties.map((p) => [p.name, p.type])).toEqual([
      ['Ekby Municipality', 'public'],
      ['Ekby Choir Society', 'idea'],
    ])
    expect(facts.parties[1]!.mention.test('the choir runs open rehearsals')).toBe(true)
  })

  it('gives a name its own word as short form: without its legal form and trailing place, and a compound head', () => {
    const ps = parties('Ekby kommun, org.nr 212000-xxxx.', 'Stiftelsen Solvägen Ekby, org.nr 802xxx-xxxx.', 'Ekby Idrottsallians, ideell förening, org.nr 802xxx-xxxx.')
    expect(aliasesOf(ps, 'Stiftelsen Solvägen Ekby')).toContain('solvägen')
    expect(aliasesOf(ps, 'Ekby Idrottsallians')).toContain('alliansen')
    // The place name belongs to the municipality, never to another party.
    expect(aliasesOf(ps, 'Stiftelsen Solvägen Ekby')).not.toContain('ekby')
  })
})

describe('steering members linked to parties', () => {
  const sv = fixture('sv-complete-informal.md')
  const en = fixture('en-clean-charity.md')
  const gv1 = (md: string, heading: string, text: string, lang: 'sv' | 'en') =>
    section(validateMd(withSections(md, { [heading]: text }), { lang }), 'governance').checks!.find((c) => c.code === 'GV1')!.verdict
  const tail = ' Gemensamma frågor avgörs i samförstånd. En arbetsgrupp planerar arbetet. Styrgruppen möts fyra gånger per år.'

  it('reads "styrgrupp med …" and public titles as the municipality', () => {
    expect(gv1(sv, 'Hur vi styr och träffas', 'En styrgrupp med kultur- och fritidschefen, bibliotekschefen och föreningens ordförande leder arbetet.' + tail, 'sv')).toBe('met')
    expect(gv1(sv, 'Hur vi styr och träffas', 'En styrgrupp med föreningens ordförande och verksamhetsledare leder arbetet.' + tail, 'sv')).toBe('unmet')
  })

  it('links a compound of a party short form ("föreningsordföranden") and a bare title after a named one', () => {
    expect(gv1(sv, 'Hur vi styr och träffas', 'Partnerskapet leds av en styrgrupp där socialchefen och föreningsordföranden ingår.' + tail, 'sv')).toBe('met')
    expect(gv1(sv, 'Hur vi styr och träffas', 'I styrgruppen sitter socialchefen samt Läxhjälpen Kronans ordförande och samordnare.' + tail, 'sv')).toBe('met')
  })

  it('does not give a title to a party when the phrase names another organisation', () => {
    expect(gv1(sv, 'Hur vi styr och träffas', 'En styrgrupp med socialchefen och ordföranden i Ekby Sparbanksstiftelse leder arbetet.' + tail, 'sv')).toBe('unmet')
  })

  it('reads other membership wordings in sv and en', () => {
    const t = ' Joint matters are decided by consensus. A working group plans the work. The steering group meets four times a year.'
    const cases: ['sv' | 'en', string, 'met' | 'unmet'][] = [
      ['sv', 'Styrgruppen utgörs av socialchefen och föreningens ordförande.', 'met'],
      ['sv', 'Kommunen representeras i styrgruppen av socialchefen och föreningen av sin ordförande.', 'met'],
      ['sv', 'Styrgrupp: socialchef (kommunen), ordförande (föreningen).', 'met'],
      ['sv', 'Partnerskapet leds av en styrgrupp. Där sitter fritidschefen, en fältsekreterare och en volontäransvarig från föreningen.', 'met'],
      ['sv', 'Styrgruppen utgörs av föreningens ordförande och kassör.', 'unmet'],
      ['en', 'Sitting on the steering committee are the Director of Adult Care and the Chair of the food bank.', 'met'],
      ['en', "A steering group leads the work. Its members are the Head of Elderly Care and the food bank's chair and treasurer.", 'met'],
      // A charity's executive director is not a public title.
      ['en', 'The steering group comprises the executive director and the treasurer of the food bank.', 'unmet'],
    ]
    for (const [lang, text, want] of cases) {
      const got = lang === 'sv' ? gv1(sv, 'Hur vi styr och träffas', text + tail, 'sv') : gv1(en, '6. How the partnership is run', text + t, 'en')
      expect(got, text).toBe(want)
    }
  })

  it('reads "It consists of …" after the sentence that introduces the body (en)', () => {
    const t = ' Joint matters are decided by consensus. A working group plans the work. The steering group meets four times a year.'
    expect(gv1(en, '6. How the partnership is run', 'A steering group leads the partnership. It consists of the Director of Elderly Care and the chair of the food bank.' + t, 'en')).toBe('met')
    expect(gv1(en, '6. How the partnership is run', 'A steering group leads the partnership. It consists of the chair and the treasurer of the food bank.' + t, 'en')).toBe('unmet')
  })
})

describe('linear time on long user text', () => {
  const inputs: [string, (n: number) => string][] = [
    ['comma lists', (n) => 'Mellan Ekby kommun'.concat(', Föreningen A Ekby'.repeat(n))],
    ['short-form markers', (n) => 'Ekby kommun, org.nr 212000-xxxx'.concat(' nedan kallad "X" och'.repeat(n))],
    ['open brackets', (n) => 'Ekby kommun, org.nr 212000-xxxx ('.concat('( och Föreningen B, '.repeat(n))],
    ['markers that define nothing', (n) => 'Ekby kommun, org.nr 212000-xxxx,'.concat(' nedan skriver vi'.repeat(n))],
  ]
  for (const [what, make] of inputs) {
    it(`partyIntros on ${what} grows linearly`, () => {
      const small = make(2_000)
      const large = make(8_000)
      partyIntros(small, { inScope: true })
      const a = bestCpuMs(() => partyIntros(small, { inScope: true }))
      const b = bestCpuMs(() => partyIntros(large, { inScope: true }))
      // Four times the text: well under the sixteen times a quadratic reading would take.
      expect(b).toBeLessThan(Math.max(a * 9, 150))
    })
  }

  it('a 200 000-character steering paragraph validates in bounded time', () => {
    const md = withSections(fixture('sv-complete-informal.md'), {
      'Hur vi styr och träffas': 'En styrgrupp med ' + 'bibliotekschefen, föreningsordföranden och '.repeat(4_500) + 'kassören leder arbetet.',
    })
    expect(bestCpuMs(() => validateMd(md), 1)).toBeLessThan(10_000)
  })
})
