import * as Y from 'yjs'
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../schema/schema.ts'
import { YJS_ROOT } from '../../schema/version.ts'

/** The Yjs state of a freshly seeded agreement: built once on the server, never by a client. */
export function encodeInitialState(doc: PMNode): Uint8Array {
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(YJS_ROOT))
  const state = Y.encodeStateAsUpdate(ydoc)
  ydoc.destroy()
  return state
}

/**
 * The canonical ProseMirror JSON of a Y.Doc, round-tripped through the schema.
 *
 * Converts via plain JSON rather than y-prosemirror's node builder: that builder deletes Yjs elements
 * it cannot map, and the server must never change a document while merely reading it.
 */
export function canonicalContent(ydoc: Y.Doc): { json: unknown; title: string; valid: boolean } {
  const raw = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(YJS_ROOT)) as { content?: { type: string; content?: { text?: string }[] }[] }
  const title = raw.content?.[0]?.type === 'title' ? (raw.content[0].content ?? []).map((t) => t.text ?? '').join('') : ''
  try {
    return { json: schema.nodeFromJSON(raw).toJSON(), title, valid: true }
  } catch {
    return { json: raw, title, valid: false }
  }
}

/** Replaces the text of the title node, creating the node if a document somehow lost it. */
export function setTitle(ydoc: Y.Doc, title: string, origin: unknown): void {
  const fragment = ydoc.getXmlFragment(YJS_ROOT)
  ydoc.transact(() => {
    let titleElement = fragment.get(0)
    if (!(titleElement instanceof Y.XmlElement) || titleElement.nodeName !== 'title') {
      titleElement = new Y.XmlElement('title')
      fragment.insert(0, [titleElement])
    }
    const element = titleElement as Y.XmlElement
    if (element.length > 0) element.delete(0, element.length)
    element.insert(0, [new Y.XmlText(title)])
  }, origin)
}
