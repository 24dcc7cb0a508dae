/**
 * Negation scope: whether a match at a position is negated in its own clause. "Ersättningen beräknas
 * inte per deltagare" negates "per deltagare"; "senast/no later than 30 September" and "högst/no more
 * than" are limits, not negations; a negation in an earlier clause (after a comma, "men", "but")
 * does not reach.
 */
import { latin } from '../latin.ts'

const NEGATOR = latin(/(?<![\p{L}])(?:inte|ej|icke|inga|ingen|inget|aldrig|varken|not|cannot|no|never|without|neither|nor|none|utan)(?![\p{L}])|n't(?![\p{L}])/giu)
/** Fixed expressions that contain a negator but state a limit or an addition. */
const NOT_NEGATION = latin(
  /(?<![\p{L}])(?:no later than|not later than|no more than|not more than|no less than|not less than|not only|no earlier than|inte senare än|inte mer än|inte mindre än|inte bara|inte minst|inte heller|inte tidigare än|utan att (?:det|detta) påverkar)(?![\p{L}])/giu,
)
// Commas do not end a negation's reach: "inte per plats, per dygn eller per gäst" negates all three.
const CLAUSE_BREAK = latin(/[;:()]|\s(?:men|utan|but|however|whereas|medan)\s/giu)
/** Swedish puts the negation right after the finite verb: "förlängs inte", "betalas inte ut per plats". */
const NEGATOR_AFTER = latin(/^\s*(?:inte|ej|icke|aldrig|not|never)(?![\p{L}])/iu)

// Callers ask about several matches of one sentence in a row: mask it once.
let lastText = ''
let lastMasked = ''
function masked(text: string): string {
  if (text !== lastText) {
    lastMasked = text.replace(NOT_NEGATION, (m) => '_'.repeat(m.length))
    lastText = text
  }
  return lastMasked
}

/** Global copies of the callers' patterns, compiled once per pattern rather than once per call. */
const globalCopies = new Map<RegExp, RegExp>()
function globalCopy(re: RegExp): RegExp {
  let g = globalCopies.get(re)
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')
    // Patterns are module constants; the bound only guards against a caller passing fresh ones.
    if (globalCopies.size > 500) globalCopies.clear()
    globalCopies.set(re, g)
  }
  g.lastIndex = 0
  return g
}

/** True when the words at [start, end) are negated within their clause. */
export function isNegated(text: string, start: number, end: number): boolean {
  const t = masked(text)
  let clauseStart = 0
  CLAUSE_BREAK.lastIndex = 0
  for (let m = CLAUSE_BREAK.exec(t); m && m.index < start; m = CLAUSE_BREAK.exec(t)) clauseStart = m.index + m[0].length
  const before = t.slice(Math.max(clauseStart, start - 80), start)
  NEGATOR.lastIndex = 0
  if (NEGATOR.test(before)) return true
  NEGATOR.lastIndex = 0
  if (NEGATOR.test(t.slice(start, end))) return true
  return NEGATOR_AFTER.test(t.slice(end, end + 14))
}

/** Whether `re` matches somewhere in `text` outside a negation. */
export function affirmedMatch(text: string, re: RegExp): boolean {
  const g = globalCopy(re)
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (!isNegated(text, m.index, m.index + m[0].length)) return true
    if (m[0].length === 0) g.lastIndex++
  }
  return false
}
