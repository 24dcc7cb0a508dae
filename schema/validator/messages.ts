import { isSectionId, sectionInfo, type SectionId } from '../sections.ts'
import type { MessageCode, MessageParams, WarningMessageCode, WarningRule } from './types.ts'

/** Every sentence the validator shows, in Swedish and English. */
export type Lang = 'sv' | 'en'
type Text = { sv: string; en: string }

/** What a failed MUST criterion asks for, phrased as what is missing. */
const CRITERION: Record<string, Text> = {
  PM1: { sv: 'minst två parter ska namnges', en: 'at least two parties must be named' },
  PM2: {
    sv: 'minst en part ska vara offentlig (kommun, region, myndighet) och minst en idéburen',
    en: 'at least one party must be public (municipality, region, agency) and at least one idea-driven',
  },
  PM3: {
    sv: 'för varje part ska det framgå vem som företräder den och med vilket mandat (delegation eller styrelsebeslut)',
    en: 'for each party, state who represents it and with what mandate (delegation or board decision)',
  },
  SC1: { sv: 'målgruppen behöver namnges', en: 'name the target group' },
  SC2: { sv: 'problemet eller behovet behöver beskrivas i sak, med lokala förhållanden, siffror eller orsaker', en: 'describe the problem or need in substance: local situation, figures or causes' },
  PG1: { sv: 'syftet med partnerskapet saknas', en: 'state the purpose of the partnership' },
  PG2: { sv: 'minst ett mål behöver gå att följa upp, med ett tal, en indikator eller ett datum', en: 'at least one goal needs a number, an indicator or a deadline so it can be followed up' },
  AC1: { sv: 'ingen verksamhet är beskriven', en: 'describe at least one activity' },
  AC2: { sv: 'varje verksamhet behöver ange vilken part som utför den', en: 'each activity must name the party that carries it out' },
  OC1: {
    sv: 'för varje verksamhet ska det anges vilken juridisk person som bokför kostnaderna och därmed äger verksamheten',
    en: 'for each activity, name the legal person that books its costs and therefore owns it',
  },
  OC2: { sv: 'den som bokför kostnaderna för en verksamhet ska vara en av parterna', en: 'the entity that books an activity’s costs must be one of the parties' },
  BR1: { sv: 'den offentliga partens ekonomiska bidrag ska anges med belopp och period', en: 'state the public financial contribution as an amount and a period' },
  BR2: {
    sv: 'den idéburna partens egen insats (pengar, lokaler, personal eller ideell tid) saknas, så överenskommelsen kan läsas som ett köp',
    en: 'the idea-driven party’s own contribution (money, premises, staff or volunteer time) is missing, so the agreement may read as a purchase',
  },
  BR3: { sv: 'avsnittet innehåller bara platshållare', en: 'the section holds only placeholders' },
  GV1: { sv: 'det behövs en gemensam styrgrupp där varje part är företrädd', en: 'a joint steering body with a member from every party is needed' },
  GV2: { sv: 'en operativ nivå saknas (samverkansgrupp, arbetsgrupp eller samordnande kontaktpersoner)', en: 'an operational level is missing (working group, coordination group or contact persons)' },
  GV3: {
    sv: 'en beslutsregel saknas, till exempel att gemensamma frågor avgörs i samförstånd och att varje part beslutar om sin egen verksamhet',
    en: 'a decision rule is missing, for example consensus on joint matters and each party deciding on its own activities',
  },
  GV4: {
    sv: 'en enhet som beslutar om anvisning, placering eller budget finns inte med i styrgruppen',
    en: 'a unit that decides on referrals, placements or budget is not represented in the steering body',
  },
  MC1: { sv: 'det behöver stå hur ofta styrgruppen möts', en: 'state how often the steering body meets' },
  LG1: { sv: 'minst ett gemensamt lärandemål saknas', en: 'at least one shared learning goal is missing' },
  LG2: { sv: 'varje part behöver ett eget lärandemål där parten namnges', en: 'each party needs its own learning goal, with the party named' },
  FU1: { sv: 'det framgår inte vad som följs upp (indikatorer eller frågor kopplade till målen)', en: 'say what is followed up: indicators or questions linked to the goals' },
  FU2: { sv: 'det framgår inte när uppföljningen görs (intervall eller datum)', en: 'say when follow-up takes place: an interval or dates' },
  FU3: {
    sv: 'det framgår inte att uppföljningen görs gemensamt, eller vem som sammanställer och i vilket forum resultaten diskuteras',
    en: 'say that follow-up is joint, or who compiles the data and in which joint forum results are discussed',
  },
  TG1: {
    sv: 'en konkret kanal för målgruppens inflytande saknas, till exempel ett råd eller platser i en grupp',
    en: 'a concrete channel for the target group’s influence is missing, such as a council or seats in a group',
  },
  TG2: { sv: 'det framgår inte hur ofta eller när kanalen används', en: 'say how often or when the channel is used' },
  RK1: { sv: 'minst två risker eller knäckfrågor behöver anges', en: 'name at least two risks or crunch questions' },
  RK2: { sv: 'varje risk behöver en hantering', en: 'each risk needs a way of handling it' },
  RK3: {
    sv: 'minst en yttre risk behöver finnas med (politik, lagstiftning, finansiering eller målgruppens storlek)',
    en: 'include at least one external risk: policy, law, funding or the size of the target group',
  },
  RN1: { sv: 'det behövs ett fast intervall eller datum då själva överenskommelsen ses över', en: 'set a fixed interval or dates for reviewing the agreement itself' },
  DU1: { sv: 'startdatum och slutdatum (eller startdatum och en fast längd) saknas', en: 'a start date and an end date (or a start date and a fixed length) are missing' },
  DU2: { sv: 'förlängningens längd och hur och när den beslutas behöver anges', en: 'state the length of an extension and how and when it is decided' },
  TE1: { sv: 'en uppsägningstid i månader eller dagar saknas', en: 'a notice period in months or days is missing' },
  TE2: { sv: 'det framgår inte hur pågående deltagare tas om hand vid avveckling', en: 'say how ongoing participants are handled during the wind-down' },
  TE3: {
    sv: 'det framgår inte vem som bär avvecklingskostnaderna för personal, lokaler, inventarier eller outnyttjade platser',
    en: 'say who bears wind-down costs: staff, premises, equipment and unused capacity',
  },
  LB1: { sv: 'minst ett konkret skäl till att IOP valdes framför upphandling eller bidrag saknas', en: 'give at least one concrete reason why IOP was chosen over procurement or a grant' },
  LB2: { sv: 'en bedömning mot upphandlingsreglerna (LOU) saknas', en: 'a procurement (LOU) assessment is missing' },
  LB3: { sv: 'en statsstödsbedömning saknas', en: 'a state-aid assessment is missing' },
  DR1: { sv: 'minst ett eskaleringssteg och ett slutligt forum (domstol eller medling) behöver anges', en: 'give at least one escalation step and a final forum (court or mediation)' },
  PD1: { sv: 'det behöver framgå vem som är personuppgiftsansvarig och hur sekretess och tystnadsplikt hanteras', en: 'say who is the data controller and how confidentiality is handled' },
  SG1: {
    sv: 'varje part behöver ett underskriftsblock med partens namn, företrädarens roll och datum, och inget block får gälla någon som inte är part',
    en: 'each party needs a signature block with its name, the signatory’s role and a date, and no block may name a non-party',
  },
}

/** Why a section matters, for the "missing" message. */
const WHY: Record<SectionId, Text> = {
  parties_and_mandates: { sv: 'det måste framgå vilka parterna är och vem som har mandat att binda dem', en: 'it must be clear who the parties are and who may bind them' },
  societal_challenge: { sv: 'en gemensam bild av utmaningen är grunden för partnerskapet', en: 'a shared picture of the challenge is the basis of the partnership' },
  purpose_and_goals: { sv: 'syfte och mål är det parterna äger och styr tillsammans', en: 'purpose and goals are what the parties own and steer together' },
  activities: { sv: 'det måste framgå vilka verksamheter som ingår och vem som utför dem', en: 'it must be clear which activities are included and who carries them out' },
  ownership_and_costs: { sv: 'den som bokför kostnaden äger verksamheten och har sista ordet', en: 'whoever books the cost owns the activity and has the final say' },
  budget_and_resources: { sv: 'båda parter ska bidra, annars kan överenskommelsen läsas som ett köp', en: 'both parties must contribute, or the agreement may read as a purchase' },
  governance: { sv: 'partnerskapet behöver en gemensam styrning där alla berörda är med', en: 'the partnership needs joint steering with everyone affected at the table' },
  meeting_cadence: { sv: 'kontinuitet i mötena bygger förtroende', en: 'continuity in meetings builds trust' },
  learning_goals: { sv: 'alla parter ska ha lärandemål, både gemensamma och egna', en: 'every party should have learning goals, shared and its own' },
  follow_up_evaluation: { sv: 'partnerskapet utvecklas genom gemensam uppföljning', en: 'the partnership develops through joint follow-up' },
  target_group_involvement: { sv: 'målgruppen bör ha inflytande över planering och styrning', en: 'the target group should influence planning and steering' },
  risk_and_crunch_questions: { sv: 'knäckfrågor är lättare att lösa innan de uppstår', en: 'crunch questions are easier to settle before they arise' },
  renegotiation: { sv: 'en regelbunden översyn håller överenskommelsen aktuell när omvärlden förändras', en: 'a regular review keeps the agreement current as conditions change' },
  duration: { sv: 'det måste framgå hur länge överenskommelsen gäller', en: 'it must be clear how long the agreement runs' },
  termination: {
    sv: 'en genomtänkt avveckling skyddar deltagarna och den part som har bundit upp personal och lokaler',
    en: 'a planned wind-down protects participants and the party that has committed staff and premises',
  },
  legal_basis: { sv: 'valet av IOP måste hålla mot upphandlings- och statsstödsreglerna', en: 'the choice of IOP must hold up against procurement and state-aid rules' },
  dispute_resolution: { sv: 'det bör finnas en väg att lösa oenighet', en: 'there should be a route for resolving disagreements' },
  personal_data: { sv: 'parterna har olika regler för sekretess och hanterar ofta känsliga uppgifter', en: 'the parties have different confidentiality rules and often handle sensitive data' },
  signatures: { sv: 'varje part ska skriva under', en: 'every party must sign' },
}

/** What a MUST criterion asks for, for the editor's checklist (rendered from the code, so a language switch needs no new run). */
export function criterionText(code: string, lang: Lang): string | null {
  return CRITERION[code]?.[lang] ?? null
}

export function sectionName(id: SectionId, lang: Lang): string {
  return sectionInfo(id).name[lang]
}

export function missingMessage(id: SectionId, lang: Lang): string {
  const name = sectionName(id, lang)
  return lang === 'sv' ? `Avsnittet ”${name}” saknas – ${WHY[id].sv}.` : `The section “${name}” is missing – ${WHY[id].en}.`
}

export interface IncompleteDetails {
  placeholderOnly: boolean
  unfilled: string[]
  /** Names a failed criterion is about (the activity without a cost owner, the party without a goal). */
  about?: Partial<Record<string, string[]>>
}

export function incompleteMessage(id: SectionId, codes: readonly string[], lang: Lang, extra: IncompleteDetails): string {
  const name = sectionName(id, lang)
  const parts: string[] = []
  if (extra.placeholderOnly) parts.push(lang === 'sv' ? 'avsnittet är tomt eller innehåller bara platshållare' : 'the section is empty or holds only placeholders')
  else
    for (const c of codes) {
      const about = extra.about?.[c]
      parts.push(CRITERION[c]![lang] + (about?.length ? (lang === 'sv' ? ` – gäller ${about.join(', ')}` : ` – concerns ${about.join(', ')}`) : ''))
    }
  if (extra.unfilled.length) {
    const list = extra.unfilled.map((p) => `{${p}}`).join(', ')
    parts.push(lang === 'sv' ? `klausulparametrar är inte ifyllda: ${list}` : `clause parameters are not filled in: ${list}`)
  }
  const body = parts.join('; ')
  return lang === 'sv' ? `Avsnittet ”${name}” är ofullständigt: ${body}.` : `The section “${name}” is incomplete: ${body}.`
}

const sek = (n: number, lang: Lang) =>
  `${Math.round(n)
    .toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB')
    .replace(/\u00a0/g, ' ')} ${lang === 'sv' ? 'kr' : 'SEK'}`

export const WARNING_TEXT = {
  threshold_check: (lang: Lang, value: number, threshold: number, period: string) =>
    lang === 'sv'
      ? `Det offentliga bidraget under hela avtalstiden inklusive förlängning beräknas till ${sek(value, lang)}, vilket når tröskelvärdet för sociala tjänster (${sek(threshold, lang)}, ${period}) – låt bedömningen mot upphandlingsreglerna bekräftas.`
      : `The public contribution over the full term including extensions is estimated at ${sek(value, lang)}, which reaches the threshold for social services (${sek(threshold, lang)}, ${period}) – have the procurement-law assessment confirmed.`,
  value_unknown: (lang: Lang) =>
    lang === 'sv'
      ? 'Inga belopp för det offentliga bidraget hittades, så värdet kan inte jämföras med tröskelvärdet för sociala tjänster.'
      : 'No amounts for the public contribution were found, so the value cannot be compared with the threshold for social services.',
  long_duration_without_review: (lang: Lang, months: number) =>
    lang === 'sv'
      ? `Överenskommelsen kan löpa i ${Math.round(months)} månader inklusive förlängning utan en regelbunden översyn minst vartannat år – lång överenskommelse utan regelbunden omförhandling.`
      : `The agreement can run for ${Math.round(months)} months including extensions without a review at least every two years – a long agreement without regular renegotiation.`,
  short_notice_heavy_commitments: (lang: Lang, months: number) =>
    lang === 'sv'
      ? `Uppsägningstiden (${fmt(months)} ${months === 1 ? 'månad' : 'månader'}) är kort i förhållande till att den idéburna parten anställer personal eller hyr lokaler för partnerskapet.`
      : `The notice period (${fmt(months)} ${months === 1 ? 'month' : 'months'}) is short compared with the idea-driven party’s commitments to staff or premises for the partnership.`,
  per_unit_pricing: (lang: Lang) =>
    lang === 'sv'
      ? 'Ersättning per plats, dygn, deltagare, timme eller ärende får överenskommelsen att likna ett köp – se över avsnittet om rättsliga förutsättningar.'
      : 'Payment per place, day, participant, hour or case makes the agreement look like a purchase – check the legal basis section.',
  non_party_contributor: (lang: Lang, name: string) =>
    lang === 'sv' ? `${name} bidrar eller sitter i styrgruppen men är inte part och skriver inte under.` : `${name} contributes or sits in the steering body but is not a party and does not sign.`,
  date_consistency: (lang: Lang, what: DateIssue) => {
    const sv = { end_before_start: 'slutdatum ligger före startdatum', review_outside: 'ett översynsdatum ligger utanför avtalstiden', notice_longer: 'uppsägningstiden är längre än avtalstiden' }
    const en = { end_before_start: 'the end date is before the start date', review_outside: 'a review date falls outside the term', notice_longer: 'the notice period is longer than the term' }
    return lang === 'sv' ? `Datumen stämmer inte: ${sv[what] ?? what}.` : `Inconsistent dates: ${en[what] ?? what}.`
  },
}

export type DateIssue = 'end_before_start' | 'review_outside' | 'notice_longer'

// ---------------------------------------------------------------- codes and parameters

const str = (p: MessageParams, key: string): string => {
  const v = p[key]
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
}
const num = (p: MessageParams, key: string): number => {
  const v = p[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}
const list = (p: MessageParams, key: string): string[] => {
  const v = p[key]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}
const section = (p: MessageParams): SectionId | null => {
  const id = str(p, 'section')
  return isSectionId(id) ? id : null
}

/**
 * Every message the validator can put in a report, by code. The CLI's and the API's `message` strings are
 * made here, and the editor renders the same code and parameters in the UI language, so the two never
 * differ and a language switch needs no new validation run.
 */
export const MESSAGES: Record<MessageCode, (params: MessageParams, lang: Lang) => string> = {
  'validator.section.present': () => '',
  'validator.section.missing': (p, lang) => {
    const id = section(p)
    return id ? missingMessage(id, lang) : ''
  },
  'validator.section.incomplete': (p, lang) => {
    const id = section(p)
    if (!id) return ''
    const aboutParam = p.about
    const about = aboutParam && typeof aboutParam === 'object' && !Array.isArray(aboutParam) ? aboutParam : {}
    return incompleteMessage(id, list(p, 'criteria'), lang, { placeholderOnly: p.placeholderOnly === true, unfilled: list(p, 'unfilled'), about })
  },
  'validator.warning.threshold_check': (p, lang) => WARNING_TEXT.threshold_check(lang, num(p, 'value'), num(p, 'threshold'), `${num(p, 'fromYear')}–${num(p, 'toYear')}`),
  'validator.warning.value_unknown': (_p, lang) => WARNING_TEXT.value_unknown(lang),
  'validator.warning.long_duration_without_review': (p, lang) => WARNING_TEXT.long_duration_without_review(lang, num(p, 'months')),
  'validator.warning.short_notice_heavy_commitments': (p, lang) => WARNING_TEXT.short_notice_heavy_commitments(lang, num(p, 'months')),
  'validator.warning.per_unit_pricing': (_p, lang) => WARNING_TEXT.per_unit_pricing(lang),
  'validator.warning.non_party_contributor': (p, lang) => WARNING_TEXT.non_party_contributor(lang, str(p, 'name')),
  'validator.warning.date_consistency': (p, lang) => WARNING_TEXT.date_consistency(lang, str(p, 'what') as DateIssue),
}

export const MESSAGE_CODES = Object.keys(MESSAGES) as MessageCode[]

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.hasOwn(MESSAGES, code)
}

/** A report's message in the given language; null for a code this build does not know (a newer server). */
export function renderMessage(code: unknown, params: MessageParams | undefined, lang: Lang): string | null {
  return isMessageCode(code) ? MESSAGES[code](params ?? {}, lang) : null
}

/** A warning as the report carries it: rule, code, parameters and the sentence in `lang`. */
export function warning(rule: WarningRule, params: MessageParams, lang: Lang): { rule: WarningRule; message: string; code: WarningMessageCode; params: MessageParams } {
  const code = `validator.warning.${rule}` as const
  // rule and message first: scripts outside read them, the added fields follow.
  return { rule, message: MESSAGES[code](params, lang), code, params }
}

/** What a criterion's parameters name, in the UI language ("Gäller: …" in the checklist). */
export function concernsText(code: string, params: Readonly<Record<string, string | number>>, lang: Lang): string | null {
  if (code === 'DR1' && params.forum === 'arbitration') return lang === 'sv' ? 'skiljeförfarande är inte ett slutligt forum' : 'arbitration is not a final forum'
  const values = Object.values(params)
    .map(String)
    .filter((v) => v.length > 0)
  return values.length ? values.join(', ') : null
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}
