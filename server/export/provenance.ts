import type { Node as PMNode } from 'prosemirror-model'
import { detectDeviation, type ClauseLibrary } from '../../clause-library/index.ts'
import type { ClauseProvenance } from './model.ts'

/**
 * Each library clause of the agreement, in document order: the version it was inserted from, who
 * approved that version and when, and whether the text now deviates from the approved wording (the
 * same comparison as the editor's badge: filled values do not count, wording does).
 */
export function clauseProvenance(doc: PMNode, library: ClauseLibrary): ClauseProvenance[] {
  const out: ClauseProvenance[] = []
  doc.descendants((node) => {
    if (node.type.name !== 'clause') return true
    const clauseId = typeof node.attrs.clauseId === 'string' ? node.attrs.clauseId : ''
    const version = typeof node.attrs.version === 'number' ? node.attrs.version : null
    const record = clauseId ? library.get(clauseId, version) : undefined
    const result = detectDeviation(node, library)
    const review = record?.status === 'approved' ? record.review : null
    out.push({
      clauseId,
      version: version ?? record?.version ?? null,
      approvedBy: review?.by ?? null,
      approvedAt: review?.at ?? null,
      deviates: result.status === 'unknown_clause' ? null : result.status === 'deviates',
    })
    return false
  })
  return out
}
