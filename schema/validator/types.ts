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
  /** The same sentence as a message code plus parameters, rendered by `renderMessage` in any language (added field). */
  code?: SectionMessageCode
  params?: MessageParams
  /** Every MUST criterion of the section with its verdict and evidence (added field; absent on old reports). */
  checks?: CriterionCheck[]
}

/**
 * A message's parameters: plain JSON, so a report rendered once in one language can be re-rendered in the
 * other (schema/validator/messages.ts `renderMessage`) without validating again.
 */
export type MessageParam = string | number | boolean | string[] | { [key: string]: string[] }
export type MessageParams = Record<string, MessageParam>

export type SectionMessageCode = 'validator.section.present' | 'validator.section.missing' | 'validator.section.incomplete'
export type WarningRule = 'threshold_check' | 'value_unknown' | 'long_duration_without_review' | 'short_notice_heavy_commitments' | 'per_unit_pricing' | 'non_party_contributor' | 'date_consistency'
export type WarningMessageCode = `validator.warning.${WarningRule}`
export type MessageCode = SectionMessageCode | WarningMessageCode

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
  /** The same sentence as a message code plus parameters, rendered by `renderMessage` in any language (added field). */
  code?: WarningMessageCode
  params?: MessageParams
}

export interface ValidationReport {
  sections: SectionResult[]
  warnings: WarningResult[]
}
