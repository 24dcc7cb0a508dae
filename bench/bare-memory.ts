/**
 * Child process for scenario D's yardstick: the memory of N bare Y.Docs holding the same content as
 * the server's idle agreements, with nothing else (no sockets, no awareness, no storage). Forked
 * with --expose-gc so the readings are taken after full collections.
 */
import * as Y from 'yjs'

export interface BareRequest {
  count: number
  update: string
}

export interface BareResult {
  rssPerDoc: number
  heapPerDoc: number
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('bare-memory needs --expose-gc')
  gc()
  gc()
}

process.once('message', (request: BareRequest) => {
  const update = new Uint8Array(Buffer.from(request.update, 'base64'))
  collect()
  const before = process.memoryUsage()
  const docs: Y.Doc[] = []
  for (let i = 0; i < request.count; i++) {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    docs.push(doc)
  }
  collect()
  const after = process.memoryUsage()
  const result: BareResult = {
    rssPerDoc: (after.rss - before.rss) / docs.length,
    heapPerDoc: (after.heapUsed - before.heapUsed) / docs.length,
  }
  process.send!(result, () => process.exit(0))
})
