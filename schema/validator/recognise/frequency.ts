/**
 * Recurrences: "fyra gånger per år", "två gånger per termin", "varannan månad", "varje höst",
 * "each September", "i oktober varje år", "senast 1 mars varje år", "quarterly", "månadsvis",
 * "once a month", "three times per school year". Each span with the months between occurrences.
 */
import { latin } from '../latin.ts'
import { parseCount, NUMBER_WORD } from './durations.ts'
import { MONTH_WORD, MONTHS } from './dates.ts'

export interface FrequencySpan {
  start: number
  end: number
  months: number
}

const PERIOD: Record<string, number> = {
  år: 12,
  året: 12,
  läsår: 12,
  läsåret: 12,
  verksamhetsår: 12,
  verksamhetsåret: 12,
  kalenderår: 12,
  budgetår: 12,
  year: 12,
  annum: 12,
  'school year': 12,
  'academic year': 12,
  'financial year': 12,
  halvår: 6,
  halvåret: 6,
  'half-year': 6,
  kvartal: 3,
  kvartalet: 3,
  quarter: 3,
  termin: 6,
  terminen: 6,
  term: 6,
  semester: 6,
  månad: 1,
  månaden: 1,
  month: 1,
  vecka: 0.25,
  veckan: 0.25,
  week: 0.25,
}
const PERIOD_WORD = Object.keys(PERIOD)
  .sort((a, b) => b.length - a.length)
  .join('|')

const TIMES = latin(
  new RegExp(String.raw`(?<![\p{L}\d])(\d+|${NUMBER_WORD}|twice|once)\s?(?:gånger|gång|times|time|möten|meetings?|ggr\.?)?\s(?:per|om|i|varje|each|a|an|every)\s(${PERIOD_WORD})(?![\p{L}])`, 'giu'),
)
const EVERY = latin(
  new RegExp(
    String.raw`(?<![\p{L}\d])(varje|varannan|vartannat|var tredje|vart tredje|var|every other|every second|every third|every|each)\s(${PERIOD_WORD}|${MONTH_WORD}|höst|vår|sommar|vinter|autumn|spring|summer|winter|six months|two years)(?![\p{L}])`,
    'giu',
  ),
)
/** "every three months", "every 6 weeks", "var 3:e månad", "var fjärde vecka": a count of plural periods. */
const EVERY_N = latin(new RegExp(String.raw`(?<![\p{L}\d])(?:every|var|vart)\s(\d+|${NUMBER_WORD})(?::e)?\s(months|weeks|years|månader|veckor|år|månad|vecka)(?![\p{L}])`, 'giu'))
const EVERY_N_PERIOD: Record<string, number> = { months: 1, månader: 1, månad: 1, weeks: 0.25, veckor: 0.25, vecka: 0.25, years: 12, år: 12 }

const ADVERB: Record<string, number> = {
  månadsvis: 1,
  kvartalsvis: 3,
  halvårsvis: 6,
  årligen: 12,
  årsvis: 12,
  veckovis: 0.25,
  terminsvis: 6,
  monthly: 1,
  quarterly: 3,
  annually: 12,
  yearly: 12,
  weekly: 0.25,
  biannually: 6,
  'semi-annually': 6,
  'bi-annually': 6,
  'varje år': 12,
  årlig: 12,
  årliga: 12,
  årligt: 12,
  annual: 12,
}
const ADVERB_RE = latin(
  new RegExp(
    String.raw`(?<![\p{L}\d])(${Object.keys(ADVERB)
      .sort((a, b) => b.length - a.length)
      .join('|')})(?![\p{L}])`,
    'giu',
  ),
)

export function frequencySpans(text: string): FrequencySpan[] {
  const out: FrequencySpan[] = []
  const add = (start: number, end: number, months: number) => {
    if (!out.some((d) => start < d.end && d.start < end)) out.push({ start, end, months })
  }
  TIMES.lastIndex = 0
  for (let m = TIMES.exec(text); m; m = TIMES.exec(text)) {
    const w = m[1]!.toLowerCase()
    const n = w === 'twice' ? 2 : w === 'once' ? 1 : parseCount(w)
    const period = PERIOD[m[2]!.toLowerCase()]
    if (n && period) add(m.index, m.index + m[0].length, period / n)
  }
  EVERY.lastIndex = 0
  for (let m = EVERY.exec(text); m; m = EVERY.exec(text)) {
    const lead = m[1]!.toLowerCase()
    const what = m[2]!.toLowerCase()
    const mult = /varannan|vartannat|other|second/.test(lead) ? 2 : /tredje|third/.test(lead) ? 3 : 1
    // "varje höst", "each September": once a year.
    const period = PERIOD[what] ?? (what === 'six months' ? 6 : what === 'two years' ? 24 : 12)
    add(m.index, m.index + m[0].length, period * mult)
  }
  EVERY_N.lastIndex = 0
  for (let m = EVERY_N.exec(text); m; m = EVERY_N.exec(text)) {
    const n = parseCount(m[1]!.toLowerCase())
    if (n && n > 0) add(m.index, m.index + m[0].length, EVERY_N_PERIOD[m[2]!.toLowerCase()]! * n)
  }
  ADVERB_RE.lastIndex = 0
  for (let m = ADVERB_RE.exec(text); m; m = ADVERB_RE.exec(text)) add(m.index, m.index + m[0].length, ADVERB[m[1]!.toLowerCase()]!)
  for (const l of monthLists(text)) add(l.start, l.end, l.months)
  return out.sort((a, b) => a.start - b.start)
}

const MONTH_NAME_RE = latin(new RegExp(String.raw`(?<![\p{L}\d])(${MONTH_WORD})(?![\p{L}\d])`, 'giu'))
/** What may stand between two months of one list: ", ", " och ", " and ", ", och ", " samt ", " & ". */
const LIST_GAP = /^(?:, ?|,? (?:och|and|samt|&|or|eller) )$/i
/** A range ("mellan mars och juni", "from March to June") is one stretch of time, not two occasions. */
const RANGE_BEFORE = latin(/(?<![\p{L}])(?:mellan|between|från|from|fr\.o\.m\.?)\s$/iu)

/**
 * A list of named months ("i mars, juni, september och december", "in March and September") as n
 * occasions a year. A month followed by a day number or a year is a date, not an occasion, and a list
 * that repeats a month or opens a range is not read.
 */
function monthLists(text: string): FrequencySpan[] {
  const out: FrequencySpan[] = []
  let run: { start: number; end: number; months: Set<number>; ok: boolean } | null = null
  const close = () => {
    if (run && run.ok && run.months.size >= 2 && !RANGE_BEFORE.test(text.slice(Math.max(0, run.start - 12), run.start))) out.push({ start: run.start, end: run.end, months: 12 / run.months.size })
    run = null
  }
  MONTH_NAME_RE.lastIndex = 0
  for (let m = MONTH_NAME_RE.exec(text); m; m = MONTH_NAME_RE.exec(text)) {
    const start = m.index
    const end = start + m[0].length
    const month = MONTHS[m[1]!.toLowerCase()]!
    // "1 mars", "mars 2027", "march 1": a date, which ends any list.
    const dated = /\d[.:]?\s?$/.test(text.slice(Math.max(0, start - 4), start)) || /^\.?,?\s?\d/.test(text.slice(end, end + 4))
    if (run && LIST_GAP.test(text.slice(run.end, start)) && !dated) {
      if (run.months.has(month)) run.ok = false
      run.months.add(month)
      run.end = end
      continue
    }
    close()
    if (!dated) run = { start, end, months: new Set([month]), ok: true }
  }
  close()
  return out
}

/** The shortest recurrence in a text, in months, or null. */
export function frequencyMonthsOf(text: string): number | null {
  const spans = frequencySpans(text)
  return spans.length ? Math.min(...spans.map((s) => s.months)) : null
}
