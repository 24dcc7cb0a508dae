/**
 * Thresholds and limits the rules compare against (SECTIONS.md §5). They are configuration because the
 * SEK threshold is revised every two years and the time limits are heuristics a municipality may tune;
 * callers override single fields through `validateAgreement(doc, { constants })`.
 */
export interface ThresholdPeriod {
  /** First and last calendar year the SEK figure applies to. */
  fromYear: number
  toYear: number
  sek: number
}

export interface ValidatorConstants {
  /** EU threshold for social and other specific services (LOU annex 2); fixed in euros. */
  euThresholdEur: number
  /** Published SEK equivalents per period. Periods without a published figure are simply absent. */
  euThresholdSek: readonly ThresholdPeriod[]
  /** Term including extensions above which a regular review is expected (months). */
  longDurationMonths: number
  /** Notice periods shorter than this are "short" when a partner carries staff or leases (months). */
  shortNoticeMonths: number
  /** Review intervals up to this count as "regular" renegotiation (months). */
  regularReviewMaxMonths: number
}

export const DEFAULT_CONSTANTS: ValidatorConstants = Object.freeze({
  euThresholdEur: 750_000,
  euThresholdSek: Object.freeze([
    { fromYear: 2018, toYear: 2019, sek: 7_113_450 },
    { fromYear: 2022, toYear: 2023, sek: 7_802_550 },
    { fromYear: 2024, toYear: 2025, sek: 8_109_450 },
  ]),
  longDurationMonths: 60,
  shortNoticeMonths: 3,
  regularReviewMaxMonths: 24,
})

export function resolveConstants(overrides?: Partial<ValidatorConstants>): ValidatorConstants {
  return overrides ? { ...DEFAULT_CONSTANTS, ...overrides } : DEFAULT_CONSTANTS
}

/**
 * The SEK threshold for an agreement starting in `year`. SECTIONS.md has no figure for 2020–2021 or from
 * 2026, so the latest figure published before that year is used and reported as such, rather than
 * silently skipping the check.
 */
export function thresholdSekFor(constants: ValidatorConstants, year: number | null): ThresholdPeriod | null {
  const periods = [...constants.euThresholdSek].sort((a, b) => a.fromYear - b.fromYear)
  if (periods.length === 0) return null
  if (year === null) return periods[periods.length - 1]!
  const exact = periods.find((p) => year >= p.fromYear && year <= p.toYear)
  if (exact) return exact
  const earlier = periods.filter((p) => p.toYear < year)
  return earlier[earlier.length - 1] ?? periods[0]!
}
