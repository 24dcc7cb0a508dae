import { getLang, t, type MessageKey } from './i18n.ts'

/**
 * Dates, numbers and plural forms in the UI's language, through Intl: the one place that knows the
 * locales, so "22 nov. 2026 10:41" and "1 234" look the same on every page.
 */
const locale = (): string => (getLang() === 'sv' ? 'sv-SE' : 'en-GB')

export function formatDateTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso
  if (Number.isNaN(date.getTime())) return String(iso)
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso
  if (Number.isNaN(date.getTime())) return String(iso)
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date)
}

/** "för 5 minuter sedan" / "5 minutes ago", falling back to the date after a week. */
export function formatRelative(iso: string, now = Date.now()): string {
  const then = new Date(iso).getTime()
  if (Number.isNaN(then)) return iso
  const seconds = Math.round((then - now) / 1000)
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' })
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(seconds, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day')
  return formatDate(iso)
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n)
}

/** The message for `count` by the language's plural rules: `one` or `other` (Swedish and English have those two). */
export function plural(count: number, forms: { one: MessageKey; other: MessageKey }): string {
  const rule = new Intl.PluralRules(locale()).select(count)
  return t(rule === 'one' ? forms.one : forms.other, { count: formatNumber(count) })
}
