/**
 * The automerge-paper editing trace (one author typing a LaTeX paper, ~260k single-character edits)
 * replayed into a Y.Doc, to give an agreement a realistic long history with deletions.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import * as Y from 'yjs'
import { YJS_ROOT, type Root } from './content.ts'

/** shared/ sits beside the repository; OVERENS_TRACE points elsewhere. */
export const TRACE_PATH = process.env.OVERENS_TRACE ?? resolve(import.meta.dirname, '../../shared/data/automerge-paper.json.gz')

type Patch = [position: number, deleteCount: number, insert: string]

interface Trace {
  startContent: string
  endContent: string
  txns: Array<{ patches: Patch[] }>
}

let cached: Trace | undefined

export function loadTrace(path = TRACE_PATH): Trace {
  if (cached) return cached
  const parsed = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Trace
  if (!Array.isArray(parsed.txns) || typeof parsed.endContent !== 'string') throw new Error(`${path} is not an editing trace`)
  cached = parsed
  return parsed
}

export interface History {
  /** One update per batch of transactions, in order: what a client typing the trace would send. */
  updates: Uint8Array[]
  /** The whole document state (encodeStateAsUpdate), for in-process comparisons. */
  state: Uint8Array
  /** Plain text after the replay, to check what a fresh client received. */
  text: string
  edits: number
}

/**
 * Replays the first `maxEdits` transactions. In ProseMirror mode the text goes into one paragraph of
 * the `prosemirror` fragment, the shape y-prosemirror gives typed text. Transactions are grouped
 * `batch` at a time into one update, as an editor that sends on a short debounce would.
 */
export function buildHistory(maxEdits: number, root: Root, batch = 100): History {
  const trace = loadTrace()
  const txns = trace.txns.slice(0, maxEdits)
  const doc = new Y.Doc()
  let text: Y.Text
  if (root === 'text') {
    text = doc.getText('bench')
  } else {
    const paragraph = new Y.XmlElement('paragraph')
    const xmlText = new Y.XmlText()
    paragraph.insert(0, [xmlText])
    text = xmlText
    doc.getXmlFragment(YJS_ROOT).insert(0, [paragraph])
  }
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)]
  for (let i = 0; i < txns.length; i += batch) {
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      for (const txn of txns.slice(i, i + batch)) {
        for (const [position, deleteCount, insert] of txn.patches) {
          if (deleteCount > 0) text.delete(position, deleteCount)
          if (insert.length > 0) text.insert(position, insert)
        }
      }
    })
    updates.push(Y.encodeStateAsUpdate(doc, before))
  }
  const result = text.toString()
  if (txns.length === trace.txns.length && result !== trace.endContent) {
    throw new Error('trace replay does not reproduce endContent')
  }
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { updates, state, text: result, edits: txns.length }
}
