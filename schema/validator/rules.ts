import { thresholdSekFor, type ValidatorConstants } from './constants.ts'
import type { Facts } from './facts.ts'
import { warning, type DateIssue, type Lang } from './messages.ts'
import type { WarningResult } from './types.ts'
import { u } from './text.ts'

// Hoisted so that they are compiled once, not on every call.
const DAILY = u(/\b(?:dygn|vårddygn|dag|day|per diem|daily)\b/)
const CAPACITY = u(/\b(\d+)\s*(?:platser|place[s]?|beds|sängar|bäddar)\b/)

/**
 * The warning-level cross-cutting rules of SECTIONS.md §4. They never change a section's status; the
 * error-level rules live with the criterion they make incomplete (criteria.ts).
 */
export interface PublicValue {
  sek: number
  /** How the value was reached, for tests and for whoever reads the warning. */
  basis: 'total' | 'yearly' | 'per_unit'
}

/**
 * Public cash to idea-driven parties over the whole term including extensions: a stated total, or the
 * yearly amounts times the years, whichever is larger. In-kind contributions are not counted.
 */
export function publicValue(facts: Facts): PublicValue | null {
  const cash = facts.money.filter((m) => m.payer === 'public' && !m.inKind)
  if (!cash.length) return null
  const months = (facts.termMonths ?? 12) + (facts.extensionMonths ?? 0)
  const years = Math.max(1, months / 12)
  const total = Math.max(0, ...cash.filter((m) => m.period === 'total').map((m) => m.sek))
  const yearly = cash.filter((m) => m.period === 'year').reduce((sum, m) => sum + m.sek, 0) + cash.filter((m) => m.period === 'month').reduce((sum, m) => sum + m.sek * 12, 0)
  const perUnit = perUnitYearly(facts)
  const candidates: PublicValue[] = [
    { sek: total, basis: 'total' },
    { sek: yearly * years, basis: 'yearly' },
    { sek: perUnit * years, basis: 'per_unit' },
  ]
  const best = candidates.reduce((a, b) => (b.sek > a.sek ? b : a))
  return best.sek > 0 ? best : null
}

/** Rate × capacity × days for a daily rate per place, the Gothenburg pattern (SECTIONS.md §4). */
function perUnitYearly(facts: Facts): number {
  for (const m of facts.money) {
    if (m.payer === 'idea' || m.period !== 'unit' || m.inKind) continue
    if (!DAILY.test(m.sentence)) continue
    const capacity = CAPACITY.exec(m.sentence)
    if (capacity) return m.sek * Number(capacity[1]) * 365
  }
  return 0
}

export function runWarnings(facts: Facts, constants: ValidatorConstants, lang: Lang): WarningResult[] {
  const out: WarningResult[] = []
  const value = publicValue(facts)
  if (!value) out.push(warning('value_unknown', {}, lang))
  else {
    const startYear = facts.start ? Math.floor(facts.start.months / 12) : null
    // Without any SEK figure there is no rate to compare SEK sums with; SECTIONS.md §5 always has one.
    const period = thresholdSekFor(constants, startYear)
    if (period && value.sek >= period.sek) {
      out.push(warning('threshold_check', { value: Math.round(value.sek), threshold: period.sek, fromYear: period.fromYear, toYear: period.toYear }, lang))
    }
  }

  if (facts.termMonths !== null) {
    const total = facts.termMonths + (facts.extensionMonths ?? 0)
    const regular = facts.reviewIntervalMonths !== null && facts.reviewIntervalMonths <= constants.regularReviewMaxMonths
    if (total > constants.longDurationMonths && !regular) out.push(warning('long_duration_without_review', { months: total }, lang))
  }

  if (facts.noticeMonths !== null && facts.noticeMonths < constants.shortNoticeMonths && facts.heavyCommitments) {
    out.push(warning('short_notice_heavy_commitments', { months: facts.noticeMonths }, lang))
  }

  if (facts.perUnitSentence) out.push(warning('per_unit_pricing', {}, lang))

  for (const name of facts.nonPartyContributors) out.push(warning('non_party_contributor', { name }, lang))

  const dateIssue = dateInconsistency(facts)
  if (dateIssue) out.push(warning('date_consistency', { what: dateIssue }, lang))
  return out
}

function dateInconsistency(facts: Facts): DateIssue | null {
  const { start, end } = facts
  const at = (d: { months: number; day: number }) => d.months * 31 + d.day
  if (start && end && at(end) < at(start)) return 'end_before_start'
  if (start && end) {
    const last = at(end) + (facts.extensionMonths ?? 0) * 31
    // A coarse date ("March 2028") is outside only when all of it is: its last month before the start, or its first after the end.
    const outside = (d: Facts['reviewDates'][number]) => (d.lastMonth === undefined ? at(d) < at(start) || at(d) > last : d.lastMonth * 31 + 31 < at(start) || at(d) > last)
    if (facts.reviewDates.some(outside)) return 'review_outside'
  }
  if (facts.noticeMonths !== null && facts.termMonths !== null && facts.termMonths > 0 && facts.noticeMonths > facts.termMonths) return 'notice_longer'
  return null
}
