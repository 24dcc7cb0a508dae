import { baseKeymap, chainCommands, exitCode } from 'prosemirror-commands'
import { keymap } from 'prosemirror-keymap'
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list'
import type { NodeType } from 'prosemirror-model'
import type { Plugin } from 'prosemirror-state'
import { redo, undo } from 'y-prosemirror'
import { schema } from '../../schema/index.ts'
import { toggleEm, toggleStrong } from './commands.ts'
import { sectionSafeDeletes } from './section-guard.ts'

/**
 * Undo and redo are y-prosemirror's: its UndoManager tracks only transactions of this editor, so undo
 * takes back your own edits and never a co-author's.
 */
export function editorKeymaps(): Plugin[] {
  const listItem = schema.nodes.list_item as NodeType
  const hardBreak = schema.nodes.hard_break as NodeType
  const insertBreak = chainCommands(exitCode, (state, dispatch) => {
    dispatch?.(state.tr.replaceSelectionWith(hardBreak.create()).scrollIntoView())
    return true
  })
  return [
    // Before the base keymap: Backspace and Delete that never merge two sections.
    keymap(sectionSafeDeletes()),
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Mod-Shift-z': redo,
      'Mod-b': toggleStrong,
      'Mod-i': toggleEm,
      Enter: splitListItem(listItem),
      'Mod-[': liftListItem(listItem),
      'Mod-]': sinkListItem(listItem),
      'Shift-Enter': insertBreak,
    }),
    keymap(baseKeymap),
  ]
}
