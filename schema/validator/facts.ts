import type { Block } from './blocks.ts'
import type { Scopes } from './detect.ts'
import { buildParties, isPartyTable, orgNames, partiesFromTable, partyKey, unitsIn, unitStem, type OrgName, type Party } from './parties.ts'
import { affirmed, datesIn, durationsInMonths, frequencyMonths, moneyIn, parseNumber, NUMBER, type DateMark, u } from './text.ts'

/**
 * The typed model the rules run on: parties, activities and who books them, money, dates and intervals,
 * governance membership, signatures. Built once per validation from the blocks and section scopes.
 */
export interface Activity {
  label: string
  performers: Party[]
  /** The party that books the costs, if one is named. */
  costOwner: Party | null
  /** A booking entity was named but it is not a party (OC2). */
  costOwnerNonParty: string | null
}

export interface MoneyFact {
  /** In SEK (EUR converted at the threshold's own rate). */
  sek: number
  raw: number
  currency: 'SEK' | 'EUR'
  period: 'year' | 'month' | 'total' | 'unit' | null
  payer: 'public' | 'idea' | null
  inKind: boolean
  sentence: string
}

export interface Facts {
  parties: Party[]
  activities: Activity[]
  money: MoneyFact[]
  ideaContribution: boolean
  perUnitSentence: string | null
  start: DateMark | null
  end: DateMark | null
  termMonths: number | null
  extensionPossible: boolean
  extensionMonths: number | null
  extensionDecided: boolean
  noticeMonths: number | null
  reviewIntervalMonths: number | null
  reviewDates: DateMark[]
  reviewScheduled: boolean
  heavyCommitments: boolean
  steeringFound: boolean
  steeringMembers: Set<Party>
  steeringAllParties: boolean
  unitsMissingFromSteering: string[]
  nonPartyContributors: string[]
  signatureParties: Set<Party>
  signatureNonParties: string[]
  learningShared: boolean
  learningPerParty: Set<Party>
}

export interface FactContext {
  blocks: readonly Block[]
  scopes: Scopes
  /** SEK per EUR, taken from the threshold pair so that no exchange rate has to be configured. */
  sekPerEur: number
}

export function extractFacts(ctx: FactContext): Facts {
  const parties = findParties(ctx)
  const term = findTerm(ctx)
  const steering = findSteering(ctx, parties)
  const signatures = findSignatures(ctx, parties)
  const learning = findLearning(ctx, parties)
  const review = findReview(ctx, term.termMonths)
  return {
    parties,
    activities: findActivities(ctx, parties),
    money: findMoney(ctx, parties),
    ideaContribution: findIdeaContribution(ctx, parties),
    perUnitSentence: findPerUnit(ctx),
    ...term,
    noticeMonths: findNotice(ctx),
    ...review,
    heavyCommitments: findHeavyCommitments(ctx, parties),
    ...steering,
    unitsMissingFromSteering: findUnitsMissing(ctx, steering.steeringText, parties, steering.steeringAllParties),
    nonPartyContributors: findNonPartyContributors(ctx, parties, signatures.signatureNames),
    signatureParties: signatures.signatureParties,
    signatureNonParties: signatures.signatureNonParties,
    ...learning,
  }
}

// ---------------------------------------------------------------- parties

function findParties(ctx: FactContext): Party[] {
  const scope = ctx.scopes.parties_and_mandates
  const names: OrgName[] = []
  const tables = new Map<number, Block[]>()
  for (const b of scope.content) {
    if (b.type === 'row' && isPartyTable(b.header) && b.tableId !== undefined) {
      tables.set(b.tableId, [...(tables.get(b.tableId) ?? []), b])
      continue
    }
    names.push(...orgNames(b.raw))
  }
  for (const rows of tables.values()) names.unshift(...partiesFromTable(rows))
  let parties = buildParties(names.filter((n) => n.type !== 'unknown' || names.length <= 4))
  if (scope.content.length === 0) {
    // No parties section at all: the opening lines ("mellan X och Y") or the signature blocks name them.
    const extra: OrgName[] = []
    for (const b of ctx.blocks) {
      if (b.type === 'heading' || !b.text) continue
      if (u(/\b(?:mellan|between|parter|parties|för|for)\b/).test(b.text)) extra.push(...orgNames(b.raw))
    }
    parties = buildParties([...names, ...extra])
  }
  return parties
}

export function mentioned(parties: readonly Party[], text: string): Party[] {
  return parties.filter((p) => p.mention.test(text))
}

function firstMentioned(parties: readonly Party[], text: string): Party | null {
  let best: Party | null = null
  let bestAt = Infinity
  for (const p of parties) {
    const m = p.mention.exec(text)
    if (m && m.index < bestAt) {
      best = p
      bestAt = m.index
    }
  }
  return best
}

function matchesAnyParty(parties: readonly Party[], name: string): boolean {
  const key = partyKey(name)
  return parties.some((p) => p.aliases.includes(key) || key.startsWith(p.key) || p.key.startsWith(key))
}

// ---------------------------------------------------------------- activities

const ACTIVITY_HEADER = u(/^(?:verksamhet|aktivitet|insats|åtagande|activity|service|commitment|vad\b|what\b)/)
const PERFORMER_HEADER = u(/utför|ansvarig|vem|performed|delivered|carried|responsible|who|part\b|party|genomförs/)
const COST_HEADER = u(/kostnad|bokför|cost|booked|huvudman|äger|owner|betalar|finansier|pays/)
const ACTIVITY_VERB = u(/\b(?:driver|bedriver|anordnar|erbjuder|genomför|ansvarar för|håller i|arrangerar|runs|operates|organi[sz]es|provides|delivers|offers|carries out|hosts)\b/)
const COST_CUE = u(/\b(?:bokför|bokförs|kostnad\w*|bekostar|betalar|står för|bär|bärs|finansier\w*|books?|booked|costs?|pays?|paid|funded|huvudman)\b/)
const DEFERRED = u(/\b(?:senare|later|återkommer|oklart|unclear|not yet|ännu inte|ej klart|beslutas framöver)\b/)
const EACH_PARTY_OWN_COSTS = u(/\b(?:(?:varje|var och en av|respektive) part(?:en|erna)?|parterna) (?:bokför|bär|står för|ansvarar för|betalar)(?: själva)? (?:sina|sin|de|egna|kostnaderna för sina)(?: egna)? (?:kostnader|verksamhet)|\beach party (?:books|bears|carries|pays|is responsible for|covers) (?:the costs of )?its own/)

function findActivities(ctx: FactContext, parties: readonly Party[]): Activity[] {
  const blankOwner = ctx.scopes.ownership_and_costs.sentences.concat(ctx.scopes.budget_and_resources.sentences).some((s) => EACH_PARTY_OWN_COSTS.test(s))
  const costSentences = ctx.scopes.ownership_and_costs.sentences.filter((s) => COST_CUE.test(s))
  const out: Activity[] = []

  const tableRows = ctx.blocks.filter((b) => b.type === 'row' && b.header && ACTIVITY_HEADER.test(b.header[0] ?? '') && !isPartyTable(b.header))
  for (const row of tableRows) {
    if (row.placeholderOnly || !row.cells || !row.header) continue
    const label = row.cells[0]!.trim()
    if (!label || u(/^(?:totalt|summa|total)$/i).test(label)) continue
    const perfIdx = row.header.findIndex((h, i) => i > 0 && PERFORMER_HEADER.test(h) && !COST_HEADER.test(h))
    const costIdx = row.header.findIndex((h, i) => i > 0 && COST_HEADER.test(h))
    const norm = (s: string | undefined) => (s ?? '').toLowerCase()
    const performers = mentioned(parties, norm(perfIdx >= 0 ? row.cells[perfIdx] : row.cells.slice(1).join(' ')))
    const activity: Activity = { label, performers, costOwner: null, costOwnerNonParty: null }
    if (costIdx >= 0) resolveOwner(activity, row.cells[costIdx] ?? '', parties)
    else resolveOwnerFromText(activity, costSentences, parties, blankOwner)
    out.push(activity)
  }
  if (out.length) return out

  const strong = ctx.scopes.activities.strong.filter((b) => b.type === 'text' && !b.placeholderOnly && b.text)
  const candidates: { label: string; text: string; raw: string }[] = []
  for (const b of strong) {
    if (b.inList) candidates.push({ label: labelOf(b.text), text: b.text, raw: b.raw })
    else for (const s of b.sentences) if (ACTIVITY_VERB.test(s) && !u(/(?:följande|following|nedan|below):?$/).test(s)) candidates.push({ label: labelOf(afterVerb(s)), text: s, raw: s })
  }
  if (!candidates.length) {
    for (const b of ctx.scopes.activities.cue) {
      for (const s of b.sentences) if (ACTIVITY_VERB.test(s) && mentioned(parties, s).length) candidates.push({ label: labelOf(afterVerb(s)), text: s, raw: s })
    }
  }
  for (const c of candidates) {
    const activity: Activity = { label: c.label, performers: mentioned(parties, c.text), costOwner: null, costOwnerNonParty: null }
    const inline = COST_CUE.test(c.text) && u(/\b(?:bokför|bokförs|bekostar|books?|booked|huvudman|kostnadsansvar|kostnaderna)\b/).test(c.text)
    if (inline) resolveOwner(activity, c.text.slice(c.text.search(COST_CUE)), parties, c.raw)
    if (!activity.costOwner && !activity.costOwnerNonParty) resolveOwnerFromText(activity, costSentences, parties, blankOwner)
    out.push(activity)
  }
  return out
}

function afterVerb(s: string): string {
  const m = ACTIVITY_VERB.exec(s)
  return m ? s.slice(m.index + m[0].length) : s
}

function labelOf(text: string): string {
  const head = text.split(u(/[:–—(,.;]| - /))[0] ?? text
  return head.trim().split(' ').slice(0, 6).join(' ')
}

const GENERIC_WORDS = u(/^(?:gemensam\w*|tillsammans|parterna|together|joint\w*|both|båda|verksamhet\w*|activit\w*|driver|genomför|erbjuder|ansvarar|runs|provides)$/)
const STOP = new Set(['och', 'för', 'med', 'som', 'den', 'det', 'att', 'the', 'and', 'for', 'with', 'som', 'till', 'från', 'under', 'varje', 'två', 'tre', 'fyra', 'kvällar', 'gånger', 'per', 'vecka', 'veckan'])
/** Word stems that identify an activity in a cost sentence; party names would match every activity. */
function labelStems(label: string, parties: readonly Party[]): string[] {
  return label
    .toLowerCase()
    .split(u(/[^\p{L}]+/u))
    .filter((w) => w.length >= 4 && !STOP.has(w) && !parties.some((p) => p.mention.test(w)) && !GENERIC_WORDS.test(w))
    .map((w) => w.slice(0, Math.max(4, Math.min(w.length - 1, 7))))
}

function resolveOwner(activity: Activity, cell: string, parties: readonly Party[], raw?: string): void {
  const text = cell.toLowerCase()
  if (!text.trim() || DEFERRED.test(text)) return
  const owner = firstMentioned(parties, text)
  if (owner) {
    activity.costOwner = owner
    return
  }
  const org = orgNames(raw ?? cell)[0]
  if (org && !matchesAnyParty(parties, org.name)) activity.costOwnerNonParty = org.name
}

function resolveOwnerFromText(activity: Activity, costSentences: readonly string[], parties: readonly Party[], blankOwner: boolean): void {
  const stems = labelStems(activity.label, parties)
  for (const s of costSentences) {
    if (!stems.some((st) => s.includes(st))) continue
    if (DEFERRED.test(s)) return
    const others = mentioned(parties, s)
    if (others.length) {
      activity.costOwner = firstMentioned(parties, s.slice(Math.max(0, s.search(COST_CUE))) ) ?? others[0]!
      return
    }
  }
  if (blankOwner && activity.performers.length === 1) activity.costOwner = activity.performers[0]!
}

// ---------------------------------------------------------------- money

const YEAR_PERIOD = u(/\b(?:per år|om året|årligen|årlig|\/år|per kalenderår|varje år|per year|a year|annually|each year|yearly|per annum|för (?:år )?20\d\d|under (?:år )?20\d\d|for 20\d\d|in 20\d\d)\b/)
const MONTH_PERIOD = u(/\b(?:per månad|i månaden|\/mån|varje månad|per month|a month|monthly)\b/)
const TOTAL_PERIOD = u(/\b(?:totalt|sammanlagt|sammantaget|under hela|för hela|för perioden|under perioden|avtalsperioden|in total|total|over the (?:whole|full|entire)|for the (?:whole|full|entire))\b/)
export const PER_UNIT = u(/\b(?:per|\/|för varje|for each|a) ?(?:plats|platser|dygn|vårddygn|dag|deltagare|timme|ärende|elev|brukare|person|säng|place|bed|day|participant|hour|case|pupil|client)\b|\b(?:dygnsavgift|dygnspris|dygnsersättning|platspris|timpris|styckpris|daily rate|hourly rate|per-place|per diem)\b/)
const IN_KIND_BEFORE = u(/(?:motsvarande|värde(?:rat)?(?: till)?|till ett värde av|valued at|worth|equivalent to|i form av)\s*$/)
const IN_KIND_AFTER = u(/^\s*(?:kr|kronor|sek)?\s*(?:i form av|in the form of|in kind|i natura)/)
const PARTS = u(/\b(?:varav|därav|fördelat (?:så|på|enligt)|fördelas (?:så|på|enligt)|of which|split (?:as|between)|divided (?:as|between))\b/)
const PUBLIC_PAY_CUE = u(/\b(?:offentlig\w*|bidrag\w*|ersättning\w*|tillskjuter|utbetal|betalar ut|grant|funding|pays|payment)\b/)
const IDEA_PAY_CUE = u(/\b(?:egen insats|egna medel|own funds|medfinansier|co-financ|egen finansiering)\b/)

function findMoney(ctx: FactContext, parties: readonly Party[]): MoneyFact[] {
  const out: MoneyFact[] = []
  const seen = new Set<string>()
  for (const b of ctx.blocks) {
    if (b.type === 'heading' || !b.text || !u(/\d/).test(b.text)) continue
    for (const s of b.sentences) {
      // "1 100 000 kr, varav 700 000 kr till …" lists parts of a sum already counted.
      const partsFrom = s.search(PARTS)
      for (const m of moneyIn(s)) {
        if (partsFrom >= 0 && m.index > partsFrom) continue
        const after = s.slice(m.end, m.end + 50)
        const before = s.slice(Math.max(0, m.index - 40), m.index)
        const period = PER_UNIT.test(after.slice(0, 25)) ? 'unit' : YEAR_PERIOD.test(after) ? 'year' : MONTH_PERIOD.test(after) ? 'month' : TOTAL_PERIOD.test(before) || TOTAL_PERIOD.test(after) ? 'total' : YEAR_PERIOD.test(s) ? 'year' : TOTAL_PERIOD.test(s) ? 'total' : null
        const payerParty = firstMentioned(parties, s.slice(0, m.index)) ?? firstMentioned(parties, s)
        const payer = payerParty ? (payerParty.type === 'unknown' ? null : payerParty.type) : IDEA_PAY_CUE.test(s) ? 'idea' : PUBLIC_PAY_CUE.test(s) ? 'public' : null
        const inKind = IN_KIND_BEFORE.test(before) || IN_KIND_AFTER.test(s.slice(m.end - 4, m.end + 30).replace(u(/^\S*/), ''))
        const key = `${m.amount}|${period}|${payer}|${inKind}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({ sek: m.currency === 'EUR' ? m.amount * ctx.sekPerEur : m.amount, raw: m.amount, currency: m.currency, period, payer, inKind, sentence: s })
      }
    }
  }
  return out
}

function findPerUnit(ctx: FactContext): string | null {
  const PAY = u(/\b(?:ersättning|ersätts|betalar|betalas|bidrag|pris|avgift|kr|kronor|sek|payment|paid|pays|rate|fee|compensat|reimburs)/)
  for (const b of ctx.blocks) {
    if (!b.text) continue
    for (const s of b.sentences) if (PAY.test(s) && PER_UNIT.test(s) && payNearUnit(s)) return s
  }
  return null
}

/** "12 platser" or "per år" alone is not per-unit pricing; a sum or a pay word must govern the unit. */
function payNearUnit(s: string): boolean {
  const re = new RegExp(PER_UNIT.source, PER_UNIT.flags + 'g')
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const window = s.slice(Math.max(0, m.index - 60), m.index + m[0].length)
    if (u(/\d\s?(?:kr|kronor|sek|eur|€)|\b(?:ersättning|ersätts|betalas|betalar|pris|avgift|payment|paid|pays|rate|fee|price|charged|compensat|reimburs)/).test(window) && affirmed(s.slice(Math.max(0, m.index - 60)), PER_UNIT)) return true
  }
  return false
}

const CONTRIB_NOUN = u(/\b(?:ideell tid|ideella timmar|ideella krafter|ideella insatser|volontär\w*|frivillig\w*|lokal(?:er|en)?|personal|arbetstid|egen insats|egna medel|egen finansiering|medfinansier\w*|kontantinsats|volunteer\w*|premises|staff|own funds|co-financ\w*|in kind|in-kind|venue|rooms?)\b/)
const EXPLICIT_OWN = u(/\b(?:egen insats|egna insatser|egna medel|ideell tid|ideella timmar|medfinansier\w*|samfinansier\w*|own funds|volunteer hours|co-financ\w*|own contribution)\b/)
const CONTRIB_VERB = u(/\b(?:bidrar med|tillför|tillskjuter|står för|svarar för|upplåter|ställer|contributes?|provides?|brings?|puts in|funds?)\s+[\p{L}\d]{2,}/u)

function findIdeaContribution(ctx: FactContext, parties: readonly Party[]): boolean {
  const ideas = parties.filter((p) => p.type === 'idea')
  if (!ideas.length) return false
  // Staff or premises named under activities are usually paid for by the grant; only the budget, or an
  // explicit co-financing word anywhere, states the partner's own contribution.
  const explicit = ctx.blocks.filter((b) => b.text && EXPLICIT_OWN.test(b.text)).flatMap((b) => b.sentences.filter((s) => EXPLICIT_OWN.test(s)))
  const sentences = [...ctx.scopes.budget_and_resources.sentences, ...explicit]
  for (const s of sentences) {
    if (!ideas.some((p) => p.mention.test(s))) continue
    const subject = firstMentioned(parties, s)
    if (subject && subject.type !== 'idea' && !u(/\b(?:och|and|samt)\b/).test(s)) continue
    if ((CONTRIB_NOUN.test(s) && affirmed(s, CONTRIB_NOUN)) || (CONTRIB_VERB.test(s) && affirmed(s, CONTRIB_VERB))) return true
  }
  return false
}

// ---------------------------------------------------------------- term, notice, review

const RANGE_YEARS = u(/\b(20\d\d)\s?(?:–|-|—|till|to|through|until)\s?(20\d\d)\b/)
const EXTENSION = u(/\b(?:förläng\w*|extend\w*|extension|renew\w*|prolong\w*)\b/)
const TIMES = u(new RegExp(String.raw`\b(?:högst|max(?:imalt|imum)?|up to|at most)\s${NUMBER}\s(?:gånger|gång|times)\b|\b${NUMBER}\s(?:gånger|times)\b`))

function findTerm(ctx: FactContext): Pick<Facts, 'start' | 'end' | 'termMonths' | 'extensionPossible' | 'extensionMonths' | 'extensionDecided'> {
  let start: DateMark | null = null
  let end: DateMark | null = null
  let lengthMonths: number | null = null
  let extensionPossible = false
  let extensionMonths: number | null = null
  let extensionDecided = false
  let extensionEnd: DateMark | null = null
  for (const s of ctx.scopes.duration.sentences) {
    const isExt = EXTENSION.test(s) && affirmed(s, EXTENSION)
    const all = datesIn(s)
    const extAt = isExt ? s.search(EXTENSION) : Infinity
    // In "gäller 2026-01-01 – 2028-12-31 och kan förlängas till 2030-12-31" only the last date is the extension's.
    const dates = all.filter((d) => d.index < extAt)
    const extDates = all.filter((d) => d.index > extAt)
    if (isExt && !start && dates.length) {
      start = dates[0]!
      if (dates.length > 1) end = dates[1]!
    }
    if (isExt) {
      const extSentence = s.slice(extAt)
      extensionPossible = true
      const lens = durationsInMonths(extSentence)
      const times = TIMES.exec(extSentence)
      const n = times ? parseNumber(times[1] ?? times[2]!) ?? 1 : 1
      if (lens.length) extensionMonths = Math.max(extensionMonths ?? 0, lens[0]! * n)
      if (extDates.length) extensionEnd = extDates[extDates.length - 1]!
      if (u(/\b(?:beslut|beslutar|skriftlig|överens|enas|enats|agree|writing|decid|senast|före|before|prior)/).test(extSentence)) extensionDecided = true
      continue
    }
    if (!start && dates.length) {
      start = dates[0]!
      if (dates.length > 1) end = dates[1]!
    } else if (start && !end && dates.length) end = dates[0]!
    if (!start) {
      const r = RANGE_YEARS.exec(s)
      if (r) {
        start = { months: +r[1]! * 12, day: 1, index: 0 }
        end = { months: +r[2]! * 12 + 11, day: 31, index: 0 }
      }
    }
    if (lengthMonths === null && u(/\b(?:gäller|löper|avtalstid|avtalsperiod|period|term|runs|valid|in force|omfattar)\b/).test(s)) {
      const lens = durationsInMonths(s)
      if (lens.length) lengthMonths = lens[0]!
    }
  }
  let termMonths: number | null = null
  if (start && end) termMonths = end.months - start.months + (end.day >= 28 || end.day >= start.day ? 1 : 0)
  else if (lengthMonths !== null) termMonths = lengthMonths
  if (start && !end && lengthMonths !== null) end = { months: start.months + lengthMonths - 1, day: 28, index: 0 }
  if (extensionEnd && end && extensionMonths === null) extensionMonths = Math.max(0, extensionEnd.months - end.months)
  return { start, end, termMonths, extensionPossible, extensionMonths, extensionDecided }
}

const NOTICE_DURATION = u(new RegExp(String.raw`\b${NUMBER}\s*(?:år|månader|månaders|månad|months?|veckor|veckors|weeks?|dagar|dagars|days?)\b`, 'g'))
const NOTICE = u(/\b(?:uppsägningstid\w*|uppsägning|säga upp|sägas upp|säger upp|varsel|notice)\b/)

function findNotice(ctx: FactContext): number | null {
  const pool = [...ctx.scopes.termination.sentences, ...ctx.scopes.duration.sentences]
  for (const s of pool) {
    const cue = s.search(NOTICE)
    if (cue < 0) continue
    const lens = durationsInMonths(s)
    if (!lens.length) continue
    // The duration nearest the notice word is the notice period, not the plan deadline in the same sentence.
    let best = lens[0]!
    let bestDist = Infinity
    const re = new RegExp(NOTICE_DURATION.source, NOTICE_DURATION.flags)
    let i = 0
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const n = parseNumber(m[1]!)
      if (n === null || n < 1) continue
      const dist = Math.abs(m.index - cue)
      if (dist < bestDist && lens[i] !== undefined) {
        best = lens[i]!
        bestDist = dist
      }
      i++
    }
    return best
  }
  return null
}

const REVIEW_MONTH = u(new RegExp(String.raw`\b(?:i|in|senast|by|varje|every)\s(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october)\b`))
const REVIEW_VERB = u(/\b(?:ses över|se över|revider\w*|omförhandl\w*|prövas|pröva\w*|översyn\w*|halvtidsöversyn|omprövas|review\w*|renegotiat\w*|revis\w*|revisit\w*)\b/)
const REVIEW_OBJECT = u(/\b(?:överenskommelse\w*|avtal\w*|iop|villkor\w*|partnerskapet|agreement|terms|contract|partnership|budget|omförhandl\w*|renegotiat\w*|översyn\w*)\b/)

function findReview(ctx: FactContext, termMonths: number | null): Pick<Facts, 'reviewIntervalMonths' | 'reviewDates' | 'reviewScheduled'> {
  let interval: number | null = null
  const dates: DateMark[] = []
  let scheduled = false
  const pool = new Set([...ctx.scopes.renegotiation.sentences, ...ctx.scopes.follow_up_evaluation.sentences, ...ctx.scopes.governance.sentences])
  for (const s of pool) {
    if (!REVIEW_VERB.test(s) || !REVIEW_OBJECT.test(s) || !affirmed(s, REVIEW_VERB)) continue
    // Reviewing goals or results is follow-up, not a review of the agreement (SECTIONS.md RN1 note).
    if (u(/\b(?:målen|måluppfyllelse|resultaten|indikator\w*|goals|results|indicators)\b/).test(s) && !u(/\b(?:överenskommelse\w*|avtal\w*|agreement|terms|contract|villkor)\b/).test(s)) continue
    if (u(/\b(?:vid behov|when needed|if needed|as needed|when necessary|på begäran|on request)\b/).test(s) && frequencyMonths(s) === null && !datesIn(s).length) continue
    const f = frequencyMonths(s)
    if (f !== null) {
      interval = interval === null ? f : Math.min(interval, f)
      scheduled = true
    }
    const d = datesIn(s)
    if (d.length) {
      dates.push(...d)
      scheduled = true
    } else if (u(/\b(?:halvtid\w*|midterm|mid-term|halfway)\b/).test(s)) {
      scheduled = true
      if (termMonths) interval = interval === null ? termMonths / 2 : Math.min(interval, termMonths / 2)
    } else if (REVIEW_MONTH.test(s)) {
      scheduled = true
    }
  }
  return { reviewIntervalMonths: interval, reviewDates: dates, reviewScheduled: scheduled }
}

// ---------------------------------------------------------------- commitments, governance, signatures, learning

// Verbs only: "föreningens anställda" (its employees) is not a commitment taken on for the partnership.
const HEAVY = u(/\b(?:anställer|anställa|anställt|anställs|nyanställ\w*|hyr|hyra|hyrt|hyrs|hyr in|hyreskontrakt|hyresavtal|employs?|employed|hires?|hired|leases?|leased|rents?|rented|tenancy)\b/)

function findHeavyCommitments(ctx: FactContext, parties: readonly Party[]): boolean {
  const ideas = parties.filter((p) => p.type === 'idea')
  for (const b of ctx.blocks) {
    if (!b.text || !HEAVY.test(b.text)) continue
    for (const s of b.sentences) {
      if (!HEAVY.test(s) || !affirmed(s, HEAVY)) continue
      const subject = firstMentioned(parties, s)
      if ((subject && subject.type === 'idea') || (!subject && ideas.some((p) => p.mention.test(s)))) return true
    }
  }
  return false
}

export const STEERING = u(/\b(?:styrgrupp\w*|ledningsgrupp\w*|partnerskapsråd\w*|samverkansråd\w*|steering (?:group|committee|board)|management (?:group|board)|joint board|partnership board)/)
const MEMBERSHIP = u(/\b(?:består av|bestående av|ingår|sitter|representant\w*|företrädare|ledamöter|ledamot|medlemmar|deltar|med (?:en|ett|två|tre|fyra) |consists? of|composed of|comprises?|members?|representatives?|seats?|includes?|with (?:one|two|three|a) )/)
const ALL_PARTIES = u(/\b(?:(?:samtliga|alla|båda|varje|respektive|var och en av) (?:parter|part|parterna|de två parterna)|från (?:varje|respektive|samtliga|båda) part\w*|each party|all (?:the )?parties|both parties|every party|each of the parties|all partners|each partner)\b/)

function findSteering(ctx: FactContext, parties: readonly Party[]): { steeringFound: boolean; steeringMembers: Set<Party>; steeringAllParties: boolean; steeringText: string } {
  const gov = new Set(ctx.scopes.governance.all)
  const texts: string[] = []
  const blocks = ctx.blocks
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!
    if (!gov.has(b) || !b.text || !STEERING.test(b.text)) continue
    const members = b.sentences.filter((s) => STEERING.test(s) && MEMBERSHIP.test(s))
    if (!members.length && !/:\s*$/.test(b.text)) continue
    texts.push(...members)
    // "Styrgruppen består av:" is usually followed by a list or a table of members.
    for (let j = i + 1; j < blocks.length && j <= i + 10; j++) {
      const next = blocks[j]!
      if (next.type === 'heading' || (!next.inList && next.type !== 'row')) break
      texts.push(next.text)
    }
  }
  const steeringText = texts.join(' ')
  const members = new Set(mentioned(parties, steeringText))
  // A committee or administration in the steering group represents its municipality or region.
  const publics = parties.filter((p) => p.type === 'public')
  if (publics.length === 1 && unitsIn(steeringText).length) members.add(publics[0]!)
  return { steeringFound: texts.length > 0, steeringMembers: members, steeringAllParties: ALL_PARTIES.test(steeringText), steeringText }
}

const AFFECTS = u(/\b(?:anvis\w*|placer\w*|remitt\w*|biståndsbeslut|bevilj\w*|budget\w*|hänvis\w*|refer\w*|placement\w*|places|allocat\w*)\b/)
const DECIDES = u(/\b(?:beslutar|beslut|fattar|ansvarar|ansvar|bevilj\w*|anvisar|placerar|remitterar|hänvisar|decides?|responsible|responsibility|refers?|places|allocates?|holds?)\b/)

function findUnitsMissing(ctx: FactContext, steeringText: string, parties: readonly Party[], allParties: boolean): string[] {
  const inSteering = new Set(unitsIn(steeringText))
  const actingFor = new Set<string>()
  for (const s of ctx.scopes.parties_and_mandates.sentences) for (const u of unitsIn(s)) actingFor.add(u)
  const publicInSteering = allParties || parties.some((p) => p.type === 'public' && p.mention.test(steeringText))
  const missing = new Set<string>()
  for (const b of ctx.blocks) {
    if (!b.text || !u(/nämnd|förvaltning|committee|department|administration/).test(b.text)) continue
    for (const s of b.sentences) {
      if (!AFFECTS.test(s) || !DECIDES.test(s) || !affirmed(s, AFFECTS)) continue
      for (const u of unitsIn(s)) {
        if (inSteering.has(u) || [...inSteering].some((x) => x.startsWith(u) || u.startsWith(x))) continue
        if (actingFor.has(u) && publicInSteering) continue
        missing.add(u)
      }
    }
  }
  return [...missing]
}

const CONTRIBUTES = u(/\b(?:bidrar|tillskjuter|finansierar|betalar|står för|upplåter|ställer|bekostar|sponsrar|contributes?|funds?|pays?|provides?|sponsors?)\b/)

function findNonPartyContributors(ctx: FactContext, parties: readonly Party[], signatureNames: readonly string[]): string[] {
  const out = new Set<string>()
  for (const b of ctx.blocks) {
    if (!b.text || b.type === 'heading' || !(CONTRIBUTES.test(b.text) || STEERING.test(b.text))) continue
    for (const org of orgNames(b.raw)) {
      if (matchesAnyParty(parties, org.name) || signatureNames.some((n) => partyKey(n) === partyKey(org.name))) continue
      const key = partyKey(org.name)
      const sentence = b.sentences.find((s) => s.includes(key)) ?? b.text
      if ((CONTRIBUTES.test(sentence) && affirmed(sentence, CONTRIBUTES)) || STEERING.test(sentence)) out.add(org.name)
    }
  }
  return [...out]
}

function findSignatures(ctx: FactContext, parties: readonly Party[]): { signatureParties: Set<Party>; signatureNonParties: string[]; signatureNames: string[] } {
  const scope = ctx.scopes.signatures
  const signed = new Set<Party>()
  const nonParties: string[] = []
  const names: string[] = []
  for (const b of scope.all) {
    for (const p of mentioned(parties, b.text)) signed.add(p)
    for (const org of orgNames(b.raw)) {
      names.push(org.name)
      if (!matchesAnyParty(parties, org.name)) nonParties.push(org.name)
    }
  }
  return { signatureParties: signed, signatureNonParties: [...new Set(nonParties)], signatureNames: names }
}

const LEARN = u(/\b(?:lär\w*|learn\w*|kunskap\w*|förstå\w*|understand\w*)\b/)
const TOGETHER = u(/\b(?:gemensam\w*|tillsammans|partnerskapet\w*|alla parter|samtliga parter|båda parter\w*|shared|joint\w*|common|together|the partnership|all parties|both parties)\b/)
const LABELLED = u(/^[^:]{1,60}:/)

/**
 * A learning goal that names no party, or names parties "together", is shared (LG1); a goal that names
 * one party, or stands under a heading naming one party ("Kommunens lärandemål"), is that party's own (LG2).
 */
function findLearning(ctx: FactContext, parties: readonly Party[]): { learningShared: boolean; learningPerParty: Set<Party> } {
  let shared = false
  const own = new Set<Party>()
  for (const b of ctx.scopes.learning_goals.content) {
    const headed = mentioned(parties, b.headingText)
    if (headed.length === 1 && !TOGETHER.test(b.headingText)) {
      own.add(headed[0]!)
      continue
    }
    const sharedHeading = TOGETHER.test(b.headingText)
    for (const s of b.sentences) {
      const named = mentioned(parties, s)
      if (named.length && LABELLED.test(s)) {
        const label = mentioned(parties, s.slice(0, s.indexOf(':')))
        for (const p of label.length ? label : named) own.add(p)
        continue
      }
      // "Kommunen vill lära sig … tillsammans med civilsamhället" is still the municipality's own goal.
      if (named.length === 0 || (named.length >= 2 && TOGETHER.test(s))) {
        if (LEARN.test(s) || sharedHeading || b.context.includes('learning_goals')) shared = true
        continue
      }
      // The goal belongs to the parties before the learning verb ("Kommunen vill lära sig … via föreningen").
      const verb = s.search(LEARN)
      const owners = verb > 0 ? mentioned(parties, s.slice(0, verb)) : []
      for (const p of owners.length ? owners : [firstMentioned(parties, s)!]) own.add(p)
    }
  }
  return { learningShared: shared, learningPerParty: own }
}

export { unitStem }
