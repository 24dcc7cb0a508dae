import { baseKeymap } from 'prosemirror-commands'
import { Fragment, type Slice } from 'prosemirror-model'
import { NodeSelection, Plugin, PluginKey, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import { structureBroken } from './section-facts.ts'
import { uniqueUidsKey } from './unique-uids.ts'

export const sectionGuardKey = new PluginKey('sectionGuard')

/** Marks a transaction that deletes whole sections on purpose (the "delete section" command). */
export function allowSectionRemoval(tr: Transaction, uids: readonly string[]): Transaction {
  return tr.setMeta(sectionGuardKey, { mayRemove: uids })
}

/**
 * Sections hold: no local edit merges two sections or turns a section's heading into a plain heading
 * inside the section before it. Sections are `isolating` in the schema, so joins and lifts stop at
 * their edges; this is the backstop for every other path (a native deletion, a drag, a command that
 * does not know about sections). Deleting a whole section is the explicit command only.
 * Remote changes (y-prosemirror's own transactions, undo included) pass: they already happened, and
 * so do uid re-issues (attribute changes only).
 */
export function sectionGuard(): Plugin {
  return new Plugin({
    key: sectionGuardKey,
    filterTransaction(tr, state) {
      if (!tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined) return true
      // Re-issuing a duplicate uid changes one attribute; which copy keeps the uid is its decision.
      if (tr.getMeta(uniqueUidsKey) === true) return true
      const allowed = (tr.getMeta(sectionGuardKey) as { mayRemove?: readonly string[] } | undefined)?.mayRemove ?? []
      return structureBroken(state.doc, tr.doc, new Set(allowed)) === null
    },
    props: {
      // A pasted section goes after the section the cursor is in, whole, instead of splitting it.
      handlePaste(view, _event, slice) {
        return pasteSections(view, slice)
      },
    },
  })
}

function pasteSections(view: EditorView, slice: Slice): boolean {
  let hasSection = false
  slice.content.forEach((node) => {
    if (node.type.name === 'section') hasSection = true
  })
  if (!hasSection) return false
  const { state } = view
  const $from = state.selection.$from
  const pos = $from.depth >= 1 ? $from.after(1) : state.selection.to
  const $pos = state.doc.resolve(pos)
  const content = Fragment.from(slice.content)
  if (!$pos.parent.canReplace($pos.index(), $pos.index(), content)) return false
  const tr = state.tr.insert(pos, content)
  tr.setSelection(TextSelection.near(tr.doc.resolve(pos + 1))).scrollIntoView()
  view.dispatch(tr.setMeta('uiEvent', 'paste'))
  return true
}

/**
 * Backspace and Delete that never cross a section edge. The standard commands run first; what they
 * would do is looked at before it happens: a change that breaks the structure, or selecting a whole
 * section (the next keystroke would delete it), is swallowed. When no command applies at the edge of
 * a textblock the key is swallowed too, so the browser does not merge the blocks natively.
 */
export function sectionSafeDeletes(): Record<string, Command> {
  const keys: [string, -1 | 1][] = [
    ['Backspace', -1],
    ['Mod-Backspace', -1],
    ['Shift-Backspace', -1],
    ['Delete', 1],
    ['Mod-Delete', 1],
  ]
  const bindings: Record<string, Command> = {}
  for (const [key, dir] of keys) {
    const command = baseKeymap[key]
    if (command) bindings[key] = guarded(command, dir)
  }
  return bindings
}

function guarded(command: Command, dir: -1 | 1): Command {
  return (state, dispatch, view) => {
    let planned: Transaction | null = null
    const applies = command(state, (tr) => (planned = tr), view)
    const tr = planned as Transaction | null
    if (applies && tr) {
      const selectsSection = tr.selection instanceof NodeSelection && tr.selection.node.type.name === 'section'
      if (selectsSection || (tr.docChanged && structureBroken(state.doc, tr.doc) !== null)) return true
      dispatch?.(tr)
      return true
    }
    if (applies) return true
    return atTextblockEdge(state, dir)
  }
}

function atTextblockEdge(state: EditorState, dir: -1 | 1): boolean {
  const { $from, empty } = state.selection
  if (!empty || !$from.parent.isTextblock) return false
  return dir < 0 ? $from.parentOffset === 0 : $from.parentOffset === $from.parent.content.size
}
