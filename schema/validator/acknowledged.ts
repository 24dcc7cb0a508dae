import type { Node as PMNode } from 'prosemirror-model'
import type { CriterionAck } from '../api-types.ts'
import type { SectionId } from '../sections.ts'
import type { SectionResult, ValidationReport } from './types.ts'

/**
 * The group's "Markera som uppfyllt" over the validator's verdict. A mark counts while the section's text
 * is what the marker saw (same hash) and only on a criterion the validator did not find met; a section
 * whose every unmet criterion is marked counts as present by the group's decision. The validator's own
 * report is never changed: the editor overlays this, and the API lists it beside the report.
 */

/** The text a section's marks are bound to: the section node's, or from its heading to the next section. */
export function sectionText(doc: PMNode, positions: ReadonlyMap<SectionId, number>, id: SectionId): string | null {
  const pos = positions.get(id)
  if (pos === undefined) return null
  const node = doc.nodeAt(pos)
  if (!node) return null
  if (node.type.name === 'section') return node.textContent
  const next = [...positions.values()].filter((p) => p > pos).sort((a, b) => a - b)[0] ?? doc.content.size
  return doc.textBetween(pos, Math.min(next, doc.content.size), '\n')
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

/** The section's hash in `doc`, or null when the section is not there (nothing to bind a mark to). */
export function sectionHashes(doc: PMNode, positions: ReadonlyMap<SectionId, number>, ids: readonly SectionId[]): Map<SectionId, string | null> {
  return new Map(
    ids.map((id) => {
      const text = sectionText(doc, positions, id)
      return [id, text === null ? null : sectionHash(text)]
    }),
  )
}

/** Marks on this section's unmet or unknown criteria that still hold for its current text. */
export function marksThatHold(section: SectionResult, acks: readonly CriterionAck[], hash: string | null): CriterionAck[] {
  if (hash === null) return []
  const open = new Set((section.checks ?? []).filter((c) => c.verdict !== 'met').map((c) => c.code))
  return acks.filter((a) => a.sectionId === section.id && open.has(a.code) && a.sectionHash === hash)
}

/**
 * The marks that close an incomplete section: one holding mark for each criterion the validator found
 * unmet, and no clause parameter left unfilled (a mark is about a criterion, not about a blank). Empty
 * when the marks do not close it.
 */
export function marksClosingSection(section: SectionResult, holding: readonly CriterionAck[]): CriterionAck[] {
  if (section.status !== 'incomplete' || section.criteria.length === 0) return []
  const unfilled = section.params?.unfilled
  if (Array.isArray(unfilled) && unfilled.length > 0) return []
  const byCode = new Map(holding.map((a) => [a.code, a]))
  const closing = section.criteria.map((code) => byCode.get(code))
  return closing.every((a): a is CriterionAck => a !== undefined) ? closing : []
}

export interface AcknowledgedCriterion {
  sectionId: SectionId
  code: string
  note: string
  userId: string | null
  createdAt: string
  /** With the other marks on this section, it makes an incomplete section count as present. */
  closesSection: boolean
}

/** For the API: the marks that hold on the report's document, beside (never inside) the validator's verdicts. */
export function acknowledgedCriteria(report: ValidationReport, doc: PMNode, positions: ReadonlyMap<SectionId, number>, acks: readonly CriterionAck[]): AcknowledgedCriterion[] {
  if (acks.length === 0) return []
  const hashes = sectionHashes(
    doc,
    positions,
    [...new Set(acks.map((a) => a.sectionId))].filter((id): id is SectionId => positions.has(id as SectionId)),
  )
  const out: AcknowledgedCriterion[] = []
  for (const section of report.sections) {
    const holding = marksThatHold(section, acks, hashes.get(section.id) ?? null)
    const closing = new Set(marksClosingSection(section, holding))
    for (const a of holding) out.push({ sectionId: section.id, code: a.code, note: a.note, userId: a.userId, createdAt: a.createdAt, closesSection: closing.has(a) })
  }
  return out
}
