import type { CriterionAck } from '../../schema/api-types.ts'
import type { Lang, SectionId, SectionLevel } from '../../schema/index.ts'
import { marksClosingSection, marksThatHold } from '../../schema/validator/acknowledged.ts'
import { renderMessage } from '../../schema/validator/messages.ts'
import type { Evidence, MessageParams, SectionResult, SectionStatus, ValidationReport, Verdict } from '../../schema/validator/types.ts'

/**
 * The validator panel's three groups, derived from a report and the group's marks. Kept free of the DOM
 * so the grouping rule (what is an error, what a warning, what a mark closes) is one tested function.
 */
export interface SectionItem {
  kind: 'section'
  id: SectionId
  /** After the group's marks: an incomplete section whose every unmet criterion is marked is "present". */
  status: SectionStatus
  level: SectionLevel
  /** The validator's sentence in the language it ran in; shown only for a report without a code. */
  message: string
  code?: string
  params?: MessageParams
  /** The marks that make this section count as present; empty when the text itself does. */
  acknowledged: CriterionAck[]
}

export interface WarningItem {
  kind: 'warning'
  rule: string
  message: string
  code?: string
  params?: MessageParams
}

export interface PanelModel {
  /** A required section missing or incomplete: the agreement is not ready to sign. */
  errors: SectionItem[]
  /** A recommended section missing or incomplete, and every warning-level rule that fired. */
  warnings: (SectionItem | WarningItem)[]
  done: SectionItem[]
}

/** The group's marks and each section's current text hash (null: the section is not in the text). */
export interface Marks {
  acks: readonly CriterionAck[]
  hashes: ReadonlyMap<SectionId, string | null>
}

export function buildPanelModel(report: ValidationReport, marks?: Marks): PanelModel {
  const model: PanelModel = { errors: [], warnings: [], done: [] }
  for (const s of report.sections) {
    const item = sectionItem(s, marks)
    if (item.status === 'present') model.done.push(item)
    else if (s.level === 'required') model.errors.push(item)
    else model.warnings.push(item)
  }
  for (const w of report.warnings) model.warnings.push({ kind: 'warning', rule: w.rule, message: w.message, code: w.code, params: w.params })
  return model
}

function sectionItem(s: SectionResult, marks: Marks | undefined): SectionItem {
  const closing = marks ? marksClosingSection(s, marksThatHold(s, marks.acks, marks.hashes.get(s.id) ?? null)) : []
  return { kind: 'section', id: s.id, status: closing.length ? 'present' : s.status, level: s.level, message: s.message, code: s.code, params: s.params, acknowledged: closing }
}

/**
 * A finding's sentence in the UI language, rendered from its code and parameters (the same function the
 * server's `message` comes from), so switching language needs no new validation run. A report from a
 * build that does not know the code keeps the sentence it came with.
 */
export function itemMessage(item: Pick<SectionItem | WarningItem, 'code' | 'params' | 'message'>, lang: Lang): string {
  return renderMessage(item.code, item.params, lang) ?? item.message
}

/** What an in-text badge says about a section: found but incomplete, or complete by the group's marks. */
export interface SectionBadge {
  id: SectionId
  level: SectionLevel
  state: 'incomplete' | 'acknowledged'
  /** The validator's sentence, or who marked what, in the UI language (the badge's tooltip). */
  title: string
}

/**
 * Sections that carry an in-text badge: incomplete ones, and the ones only the group's marks complete
 * (so nobody reads the text as the validator's finding). Missing sections have no place in the text.
 */
export function sectionBadges(report: ValidationReport, marks: Marks | undefined, lang: Lang, ackText: (acks: readonly CriterionAck[]) => string): SectionBadge[] {
  const out: SectionBadge[] = []
  for (const s of report.sections) {
    if (s.status !== 'incomplete') continue
    const item = sectionItem(s, marks)
    out.push(
      item.acknowledged.length
        ? { id: s.id, level: s.level, state: 'acknowledged', title: ackText(item.acknowledged) }
        : { id: s.id, level: s.level, state: 'incomplete', title: itemMessage(item, lang) },
    )
  }
  return out
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

export { sectionHash } from '../../schema/validator/acknowledged.ts'
