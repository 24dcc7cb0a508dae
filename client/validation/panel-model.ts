import type { SectionId, SectionLevel } from '../../schema/index.ts'
import type { SectionResult, SectionStatus, ValidationReport } from '../../schema/validator/types.ts'

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
