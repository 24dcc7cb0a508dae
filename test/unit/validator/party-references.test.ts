import { describe, expect, it } from 'vitest'
import { acronymsOf } from '../../../schema/validator/acronyms.ts'
import { PER_UNIT } from '../../../schema/validator/money.ts'
import { orgNames } from '../../../schema/validator/parties.ts'
import { partiesFrom, partyIntros, resolveListed, termDefinitions } from '../../../schema/validator/party-defs.ts'
import { fixture, replaceSection, rules, section, validateMd, withSections } from './helpers.ts'

/**
 * Parties referred to the way a careful reader still resolves them (an undefined acronym, a parish named
 * with its church), and the warnings that depend on reading who pays, per what, and who else contributes.
 */
const SV = fixture('sv-complete-informal.md')
const EN = fixture('en-complete-merged.md')
const BUDGET = 'Pengar och annat vi bidrar med'
const warn = (md: string, lang: 'sv' | 'en' = 'sv') => rules(validateMd(md, { lang }))

describe('acronyms of party names', () => {
  it('reads initials, a compound head as a letter of its own, and function words either way', () => {
    expect(acronymsOf('Studieförbundet Folkvett Ekhamra')).toContain('sfe')
    expect(acronymsOf('Ekhamra pingstförsamling')).toContain('epf')
    expect(acronymsOf('Kronvik Reentry Association')).toContain('kra')
    expect(acronymsOf('Kultur- och fritidsnämnden')).toContain('kfn')
    expect(acronymsOf('Society for the Protection of Birds')).toEqual(expect.arrayContaining(['spb', 'sftpob']))
    // One word has no acronym; two letters are too few to tell a party from any other abbreviation.
    expect(acronymsOf('Frivilligcentralen')).toEqual([])
    expect(acronymsOf('Ekby kommun')).toEqual([])
  })

  const intros = (...raws: string[]) => resolveListed(raws.flatMap((r) => partyIntros(r, { inScope: true })))
  const two = intros('Ekby kommun, org.nr 212000-xxxx, genom kulturnämnden.', 'Studieförbundet Folkvett Ekby, ideell förening, org.nr 802xxx-xxxx.')

  it('makes an acronym an alias only when the text writes it in capitals', () => {
    const withIt = partiesFrom(two, [], new Set(['sfe']))
    expect(withIt[1]!.mention.test('sfe bidrar med cirkelledare')).toBe(true)
    const without = partiesFrom(two, [], new Set())
    expect(without[1]!.mention.test('sfe bidrar med cirkelledare')).toBe(false)
  })

  it('gives an acronym that two parties share to neither', () => {
    const both = intros('Ekby kommun, org.nr 212000-xxxx.', 'Stiftelsen Framtid Ekby, org.nr 802xxx-xxxx.', 'Studieförbundet Folkvett Ekby, ideell förening, org.nr 802xxx-xxxx.')
    const parties = partiesFrom(both, [], new Set(['sfe']))
    expect(parties.filter((p) => p.mention.test('sfe driver caféet'))).toEqual([])
  })

  it('an undefined acronym names the party in the activities, the budget and the learning goals (sv)', () => {
    const md = withSections(SV, {
      'Vad gör vi?':
        '| Verksamhet | Utförs av | Kostnaden bokförs av |\n|---|---|---|\n| Läxhjälp två kvällar i veckan | FLK | FLK |\n| Samordning med skolan | Kommunen | Kommunen |\n\nFLK anställer en verksamhetsledare på heltid.',
      [BUDGET]: 'Kommunen betalar ut ett bidrag på 650 000 kr per år till FLK. FLK bidrar med cirka 1 500 ideella timmar per år.',
      'Det här vill vi lära oss':
        'Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret.\n\n- Kommunen: lära sig hur socialtjänsten kan nå familjer.\n- FLK: lära sig att följa upp sin verksamhet.',
    })
    const report = validateMd(md)
    for (const id of ['activities', 'ownership_and_costs', 'budget_and_resources', 'learning_goals'] as const) expect(section(report, id).status, id).toBe('present')
  })

  it('an acronym in apposition after the name ("Föreningen Läxhjälpen Kronan, FLK (org.nr …)") is no party of its own', () => {
    const md = withSections(SV.replace('Föreningen Läxhjälpen Kronan (org.nr', 'Föreningen Läxhjälpen Kronan, FLK (org.nr'), {
      'Det här vill vi lära oss':
        'Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret.\n\n- Kommunen: lära sig hur socialtjänsten kan nå familjer.\n- FLK: lära sig att följa upp sin verksamhet.',
    })
    const report = validateMd(md)
    expect(section(report, 'learning_goals').status).toBe('present')
    expect(section(report, 'signatures').status).toBe('present')
  })
})

describe("a public party's committees, administrations and units", () => {
  const learning = (line: string) =>
    withSections(SV, {
      'Det här vill vi lära oss': `Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret.\n\n- ${line}: lära sig hur socialtjänsten kan nå familjer.\n- Föreningen: lära sig att följa upp sin verksamhet.`,
    })
  const lg = (md: string) => section(validateMd(md), 'learning_goals').status

  it('stand for the only public party, in the activities, the learning goals and the signatures', () => {
    expect(lg(learning('Socialförvaltningen'))).toBe('present')
    expect(lg(learning('Fritidsgårdsenheten'))).toBe('present')
    const act = withSections(SV, {
      'Vad gör vi?': 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna.\n\nSocialförvaltningen anordnar föräldraträffar varje månad och bokför kostnaderna för dem.',
    })
    expect(section(validateMd(act), 'activities').status).toBe('present')
    const sig = withSections(SV, { Underskrifter: 'För socialnämnden\n\nDatum: ____\n\n______ Socialchef\n\nFör föreningen\n\nDatum: ____\n\n______ Ordförande' })
    expect(section(validateMd(sig), 'signatures').status).toBe('present')
  })

  it("are not the party's when the words before them name another body", () => {
    expect(lg(learning('Regionens vårdförvaltning'))).toBe('incomplete')
    expect(lg(learning('Region Kronmarks kollektivtrafikförvaltning'))).toBe('incomplete')
    expect(lg(learning('Föreningens ungdomsenhet'))).toBe('incomplete')
  })

  it('the Council and the charity are the only public and the only idea-driven party (en)', () => {
    const en = fixture('en-clean-charity.md')
    const md = withSections(en, {
      '7. What we want to learn':
        'Together we want to learn how volunteers and home-care staff can share responsibility. The Council wants to learn how referrals from home care can be made simple. The charity wants to learn how to measure its social impact.',
    })
    expect(section(validateMd(md, { lang: 'en' }), 'learning_goals').status).toBe('present')
  })
})

describe('a parish named with its church', () => {
  it('is one party, not two ("Ödeby församling, Svenska kyrkan, org.nr …")', () => {
    const ps = partiesFrom(
      resolveListed(
        ['1.1 Ödeby kommun, org.nr 212000-xxxx, genom socialnämnden, nedan benämnd Kommunen.', '1.3 Ödeby församling, Svenska kyrkan, org.nr 252xxx-xxxx, nedan benämnd Församlingen.'].flatMap((r) =>
          partyIntros(r, { inScope: true }),
        ),
      ),
    )
    expect(ps.map((p) => p.name)).toEqual(['Ödeby kommun', 'Ödeby församling'])
    expect(ps[1]!.mention.test('församlingen företräds av kyrkoherden')).toBe(true)
  })

  it('still splits two organisations listed with a comma', () => {
    const ps = partiesFrom(
      resolveListed(partyIntros('Överenskommelsen ingås mellan Ödeby kommun, org.nr 212000-xxxx, Föreningen Skuldfri Ödeby, ideell förening, och Ödeby församling', { inScope: true })),
    )
    expect(ps.map((p) => p.name)).toEqual(['Ödeby kommun', 'Föreningen Skuldfri Ödeby', 'Ödeby församling'])
  })
})

describe('warnings that depend on how payment and contributions are worded', () => {
  it('per_unit_pricing: a unit with a word before it or as the head of a compound, but not when negated', () => {
    const sv = (s: string) => warn(SV.replace('Utbetalning sker kvartalsvis i förskott.', s))
    expect(sv('Därutöver ersätter kommunen föreningen med 1 200 kr per avslutat rådgivningsärende.')).toEqual(['per_unit_pricing'])
    expect(sv('Kommunen betalar 350 kr per belagd gästnatt.')).toEqual(['per_unit_pricing'])
    expect(sv('Bidraget beräknas inte per avslutat ärende eller per deltagare.')).toEqual([])
    const en = (s: string) => warn(EN.replace('paid quarterly in advance', s), 'en')
    expect(en('paid at SEK 480 per occupied place and night')).toEqual(['per_unit_pricing'])
    expect(en('paid at SEK 1,200 for each completed case')).toEqual(['per_unit_pricing'])
    expect(en('not calculated per completed case or per night')).toEqual([])
  })

  it('per_unit_pricing: the currency written before the number still governs the unit', () => {
    const table = '| Item | Amount |\n|---|---|\n| Municipal grant to the association for the evening club, paid monthly in arrears | SEK 480 per occupied place and night |'
    expect(warn(replaceSection(EN, 'Money and other resources', table + '\n\nThe association contributes about 2,000 volunteer hours per year.'), 'en')).toContain('per_unit_pricing')
  })

  it('non_party_contributor: an infinitive ("har lovat att bidra") and an agency by its English name', () => {
    const promised = SV.replace('## Pengar och annat', 'Region Kronmark har lovat att bidra med 150 000 kr per år till resorna.\n\n## Pengar och annat')
    const report = validateMd(promised)
    expect(rules(report)).toEqual(['non_party_contributor'])
    expect(report.warnings[0]!.message).toContain('Region Kronmark')
    const steering = EN.replace(
      'A steering group with two representatives from each party leads the partnership.',
      'A steering group with two representatives from each party and one probation officer from Frivården Riverside (the Swedish Prison and Probation Service) leads the partnership.',
    )
    const en = validateMd(steering, { lang: 'en' })
    // The office and the agency it belongs to are one organisation, named twice: one warning.
    expect(rules(en)).toEqual(['non_party_contributor'])
    expect(en.warnings[0]!.message).toContain('Frivården Riverside')
    expect(orgNames('help from the Swedish Public Employment Service').map((o) => o.name)).toEqual(['Swedish Public Employment Service'])
  })

  it('per_unit_pricing: units of service beyond places and days, and a rate after a slash', () => {
    const sv = (s: string) => warn(SV.replace('Utbetalning sker kvartalsvis i förskott.', s))
    for (const s of [
      'Ersättningen är 95 kr per utdelad matkasse.',
      'Ersättning utgår med 300 kr/timme för ledarna.',
      'Därtill betalas 2 000 kr per påbörjad placering.',
      'Kommunen ersätter föreningen för varje genomfört samtal med 500 kr.',
    ])
      expect(sv(s), s).toEqual(['per_unit_pricing'])
    expect(sv('Bidraget är ett fast belopp och betalas inte per besök eller per matkasse.')).toEqual([])
    const en = (s: string) => warn(EN.replace('paid quarterly in advance', s), 'en')
    for (const s of ['paid at SEK 300 per visit', 'paid at SEK 95 per food parcel handed out', 'paid as a fee of SEK 450 per session']) expect(en(s), s).toEqual(['per_unit_pricing'])
    expect(en('paid quarterly in advance and not per visit or per meal')).toEqual([])
  })

  it('non_party_contributor: funders, study associations, charities and companies named by their own names', () => {
    const sv = (s: string) => warn(SV.replace('## Pengar och annat', s + '\n\n## Pengar och annat'))
    for (const s of [
      'Sparbanksstiftelsen Kronan har beviljat 200 000 kr till lägerverksamheten.',
      'ABF Kronan ställer lokaler till förfogande.',
      'Bostadsbolaget Kronanhem upplåter en lokal utan kostnad.',
    ])
      expect(sv(s), s).toEqual(['non_party_contributor'])
    expect(sv('ABF Kronan har inte beviljats några medel.')).toEqual([])
    const steering = (who: string) =>
      warn(
        EN.replace('A steering group with two representatives from each party leads the partnership.', `A steering group with two representatives from each party and ${who} leads the partnership.`),
        'en',
      )
    expect(steering('a representative of the Red Cross')).toEqual(['non_party_contributor'])
    expect(steering('a representative of the Riverside Housing Company')).toEqual(['non_party_contributor'])
  })

  it('value_unknown is not raised for a yearly sum written "every year"', () => {
    const md = replaceSection(
      EN,
      'Money and other resources',
      'The municipality gives 650 000 SEK every year to the association, paid every half year in advance. The association contributes about 2,000 volunteer hours per year.',
    )
    expect(warn(md, 'en')).toEqual([])
  })
})

describe('linear time on long user text', () => {
  const timed = (f: () => unknown): number => {
    const t0 = performance.now()
    f()
    return performance.now() - t0
  }
  const cases: [string, (n: number) => string, (s: string) => unknown][] = [
    ['per + a long word', (n) => 'kr per ' + 'a'.repeat(n * 10) + ' ', (s) => PER_UNIT.test(s)],
    ['many per + modifier words', (n) => '100 kr '.concat('per avslutat '.repeat(n)), (s) => PER_UNIT.test(s)],
    ['capitalised words before an agency head', (n) => 'Swedish and '.repeat(n) + 'Servic', (s) => orgNames(s)],
  ]
  for (const [what, make, run] of cases) {
    it(`${what} grows linearly`, () => {
      const small = make(5_000)
      const large = make(20_000)
      run(small)
      const a = timed(() => run(small))
      const b = timed(() => run(large))
      expect(b).toBeLessThan(Math.max(a * 9, 150))
    })
  }

  it('a 200 000-character text naming thousands of units validates in bounded time', () => {
    const units = Array.from({ length: 4_000 }, (_, i) => `enhet${i.toString(36)}förvaltningen`).join(', ')
    const md = withSections(SV, { 'Det här vill vi lära oss': `Gemensamt lärandemål: parterna vill lära sig. ${units} vill lära sig mer.` })
    expect(timed(() => validateMd(md))).toBeLessThan(10_000)
  })

  it('a 200 000-character text of capitals and acronyms validates in bounded time', () => {
    const md = replaceSection(SV, BUDGET, 'Kommunen betalar 650 000 kr per år. ' + 'FLK SFE EPF KFN bidrar per avslutat ärende, '.repeat(4_500))
    expect(timed(() => validateMd(md))).toBeLessThan(10_000)
  })
})

describe('parties introduced and referred to in other forms', () => {
  const parties = (...raws: string[]) => partiesFrom(resolveListed(raws.flatMap((r) => partyIntros(r, { inScope: true }))))

  it('reads a definitions clause that names the short form first, in both languages', () => {
    const en = termDefinitions('In this Agreement, "the Municipality" means Northfield Municipality; "the Pantry" means Northfield Food Bank; and "the Parties" means both.')
    expect(en.map((i) => [i.name, i.aliases])).toEqual([
      ['Northfield Municipality', ['the municipality']],
      ['Northfield Food Bank', ['the pantry']],
    ])
    const sv = termDefinitions('Med "kommunen" avses Åsby kommun. "Föreningen" avser Läsvännerna i Åsby, ideell förening.')
    expect(sv.map((i) => [i.name, i.aliases, i.type])).toEqual([
      ['Åsby kommun', ['kommunen'], 'public'],
      ['Läsvännerna i Åsby', ['föreningen'], 'idea'],
    ])
    // A defined term that is no party, and a definition by a clause, name no one.
    expect(termDefinitions('"Verksamheten" avser den öppna förskolan. "Year" means a calendar year.')).toEqual([])
  })

  it('stays linear on a long run of quoted terms', () => {
    const long = '"a" means '.repeat(20_000)
    const t = performance.now()
    termDefinitions(long)
    termDefinitions(`${'"x'.repeat(50_000)} means Y`)
    expect(performance.now() - t).toBeLessThan(500)
  })

  it('links "called \\"FUB\\"", "och föreningen X (X)" and a parish "som hör till Svenska kyrkan"', () => {
    const called = parties('FUB Lövholm, non-profit association, org.nr 802xxx-xxxx, called "FUB".')
    expect(called[0]!.mention.test('fub runs an evening club')).toBe(true)
    const two = parties('Denna överenskommelse ingås mellan Västerå kommun, genom socialnämnden (kommunen), och föreningen Spelfritt Västerå, en ideell förening med org.nr 802xxx-xxxx (Spelfritt).')
    expect(two.map((p) => [p.name, p.type])).toEqual([
      ['Västerå kommun', 'public'],
      ['Spelfritt Västerå', 'idea'],
    ])
    expect(two[1]!.mention.test('spelfritt driver samtalsgrupper')).toBe(true)
    expect(two[0]!.mention.test('spelfritt driver samtalsgrupper')).toBe(false)
    const parish = parties('Rosviks kommun, genom barn- och utbildningsnämnden.', 'Rosviks församling, som hör till Svenska kyrkan. Församlingen kallas här församlingen.')
    expect(parish.map((p) => p.name)).toEqual(['Rosviks kommun', 'Rosviks församling'])
  })

  it('calls a party by the legal form stated beside its name, unless two parties share it', () => {
    const [, readers] = parties('Åsby kommun, org.nr 212000-xxxx, genom kulturnämnden.', 'Läsvännerna i Åsby, ideell förening, org.nr 802xxx-xxxx.')
    expect(readers!.mention.test('föreningen ordnar läsecirklar')).toBe(true)
    const [, en] = parties('Northfield Municipality, corp. ID 212000-xxxx.', 'Readers of Northfield, a non-profit association, corp. ID 802xxx-xxxx.')
    expect(en!.mention.test('the association runs reading circles')).toBe(true)
    const [, a, b] = parties('Åsby kommun, org.nr 212000-xxxx.', 'Läsvännerna i Åsby, ideell förening, org.nr 802xxx-xxxx.', 'Nattvandrarna i Åsby, ideell förening, org.nr 802xxx-xxxx.')
    expect(a!.mention.test('föreningen ordnar läsecirklar') || b!.mention.test('föreningen ordnar läsecirklar')).toBe(false)
    // "Ekby kommun, genom nämnden Föreningen Matbanken …": a capitalised "Föreningen" opens a name, it is no form of the municipality.
    const [kommun] = parties('Ekby kommun, genom socialnämnden Föreningen Matbanken Ekby, ideell förening, org.nr 802xxx-xxxx.')
    expect(kommun!.mention.test('föreningen delar ut mat')).toBe(false)
  })

  it('reads a compound name in its definite form and by each part of a coordinated compound', () => {
    const [, , mosque] = parties(
      'Storträsk kommun, org.nr 212000-xxxx.',
      'Nattvandrarna i Storträsk, ideell förening (802xxx-xxxx).',
      'Storträsk Moské- och kulturförening, ideell förening (802xxx-xxxx).',
    )
    for (const x of ['moské- och kulturföreningen rekryterar föräldrar', 'en representant för moskéföreningen', 'kulturföreningens lokal']) expect(mosque!.mention.test(x)).toBe(true)
  })
})
