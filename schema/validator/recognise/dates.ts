/**
 * Calendar dates and month-precision dates in Swedish and English: "2026-01-01", "1 januari 2026",
 * "den 1 jan. 2026", "1 Jan 2026", "January 1, 2026", "1/1 2026", "31.12.2026", "januari 2026",
 * "hösten 2027", "2026-03". Each span says how precise it is; a month-only date is the first of the
 * month for ordering, and its `precision` tells a rule not to trust the day.
 */
import { latin } from '../latin.ts'

export type DatePrecision = 'day' | 'month' | 'season' | 'quarter' | 'half'

export interface DateSpan {
  start: number
  end: number
  year: number
  /** 1–12 */
  month: number
  /** 1–31; 1 when only the month is known. */
  day: number
  precision: DatePrecision
}

export const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  augusti: 8,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
}
const SEASONS: Record<string, number> = {
  våren: 3,
  vår: 3,
  spring: 3,
  sommaren: 6,
  sommar: 6,
  summer: 6,
  hösten: 9,
  höst: 9,
  autumn: 9,
  fall: 9,
  vintern: 12,
  vinter: 12,
  winter: 12,
  halvårsskiftet: 7,
  årsskiftet: 1,
}
export const MONTH_WORD = String.raw`(?:januari|january|februari|february|mars|march|april|maj|may|juni|june|juli|july|augusti|august|september|oktober|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)`
const SEASON_WORD = String.raw`(?:våren|sommaren|hösten|vintern|spring|summer|autumn|fall|winter)`

/** Months a date of each precision covers, from its first month: "March 2028" is all of March. */
export const PRECISION_MONTHS: Record<DatePrecision, number> = { day: 0, month: 1, season: 3, quarter: 3, half: 6 }

const ORDINAL: Record<string, number> = {
  första: 1,
  '1:a': 1,
  first: 1,
  '1st': 1,
  andra: 2,
  '2:a': 2,
  second: 2,
  '2nd': 2,
  tredje: 3,
  '3:e': 3,
  third: 3,
  '3rd': 3,
  fjärde: 4,
  '4:e': 4,
  fourth: 4,
  '4th': 4,
}
const ORDINAL_WORD = String.raw`(?:första|andra|tredje|fjärde|1:a|2:a|3:e|4:e|first|second|third|fourth|1st|2nd|3rd|4th)`
/** The first month of the n-th half or quarter of a year, or null for "tredje halvåret". */
const partStart = (ordinal: string, part: number): number | null => {
  const n = ORDINAL[ordinal.toLowerCase()] ?? Number(ordinal)
  return n >= 1 && n * part <= 12 ? (n - 1) * part + 1 : null
}

const NB = String.raw`(?<![\p{L}\d])`
const NA = String.raw`(?![\p{L}\d])`
const PATTERNS: [RegExp, (m: RegExpExecArray) => [number, number, number, DatePrecision] | null][] = [
  // 2026-01-31
  [latin(new RegExp(String.raw`${NB}(20\d\d|19\d\d)-(\d{1,2})-(\d{1,2})${NA}`, 'gu')), (m) => [+m[1]!, +m[2]!, +m[3]!, 'day']],
  // 1 januari 2026, den 1 jan. 2026, 1 Jan 2026, 1:a januari 2026
  [latin(new RegExp(String.raw`${NB}(\d{1,2})(?::a|:e|st|nd|rd|th)?\.?\s(?:of\s)?(${MONTH_WORD})\.?,?\s(20\d\d)${NA}`, 'giu')), (m) => [+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!, 'day']],
  // January 1, 2026 / Jan. 1 2026
  [latin(new RegExp(String.raw`${NB}(${MONTH_WORD})\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(20\d\d)${NA}`, 'giu')), (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!, 'day']],
  // 31.12.2026, 31/12/2026, 1/1 2026
  [latin(new RegExp(String.raw`${NB}(\d{1,2})[./](\d{1,2})[./ ](20\d\d)${NA}`, 'gu')), (m) => [+m[3]!, +m[2]!, +m[1]!, 'day']],
  // januari 2026, Jan. 2026
  [latin(new RegExp(String.raw`${NB}(${MONTH_WORD})\.?\s(20\d\d)${NA}`, 'giu')), (m) => [+m[2]!, MONTHS[m[1]!.toLowerCase()]!, 1, 'month']],
  // 2026-03
  [latin(new RegExp(String.raw`${NB}(20\d\d)-(0[1-9]|1[0-2])${NA}(?!-)`, 'gu')), (m) => [+m[1]!, +m[2]!, 1, 'month']],
  // första halvåret 2031, andra kvartalet 2027, the first half of 2031, the second quarter of 2027
  [
    latin(new RegExp(String.raw`${NB}(${ORDINAL_WORD})\s(halvåret|halvår|kvartalet|kvartal|half|quarter)\s(?:of\s)?(?:the\syear\s)?(20\d\d)${NA}`, 'giu')),
    (m) => {
      const half = /^(?:halv|half)/i.test(m[2]!)
      const month = partStart(m[1]!, half ? 6 : 3)
      return month === null ? null : [+m[3]!, month, 1, half ? 'half' : 'quarter']
    },
  ],
  // i början av 2028, i mitten av 2028, i slutet av 2028, at the start / in the middle / by the end of 2028, mid-2028
  [
    latin(new RegExp(String.raw`${NB}(?:(början|mitten|slutet) av|(?:the )?(beginning|start|middle|end) of(?: the year)?|(mid)-?)\s?(20\d\d)${NA}`, 'giu')),
    (m) => {
      const part = (m[1] ?? m[2] ?? m[3]!).toLowerCase()
      const month = /^(?:början|beginning|start)$/.test(part) ? 1 : /^(?:mitten|middle|mid)$/.test(part) ? 6 : 12
      return [+m[4]!, month, 1, 'month']
    },
  ],
  // H1 2031, Q3 2027
  [
    latin(new RegExp(String.raw`${NB}([hq])([1-4])\s(20\d\d)${NA}`, 'giu')),
    (m) => {
      const half = m[1]!.toLowerCase() === 'h'
      const month = partStart(m[2]!, half ? 6 : 3)
      return month === null ? null : [+m[3]!, month, 1, half ? 'half' : 'quarter']
    },
  ],
  // hösten 2027, spring 2026, autumn of 2027
  [latin(new RegExp(String.raw`${NB}(${SEASON_WORD})\s(?:of\s)?(20\d\d)${NA}`, 'giu')), (m) => [+m[2]!, SEASONS[m[1]!.toLowerCase()]!, 1, 'season']],
]

export function dateSpans(text: string): DateSpan[] {
  const out: DateSpan[] = []
  // Every pattern has a year or a day in digits.
  if (!/\d/.test(text)) return out
  for (const [re, read] of PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const r = read(m)
      if (!r) continue
      const [year, month, day, precision] = r
      if (month < 1 || month > 12 || day < 1 || day > 31) continue
      const start = m.index
      const end = m.index + m[0].length
      // A more precise pattern ran first; a shorter overlapping match is the same date.
      if (out.some((d) => start < d.end && d.start < end)) continue
      out.push({ start, end, year, month, day, precision })
    }
  }
  return out.sort((a, b) => a.start - b.start)
}
