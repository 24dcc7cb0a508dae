import type { EditorState } from 'prosemirror-state'
import { relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'

/**
 * Resolves a suggestion's Yjs anchors to ProseMirror positions. Unlike a comment's, the range may be
 * empty: an insertion is a point. Same trap as comment anchors: resolve only when Yjs and ProseMirror
 * agree (on remote changes, on new data), map through local transactions in between.
 */
interface Binding {
  type: Y.XmlFragment
  doc: Y.Doc
  mapping: Map<Y.AbstractType<unknown>, unknown>
}

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

export function resolveSuggestionAnchor(state: EditorState, anchor: { start: string; end: string }): { from: number; to: number } | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding
  if (!binding?.type) return null
  try {
    const resolve = (b64: string): number | null => relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(b64)), binding.mapping as never)
    const from = resolve(anchor.start)
    const to = anchor.end === anchor.start ? from : resolve(anchor.end)
    if (from === null || to === null || from > to || to > state.doc.content.size) return null
    return { from, to }
  } catch {
    return null
  }
}
