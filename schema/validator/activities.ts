/**
 * Activities, who carries them out and which legal person books their costs (AC, OC,
 * `activity_cost_owner`). An activity is a row of an activity table, an item of a list under the
 * activities, or a sentence there with an activity verb. Its cost owner comes from a cost column, from
 * its own words, from a booking sentence that names it, or from a rule that each party books its own
 * activities. When none of these settles it, the answer is "unknown", not a failure.
 */
import { quoteOf } from './evidence.ts'
import type { Block } from './blocks.ts'
import { isPartyTable, type Party } from './parties.ts'
import { u } from './text.ts'
import { gateWords, mayMatch } from './cue-index.ts'
import { mentioned, firstMentioned, matchesAnyParty } from './mentions.ts'
import type { Activity, FactContext } from './facts.ts'
import type { Evidence, Verdict } from './types.ts'

const BOOKING = gateWords(
  u(
    /\b(?:bokför\w*|bekostar|kostnadsansvar\w*|huvudman\w*|står för kostnaderna|bär kostnaderna|books?|booked|bookkeeping|cost owner|bears the costs?|owns? the activity|äger (?:aktiviteten|verksamheten|insatsen))\b/,
  ),
)
const COST_WORD = gateWords(u(/\b(?:kostnad\w*|costs?)\b/))
const BOOKED_BY = gateWords(u(/\b(?:bokförs|bekostas|booked|borne|paid) (?:av|by) /))
const ACTIVITY_HEADER = u(/^(?:verksamhet|aktivitet|insats|åtagande|activity|activities|service|commitment|vad\b|what\b)/)
const PERFORMER_HEADER = u(/utför|ansvarig|vem|performed|delivered|carried|responsible|who|run by|part\b|party|genomförs/)
const COST_HEADER = /kostnad|bokför|cost|booked|huvudman|äger|owner|betalar|finansier|pays/
const ACTIVITY_VERB = u(
  /\b(?:driver|drivs|bedriver|bedrivs|anordnar|anordnas|erbjuder|erbjuds|genomför|genomförs|ansvarar (?:också |även |dessutom )?för|håller i|håller|hålls|arrangerar|arrangeras|ordnar|ordnas|planeras|leder|leds|tar emot|ger|utbildar|rekryterar|matchar|hjälper|upplåter|finns på plats|runs?|is run|are run|operates?|organi[sz]es?|is organi[sz]ed|provides?|delivers?|offers?|carries out|hosts?|leads?|trains?|recruits?|is planned|are planned|will be held|holds?)\b/,
)
const NUMBER_COLUMN = /^(?:nr|no\.?|#|number|nummer|punkt|item|\d+)$/
const LEAD_IN = /(?:följande|following|nedan|below|bland annat|including):?$/
const NOT_ACTIVITY = u(
  /^(?:målgrupp\w*|target group|syfte\w*|purpose|mål\b|mål \d|goal|objective|budget|ekonomi|minst|högst|at least|at most|senast|by (?:the end of )?(?:\w+ )?20\d\d|\d+ ?(?:%|procent|percent))/,
)
const DEFERRED = u(
  /\b(?:senare|later|återkommer|oklart|unclear|not yet|ännu inte|ej klart|inte klart|beslutas framöver|will be (?:decided|agreed|settled)|hur kostnaderna (?:för [^.;]{1,60} )?(?:ska )?fördelas|how the costs (?:of [^.;]{1,60} )?(?:are|will be) (?:split|shared|divided)|to be (?:decided|agreed|settled)|tbd)\b/,
)
const EACH_OWN = gateWords(
  u(
    /\b(?:(?:varje|var och en av|respektive) part(?:en|erna)?|parterna|var och en) (?:bokför|bär|står för|ansvarar för|betalar|äger)(?: själva)? (?:och ansvarar för )?(?:sina|sin|de|egna|kostnaderna för sina)(?: egna)? (?:kostnader|verksamhet\w*|insatser)|\beach party (?:books|bears|carries|pays|owns|is responsible for|covers) (?:the costs of )?(?:its|their) own (?:activities|costs|work|services)|\b(?:varje|respektive) part äger och ansvarar för de verksamheter/,
  ),
)
const PARTY_LABEL = /^[^:]{2,60}:\s*$/
/** The parties together, named by no party's name. */
const JOINT_CELL = u(
  /^(?:båda(?: parter(?:na)?)?|alla(?: parter(?:na)?)?|samtliga(?: parter(?:na)?)?|gemensamt|tillsammans|parterna(?: gemensamt| tillsammans)?|both(?: parties)?|all(?: the)?(?: parties)?|jointly|together|the parties(?: jointly| together)?)\W*$/,
)
/** A paragraph that leads in to a list: it ends in a colon, or in "ska", "will", "åtar sig att" with the list to follow. */
const LIST_LEAD_IN = u(/(?::|\b(?:ska|skall|kommer att|åtar sig att|will|shall|undertakes to|agrees to))$/)
/** A performer cell naming the idea-driven parties as a group ("All Organisations", "samtliga föreningar", "both associations"). */
const ALL_ORGANISATIONS = u(
  /^(?:all|both|alla|båda|samtliga)(?: the| de)? (?:organi[sz]ations|associations|charities|idea-driven parties|non-profit partners|föreningar(?:na)?|organisationer(?:na)?|idéburna parter(?:na)?)\W*$/,
)
const JOINTLY_ONLY = u(/^(?:gemensamt|tillsammans|jointly|together)\W*$/)
const JOINTLY = u(/\b(?:gemensamt|tillsammans|parterna|båda parter(?:na)?|samtliga parter|alla parter|jointly|together|the parties|both parties|all parties)\b/)

interface Candidate {
  label: string
  text: string
  block: Block
  performers: Party[]
  costCell?: string
}

/** Sentences anywhere in the money and ownership scopes (and the activities) that say who books what. */
function bookingSentences(ctx: FactContext): { text: string; block: Block }[] {
  const out: { text: string; block: Block }[] = []
  const seen = new Set<Block>()
  for (const scope of [ctx.scopes.ownership_and_costs, ctx.scopes.budget_and_resources, ctx.scopes.activities]) {
    for (const b of scope.content) {
      if (seen.has(b)) continue
      seen.add(b)
      // "Därefter bär varje part sina egna kostnader" under termination is about the wind-down, not ownership.
      if (b.context.some((c) => c === 'termination' || c === 'risk_and_crunch_questions' || c === 'renegotiation' || c === 'duration' || c === 'dispute_resolution')) continue
      // Only blocks holding the first words of one of the four patterns can have such a sentence.
      if (!mayMatch(b, BOOKING) && !mayMatch(b, BOOKED_BY) && !mayMatch(b, EACH_OWN) && !mayMatch(b, COST_WORD)) continue
      for (const s of b.sentences) if (BOOKING.test(s) || BOOKED_BY.test(s) || EACH_OWN.test(s) || COST_WORD.test(s)) out.push({ text: s, block: b })
    }
  }
  return out
}

export function findActivities(ctx: FactContext, parties: readonly Party[]): { activities: Activity[]; costStatements: boolean } {
  const candidates: Candidate[] = []
  const actScope = new Set(ctx.scopes.activities.all)
  const ownScope = new Set(ctx.scopes.ownership_and_costs.all)

  // Tables: one row per activity, when the table stands under the activities or ownership, or has a performer or cost column.
  for (const row of ctx.blocks) {
    if (row.type !== 'row' || !row.header || !row.cells || isPartyTable(row.header) || row.placeholderOnly) continue
    // A Word table often starts with a number column ("Nr | Insats | Utförare"): the activity is the next one.
    const first = NUMBER_COLUMN.test(row.header[0] ?? '') && row.header.length > 2 ? 1 : 0
    if (!ACTIVITY_HEADER.test(row.header[first] ?? '')) continue
    const hasRoleColumn = row.header.some((h, i) => i > first && (PERFORMER_HEADER.test(h) || COST_HEADER.test(h)))
    if (!hasRoleColumn && !actScope.has(row) && !ownScope.has(row)) continue
    if (row.context.includes('follow_up_evaluation') || row.context.includes('purpose_and_goals') || row.context.includes('risk_and_crunch_questions')) continue
    const label = (row.cells[first] ?? '').trim()
    if (!label || /^(?:totalt|summa|total)$/i.test(label)) continue
    const perfIdx = row.header.findIndex((h, i) => i > first && PERFORMER_HEADER.test(h) && !COST_HEADER.test(h))
    const costIdx = row.header.findIndex((h, i) => i > first && COST_HEADER.test(h))
    const perfText = (perfIdx >= 0 ? row.cells[perfIdx] : row.cells.slice(first + 1).join(' ')) ?? ''
    const named = mentioned(parties, perfText.toLowerCase())
    // "Båda parter", "Gemensamt", "Both parties" in the performer column: all of them.
    const cell = perfText.trim().toLowerCase()
    const ideaParties = parties.filter((p) => p.type === 'idea')
    // "All Organisations", "alla föreningarna": the idea-driven parties together.
    const performers = named.length ? named : perfIdx >= 0 && JOINT_CELL.test(cell) ? [...parties] : perfIdx >= 0 && ideaParties.length && ALL_ORGANISATIONS.test(cell) ? ideaParties : []
    candidates.push({ label, text: row.text, block: row, performers, costCell: costIdx >= 0 ? (row.cells[costIdx] ?? '') : undefined })
  }

  if (!candidates.length) {
    const strong = new Set(ctx.scopes.activities.strong)
    // The headings are read too: a sub-heading naming one party ("4.1 Föreningens åtaganden") heads that party's activities.
    const blocks = ctx.blocks.filter((b) => (b.type === 'heading' ? b.context.includes('activities') : b.type === 'text' && strong.has(b)) && !b.placeholderOnly && b.text)
    let inherited: Party[] = []
    let underHeading: Party[] = []
    for (const b of blocks) {
      if (b.type === 'heading') {
        const named = mentioned(parties, b.text)
        underHeading = named.length === 1 ? named : []
        inherited = []
        continue
      }
      if (b.inList && PARTY_LABEL.test(b.raw.trim())) {
        // "Läxhjälpen:" heads a nested list of that party's activities.
        inherited = mentioned(parties, b.text)
        continue
      }
      if (!b.inList) {
        // "Föreningen ska:", "The food bank will:" leads in to a list of that party's activities.
        inherited = LIST_LEAD_IN.test(b.raw.trim()) ? mentioned(parties, b.text) : []
        if (inherited.length) continue
      }
      if (b.inList) {
        if (NOT_ACTIVITY.test(b.text)) continue
        const own = mentioned(parties, b.text)
        candidates.push({ label: labelOf(b.raw), text: b.text, block: b, performers: own.length ? own : inherited.length ? inherited : underHeading })
        continue
      }
      // A sentence that names no party goes on about the activity of the sentence before it in the same
      // paragraph ("… ordnar prova-på-dagar tillsammans med föreningen. Prova-på-dagarna planeras
      // gemensamt."); "gemensamt", "parterna", "jointly" with no party before it means all of them.
      let before: Party[] = []
      for (const s of b.sentences) {
        const named = mentioned(parties, s)
        const performers = named.length ? named : before.length ? before : JOINTLY.test(s) ? [...parties] : underHeading
        if (named.length) before = named
        if (!ACTIVITY_VERB.test(s) || LEAD_IN.test(s) || NOT_ACTIVITY.test(s)) continue
        const after = labelOf(afterVerb(s))
        // "Prova-på-dagarna planeras gemensamt": the activity is what stands before the verb.
        candidates.push({ label: JOINTLY_ONLY.test(after) ? labelOf(s) : after, text: s, block: b, performers })
      }
    }
  }
  if (!candidates.length) {
    for (const b of ctx.scopes.activities.cue) {
      for (const s of b.sentences) if (ACTIVITY_VERB.test(s) && mentioned(parties, s).length) candidates.push({ label: labelOf(afterVerb(s)), text: s, block: b, performers: mentioned(parties, s) })
    }
  }

  const booking = bookingSentences(ctx)
  const eachOwn = booking.find((x) => EACH_OWN.test(x.text)) ?? null
  const activities = candidates.map((c) => judgeCost(c, parties, booking, eachOwn))
  return { activities, costStatements: booking.length > 0 || candidates.some((c) => c.costCell?.trim()) }
}

/** The words of a normalised sentence as written (for capitalised names), or the sentence itself. */
function rawOf(block: Block, sentence: string): string {
  const flat = block.raw.replace(/\s+/g, ' ')
  const at = flat.toLowerCase().indexOf(sentence)
  return at >= 0 ? flat.slice(at, at + sentence.length) : sentence
}

function ev(block: Block, text: string): Evidence {
  return { quote: quoteOf(block.raw, text), top: block.top }
}

function judgeCost(c: Candidate, parties: readonly Party[], booking: readonly { text: string; block: Block }[], eachOwn: { text: string; block: Block } | null): Activity {
  const base = { label: c.label, performers: c.performers, evidence: ev(c.block, c.text) }
  const result = (cost: Verdict, owner: Party | null, nonParty: string | null, costEvidence: Evidence | null): Activity => ({
    ...base,
    cost,
    costOwner: owner,
    costOwnerNonParty: nonParty,
    costEvidence,
  })
  if (c.costCell !== undefined) {
    const cell = c.costCell.trim()
    if (!cell || DEFERRED.test(cell.toLowerCase())) return result('unmet', null, null, null)
    const owner = resolve(cell, parties)
    if (owner.party) return result('met', owner.party, null, ev(c.block, c.text))
    if (owner.nonParty) return result('met', null, owner.nonParty, ev(c.block, c.text))
    if (EACH_OWN.test(cell.toLowerCase()) || /var och en|each party|varje part/i.test(cell)) return result(c.performers.length ? 'met' : 'unknown', c.performers[0] ?? null, null, ev(c.block, c.text))
    // A named organisation that is none of the parties books it (OC2).
    const name = CAP_NAME.exec(cell)
    if (name && name.index === 0 && !matchesAnyParty(parties, name[1]!)) return result('met', null, name[1]!.trim(), ev(c.block, c.text))
    return result('unknown', null, null, null)
  }
  // The activity's own words: "Stadsmissionen bokför kostnaderna och äger insatsen".
  if (BOOKING.test(c.text) || BOOKED_BY.test(c.text)) {
    if (DEFERRED.test(c.text)) return result('unmet', null, null, ev(c.block, c.text))
    const from = Math.max(0, c.text.search(BOOKING))
    const owner = resolve(c.text.slice(from), parties, rawOf(c.block, c.text).slice(from))
    if (owner.party || owner.nonParty) return result('met', owner.party, owner.nonParty, ev(c.block, c.text))
  }
  // A label that is only a verb's object word ("tillsammans") says nothing: then the whole description names it.
  const fromLabel = labelStems(c.label, parties)
  const stems = fromLabel.length ? fromLabel : labelStems(c.text.split(' ').slice(0, 12).join(' '), parties)
  for (const s of booking) {
    // In a list item "Activity: … The split of costs will be decided later." every sentence speaks of the item's label.
    // So does every sentence of a clause led by its label ("5.4 Prova-på-dagarna: varje part bokför …; föreningen bokför …").
    const about = s.text + ' ' + itemLabel(s.block.text)
    if (!stems.some((st) => about.includes(st))) continue
    if (DEFERRED.test(s.text)) return result('unmet', null, null, ev(s.block, s.text))
    const owner = resolve(s.text, parties, rawOf(s.block, s.text))
    if (owner.party || owner.nonParty) return result('met', owner.party, owner.nonParty, ev(s.block, s.text))
  }
  if (c.performers.length === 1) {
    const p = c.performers[0]!
    if (eachOwn) return result('met', p, null, ev(eachOwn.block, eachOwn.text))
    const own = booking.find((s) => firstMentioned(parties, s.text) === p && !DEFERRED.test(s.text))
    if (own) return result('met', p, null, ev(own.block, own.text))
    return result('unknown', null, null, null)
  }
  if (c.performers.length === 0) return result('unmet', null, null, null)
  // Co-delivered: "each party books its own costs" leaves the activity's shared costs without an owner.
  if (eachOwn) return result('unmet', null, null, ev(eachOwn.block, eachOwn.text))
  return result('unknown', null, null, null)
}

const CAP_NAME = u(/([A-ZÅÄÖÉ][\p{L}\d&-]*(?:\s(?:[A-ZÅÄÖÉ][\p{L}\d&-]*|i|för|och)){0,4})/u)

/** The booking party in a piece of text: the party named after "bokförs av"/"booked by", else the first one named. */
function resolve(text: string, parties: readonly Party[], raw?: string): { party: Party | null; nonParty: string | null } {
  const lower = text.toLowerCase()
  const by = BOOKED_BY.exec(lower)
  if (by) {
    const after = lower.slice(by.index + by[0].length)
    const p = firstMentioned(parties, after.slice(0, 80))
    if (p && after.search(p.mention) < 5) return { party: p, nonParty: null }
    const rawAfter = (raw ?? text).slice(by.index + by[0].length)
    const name = CAP_NAME.exec(rawAfter)
    if (name && name.index < 3 && !matchesAnyParty(parties, name[1]!)) return { party: null, nonParty: name[1]!.trim() }
    if (p) return { party: p, nonParty: null }
  }
  const p = firstMentioned(parties, lower)
  return { party: p, nonParty: null }
}

/** The lead of a list item up to its colon ("women's network with childcare"), or "" when it has none. */
function itemLabel(text: string): string {
  const colon = text.indexOf(':')
  return colon > 0 && colon <= 60 ? text.slice(0, colon) : ''
}

function afterVerb(s: string): string {
  const m = ACTIVITY_VERB.exec(s)
  return m ? s.slice(m.index + m[0].length) : s
}

function labelOf(text: string): string {
  const head = text.split(/[:–—(,.;]| - /)[0] ?? text
  return head.replace(/[*_]/g, '').trim().split(' ').slice(0, 6).join(' ')
}

const NON_LETTER_RUN = u(/[^\p{L}]+/u)
const GENERIC_WORDS = u(/^(?:gemensam\w*|tillsammans|parterna|together|joint\w*|both|båda|verksamhet\w*|activit\w*|driver|genomför|erbjuder|ansvarar|runs|provides|kommunen|föreningen|municipality)$/)
const STOP = new Set([
  'och',
  'för',
  'med',
  'som',
  'den',
  'det',
  'att',
  'the',
  'and',
  'for',
  'with',
  'till',
  'från',
  'under',
  'varje',
  'två',
  'tre',
  'fyra',
  'kvällar',
  'gånger',
  'per',
  'vecka',
  'veckan',
  'unga',
  'young',
  'people',
])

/** Word stems that identify an activity in a cost sentence; party names would match every activity. */
function labelStems(label: string, parties: readonly Party[]): string[] {
  return label
    .toLowerCase()
    .split(NON_LETTER_RUN)
    .filter((w) => w.length >= 4 && !STOP.has(w) && !parties.some((p) => p.mention.test(w)) && !GENERIC_WORDS.test(w) && !ACTIVITY_VERB.test(w))
    .map((w) => w.slice(0, Math.max(4, Math.min(w.length - 1, 7))))
}
