import type * as Y from 'yjs'

/**
 * A cheap name for a live document's state, for caches of what is derived from it (the validation
 * report): one counter per Y.Doc instance, moved by every update Yjs emits (insertions and deletions
 * alike, whoever made them). Equal names mean the same document instance with no update in between;
 * a document unloaded and loaded again is a new instance with a new name.
 */
const versions = new WeakMap<Y.Doc, { instance: number; updates: number }>()
let instances = 0

export function docVersion(doc: Y.Doc): string {
  let v = versions.get(doc)
  if (!v) {
    const entry = { instance: ++instances, updates: 0 }
    // Counting starts when the document is first asked about; its state then is update 0.
    doc.on('update', () => {
      entry.updates++
    })
    versions.set(doc, entry)
    v = entry
  }
  return `${v.instance}.${v.updates}`
}
