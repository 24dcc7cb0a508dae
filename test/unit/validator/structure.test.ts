import { describe, expect, it } from 'vitest'
import { flatten, headingSections } from '../../../schema/validator/blocks.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { section, validateMd } from './helpers.ts'
import { bestCpuMs } from '../../support/cpu-time.ts'

/**
 * Document structure read the way writing groups write it: plain heading lines from Word and plain
 * text, informal and question headings, content cues by stem, and drafting notes that are not content.
 */
const headings = (md: string) =>
  flatten(markdownToDoc(md))
    .filter((b) => b.type === 'heading')
    .map((b) => b.raw)
const blockOf = (md: string, start: string) => flatten(markdownToDoc(md)).find((b) => b.raw.startsWith(start))!

describe('plain heading lines', () => {
  it('promotes numbered, clause, article, § and all-caps lines, and one-item ordered lists, in both languages', () => {
    const md = [
      'ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP',
      '1. Avtalsparter',
      '1.1 Kvarnstads kommun, org.nr 212000-0000, genom kultur- och fritidsnämnden.',
      '§ 3 Ekonomi',
      'Kommunen lämnar ett bidrag om 400 000 kronor per år.',
      'Clause 2 – Background',
      '2.1 The beneficiaries of this Agreement are women aged 18 and over.',
      'Article 4:',
      'The Association shall operate the walk-in centre four days per week.',
      '2.3 Parternas åtaganden',
      'Föreningen driver läxhjälp två kvällar i veckan.',
    ].join('\n\n')
    expect(headings(md)).toEqual(['ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP', 'Avtalsparter', '§ 3 Ekonomi', 'Clause 2 – Background', 'Article 4:', '2.3 Parternas åtaganden'])
    expect(blockOf(md, 'Kommunen lämnar').context).toEqual(['budget_and_resources'])
    expect(blockOf(md, '2.1 The beneficiaries').context).toEqual(['societal_challenge'])
    expect(blockOf(md, '1.1 Kvarnstads').context).toEqual(['parties_and_mandates'])
  })

  it('promotes a short unnumbered line that names a section only when body text follows it', () => {
    const md = [
      'Why?',
      'Target group: children aged 7–15 living in Östermark, where 40 % of them have no leisure activity.',
      'Vad vi ser',
      'Barn i byarna rör sig mindre än andra barn, och bara 31 procent är med i en förening.',
      'Money',
    ].join('\n\n')
    expect(headings(md)).toEqual(['Why?', 'Vad vi ser'])
    expect(blockOf(md, 'Barn i byarna').context).toEqual(['societal_challenge'])
  })

  it('takes longer question lines and titles made of content words as headings', () => {
    const body = 'Kommunen och föreningen går igenom detta tillsammans varje år, och resultatet redovisas för nämnden.'
    const md = ['Hur får kvinnorna och tjejerna själva vara med?', body, 'Sekretess och personuppgifter', body, 'Varför har vi valt IOP?', body].join('\n\n')
    expect(headings(md)).toEqual(['Hur får kvinnorna och tjejerna själva vara med?', 'Sekretess och personuppgifter', 'Varför har vi valt IOP?'])
    expect(headingSections('Varför har vi valt IOP?')).toEqual(['legal_basis'])
  })

  it('takes a title of up to three words over a signature block or a drafting comment', () => {
    const md = ['Juridisk bedömning', '[Kommentar: kolla med juristen]', 'Underskrifter', '**För Ekviks kommun**', 'Datum: ______'].join('\n\n')
    expect(headings(md)).toEqual(['Juridisk bedömning', 'Underskrifter'])
  })

  it('takes a short line ending in a colon and a roman-numbered line as headings', () => {
    const md = ['Bakgrund:', 'Barn i byarna rör sig mindre än andra barn, och bara 31 procent är med i en förening.', 'II. Ekonomi', 'Kommunen lämnar ett bidrag om 400 000 kronor per år.'].join(
      '\n\n',
    )
    expect(headings(md)).toEqual(['Bakgrund:', 'II. Ekonomi'])
    expect(blockOf(md, 'Kommunen lämnar').context).toEqual(['budget_and_resources'])
  })

  it('keeps sentences, lead-ins and signature lines as text', () => {
    const md = [
      '1.1 Denna överenskommelse ingås mellan följande parter:',
      '- Kommunen',
      'Kommunen bokför kostnaderna',
      'Föreningen står för lokalen och bokför sina egna kostnader för den.',
      'Lönnby den ____________',
      'För Lönnby kommun, socialchef: ______________________',
      '7.1 Partnerskapet leds av en styrgrupp med företrädare för båda parterna.',
      '1. Minst 300 barn deltar varje år',
      '3.2 Senast 2027 läser 80 procent av eleverna',
    ].join('\n\n')
    expect(headings(md)).toEqual([])
  })
})

describe('headings by meaning', () => {
  it.each([
    ['Why', 'societal_challenge'],
    ['What we see', 'societal_challenge'],
    ['Vad vi ser', 'societal_challenge'],
    ['2. Utgångsläge', 'societal_challenge'],
    ['Us', 'parties_and_mandates'],
    ['Vilka är vi?', 'parties_and_mandates'],
    ['Who is involved', 'parties_and_mandates'],
    ['Money', 'budget_and_resources'],
    ['Vem gör vad', 'activities'],
    ['Clause 4 – Undertakings', 'activities'],
    ['What we are aiming for', 'purpose_and_goals'],
    ['Vart vi vill', 'purpose_and_goals'],
    ['3. Ändamål och målsättningar', 'purpose_and_goals'],
    ['How we steer', 'governance'],
    ['Vem sitter runt bordet?', 'governance'],
    ['Checking how it goes', 'follow_up_evaluation'],
    ['If one of us wants out', 'termination'],
    ['Om någon vill sluta', 'termination'],
    ['Looking at the agreement again', 'renegotiation'],
    ['Uppgifter om barnen', 'personal_data'],
    ['Hur vi följer upp', 'follow_up_evaluation'],
    ['How we follow it up', 'follow_up_evaluation'],
    ['Det vi vill', 'purpose_and_goals'],
    ['What we want', 'purpose_and_goals'],
    ['Så följer vi upp', 'follow_up_evaluation'],
    ['Hur går det?', 'follow_up_evaluation'],
    ['How we check progress', 'follow_up_evaluation'],
    ['Det vi ser', 'societal_challenge'],
    ['Det här gör vi', 'activities'],
    ['Hur vi bestämmer', 'governance'],
    ["The participants' say", 'target_group_involvement'],
    ['Involving users', 'target_group_involvement'],
    ['När det inte går som planerat', 'risk_and_crunch_questions'],
    ['Tidsram', 'duration'],
    ['Om samarbetet tar slut', 'termination'],
    ['If the partnership ends', 'termination'],
    ['Godkännande', 'signatures'],
  ])('"%s" names %s', (heading, id) => {
    expect(headingSections(heading)).toContain(id)
  })

  it('lets the specific word win: a heading about learning is not a purpose heading', () => {
    expect(headingSections('What we want to learn')).toEqual(['learning_goals'])
    expect(headingSections('Vad vi vill lära oss')).toEqual(['learning_goals'])
    expect(headingSections('Clause 7 – Learning Objectives')).toEqual(['learning_goals'])
    expect(headingSections('Syfte, mål och lärande')).toEqual(['purpose_and_goals', 'learning_goals'])
    expect(headingSections('What we want to achieve')).toEqual(['purpose_and_goals'])
    expect(headingSections('Det vi vill lära oss')).toEqual(['learning_goals'])
  })

  it('does not take what we know about the target group for follow-up', () => {
    expect(headingSections('Det vet vi om målgruppen')).not.toContain('follow_up_evaluation')
  })

  it('does not read "Why IOP?" as the background', () => {
    expect(headingSections('Varför IOP?')).toEqual(['legal_basis'])
    expect(headingSections('Why an IOP')).toEqual(['legal_basis'])
  })
})

describe('content cues by stem', () => {
  it.each([
    ['The Association shall operate the walk-in centre four days per week.', 'activities'],
    ['The Municipality will provide counselling for women referred by the centre.', 'activities'],
    ['Läxhjälpen genomförs av föreningen två kvällar i veckan.', 'activities'],
    ['Värmestugan drivs av församlingens volontärer.', 'activities'],
    ['This Agreement shall enter into force on 1 January 2026 and shall remain in force until 31 December 2029.', 'duration'],
    ['Överenskommelsen träder i kraft den 1 januari 2026.', 'duration'],
    ['The Agreement, including its budget and objectives, shall be reviewed by the Parties in November of each year.', 'renegotiation'],
    ['Överenskommelsen gäller ungdomar mellan 13 och 20 år som vistas i centrum på kvällar.', 'societal_challenge'],
    ['The beneficiaries of this Agreement are women aged 18 and over.', 'societal_challenge'],
    ['A reference group of women who have received support meets twice a year and advises the steering committee.', 'target_group_involvement'],
    ['En referensgrupp med unga träffas varje termin och lämnar förslag till styrgruppen.', 'target_group_involvement'],
    ['För Lönnby kommun, socialchef: ______________________', 'signatures'],
    // Prose without headings: the activity with an adverb, the risk in the definite form, the target group's say.
    ['Föreningen ansvarar också för bokningstelefonen och utbildar chaufförerna.', 'activities'],
    ['Den största risken är att regionen drar in sitt bidrag efter valet.', 'risk_and_crunch_questions'],
    ['En gång per år, på byastämman i mars, får resenärer lämna synpunkter på turer och hållplatser.', 'target_group_involvement'],
    ['Två gånger per år bjuder föreningen in dem som har fått stöd till en brukarträff.', 'target_group_involvement'],
    ['Every spring the residents give feedback on the house rules at an open meeting.', 'target_group_involvement'],
    ['A house meeting for all adult residents is held every month.', 'target_group_involvement'],
    ['The association keeps statistics on the number of trips and passengers.', 'follow_up_evaluation'],
    ['Föreningen för statistik över antal besök och sammanställer den varje kvartal.', 'follow_up_evaluation'],
    ['If the parties disagree, the matter is first raised in the steering group.', 'dispute_resolution'],
    ['Om parterna blir oense tas frågan först upp i styrgruppen.', 'dispute_resolution'],
    ['Målgruppen för partnerskapet är äldre i byarna som saknar bil.', 'societal_challenge'],
    ['The municipality pays SEK 420,000 per year to the association.', 'budget_and_resources'],
    ['The bus is driven by volunteer drivers on fixed routes.', 'activities'],
    ['Bussen körs av ideella chaufförer på fasta turer.', 'activities'],
  ])('%s → %s', (text, id) => {
    expect(blockOf(text, text.slice(0, 12)).cues).toContain(id)
  })

  it("does not take an outcome survey for the target group's say", () => {
    expect(blockOf('I enkäten i september får deltagarna tycka till om hur nöjda de var.', 'I enkäten').cues).not.toContain('target_group_involvement')
    expect(blockOf('In the survey every December the participants give feedback on how satisfied they were.', 'In the survey').cues).not.toContain('target_group_involvement')
  })

  it('does not take a lead-in starting with "för att" for a signature line', () => {
    expect(blockOf('För att nå målen gör vi följande: ______', 'För att').cues).not.toContain('signatures')
  })
})

describe('drafting notes', () => {
  it.each([
    'Sections on risks, disputes and data still to be written.',
    'Avsnitten om risker och tvister skrivs senare.',
    'Risks and disputes: to follow.',
    'Tvister och personuppgifter – vi återkommer med text.',
  ])('"%s" carries no section content', (note) => {
    const b = blockOf(note, note.slice(0, 8))
    expect(b.cues).toEqual([])
    expect(b.placeholderOnly).toBe(true)
  })

  it.each([
    ['Föreningen Läxhjälpen: learn to follow up volunteers’ work systematically.', 'follow_up_evaluation'],
    ['Föreningen återkommer med en skriftlig uppföljning till styrgruppen varje år.', 'follow_up_evaluation'],
  ])('"%s" is content, not a note', (text, section) => {
    const b = blockOf(text, text.slice(0, 8))
    expect(b.placeholderOnly).toBe(false)
    expect(b.sentences.length).toBeGreaterThan(0)
    expect(b.cues).toContain(section)
  })

  it('keeps the content sentences of a block and drops only the note', () => {
    const b = blockOf('Tvister avgörs av allmän domstol. Risker skrivs senare.', 'Tvister')
    expect(b.cues).toEqual(['dispute_resolution'])
    expect(b.cues).not.toContain('risk_and_crunch_questions')
  })

  it('leaves a section missing when only a drafting note mentions it', () => {
    const md =
      '# IOP\n\n*Working draft. Sections on risks and disputes still to be written.*\n\n## Parties\n\nThe agreement is entered into between Northfield Municipality and the Northfield Youth Club.\n'
    const report = validateMd(md, { lang: 'en' })
    expect(section(report, 'risk_and_crunch_questions').status).toBe('missing')
    expect(section(report, 'dispute_resolution').status).toBe('missing')
  })
})

describe('learning goals found by their words', () => {
  const base = (extra: string) =>
    `# IOP\n\n## Parties\n\nThe agreement is entered into between Northfield Municipality (the Municipality) and Northfield Music Association (the Association).\n\n## Purpose\n\n${extra}\n`
  it('does not take the target group learning for a shared learning goal', () => {
    const r = validateMd(base('The purpose is to give every child the chance to learn and play an instrument together with others.'), { lang: 'en' })
    expect(section(r, 'learning_goals').checks!.find((c) => c.code === 'LG1')!.verdict).toBe('unmet')
  })
  it('takes the parties as learners for one', () => {
    const r = validateMd(base('Together we want to learn how music groups can reach children who do not take part in leisure activities.'), { lang: 'en' })
    expect(section(r, 'learning_goals').checks!.find((c) => c.code === 'LG1')!.verdict).toBe('met')
  })
})

describe('linear time on long input', () => {
  it.each([
    ['a long line of heading words', (n: number) => 'Clause 1 – ' + 'what we want to learn '.repeat(n)],
    ['a long Markdown heading of heading words', (n: number) => '## ' + 'what we want to learn vad vi vill lära oss '.repeat(n) + '\n\nText.'],
    ['a long near-drafting-note', (n: number) => 'still to be '.repeat(n) + 'x'],
    ['a long reference-group sentence without a verb', (n: number) => 'the reference group '.repeat(n)],
    ['a long agreement sentence without a review verb', (n: number) => 'the agreement, '.repeat(n)],
    ['a long signature-like line', (n: number) => 'För ' + 'kommun, '.repeat(n) + '____'],
    ['a long sentence of people nouns without a verb of their say', (n: number) => '## Voice\n\n' + 'participants residents deltagarna '.repeat(n) + '.'],
    ['a long sentence of seat verbs without a group', (n: number) => '## Voice\n\n' + 'participants sit in the take part in '.repeat(n) + '.'],
    ['a long risk list of numbered clauses', (n: number) => '## Risks\n\n' + '11.2 vandalism. '.repeat(n) + '\n\n11.1 risk. Mitigation: x.'],
    ['a long purpose sentence of deadline markers without a year', (n: number) => '## Purpose\n\nThe goal is ' + 'by the end of '.repeat(n) + '.'],
  ])('%s', (_name, make) => {
    const small = make(2_500)
    const large = make(10_000)
    const ts = bestCpuMs(() => validateMd(small, { lang: 'en' }))
    const tl = bestCpuMs(() => validateMd(large, { lang: 'en' }))
    // Four times the text may take at most about four times as long (with room for noise), never 16.
    expect(tl).toBeLessThan(Math.max(8 * ts, 200))
  })
})
