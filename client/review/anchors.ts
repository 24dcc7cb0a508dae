import type { EditorState } from 'prosemirror-state'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'
import type { Anchor } from './review-api.ts'

/**
 * Comment anchors are Yjs relative positions, not ProseMirror offsets: they stay on the same
 * characters whatever anyone types before them, and resolve the same way on every replica.
 *
 * Trap: the binding's mapping describes the Y side. After a local edit ProseMirror's state is ahead of
 * it until the sync plugin's view has written the edit to Yjs, so resolve only when both agree (on
 * remote changes, on demand) and map positions through transactions in between.
 */
interface Binding {
  type: Y.XmlFragment
  doc: Y.Doc
  mapping: Map<Y.AbstractType<unknown>, unknown>
}

function bindingOf(state: EditorState): Binding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding
  return binding?.type ? binding : null
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

export function anchorFromRange(state: EditorState, from: number, to: number): Anchor | null {
  const binding = bindingOf(state)
  if (!binding) return null
  const encode = (pos: number): string => toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never) as Y.RelativePosition))
  return { start: encode(from), end: encode(to) }
}

/** The range the anchor covers now; `null` when its text is gone (deleted, or an undecodable anchor). */
export function resolveAnchor(state: EditorState, anchor: Anchor): { from: number; to: number } | null {
  const binding = bindingOf(state)
  if (!binding) return null
  try {
    const resolve = (b64: string): number | null => relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(b64)), binding.mapping as never)
    const from = resolve(anchor.start)
    const to = resolve(anchor.end)
    const size = state.doc.content.size
    if (from === null || to === null || from >= to || to > size) return null
    return { from, to }
  } catch {
    return null
  }
}
