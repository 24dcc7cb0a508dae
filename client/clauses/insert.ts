import type { Node as PMNode } from 'prosemirror-model'
import { Selection, type EditorState, type Transaction } from 'prosemirror-state'
import { CLAUSE_SECTION_IDS, clauseSectionInfo, schema, type ClauseSectionId, type Lang } from '../../schema/index.ts'

/**
 * The transaction that puts a clause node into the section of `kind`: appended inside the first
 * section of that kind (taking the place of its empty skeleton paragraph), or in a new section with
 * its heading, placed where the taxonomy order puts it. An ordinary transaction, so undo and the
 * co-authors see it like any typed text. `null` when the document cannot take it.
 */
export function insertClauseTransaction(state: EditorState, clause: PMNode, kind: ClauseSectionId, lang: Lang, uid: () => string): Transaction | null {
  const { doc } = state
  let existing: { node: PMNode; pos: number } | null = null
  doc.forEach((node, pos) => {
    if (!existing && node.type.name === 'section' && node.attrs.kind === kind) existing = { node, pos }
  })

  const tr = state.tr
  let clauseAt: number
  if (existing) {
    const { node, pos } = existing as { node: PMNode; pos: number }
    const end = pos + node.nodeSize - 1
    const last = node.lastChild
    if (last && node.childCount > 1 && last.type.name === 'paragraph' && last.content.size === 0) {
      clauseAt = end - last.nodeSize
      tr.replaceWith(clauseAt, end, clause)
    } else {
      clauseAt = end
      tr.insert(end, clause)
    }
  } else {
    const heading = schema.nodes.heading!.create({ level: 2 }, schema.text(clauseSectionInfo(kind).name[lang]))
    const section = schema.nodes.section!.create({ kind, uid: uid() }, [heading, clause])
    const at = newSectionPosition(doc, kind)
    if (!doc.resolve(at).parent.canReplaceWith(doc.resolve(at).index(), doc.resolve(at).index(), section.type)) return null
    tr.insert(at, section)
    clauseAt = at + 1 + heading.nodeSize
  }
  // The cursor goes to the end of the inserted text, which is also what scrolls it into view.
  const inside = tr.doc.resolve(clauseAt + clause.nodeSize - 1)
  return tr.setSelection(Selection.near(inside, -1)).scrollIntoView()
}

/** After the last section that comes before `kind` in the taxonomy, else before the first after it. */
export function newSectionPosition(doc: PMNode, kind: ClauseSectionId): number {
  const order = CLAUSE_SECTION_IDS.indexOf(kind)
  let afterEarlier: number | null = null
  let beforeLater: number | null = null
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return
    const index = CLAUSE_SECTION_IDS.indexOf(node.attrs.kind as ClauseSectionId)
    if (index < 0) return
    if (index < order) afterEarlier = pos + node.nodeSize
    else if (index > order && beforeLater === null) beforeLater = pos
  })
  return afterEarlier ?? beforeLater ?? doc.content.size
}
