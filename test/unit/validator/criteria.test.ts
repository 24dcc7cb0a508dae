import { describe, expect, it } from 'vitest'
import type { SectionId } from '../../../schema/sections.ts'
import { fixture, section, validateMd, withSections } from './helpers.ts'

/**
 * Every MUST criterion of SECTIONS.md §3 with a passing and a failing draft. Each case rewrites one or
 * two sections of a complete Swedish draft (fixtures/validator/sv-complete-informal.md, whose headings are
 * informal on purpose), so a failure can only come from the rewritten text.
 */
const BASE = fixture('sv-complete-informal.md')

interface Case {
  code: string
  id: SectionId
  pass: Record<string, string>
  fail: Record<string, string>
}

const H = {
  parties: 'Vilka är vi?',
  challenge: 'Varför behövs partnerskapet?',
  purpose: 'Vad vill vi åstadkomma?',
  activities: 'Vad gör vi?',
  budget: 'Pengar och annat vi bidrar med',
  governance: 'Hur vi styr och träffas',
  learning: 'Det här vill vi lära oss',
  followUp: 'Hur vet vi att det fungerar?',
  voice: 'Barnens röst',
  risks: 'Vad kan gå fel?',
  review: 'Översyn',
  duration: 'Hur länge gäller överenskommelsen?',
  exit: 'Om vi vill sluta',
  legal: 'Varför IOP?',
  disputes: 'Om vi inte är överens',
  data: 'Personuppgifter och sekretess',
  signatures: 'Underskrifter',
}

const GOVERNANCE_OK = `Partnerskapet leds av en styrgrupp med två företrädare från varje part. Gemensamma frågor avgörs i samförstånd; över sina egna verksamheter beslutar varje part själv. Det dagliga arbetet planeras av en samverkansgrupp med verksamhetsledaren och skolans kurator.

Styrgruppen möts fyra gånger per år.`

const CASES: Case[] = [
  {
    code: 'PM1',
    id: 'parties_and_mandates',
    pass: {
      [H.parties]:
        'Överenskommelsen ingås mellan Exempelby kommun, genom socialnämnden, och Föreningen Läxhjälpen Kronan, ideell förening. Exempelby kommun företräds av socialchefen enligt delegationsordningen. Föreningen Läxhjälpen Kronan företräds av ordföranden enligt styrelsebeslut 2025-03-12.',
    },
    fail: { [H.parties]: 'Parter i denna överenskommelse är Exempelby kommun, genom socialnämnden. Exempelby kommun företräds av socialchefen enligt delegationsordningen.' },
  },
  {
    code: 'PM2',
    id: 'parties_and_mandates',
    pass: {
      [H.parties]:
        '| Part | Företrädare | Mandat |\n|---|---|---|\n| Exempelby kommun | Socialchef | Delegationsordning 4.2 |\n| Föreningen Läxhjälpen Kronan | Ordförande | Styrelsebeslut 2025-03-12 |',
    },
    fail: {
      [H.parties]:
        'Parter i denna överenskommelse är Exempelby kommun och Region Exempel. Exempelby kommun företräds av socialchefen enligt delegationsordningen. Region Exempel företräds av regiondirektören enligt regionstyrelsens beslut.',
    },
  },
  {
    code: 'PM3',
    id: 'parties_and_mandates',
    pass: {
      [H.parties]:
        'Parter är Exempelby kommun och Föreningen Läxhjälpen Kronan, ideell förening. Kommunen företräds av socialchefen med stöd av delegationsordningen. Föreningen företräds av ordföranden enligt styrelsebeslut.',
    },
    fail: { [H.parties]: 'Parter är Exempelby kommun och Föreningen Läxhjälpen Kronan, ideell förening. Kommunen företräds av socialchefen och föreningen av sin ordförande.' },
  },
  {
    code: 'SC1',
    id: 'societal_challenge',
    pass: {
      [H.challenge]:
        'Målgruppen är familjer i Kronan med barn i grundskolan. År 2024 var andelen med gymnasiebehörighet 62 procent, jämfört med 86 procent i hela kommunen. Trångboddhet och svag kontakt mellan hem och skola är viktiga orsaker.',
    },
    fail: {
      [H.challenge]:
        'Skolresultaten i stadsdelen Kronan är låga. År 2024 var andelen med gymnasiebehörighet 62 procent, jämfört med 86 procent i hela kommunen. Trångboddhet och svag kontakt mellan hem och skola är viktiga orsaker.',
    },
  },
  {
    code: 'SC2',
    id: 'societal_challenge',
    pass: {
      [H.challenge]:
        'Partnerskapet riktar sig till barn i Kronan. Där lämnar var tredje elev grundskolan utan gymnasiebehörighet, och många familjer saknar möjlighet att hjälpa till med läxorna eftersom föräldrarna arbetar kvällar.',
    },
    fail: { [H.challenge]: 'Partnerskapet riktar sig till barn i Kronan.' },
  },
  {
    code: 'PG1',
    id: 'purpose_and_goals',
    pass: { [H.purpose]: 'Partnerskapet syftar till att fler barn ska klara skolan. Andelen med gymnasiebehörighet ska öka till 75 procent senast 2028.' },
    fail: { [H.purpose]: '- Andelen elever med gymnasiebehörighet ska öka till 75 procent senast 2028.' },
  },
  {
    code: 'PG2',
    id: 'purpose_and_goals',
    pass: { [H.purpose]: 'Syftet med partnerskapet är att fler barn ska klara skolan. Målet är att halvera andelen elever utan gymnasiebehörighet.' },
    fail: { [H.purpose]: 'Syftet med partnerskapet är att fler barn ska klara skolan och ha en meningsfull fritid.' },
  },
  {
    code: 'AC1',
    id: 'activities',
    pass: { [H.activities]: 'Föreningen driver läxhjälp två kvällar i veckan. Kostnaderna för läxhjälpen bokförs av föreningen.' },
    fail: { [H.activities]: 'Fylls i senare.' },
  },
  {
    code: 'AC2',
    id: 'activities',
    pass: { [H.activities]: '- Föreningen: läxhjälp två kvällar i veckan.\n- Kommunen: samordning med elevhälsan.\n\nVarje part bokför sina egna kostnader.' },
    fail: { [H.activities]: '- Läxhjälp två kvällar i veckan.\n- Fritidsaktiviteter på lov.\n\nKostnaderna för läxhjälpen och fritidsaktiviteterna bokförs av föreningen.' },
  },
  {
    code: 'OC1',
    id: 'ownership_and_costs',
    pass: { [H.activities]: '| Verksamhet | Utförs av | Bokförs av |\n|---|---|---|\n| Läxhjälp | Föreningen | Föreningen |\n| Lovaktiviteter | Föreningen och kommunen | Kommunen |' },
    fail: { [H.activities]: '| Verksamhet | Utförs av | Bokförs av |\n|---|---|---|\n| Läxhjälp | Föreningen | Föreningen |\n| Lovaktiviteter | Föreningen och kommunen | Bestäms senare |' },
  },
  {
    code: 'OC2',
    id: 'ownership_and_costs',
    pass: { [H.activities]: '| Verksamhet | Utförs av | Kostnadsansvar |\n|---|---|---|\n| Läxhjälp | Föreningen | Föreningen Läxhjälpen Kronan |' },
    fail: { [H.activities]: '| Verksamhet | Utförs av | Kostnadsansvar |\n|---|---|---|\n| Läxhjälp | Föreningen | Studieförbundet Vuxenskolan |' },
  },
  {
    code: 'BR1',
    id: 'budget_and_resources',
    pass: { [H.budget]: 'Kommunen tillskjuter totalt 1 950 000 kr under avtalsperioden. Föreningen bidrar med cirka 1 500 ideella timmar per år.' },
    fail: { [H.budget]: 'Kommunen bidrar med lokaler i skolan. Föreningen bidrar med cirka 1 500 ideella timmar per år.' },
  },
  {
    code: 'BR2',
    id: 'budget_and_resources',
    pass: { [H.budget]: 'Exempelby kommun betalar ut 650 000 kr per år till föreningen. Föreningen står för lokalen i Kronans centrum.' },
    fail: { [H.budget]: 'Exempelby kommun betalar ut 650 000 kr per år till föreningen.' },
  },
  {
    code: 'BR3',
    id: 'budget_and_resources',
    pass: { [H.budget]: 'Exempelby kommun betalar ut 650 000 kr per år. Föreningen bidrar med ideell tid. [Kommentar: antalet timmar stäms av.]' },
    fail: { [H.budget]: 'XX kr per år. [Kommentar: beloppen stäms av med ekonomichefen]' },
  },
  {
    code: 'GV1',
    id: 'governance',
    pass: { [H.governance]: GOVERNANCE_OK },
    fail: {
      [H.governance]:
        'En styrgrupp med företrädare för kommunen leder arbetet. Gemensamma frågor avgörs i samförstånd. En samverkansgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
    },
  },
  {
    code: 'GV2',
    id: 'governance',
    pass: { [H.governance]: GOVERNANCE_OK, [H.voice]: 'Ett barnråd med deltagare träffas varje termin och lämnar synpunkter på verksamheten.' },
    fail: {
      [H.governance]: 'Partnerskapet leds av en styrgrupp med två företrädare från varje part. Gemensamma frågor avgörs i samförstånd. Styrgruppen möts fyra gånger per år.',
      [H.voice]: 'Ett barnråd med deltagare träffas varje termin och lämnar synpunkter på verksamheten.',
    },
  },
  {
    code: 'GV3',
    id: 'governance',
    pass: {
      [H.governance]:
        'Styrgruppen består av två företrädare från varje part och fattar sina beslut i konsensus. Samordnarna från båda parter utgör en arbetsgrupp. Styrgruppen möts fyra gånger per år.',
    },
    fail: { [H.governance]: 'Styrgruppen består av två företrädare från varje part. Samordnarna från båda parter utgör en arbetsgrupp. Styrgruppen möts fyra gånger per år.' },
  },
  {
    code: 'GV4',
    id: 'governance',
    pass: { [H.governance]: GOVERNANCE_OK + '\n\nI styrgruppen ingår utbildningsnämnden, som ansvarar för budgeten för samordningen med skolan.' },
    fail: { [H.governance]: GOVERNANCE_OK + '\n\nUtbildningsnämnden ansvarar för budgeten för samordningen med skolan.' },
  },
  {
    code: 'MC1',
    id: 'meeting_cadence',
    pass: { [H.governance]: GOVERNANCE_OK.replace('Styrgruppen möts fyra gånger per år.', 'Vi träffas i styrgruppen varje kvartal.') },
    fail: { [H.governance]: GOVERNANCE_OK.replace('Styrgruppen möts fyra gånger per år.', 'Samverkansgruppen träffas varannan vecka.') },
  },
  {
    code: 'LG1',
    id: 'learning_goals',
    pass: {
      [H.learning]:
        'Parterna vill tillsammans lära sig hur skola och förening kan samarbeta.\n\nKommunen vill lära sig att nå familjer via föreningen. Föreningen vill lära sig att följa upp sin verksamhet.',
    },
    fail: { [H.learning]: 'Kommunen vill lära sig att nå familjer via föreningen. Föreningen vill lära sig att följa upp sin verksamhet.' },
  },
  {
    code: 'LG2',
    id: 'learning_goals',
    pass: {
      [H.learning]:
        '### Gemensamma lärandemål\n\nHur skola och civilsamhälle kan dela ansvar.\n\n### Kommunens lärandemål\n\nAtt nå familjer via föreningens nätverk.\n\n### Föreningens lärandemål\n\nAtt dokumentera verksamheten systematiskt.',
    },
    fail: { [H.learning]: 'Parterna vill tillsammans lära sig hur skola och förening kan samarbeta. Kommunen vill lära sig att nå familjer via föreningen.' },
  },
  {
    code: 'FU1',
    id: 'follow_up_evaluation',
    pass: { [H.followUp]: 'Styrgruppen följer gemensamt upp andelen deltagare som når målen, i juni och december varje år.' },
    fail: { [H.followUp]: 'Styrgruppen går igenom arbetet gemensamt i juni och december varje år.' },
  },
  {
    code: 'FU2',
    id: 'follow_up_evaluation',
    pass: { [H.followUp]: 'Parterna följer gemensamt upp målen med skolans statistik varje halvår.' },
    fail: { [H.followUp]: 'Parterna följer upp målen med hjälp av skolans statistik. Föreningen sammanställer underlaget och styrgruppen analyserar det gemensamt.' },
  },
  {
    code: 'FU3',
    id: 'follow_up_evaluation',
    pass: { [H.followUp]: 'Föreningen sammanställer antalet deltagare varje år och resultaten diskuteras på styrgruppens möte i december.' },
    fail: { [H.followUp]: 'Föreningen redovisar antalet deltagare till kommunen varje år.' },
  },
  {
    code: 'TG1',
    id: 'target_group_involvement',
    pass: { [H.voice]: 'Två elever från barnrådet har plats i samverkansgruppen och deltar i varje möte.' },
    fail: { [H.voice]: 'Deltagarna svarar på en enkät om hur nöjda de är varje termin.' },
  },
  {
    code: 'TG2',
    id: 'target_group_involvement',
    pass: { [H.voice]: 'Ett barnråd med deltagare lämnar synpunkter på verksamhetens utformning två gånger per termin.' },
    fail: { [H.voice]: 'Ett barnråd med deltagare lämnar synpunkter på verksamhetens utformning.' },
  },
  {
    code: 'RK1',
    id: 'risk_and_crunch_questions',
    pass: { [H.risks]: '- Om kommunens budget minskar prövar styrgruppen verksamhetens omfattning.\n- Om ideella läxhjälpare slutar rekryterar föreningen nya via högskolan.' },
    fail: { [H.risks]: '- Om kommunens budget minskar prövar styrgruppen verksamhetens omfattning.' },
  },
  {
    code: 'RK2',
    id: 'risk_and_crunch_questions',
    pass: { [H.risks]: '| Risk | Hantering |\n|---|---|\n| Statsbidraget minskar | Styrgruppen prövar omfattningen |\n| Brist på läxhjälpare | Föreningen rekryterar via högskolan |' },
    fail: { [H.risks]: '| Risk | Hantering |\n|---|---|\n| Statsbidraget minskar | Styrgruppen prövar omfattningen |\n| Brist på läxhjälpare | |' },
  },
  {
    code: 'RK3',
    id: 'risk_and_crunch_questions',
    pass: { [H.risks]: '- Om ny lagstiftning ändrar skolans ansvar kallar styrgruppen till extra möte.\n- Om verksamhetsledaren slutar rekryterar föreningen en ersättare.' },
    fail: { [H.risks]: '- Om ideella läxhjälpare slutar rekryterar föreningen nya via högskolan.\n- Om verksamhetsledaren slutar rekryterar föreningen en ersättare.' },
  },
  {
    code: 'RN1',
    id: 'renegotiation',
    pass: { [H.review]: 'Överenskommelsen omförhandlas senast den 30 april varje år.' },
    fail: { [H.review]: 'Ändringar i överenskommelsen ska vara skriftliga och undertecknas av alla parter. Parterna kan omförhandla överenskommelsen vid behov.' },
  },
  {
    code: 'DU1',
    id: 'duration',
    pass: { [H.duration]: 'Överenskommelsen gäller från 1 januari 2026 och löper i tre år.' },
    fail: { [H.duration]: 'Överenskommelsen gäller från det att den har undertecknats av alla parter.' },
  },
  {
    code: 'DU2',
    id: 'duration',
    pass: { [H.duration]: 'Överenskommelsen gäller från och med 2026-01-01 till och med 2028-12-31. Den förlängs inte automatiskt.' },
    fail: { [H.duration]: 'Överenskommelsen gäller från och med 2026-01-01 till och med 2028-12-31 och kan därefter förlängas.' },
  },
  {
    code: 'TE1',
    id: 'termination',
    pass: { [H.exit]: 'Överenskommelsen kan sägas upp med 90 dagars varsel. Pågående deltagare lotsas vidare till annat stöd. Varje part bär sina egna kostnader för personal och lokaler.' },
    fail: {
      [H.exit]:
        'Vill en part lämna partnerskapet tar parterna fram en avvecklingsplan som visar hur pågående deltagare lotsas vidare till annat stöd. Varje part bär sina egna kostnader för personal och lokaler.',
    },
  },
  {
    code: 'TE2',
    id: 'termination',
    pass: { [H.exit]: 'Uppsägningstiden är sex månader. Deltagarna får avsluta terminen. Varje part bär sina egna kostnader för personal och lokaler.' },
    fail: { [H.exit]: 'Uppsägningstiden är sex månader. Varje part bär sina egna kostnader för personal och lokaler.' },
  },
  {
    code: 'TE3',
    id: 'termination',
    pass: { [H.exit]: 'Uppsägningstiden är sex månader. Deltagarna får avsluta terminen. Kommunen ersätter hyran för lokalen under högst tre månader efter uppsägningstidens slut.' },
    fail: { [H.exit]: 'Uppsägningstiden är sex månader. Deltagarna får avsluta terminen.' },
  },
  {
    code: 'LB1',
    id: 'legal_basis',
    pass: {
      [H.legal]:
        'Parterna väljer IOP eftersom verksamheten bygger på föreningens ideella engagemang. Kommunen köper ingen tjänst enligt LOU, eftersom innehållet beslutas gemensamt. Verksamheten är icke-ekonomisk och utgör inte statsstöd.',
    },
    fail: { [H.legal]: 'Parterna föredrar IOP. Kommunen köper ingen tjänst enligt LOU, eftersom innehållet beslutas gemensamt. Verksamheten är icke-ekonomisk och utgör inte statsstöd.' },
  },
  {
    code: 'LB2',
    id: 'legal_basis',
    pass: {
      [H.legal]:
        'Parterna väljer IOP eftersom verksamheten bygger på ideellt engagemang. Det finns ingen marknad av kommersiella aktörer, och överenskommelsen är därför inte en upphandling. Stödet är av mindre betydelse (de minimis).',
    },
    fail: { [H.legal]: 'Parterna väljer IOP eftersom verksamheten bygger på ideellt engagemang. Stödet är av mindre betydelse (de minimis).' },
  },
  {
    code: 'LB3',
    id: 'legal_basis',
    pass: {
      [H.legal]:
        'Parterna väljer IOP eftersom verksamheten bygger på ideellt engagemang. Överenskommelsen är inte ett köp enligt LOU eftersom båda parter medfinansierar. Verksamheten är icke-ekonomisk.',
    },
    fail: { [H.legal]: 'Parterna väljer IOP eftersom verksamheten bygger på ideellt engagemang. Överenskommelsen är inte ett köp enligt LOU eftersom båda parter medfinansierar.' },
  },
  {
    code: 'DR1',
    id: 'dispute_resolution',
    pass: { [H.disputes]: 'Tvister tas först upp i styrgruppen och prövas därefter av allmän domstol.' },
    fail: { [H.disputes]: 'Oenighet löses i styrgruppen.' },
  },
  {
    code: 'PD1',
    id: 'personal_data',
    pass: { [H.data]: 'Kommunen är personuppgiftsansvarig för uppgifter om deltagarna. Föreningens ideella har tystnadsplikt.' },
    fail: { [H.data]: 'Föreningens ideella har tystnadsplikt.' },
  },
  {
    code: 'SG1',
    id: 'signatures',
    pass: { [H.signatures]: 'För Exempelby kommun: ort och datum ______, socialnämndens ordförande\n\nFör Föreningen Läxhjälpen Kronan: ort och datum ______, ordförande' },
    fail: { [H.signatures]: 'För Exempelby kommun: ort och datum ______, socialnämndens ordförande' },
  },
]

describe('MUST criteria (SECTIONS.md §3)', () => {
  it('the base draft passes every criterion', () => {
    const report = validateMd(BASE)
    for (const s of report.sections.filter((x) => x.id !== 'target_group_involvement')) expect([s.id, s.status, s.criteria]).toEqual([s.id, 'present', []])
  })

  it('covers every criterion code', () => {
    expect(CASES.map((c) => c.code).sort()).toEqual(
      'PM1 PM2 PM3 SC1 SC2 PG1 PG2 AC1 AC2 OC1 OC2 BR1 BR2 BR3 GV1 GV2 GV3 GV4 MC1 LG1 LG2 FU1 FU2 FU3 TG1 TG2 RK1 RK2 RK3 RN1 DU1 DU2 TE1 TE2 TE3 LB1 LB2 LB3 DR1 PD1 SG1'.split(' ').sort(),
    )
  })

  for (const c of CASES) {
    it(`${c.code} (${c.id}) passes`, () => {
      const result = section(validateMd(withSections(BASE, c.pass)), c.id)
      expect(result.criteria).not.toContain(c.code)
    })
    it(`${c.code} (${c.id}) fails`, () => {
      const result = section(validateMd(withSections(BASE, c.fail)), c.id)
      expect(result.status).toBe('incomplete')
      expect(result.criteria).toContain(c.code)
      expect(result.message).toMatch(/ofullständigt/)
    })
  }
})
