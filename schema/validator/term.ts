/**
 * Term, extensions, notice period and scheduled reviews (DU, TE1, RN1 and the date rules).
 */
import { memo, type Block } from './blocks.ts'
import { durationSpans } from './recognise/durations.ts'
import { gateWords, mayMatch } from './cue-index.ts'
import { affirmed, coarseDatesIn, datesIn, durationsInMonths, frequencyMonths, parseNumber, NUMBER, type DateMark, u } from './text.ts'
import type { Facts, FactContext } from './facts.ts'

const EXTENSION_DECISION = u(/\b(?:beslut|beslutar|bestäm|skriftlig|överens|enas|enats|agree|writing|decid|determin|senast|före|before|prior)/)
/**
 * When an extension is decided: a deadline or the occasion ("senast den 30 juni 2027", "no later than",
 * "after the final evaluation"). "Om parterna är överens" says how, not when, and leaves DU2 open.
 */
const EXTENSION_WHEN = u(
  /\b(?:senast|före|innan|inför|before|prior to|no later than|not later than|by the end of|by (?:the )?\d+|by (?:january|february|march|april|may|june|july|august|september|october|november|december)|i samband med|in connection with|efter (?:den |en )?(?:slut|halvtids)?utvärdering\w*|after the (?:final |midterm |mid-term )?(?:evaluation|review)|vid (?:den |en )?(?:slut|halvtids)?utvärdering\w*|at the (?:final |midterm |mid-term )?(?:evaluation|review))\b/,
)
/** How an extension is decided, said in the sentence after the one that allows it. */
const DECIDED_NEXT = u(/\b(?:beslut\w*|besluta[rs]?|bestäm\w*|avgör\w*|determin\w*|decid\w*|decision\w*|skriftlig\w*|in writing|kommer överens|överens|agree\w*)\b/)
/** That sentence must point back at the extension ("The decision …", "… decide this"), not decide something else. */
const POINTS_BACK = u(/\b(?:förläng\w*|extend\w*|extension|renew\w*|detta|det|därom|this|it|that|the decision|beslutet|a decision to)\b/)
const decidedNext = (x: string): boolean => DECIDED_NEXT.test(x) && POINTS_BACK.test(x)
/** The sentence after the extension says when it is decided ("Beslutet fattas senast …"). */
const whenNext = (x: string): boolean => EXTENSION_WHEN.test(x) && POINTS_BACK.test(x)
const TERM_WORD = gateWords(u(/\b(?:gäller|löper|avtalstid|avtalsperiod|period|term|runs|valid|in force|omfattar)\b/))
const RESULTS_WORD = u(/\b(?:målen|måluppfyllelse|resultaten|indikator\w*|goals|results|indicators)\b/)
const AGREEMENT_WORD = u(/\b(?:överenskommelse\w*|avtal\w*|agreement|terms|contract|villkor)\b/)
const ONLY_WHEN_NEEDED = u(/\b(?:vid behov|when needed|if needed|as needed|when necessary|på begäran|on request)\b/)
const MIDTERM = u(/\b(?:halvtid\w*|midterm|mid-term|halfway)\b/)

const RANGE_YEARS = u(/\b(20\d\d)\s?(?:–|-|—|till|to|through|until)\s?(20\d\d)\b/)
const EXTENSION = gateWords(u(/\b(?:förläng\w*|extend\w*|extension|renew\w*|prolong\w*)\b/))
const TIMES = u(new RegExp(String.raw`\b(?:högst|max(?:imalt|imum)?|up to|at most)\s${NUMBER}\s(?:gånger|gång|times)\b|\b${NUMBER}\s(?:gånger|times)\b`))

export interface TermMark {
  isExt: boolean
  dates: DateMark[]
  extDates: DateMark[]
  extMonths: number | null
  extDecided: boolean
  /** The extension sentence says when it is decided. */
  extWhen: boolean
  range: [number, number] | null
  length: number | null
}

/**
 * What one sentence says about the term; independent of its neighbours, so remembered per node. The
 * flags say what the sentence's block may hold (its words, a digit); false skips a pattern that cannot match.
 */
/** "En förlängning förutsätter en ny överenskommelse": no extension of this agreement, a new one instead. */
const NEW_AGREEMENT = u(/\b(?:(?:en |ett )?ny överenskommelse|nytt avtal|a new agreement|a new contract)\b/)

export function termIn(s: string, mayExtend = true, mayName = true, hasDigit = true): TermMark {
  const isExt = mayExtend && EXTENSION.test(s) && affirmed(s, EXTENSION) && !NEW_AGREEMENT.test(s)
  const all = hasDigit ? datesIn(s) : []
  const extAt = isExt ? s.search(EXTENSION) : Infinity
  // In "gäller 2026-01-01 – 2028-12-31 och kan förlängas till 2030-12-31" only the last date is the extension's.
  const dates = all.filter((d) => d.index < extAt)
  const extDates = all.filter((d) => d.index > extAt)
  let extMonths: number | null = null
  let extDecided = false
  let extWhen = false
  if (isExt) {
    const extSentence = s.slice(extAt)
    const lens = durationsInMonths(extSentence)
    const times = TIMES.exec(extSentence)
    const n = times ? (parseNumber(times[1] ?? times[2]!) ?? 1) : 1
    if (lens.length) extMonths = lens[0]! * n
    extDecided = EXTENSION_DECISION.test(extSentence)
    extWhen = EXTENSION_WHEN.test(extSentence)
  }
  const r = hasDigit ? RANGE_YEARS.exec(s) : null
  const lens = !isExt && mayName && TERM_WORD.test(s) ? durationsInMonths(s) : []
  return { isExt, dates, extDates, extMonths, extDecided, extWhen, range: r ? [+r[1]!, +r[2]!] : null, length: lens[0] ?? null }
}

/** `termIn` of each sentence of a block, remembered per node (the term and its evidence read the same). */
export function termMarks(b: Block): TermMark[] {
  return memo(b, findTerm, () => {
    const mayExtend = mayMatch(b, EXTENSION)
    const mayName = mayMatch(b, TERM_WORD)
    const hasDigit = DIGIT.test(b.text)
    return b.sentences.map((s) => termIn(s, mayExtend, mayName, hasDigit))
  })
}
const DIGIT = /\d/

export function findTerm(ctx: FactContext): Pick<Facts, 'start' | 'end' | 'termMonths' | 'extensionPossible' | 'extensionMonths' | 'extensionDecided'> {
  let start: DateMark | null = null
  let end: DateMark | null = null
  let lengthMonths: number | null = null
  let extensionPossible = false
  let extensionMonths: number | null = null
  let extensionDecided = false
  let extensionEnd: DateMark | null = null
  // Text that only mentions "avtalsperioden" (goals "för avtalsperioden", deadlines) does not set the term
  // when a duration section of its own exists.
  const own = ctx.scopes.duration.content.filter((b) => ctx.scopes.duration.strong.includes(b))
  for (const b of own.length ? own : ctx.scopes.duration.content) {
    const marks = termMarks(b)
    for (const [i, t] of marks.entries()) {
      if (t.isExt && !start && t.dates.length) {
        start = t.dates[0]!
        if (t.dates.length > 1) end = t.dates[1]!
      }
      if (t.isExt) {
        extensionPossible = true
        if (t.extMonths !== null) extensionMonths = Math.max(extensionMonths ?? 0, t.extMonths)
        if (t.extDates.length) extensionEnd = t.extDates[t.extDates.length - 1]!
        // "… may be extended once by one year. The decision shall be taken by both Parties in writing …"
        // How and when: "om parterna är överens" alone names no time for the decision.
        const next = b.sentences[i + 1] ?? ''
        if ((t.extDecided || decidedNext(next)) && (t.extWhen || whenNext(next))) extensionDecided = true
        continue
      }
      if (!start && t.dates.length) {
        start = t.dates[0]!
        if (t.dates.length > 1) end = t.dates[1]!
      } else if (start && !end && t.dates.length) end = t.dates[0]!
      if (!start && t.range) {
        start = { months: t.range[0] * 12, day: 1, index: 0 }
        end = { months: t.range[1] * 12 + 11, day: 31, index: 0 }
      }
      if (lengthMonths === null && t.length !== null) lengthMonths = t.length
    }
  }
  let termMonths: number | null = null
  if (start && end) termMonths = end.months - start.months + (end.day >= 28 || end.day >= start.day ? 1 : 0)
  else if (lengthMonths !== null) termMonths = lengthMonths
  if (start && !end && lengthMonths !== null) end = { months: start.months + lengthMonths - 1, day: 28, index: 0 }
  if (extensionEnd && end && extensionMonths === null) extensionMonths = Math.max(0, extensionEnd.months - end.months)
  return { start, end, termMonths, extensionPossible, extensionMonths, extensionDecided }
}

const NOTICE = u(/\b(?:uppsägningstid\w*|uppsägning|säga upp|sägas upp|säger upp|varsel|notice)\b/)

export function findNotice(ctx: FactContext): number | null {
  for (const scope of [ctx.scopes.termination, ctx.scopes.duration]) {
    for (const b of scope.content) {
      const months = memo(b, findNotice, () => {
        for (const s of b.sentences) {
          const found = noticeIn(s)
          if (found !== null) return found
        }
        return null
      })
      if (months !== null) return months
    }
  }
  return null
}

/** The duration nearest the notice word is the notice period, not the plan deadline in the same sentence. */
export function noticeIn(s: string): number | null {
  const cue = s.search(NOTICE)
  if (cue < 0) return null
  // Positions come from the same recogniser as the lengths, so "nine (9) months'" and "ett halvårs
  // varsel" are measured where they stand.
  let best: number | null = null
  let bestDist = Infinity
  for (const d of durationSpans(s)) {
    if (d.months <= 0) continue
    const dist = Math.abs(d.start - cue)
    if (dist < bestDist) {
      best = d.months
      bestDist = dist
    }
  }
  return best
}

const REVIEW_MONTH = u(
  /\b(?:i|in|senast|by|varje|every)\s(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october)\b/,
)
const REVIEW_VERB = gateWords(
  u(
    /\b(?:ser över|gör en översyn|genomför en översyn|går (?:vi |parterna |styrgruppen )?igenom|gås igenom|go through|goes through|ses över|se över|revider\w*|omförhandl\w*|prövas|pröva\w*|översyn\w*|halvtidsöversyn|omprövas|review\w*|renegotiat\w*|revis\w*|revisit\w*)\b/,
  ),
)
const REVIEW_OBJECT = u(/\b(?:överenskommelse\w*|avtal\w*|iop|villkor\w*|partnerskapet|agreement|terms|contract|partnership|budget|omförhandl\w*|renegotiat\w*|översyn\w*)\b/)

interface ReviewMark {
  interval: number | null
  dates: DateMark[]
  midterm: boolean
  scheduled: boolean
}

/** A scheduled review of the agreement itself in one sentence, or null. */
export function reviewIn(s: string): ReviewMark | null {
  if (!REVIEW_VERB.test(s) || !REVIEW_OBJECT.test(s) || !affirmed(s, REVIEW_VERB)) return null
  // Reviewing goals or results is follow-up, not a review of the agreement (SECTIONS.md RN1 note).
  if (RESULTS_WORD.test(s) && !AGREEMENT_WORD.test(s)) return null
  const interval = frequencyMonths(s)
  // A review "in March 2028" or "under första halvåret 2031" is scheduled at that precision.
  const dates = [...datesIn(s), ...coarseDatesIn(s)]
  if (ONLY_WHEN_NEEDED.test(s) && interval === null && !dates.length) return null
  const midterm = !dates.length && MIDTERM.test(s)
  const scheduled = interval !== null || dates.length > 0 || midterm || REVIEW_MONTH.test(s)
  return { interval, dates, midterm, scheduled }
}

/** `reviewIn` of each sentence of a block, remembered per node (the review and its evidence read the same). */
export function reviewMarks(b: Block): (ReviewMark | null)[] {
  return memo(b, reviewMarks, () => (mayMatch(b, REVIEW_VERB) ? b.sentences.map(reviewIn) : b.sentences.map(() => null)))
}

export function findReview(ctx: FactContext, termMonths: number | null, extensionMonths: number | null = null): Pick<Facts, 'reviewIntervalMonths' | 'reviewDates' | 'reviewScheduled'> {
  let interval: number | null = null
  const dates: DateMark[] = []
  let scheduled = false
  const seen = new Set<Block>()
  for (const scope of [ctx.scopes.renegotiation, ctx.scopes.follow_up_evaluation, ctx.scopes.governance]) {
    for (const b of scope.content) {
      if (seen.has(b)) continue
      seen.add(b)
      for (const r of reviewMarks(b)) {
        if (r === null) continue
        // One mid-term review splits the whole term, extensions included, in two.
        const f = r.midterm && termMonths ? (termMonths + (extensionMonths ?? 0)) / 2 : r.interval
        if (f !== null) interval = interval === null ? f : Math.min(interval, f)
        dates.push(...r.dates)
        if (r.scheduled) scheduled = true
      }
    }
  }
  return { reviewIntervalMonths: interval, reviewDates: dates, reviewScheduled: scheduled }
}
