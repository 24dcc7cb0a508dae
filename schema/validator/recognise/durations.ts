/**
 * Lengths of time: "sex månaders uppsägningstid", "6 mån.", "ett halvårs varsel", "two months' notice",
 * "24 månader", "ett år", "a year", "tre veckor", "90 dagar". Each span with its length in months.
 */
import { latin } from '../latin.ts'
import { COUNT_WORD, COUNT_WORDS, RESTATED_DIGITS } from './numbers.ts'

export interface DurationSpan {
  start: number
  end: number
  months: number
}

export const NUMBER_WORD = COUNT_WORD

const UNIT_MONTHS: [RegExp, number][] = [
  [/^(?:halvår|halvårs|halvåret|half-year|half a year|six-month)$/, 6],
  [/^(?:år|års|året|years?|yr)$/, 12],
  [/^(?:kalendermånader|kalendermånaders|kalendermånad|månader|månaders|månad|månads|mån|months?)$/, 1],
  [/^(?:kvartal|kvartals|quarters?)$/, 3],
  [/^(?:veckor|veckors|vecka|veckas|weeks?)$/, 12 / 52],
  [/^(?:dagar|dagars|dag|dags|days?)$/, 12 / 365],
]

const DURATION = latin(
  new RegExp(
    String.raw`(?<![\p{L}\d])(\d+(?:[.,]\d+)?|${NUMBER_WORD})${RESTATED_DIGITS}(?:\s|-)(?:calendar\s|full\s|hela\s)?(halvårs|halvår|half-year|kvartals|kvartal|quarters?|år|års|years?|kalendermånader|kalendermånaders|kalendermånad|månader|månaders|månads|månad|mån|months?|veckor|veckors|veckas|vecka|weeks?|dagar|dagars|dags|dag|days?)(?:['’]s?|\.)?(?![\p{L}])`,
    'giu',
  ),
)
/** "ett halvår", "a half-year", "ett halvårs varsel": the count is the article. */
const HALF_YEAR = latin(/(?<![\p{L}\d])(?:ett |a |one )?(?:halvårs|halvår|half-year|half a year|six-month)(?![\p{L}])/giu)

export function parseCount(word: string): number | null {
  if (/^\d/.test(word)) return Number(word.replace(',', '.'))
  return COUNT_WORDS[word.toLowerCase()] ?? null
}

export function durationSpans(text: string): DurationSpan[] {
  const out: DurationSpan[] = []
  DURATION.lastIndex = 0
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    const n = parseCount(m[1]!)
    const unit = UNIT_MONTHS.find(([re]) => re.test(m![2]!.toLowerCase()))
    if (n === null || !unit || n <= 0) continue
    out.push({ start: m.index, end: m.index + m[0].length, months: n * unit[1] })
  }
  HALF_YEAR.lastIndex = 0
  for (let m = HALF_YEAR.exec(text); m; m = HALF_YEAR.exec(text)) {
    const start = m.index
    const end = m.index + m[0].length
    if (!out.some((d) => start < d.end && d.start < end)) out.push({ start, end, months: 6 })
  }
  return out.sort((a, b) => a.start - b.start)
}
