import type { SectionId, SectionLevel } from '../sections.ts'

/**
 * The validator's public result: exactly this shape is printed by the CLI (`--format json`), returned by
 * `GET /api/agreements/:id/validation` and rendered by the editor's panel.
 */
export type SectionStatus = 'present' | 'missing' | 'incomplete'

export interface SectionResult {
  id: SectionId
  status: SectionStatus
  level: SectionLevel
  /** Codes of the failed MUST criteria (e.g. "LG2"); empty when present. */
  criteria: string[]
  /** One sentence in the requested language saying what is missing and why it matters; "" when present. */
  message: string
}

export interface WarningResult {
  /** A warning-level rule id from SECTIONS.md §4 (e.g. "threshold_check"). */
  rule: string
  message: string
}

export interface ValidationReport {
  sections: SectionResult[]
  warnings: WarningResult[]
}
