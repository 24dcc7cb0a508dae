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
  /** Every MUST criterion of the section with its verdict and evidence (added field; absent on old reports). */
  checks?: CriterionCheck[]
}

export type Verdict = 'met' | 'unmet' | 'unknown'

/** A span of the document's plain text that a verdict rests on. */
export interface Evidence {
  /** The quoted words (a sentence or a table row), as they stand in the text. */
  quote: string
  /** Position of the top-level node the words are in, for jumping to them in the editor. */
  top: number
}

export interface CriterionCheck {
  code: string
  verdict: Verdict
  evidence: Evidence[]
  /** Message code for the client's i18n (`validator.check.<code>.<verdict>`), plus parameters. */
  params?: Record<string, string | number>
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
