import type { CriterionAck } from '../../schema/api-types.ts'
import type { SectionId, SectionLevel } from '../../schema/index.ts'
import type { Evidence, SectionResult, SectionStatus, ValidationReport, Verdict } from '../../schema/validator/types.ts'

/**
 * The validator panel's three groups, derived from a report. Kept free of the DOM so the grouping
 * rule (what is an error, what a warning) is one tested function.
 */
export interface SectionItem {
  kind: 'section'
  id: SectionId
  status: SectionStatus
  level: SectionLevel
  message: string
}

export interface WarningItem {
  kind: 'warning'
  rule: string
  message: string
}

export interface PanelModel {
  /** A required section missing or incomplete: the agreement is not ready to sign. */
  errors: SectionItem[]
  /** A recommended section missing or incomplete, and every warning-level rule that fired. */
  warnings: (SectionItem | WarningItem)[]
  done: SectionItem[]
}

export function buildPanelModel(report: ValidationReport): PanelModel {
  const model: PanelModel = { errors: [], warnings: [], done: [] }
  for (const s of report.sections) {
    const item = sectionItem(s)
    if (s.status === 'present') model.done.push(item)
    else if (s.level === 'required') model.errors.push(item)
    else model.warnings.push(item)
  }
  for (const w of report.warnings) model.warnings.push({ kind: 'warning', rule: w.rule, message: w.message })
  return model
}

function sectionItem(s: SectionResult): SectionItem {
  return { kind: 'section', id: s.id, status: s.status, level: s.level, message: s.message }
}

/** Sections that should carry an inline marker in the document: found, but not complete. */
export function incompleteSections(report: ValidationReport): SectionResult[] {
  return report.sections.filter((s) => s.status === 'incomplete')
}

export type { CriterionAck } from '../../schema/api-types.ts'

/** What the checklist shows for one criterion: the validator's verdict, or the group's decision over it. */
export type ChecklistState = 'unmet' | 'unknown' | 'acknowledged' | 'met'

export interface ChecklistItem {
  code: string
  state: ChecklistState
  verdict: Verdict
  evidence: Evidence[]
  params: Record<string, string | number>
  /** The mark that holds (state "acknowledged"). */
  ack: CriterionAck | null
  /** A mark made on an earlier text of the section: shown, but no longer counted. */
  reopened: CriterionAck | null
}

export interface SectionChecklist {
  id: SectionId
  items: ChecklistItem[]
  /** Met by the text or by a decision that still holds. */
  met: number
  total: number
}

const ORDER: Record<ChecklistState, number> = { unmet: 0, unknown: 1, acknowledged: 2, met: 3 }

/**
 * The section's criteria, what still needs work first (unmet, then questions to check), then what is
 * met by decision, then by the text; the validator's order within each. A mark counts only on an
 * unmet or unknown criterion and only while the section's text hashes to what the marker saw.
 */
export function buildChecklist(section: SectionResult, acks: readonly CriterionAck[], currentHash: string | null): SectionChecklist {
  const mine = new Map(acks.filter((a) => a.sectionId === section.id).map((a) => [a.code, a]))
  const items = (section.checks ?? []).map((check, index): ChecklistItem & { index: number } => {
    const mark = check.verdict === 'met' ? undefined : mine.get(check.code)
    const holds = mark !== undefined && currentHash !== null && mark.sectionHash === currentHash
    return {
      index,
      code: check.code,
      verdict: check.verdict,
      state: holds ? 'acknowledged' : check.verdict,
      evidence: check.evidence,
      params: check.params ?? {},
      ack: holds ? mark : null,
      reopened: mark !== undefined && !holds ? mark : null,
    }
  })
  items.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.index - b.index)
  const met = items.filter((i) => i.state === 'met' || i.state === 'acknowledged').length
  return { id: section.id, items: items.map(({ index: _index, ...item }) => item), met, total: items.length }
}

/**
 * A short fingerprint of a section's text (FNV-1a, 32 bits, hex): enough to tell "the text changed"
 * from "it did not", which is all a mark needs. Not a security boundary.
 */
export function sectionHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}
