import { DEFAULT_CONSTANTS, thresholdSekFor } from '../schema/validator/constants.ts'
import type { ClauseParam, Lang, ParamValue } from './record.ts'

/**
 * Turns a stored parameter value into the words that appear in the agreement. The result is plain
 * text: callers put it in a ProseMirror text node, so nothing here needs escaping and nothing can
 * become markup. `null` means "not filled in", which the caller shows as the `{name}` token.
 */
export function formatValue(param: ClauseParam, value: ParamValue | null | undefined, lang: Lang): string | null {
  if (value === null || value === undefined) return null
  switch (param.type) {
    case 'list':
      return formatList(toItems(value), lang)
    case 'number':
    case 'months':
      return formatNumeric(value, lang, (n) => withUnit(param, n, formatNumber(n, lang), lang))
    case 'choice': {
      const option = param.options?.find((o) => o.value === String(value))
      return option ? option.text[lang] : null
    }
    case 'month':
      return formatMonth(value, lang)
    case 'year_month':
      return formatYearMonth(value, lang)
    case 'year':
    case 'orgnr':
      return plain(Array.isArray(value) ? value.join(' ') : String(value))
    case 'threshold_sek':
      return formatNumeric(value, lang, (n) => (lang === 'sv' ? `${formatNumber(n, lang)}\u00a0kr` : `SEK\u00a0${formatNumber(n, lang)}`))
    case 'rows':
    case 'signatories':
      // Block parameters are rendered by blocks.ts; inline they read as their first cells.
      return formatList(
        rowsOf(value).map((r) => r.filter(Boolean).join(', ')),
        lang,
      )
    case 'amount_sek':
      return formatNumeric(value, lang, (n) => (lang === 'sv' ? `${formatNumber(n, lang)}\u00a0kr` : `SEK\u00a0${formatNumber(n, lang)}`))
    case 'date':
    case 'text':
    case 'party':
      return plain(Array.isArray(value) ? value.join(', ') : String(value))
  }
}

/** Line breaks inside a value would split a clause sentence; a value is always one run of words. */
function plain(text: string): string | null {
  // Split, then trim each line: linear in the length. A single regex that eats the whitespace around
  // a line break (\s*[\r\n]+\s*) backtracks over every run of spaces without a break, which is
  // quadratic and lets one long value stall the server.
  const flat = text
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ')
  return flat.length > 0 ? flat : null
}

function toItems(value: ParamValue): string[] {
  const raw = Array.isArray(value) ? value : String(value).split(/\r?\n/)
  return raw.map((item) => plain(String(item))).filter((item): item is string => item !== null)
}

/**
 * Lists run inline in the clause sentence ("… följande parter: A, B och C."), which keeps the
 * approved wording one paragraph. Items that contain commas themselves are separated by semicolons
 * so that "goal, indicator, target" items stay readable.
 */
function formatList(items: string[], lang: Lang): string | null {
  if (items.length === 0) return null
  if (items.some((item) => /[,;]/.test(item))) return items.join('; ')
  if (items.length === 1) return items[0]!
  const and = lang === 'sv' ? 'och' : 'and'
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}

/** A value that is not a number is shown as typed, so nothing the group wrote disappears. */
function formatNumeric(value: ParamValue, _lang: Lang, format: (n: number) => string): string | null {
  const n = parseNumber(value)
  if (n !== null) return format(n)
  return plain(Array.isArray(value) ? value.join(', ') : String(value))
}

/** Accepts numbers and what people type into a form field: "250 000", "250,000", "1,5". */
export function parseNumber(value: ParamValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return null
  const compact = String(value).replace(/[\s\u00a0\u202f_]/g, '')
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return Number(compact.replace(/,/g, ''))
  if (/^-?\d+([.,]\d+)?$/.test(compact)) return Number(compact.replace(',', '.'))
  return null
}

/**
 * Formatted by hand rather than with Intl so that the server, every browser and the tests produce
 * the same characters (Intl's Swedish group separator differs between ICU versions).
 */
export function formatNumber(n: number, lang: Lang): string {
  const negative = n < 0
  const [int = '0', frac] = String(Math.abs(n)).split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? '\u00a0' : ',')
  const decimals = frac ? (lang === 'sv' ? ',' : '.') + frac : ''
  return `${negative ? '-' : ''}${grouped}${decimals}`
}

/** "1 månads", "6 månaders": the unit word agrees with the number. */
function withUnit(param: ClauseParam, n: number, formatted: string, lang: Lang): string {
  const unit = param.unit?.[lang]
  if (!unit) return formatted
  return `${formatted}\u00a0${n === 1 ? unit.one : unit.other}`
}

const MONTHS: Record<Lang, readonly string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
}

/** The month number 1–12 of a value: a number, "10", or a month name in either language. */
export function monthNumber(value: ParamValue): number | null {
  if (Array.isArray(value)) return null
  const raw = String(value).trim().toLowerCase()
  if (/^\d{1,2}$/.test(raw)) {
    const n = Number(raw)
    return n >= 1 && n <= 12 ? n : null
  }
  for (const lang of ['sv', 'en'] as const) {
    const i = MONTHS[lang].findIndex((m) => m.toLowerCase() === raw)
    if (i >= 0) return i + 1
  }
  return null
}

function formatMonth(value: ParamValue, lang: Lang): string | null {
  const n = monthNumber(value)
  return n === null ? plain(String(value)) : MONTHS[lang][n - 1]!
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/

export function isYearMonth(value: string): boolean {
  const m = YEAR_MONTH.exec(value.trim())
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12
}

function formatYearMonth(value: ParamValue, lang: Lang): string | null {
  const text = String(value).trim()
  const m = YEAR_MONTH.exec(text)
  if (!m || !isYearMonth(text)) return plain(text)
  return `${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`
}

/** Cells of a table value are separated by a tab: a form never puts one inside a cell. */
export const CELL_SEPARATOR = '\t'

/** The rows of a `rows` or `signatories` value, each a list of trimmed cells; empty rows dropped. */
export function rowsOf(value: ParamValue): string[][] {
  const raw = Array.isArray(value) ? value : String(value).split(/\r?\n/)
  return raw
    .map((row) =>
      String(row)
        .split(CELL_SEPARATOR)
        .map((cell) => plain(cell) ?? ''),
    )
    .filter((cells) => cells.some((c) => c !== ''))
}

/** The items of a list value, blank ones dropped. */
export function listItems(value: ParamValue): string[] {
  return toItems(value)
}

/** The SEK threshold the validator is configured with, written into the procurement clause. */
export function configuredThresholdSek(year: number | null = null): number | null {
  return thresholdSekFor(DEFAULT_CONSTANTS, year)?.sek ?? null
}
