/// <reference lib="webworker" />
/**
 * The validator in a module worker, so a full run over a long agreement never blocks typing. It keeps
 * the blocks of the last document (see block-feed.ts) and receives only what changed since.
 */
import { schema } from '../../schema/schema.ts'
import { BlockStore } from './block-feed.ts'
import { validateDoc, type ValidateRequest, type ValidateResponse } from './validator-protocol.ts'

const store = new BlockStore(schema)
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<ValidateRequest>) => {
  const { seq, feed, lang, parties } = event.data
  let response: ValidateResponse
  try {
    const doc = store.apply(feed)
    const { report, positions, cost } = validateDoc(doc, lang, parties)
    response = { seq, report, positions: [...positions], cost }
  } catch (e) {
    // The editor resends the whole document after an error, so the store starts over too.
    store.clear()
    response = { seq, error: e instanceof Error ? e.message : String(e) }
  }
  scope.postMessage(response)
}
