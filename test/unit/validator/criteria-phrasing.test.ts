import { describe, expect, it } from 'vitest'
import type { SectionId } from '../../../schema/sections.ts'
import { stemOf } from '../../../schema/validator/criteria.ts'
import { unitsIn } from '../../../schema/validator/parties.ts'
import { fixture, section, validateMd, withSections } from './helpers.ts'

/**
 * Classes of phrasing the criterion checks must read beyond their word lists: inflected forms by stem,
 * the target group's own people nouns, invitations as channels of influence, modal consequences as
 * risks classified by their subject, working bodies by suffix and decisions by reference. Each case
 * rewrites one section of the complete Swedish draft; the English forms are in rule-examples.ts.
 */
const BASE = fixture('sv-complete-informal.md')
const H = {
  parties: 'Vilka är vi?',
  challenge: 'Varför behövs partnerskapet?',
  governance: 'Hur vi styr och träffas',
  followUp: 'Hur vet vi att det fungerar?',
  voice: 'Barnens röst',
  risks: 'Vad kan gå fel?',
  exit: 'Om vi vill sluta',
}
const EXIT_REST = ' Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för sin personal.'

const criteriaOf = (id: SectionId, replacements: Record<string, string>) => section(validateMd(withSections(BASE, replacements)), id).criteria

describe('criterion checks read classes of phrasing, not listed forms', () => {
  it('word stems: inflected forms match like their base form', () => {
    expect(['andelen', 'andelar', 'antalet'].map(stemOf)).toEqual(['andel', 'andel', 'antal'])
    expect(stemOf('hushållen')).toBe(stemOf('hushållet'))
    expect(stemOf('resenärerna')).toBe(stemOf('resenärer'))
    expect(stemOf('barn')).toBe('barn')
  })

  it('FU1: "andelen", "antalet" and counting verbs are what is followed up', () => {
    const pass = 'Vi räknar deltagare vid varje träff och tar fram andelen elever med behörighet. Föreningen sammanställer siffrorna och styrgruppen går igenom dem gemensamt i juni.'
    const fail = 'Föreningen berättar om hur det har gått. Styrgruppen pratar om det gemensamt i juni.'
    expect(criteriaOf('follow_up_evaluation', { [H.followUp]: pass })).not.toContain('FU1')
    expect(criteriaOf('follow_up_evaluation', { [H.followUp]: fail })).toContain('FU1')
  })

  it('TE2: the people the agreement names as its target group are participants', () => {
    const exit = 'Uppsägningstiden är sex månader. Lantbrukare som har en rådgivare får slutföra rådgivningen.' + EXIT_REST
    const farmers = 'Målgruppen är lantbrukare i Kronan som har svårt att klara omställningen. År 2024 lade 40 procent av gårdarna ned, eftersom priserna har fallit.'
    const fishers = 'Målgruppen är fiskare i Kronan som har svårt att klara omställningen. År 2024 lade 40 procent av båtarna upp, eftersom kvoterna har minskat.'
    expect(criteriaOf('termination', { [H.challenge]: farmers, [H.exit]: exit })).not.toContain('TE2')
    // The same words about people the agreement does not serve say nothing about its participants.
    expect(criteriaOf('termination', { [H.challenge]: fishers, [H.exit]: exit })).toContain('TE2')
    // Listed people nouns in their inflected forms: households transferred elsewhere.
    const households = 'Uppsägningstiden är sex månader. Hushåll som har en ekonomivän får behålla kontakten tills hushållet har överförts till kommunens rådgivning.' + EXIT_REST
    expect(criteriaOf('termination', { [H.exit]: households })).not.toContain('TE2')
  })

  it('TG1/TG2: being invited to a conversation twice a year is a channel with a rhythm', () => {
    const pass = 'Två gånger om året bjuds barn som gått i läxhjälpen in till ett samtal om hur den kan bli bättre. Synpunkterna tas upp på styrgruppens nästa möte.'
    const fail = 'Barnens synpunkter är viktiga för parterna och ska tas tillvara.'
    expect(criteriaOf('target_group_involvement', { [H.voice]: pass })).toEqual([])
    expect(criteriaOf('target_group_involvement', { [H.voice]: fail })).toEqual(expect.arrayContaining(['TG1', 'TG2']))
  })

  it('RK1–RK3: modal consequences in lettered paragraphs are risks, external by their subject', () => {
    const pass =
      'a) Förändrade prioriteringar i regionens budget kan innebära att handledningen upphör. Frågan behandlas då i styrgruppen.\n\nb) Antalet barn som behöver stöd kan variera kraftigt mellan åren. Föreningen anpassar antalet grupper efter behovet.'
    const unhandled = 'a) Nya regler från staten kan innebära att bidraget upphör.\n\nb) Antalet barn som behöver stöd kan variera kraftigt mellan åren.'
    expect(criteriaOf('risk_and_crunch_questions', { [H.risks]: pass })).toEqual([])
    expect(criteriaOf('risk_and_crunch_questions', { [H.risks]: unhandled })).toContain('RK2')
    // A budget frame cut by the assembly and a shrinking cohort are external; a volunteer leaving is not.
    const frame = 'Om kommunfullmäktige minskar socialnämndens ram kan kvällstiden dras in; parterna tar då upp en ny fördelning i styrgruppen. Om en läxhjälpare slutar ersätter föreningen henne.'
    const internal = 'Om en läxhjälpare slutar ersätter föreningen henne. Om lokalen är upptagen flyttar vi träffen till biblioteket.'
    expect(criteriaOf('risk_and_crunch_questions', { [H.risks]: frame })).not.toContain('RK3')
    expect(criteriaOf('risk_and_crunch_questions', { [H.risks]: internal })).toContain('RK3')
  })

  it('GV2: any working body named "…grupp" is an operational level; the steering group alone is not', () => {
    const gov = (extra: string) =>
      `Partnerskapet leds av en styrgrupp med två företrädare från varje part. Gemensamma frågor avgörs i samförstånd; över sina egna verksamheter beslutar varje part själv.${extra}\n\nStyrgruppen möts fyra gånger per år.`
    const voice = 'Ett barnråd med deltagare i läxhjälpen träffas varje termin och lämnar synpunkter på verksamhetens utformning.'
    expect(criteriaOf('governance', { [H.voice]: voice, [H.governance]: gov(' Det finns också en planeringsgrupp med en fritidskonsulent och föreningens två utvecklare.') })).not.toContain('GV2')
    expect(criteriaOf('governance', { [H.voice]: voice, [H.governance]: gov('') })).toContain('GV2')
  })

  it('PM3: a dated committee assignment with a minute number is a mandate', () => {
    const base = 'Parter är Exempelby kommun och Föreningen Läxhjälpen Kronan, ideell förening. Föreningen företräds av ordföranden enligt styrelsebeslut.'
    expect(criteriaOf('parties_and_mandates', { [H.parties]: `${base} Kommunen skriver under genom socialchefen, som har fått uppdraget av socialnämnden den 9 oktober 2025, § 61.` })).not.toContain(
      'PM3',
    )
    expect(criteriaOf('parties_and_mandates', { [H.parties]: `${base} Kommunen skriver under genom socialchefen.` })).toContain('PM3')
  })

  it('units by suffix: "…enheten", "…mottagningen", "… clinic", not "lägenheten" or "per unit"', () => {
    expect(unitsIn('handläggare vid försörjningsstödsenheten beslutar')).toEqual(['försörjningsstödsenhet'])
    expect(unitsIn('ungdomsmottagningen remitterar')).toEqual(['ungdomsmottagning'])
    expect(unitsIn('the adult psychiatry clinic refers')).toEqual(['psychiatry clinic'])
    expect(unitsIn('en träningslägenhet per person och en enhet')).toEqual([])
    expect(unitsIn('the fee per unit and the unit')).toEqual([])
  })

  it('RK2: a noun that only looks like a handling verb ("handledningen", "prioriteringar") handles nothing', () => {
    const unhandled = 'a) Förändrade prioriteringar i regionens budget kan innebära att handledningen upphör.\n\nb) Antalet barn som behöver stöd kan variera kraftigt mellan åren.'
    expect(criteriaOf('risk_and_crunch_questions', { [H.risks]: unhandled })).toContain('RK2')
  })
})

/** The same classes in English, on the complete English draft. */
const EN = fixture('en-clean-charity.md')
const EH = { parties: '1. Between whom', challenge: '2. The problem we are tackling', risks: '10. Risks', exit: '13. Ending the partnership' }
const enCriteriaOf = (id: SectionId, replacements: Record<string, string>) => section(validateMd(withSections(EN, replacements), { lang: 'en' }), id).criteria

describe('criterion checks in English read classes of phrasing', () => {
  it('TE2: the people named as the target group are participants', () => {
    const exit =
      "Either party may end the agreement with six months' notice. Crofters who have a mentor keep that contact until they are transferred to the municipal advice service. Each party bears its own costs for staff, premises and equipment."
    const crofters = 'The target group is crofters in Northfield who struggle to keep their holdings. In 2025, 40 % of them reported losses, because prices have fallen.'
    const anglers = 'The target group is anglers in Northfield who struggle to keep their boats. In 2025, 40 % of them reported losses, because quotas have fallen.'
    expect(enCriteriaOf('termination', { [EH.challenge]: crofters, [EH.exit]: exit })).not.toContain('TE2')
    expect(enCriteriaOf('termination', { [EH.challenge]: anglers, [EH.exit]: exit })).toContain('TE2')
  })

  it('RK1–RK3: modal consequences are risks, external by their subject', () => {
    const pass =
      'a) A smaller budget frame for the committee could lead to fewer meals. The steering group will then agree on a new allocation.\n\nb) The kitchen may be unavailable in summer. The municipality then offers a school kitchen.'
    expect(enCriteriaOf('risk_and_crunch_questions', { [EH.risks]: pass })).toEqual([])
    const internal = 'a) The kitchen may be unavailable in summer. The municipality then offers a school kitchen.\n\nb) A volunteer cook might leave. The food bank recruits a new one.'
    expect(enCriteriaOf('risk_and_crunch_questions', { [EH.risks]: internal })).toContain('RK3')
  })

  it('PM3: a minute reference is a mandate', () => {
    const base =
      'This partnership agreement is made between Northfield Municipality, through its Elderly Care Committee, and the Northfield Food Bank, a registered charity. The Northfield Food Bank is represented by its chair, authorised by a board resolution of 3 March 2026.'
    expect(
      enCriteriaOf('parties_and_mandates', { [EH.parties]: `${base} Northfield Municipality is represented by the Head of Elderly Care, as assigned by the committee on 9 October 2025, § 61.` }),
    ).not.toContain('PM3')
    expect(enCriteriaOf('parties_and_mandates', { [EH.parties]: `${base} Northfield Municipality is represented by the Head of Elderly Care.` })).toContain('PM3')
  })
})
