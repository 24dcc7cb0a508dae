import { setBlockType, toggleMark } from 'prosemirror-commands'
import { liftListItem, wrapInList } from 'prosemirror-schema-list'
import type { MarkType, Node as PMNode, NodeType, ResolvedPos } from 'prosemirror-model'
import { Selection, TextSelection, type Command, type EditorState } from 'prosemirror-state'
import { emptySection, schema, type Lang, type SectionId } from '../../schema/index.ts'
import { newUid } from './uid.ts'
import { allowSectionRemoval } from './section-guard.ts'

const nodes = schema.nodes as Record<string, NodeType>
const marks = schema.marks as Record<string, MarkType>
const node = (name: string): NodeType => {
  const type = nodes[name]
  if (!type) throw new Error(`schema has no node ${name}`)
  return type
}
const mark = (name: string): MarkType => {
  const type = marks[name]
  if (!type) throw new Error(`schema has no mark ${name}`)
  return type
}

export const setParagraph: Command = setBlockType(node('paragraph'))
export const setHeading = (level: 2 | 3): Command => setBlockType(node('heading'), { level })
export const toggleStrong: Command = toggleMark(mark('strong'))
export const toggleEm: Command = toggleMark(mark('em'))

function parentList($pos: ResolvedPos): { type: NodeType; pos: number } | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const n = $pos.node(depth)
    if (n.type === node('bullet_list') || n.type === node('ordered_list')) return { type: n.type, pos: $pos.before(depth) }
  }
  return null
}

/** Wraps in a list of `type`; inside such a list it lifts out, inside the other kind it switches kind. */
export function toggleList(type: 'bullet_list' | 'ordered_list'): Command {
  const listType = node(type)
  return (state, dispatch) => {
    const list = parentList(state.selection.$from)
    if (list?.type === listType) return liftListItem(node('list_item'))(state, dispatch)
    if (list) {
      dispatch?.(state.tr.setNodeMarkup(list.pos, listType))
      return true
    }
    return wrapInList(listType)(state, dispatch)
  }
}

/**
 * Inserts an empty section of `kind` after the top-level node holding the cursor (never inside a
 * section: sections are top-level) and puts the cursor in its empty paragraph.
 */
export function insertSection(kind: SectionId, lang: Lang, uid: () => string = newUid): Command {
  return (state, dispatch) => {
    const { $from } = state.selection
    const pos = $from.depth >= 1 ? $from.after(1) : state.selection.to
    const section = emptySection(kind, lang, uid())
    const $pos = state.doc.resolve(pos)
    if (!$pos.parent.canReplaceWith($pos.index(), $pos.index(), section.type)) return false
    if (dispatch) {
      const tr = state.tr.insert(pos, section)
      const heading = section.firstChild
      const paragraphStart = pos + 1 + (heading ? heading.nodeSize : 0) + 1
      tr.setSelection(TextSelection.create(tr.doc, paragraphStart)).scrollIntoView()
      dispatch(tr)
    }
    return true
  }
}

export function isMarkActive(state: EditorState, name: 'strong' | 'em'): boolean {
  const type = mark(name)
  const { from, $from, to, empty } = state.selection
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks())
  return state.doc.rangeHasMark(from, to, type)
}

export function isBlockActive(state: EditorState, name: string, attrs?: Record<string, unknown>): boolean {
  return state.selection.$from.parent.hasMarkup(node(name), attrs)
}

export function isListActive(state: EditorState, name: 'bullet_list' | 'ordered_list'): boolean {
  return parentList(state.selection.$from)?.type === node(name)
}

/** The top-level section holding the cursor: its node and position, or null outside sections. */
export function sectionAtCursor(state: EditorState): { node: PMNode; pos: number } | null {
  const { $from } = state.selection
  if ($from.depth < 1) {
    // A node selection of a whole section sits at depth 0.
    const selected = state.doc.nodeAt(state.selection.from)
    return selected?.type === node('section') ? { node: selected, pos: state.selection.from } : null
  }
  const top = $from.node(1)
  return top.type === node('section') ? { node: top, pos: $from.before(1) } : null
}

/** The first section of `kind` in the document, if any. */
export function findSectionOfKind(state: EditorState, kind: SectionId): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null
  state.doc.forEach((child, offset) => {
    if (!found && child.type === node('section') && child.attrs.kind === kind) found = { node: child, pos: offset }
  })
  return found
}

/** Puts the cursor at the end of the section's heading and scrolls it into view. */
export function goToSection(pos: number): Command {
  return (state, dispatch) => {
    const section = state.doc.nodeAt(pos)
    if (!section || section.type !== node('section')) return false
    const first = section.firstChild
    const end = pos + 1 + (first?.isTextblock ? 1 + first.content.size : 0)
    dispatch?.(state.tr.setSelection(TextSelection.near(state.doc.resolve(end))).scrollIntoView())
    return true
  }
}

/**
 * Deletes the whole section holding the cursor, as one undoable step: the explicit way to remove a
 * section, since typing never does (client/editor/section-guard.ts). `confirm` is asked first when
 * the caller says the section carries review status or comments.
 */
export function deleteSection(confirm: (section: PMNode, pos: number) => boolean = () => true): Command {
  return (state, dispatch) => {
    const found = sectionAtCursor(state)
    if (!found) return false
    if (!dispatch) return true
    if (!confirm(found.node, found.pos)) return false
    const uid = typeof found.node.attrs.uid === 'string' ? found.node.attrs.uid : null
    const tr = allowSectionRemoval(state.tr.delete(found.pos, found.pos + found.node.nodeSize), uid ? [uid] : [])
    const near = Math.min(found.pos, tr.doc.content.size)
    tr.setSelection(Selection.near(tr.doc.resolve(near), -1)).scrollIntoView()
    dispatch(tr)
    return true
  }
}
