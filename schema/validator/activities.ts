/**
 * Activities, who carries them out and which legal person books their costs (AC, OC,
 * `activity_cost_owner`).
 */
import { isPartyTable, orgNames, type Party } from './parties.ts'
import { u } from './text.ts'
import { mentioned, firstMentioned, matchesAnyParty } from './mentions.ts'
import type { Activity, FactContext } from './facts.ts'

const BOOKING_WORD = u(/\b(?:bokför|bokförs|bekostar|books?|booked|huvudman|kostnadsansvar|kostnaderna)\b/)

const ACTIVITY_HEADER = u(/^(?:verksamhet|aktivitet|insats|åtagande|activity|service|commitment|vad\b|what\b)/)
const PERFORMER_HEADER = u(/utför|ansvarig|vem|performed|delivered|carried|responsible|who|part\b|party|genomförs/)
const COST_HEADER = /kostnad|bokför|cost|booked|huvudman|äger|owner|betalar|finansier|pays/
const ACTIVITY_VERB = u(/\b(?:driver|bedriver|anordnar|erbjuder|genomför|ansvarar för|håller i|arrangerar|runs|operates|organi[sz]es|provides|delivers|offers|carries out|hosts)\b/)
const COST_CUE = u(/\b(?:bokför|bokförs|kostnad\w*|bekostar|betalar|står för|bär|bärs|finansier\w*|books?|booked|costs?|pays?|paid|funded|huvudman)\b/)
const DEFERRED = u(/\b(?:senare|later|återkommer|oklart|unclear|not yet|ännu inte|ej klart|beslutas framöver)\b/)
const EACH_PARTY_OWN_COSTS = u(/\b(?:(?:varje|var och en av|respektive) part(?:en|erna)?|parterna) (?:bokför|bär|står för|ansvarar för|betalar)(?: själva)? (?:sina|sin|de|egna|kostnaderna för sina)(?: egna)? (?:kostnader|verksamhet)|\beach party (?:books|bears|carries|pays|is responsible for|covers) (?:the costs of )?its own/)

export function findActivities(ctx: FactContext, parties: readonly Party[]): Activity[] {
  const blankOwner = ctx.scopes.ownership_and_costs.sentences.concat(ctx.scopes.budget_and_resources.sentences).some((s) => EACH_PARTY_OWN_COSTS.test(s))
  const costSentences = ctx.scopes.ownership_and_costs.sentences.filter((s) => COST_CUE.test(s))
  const out: Activity[] = []

  const tableRows = ctx.blocks.filter((b) => b.type === 'row' && b.header && ACTIVITY_HEADER.test(b.header[0] ?? '') && !isPartyTable(b.header))
  for (const row of tableRows) {
    if (row.placeholderOnly || !row.cells || !row.header) continue
    const label = row.cells[0]!.trim()
    if (!label || /^(?:totalt|summa|total)$/i.test(label)) continue
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
    if (b.inList) candidates.push({ label: labelOf(b.raw), text: b.text, raw: b.raw })
    else for (const s of b.sentences) if (ACTIVITY_VERB.test(s) && !/(?:följande|following|nedan|below):?$/.test(s)) candidates.push({ label: labelOf(afterVerb(s)), text: s, raw: s })
  }
  if (!candidates.length) {
    for (const b of ctx.scopes.activities.cue) {
      for (const s of b.sentences) if (ACTIVITY_VERB.test(s) && mentioned(parties, s).length) candidates.push({ label: labelOf(afterVerb(s)), text: s, raw: s })
    }
  }
  for (const c of candidates) {
    const activity: Activity = { label: c.label, performers: mentioned(parties, c.text), costOwner: null, costOwnerNonParty: null }
    const inline = COST_CUE.test(c.text) && BOOKING_WORD.test(c.text)
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
  const head = text.split(/[:–—(,.;]| - /)[0] ?? text
  return head.trim().split(' ').slice(0, 6).join(' ')
}

const NON_LETTER_RUN = u(/[^\p{L}]+/u)
const GENERIC_WORDS = u(/^(?:gemensam\w*|tillsammans|parterna|together|joint\w*|both|båda|verksamhet\w*|activit\w*|driver|genomför|erbjuder|ansvarar|runs|provides)$/)
const STOP = new Set(['och', 'för', 'med', 'som', 'den', 'det', 'att', 'the', 'and', 'for', 'with', 'som', 'till', 'från', 'under', 'varje', 'två', 'tre', 'fyra', 'kvällar', 'gånger', 'per', 'vecka', 'veckan'])
/** Word stems that identify an activity in a cost sentence; party names would match every activity. */
function labelStems(label: string, parties: readonly Party[]): string[] {
  return label
    .toLowerCase()
    .split(NON_LETTER_RUN)
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
