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
      return formatNumeric(value, lang, (n) => formatNumber(n, lang))
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
function formatNumeric(value: ParamValue, lang: Lang, format: (n: number) => string): string | null {
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
