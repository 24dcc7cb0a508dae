/**
 * Lengths of time: "sex månaders uppsägningstid", "6 mån.", "ett halvårs varsel", "two months' notice",
 * "24 månader", "ett år", "a year", "tre veckor", "90 dagar". Each span with its length in months.
 */
import { latin } from '../latin.ts'

export interface DurationSpan {
  start: number
  end: number
  months: number
}

const WORDS: Record<string, number> = {
  en: 1,
  ett: 1,
  one: 1,
  a: 1,
  an: 1,
  två: 2,
  two: 2,
  tre: 3,
  three: 3,
  fyra: 4,
  four: 4,
  fem: 5,
  five: 5,
  sex: 6,
  six: 6,
  sju: 7,
  seven: 7,
  åtta: 8,
  eight: 8,
  nio: 9,
  nine: 9,
  tio: 10,
  ten: 10,
  elva: 11,
  eleven: 11,
  tolv: 12,
  twelve: 12,
  femton: 15,
  fifteen: 15,
  arton: 18,
  eighteen: 18,
  tjugofyra: 24,
  'twenty-four': 24,
  trettio: 30,
  thirty: 30,
  trettiosex: 36,
  'thirty-six': 36,
  sextio: 60,
  sixty: 60,
  nittio: 90,
  ninety: 90,
}
export const NUMBER_WORD = Object.keys(WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')

const UNIT_MONTHS: [RegExp, number][] = [
  [/^(?:halvår|halvårs|halvåret|half-year|half a year|six-month)$/, 6],
  [/^(?:år|års|året|years?|yr)$/, 12],
  [/^(?:månader|månaders|månad|månads|mån|months?)$/, 1],
  [/^(?:kvartal|kvartals|quarters?)$/, 3],
  [/^(?:veckor|veckors|vecka|veckas|weeks?)$/, 12 / 52],
  [/^(?:dagar|dagars|dag|dags|days?)$/, 12 / 365],
]

const DURATION = latin(
  new RegExp(
    String.raw`(?<![\p{L}\d])(\d+(?:[.,]\d+)?|${NUMBER_WORD})(?:\s|-)(halvårs|halvår|half-year|kvartals|kvartal|quarters?|år|års|years?|månader|månaders|månads|månad|mån|months?|veckor|veckors|veckas|vecka|weeks?|dagar|dagars|dags|dag|days?)(?:['’]s?|\.)?(?![\p{L}])`,
    'giu',
  ),
)
/** "ett halvår", "a half-year", "ett halvårs varsel": the count is the article. */
const HALF_YEAR = latin(/(?<![\p{L}\d])(?:ett |a |one )?(?:halvårs|halvår|half-year|half a year|six-month)(?![\p{L}])/giu)

export function parseCount(word: string): number | null {
  if (/^\d/.test(word)) return Number(word.replace(',', '.'))
  return WORDS[word.toLowerCase()] ?? null
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
