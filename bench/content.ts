/**
 * What the bench clients write and how receivers read it back. Each edit is a short text carrying
 * the sender's wall-clock time in ms, so any replica, in any process on this machine, can compute
 * how long the edit took to become visible to it.
 */
import * as Y from 'yjs'

/** 'prosemirror' edits the Y.XmlFragment the editor binds to; 'text' a plain Y.Text, for comparison. */
export type Root = 'prosemirror' | 'text'

export const YJS_ROOT = 'prosemirror'
const TEXT_ROOT = 'bench'

/**
 * Wall-clock milliseconds with sub-millisecond resolution. timeOrigin is taken from the system clock
 * when each process starts, so readings from different processes on one machine are comparable.
 */
export function wallNow(): number {
  return performance.timeOrigin + performance.now()
}

const MARKER = /\|t=(\d+\.\d+)\|/g

export function marker(now: number): string {
  return `|t=${now.toFixed(3)}|`
}

/** Where one client types: its own paragraph (like a cursor in its own part of the text). */
export interface Writer {
  insert(text: string): void
}

/**
 * Prepares a client to write. In ProseMirror mode each client appends its own paragraph, so that
 * concurrent typing is legal schema content (a doc of paragraphs) and does not interleave characters.
 */
export function createWriter(doc: Y.Doc, root: Root, label: string): Writer {
  if (root === 'text') {
    const text = doc.getText(TEXT_ROOT)
    return { insert: (s) => text.insert(text.length, s) }
  }
  const fragment = doc.getXmlFragment(YJS_ROOT)
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  text.insert(0, label)
  paragraph.insert(0, [text])
  fragment.insert(fragment.length, [paragraph])
  return { insert: (s) => text.insert(text.length, s) }
}

/** Calls `onRemoteEdit(sentAt)` for every marker that arrives from another replica. */
export function observeRemoteEdits(doc: Y.Doc, root: Root, onRemoteEdit: (sentAt: number, now: number) => void): void {
  const visit = (delta: Array<{ insert?: unknown }>, now: number): void => {
    for (const op of delta) {
      if (typeof op.insert !== 'string') continue
      for (const match of op.insert.matchAll(MARKER)) onRemoteEdit(Number(match[1]), now)
    }
  }
  if (root === 'text') {
    doc.getText(TEXT_ROOT).observe((event) => {
      if (event.transaction.local) return
      visit(event.delta, wallNow())
    })
    return
  }
  doc.getXmlFragment(YJS_ROOT).observeDeep((events, transaction) => {
    if (transaction.local) return
    const now = wallNow()
    for (const event of events) {
      if (event.target instanceof Y.XmlText) visit(event.delta, now)
    }
  })
}

export function contentString(doc: Y.Doc, root: Root): string {
  return root === 'text' ? doc.getText(TEXT_ROOT).toString() : doc.getXmlFragment(YJS_ROOT).toString()
}

export function countMarkers(content: string): number {
  let n = 0
  for (const _ of content.matchAll(MARKER)) n++
  return n
}
