import type { Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { yUndoPluginKey } from 'y-prosemirror'

/**
 * Dispatches `tr` as an undo step of its own. Yjs' UndoManager merges edits made within half a
 * second; inserting a whole clause right after typing (or two in a row) should still be undone alone.
 */
export function dispatchAsOwnUndoStep(view: EditorView, tr: Transaction): void {
  const undoManager = (yUndoPluginKey.getState(view.state) as { undoManager?: { stopCapturing(): void } } | undefined)?.undoManager
  undoManager?.stopCapturing()
  view.dispatch(tr)
  undoManager?.stopCapturing()
}
