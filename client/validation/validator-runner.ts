import type { Node as PMNode } from 'prosemirror-model'
import type { Lang } from '../../schema/index.ts'
import type { RegisteredParty } from '../../schema/validator/index.ts'
import { BlockFeed } from './block-feed.ts'
import { validateDoc, type Outcome, type ValidateRequest, type ValidateResponse } from './validator-protocol.ts'

export type RunnerKind = 'worker' | 'main'

/** Runs the validator somewhere: in a module worker when the browser has one, else on the main thread. */
export interface ValidatorRunner {
  run(doc: PMNode, lang: Lang, parties: readonly RegisteredParty[]): Promise<Outcome & { source: RunnerKind }>
  readonly kind: RunnerKind
  destroy(): void
}

/** A worker that has not answered in this long is taken for hung; the main thread takes over. */
const WORKER_TIMEOUT_MS = 15_000

/** Main-thread time of the last post (building the changed-blocks message and handing it over), in ms. */
export const runnerTimings = { lastPostMs: 0, lastSent: 0 }

export function mainThreadRunner(): ValidatorRunner {
  return {
    kind: 'main',
    run: (doc, lang, parties) => Promise.resolve({ ...validateDoc(doc, lang, parties), source: 'main' as const }),
    destroy() {},
  }
}

/**
 * The worker runner. A worker that cannot start (no Worker, a CSP refusal, a failed load) or that
 * fails on a message hands the run to the main thread, so the panel never stays empty.
 */
export function createValidatorRunner(makeWorker: () => Worker = defaultWorker): ValidatorRunner {
  if (typeof Worker === 'undefined') return mainThreadRunner()
  let worker: Worker | null
  try {
    worker = makeWorker()
  } catch {
    return mainThreadRunner()
  }
  const fallback = mainThreadRunner()
  const feed = new BlockFeed()
  let seq = 0
  const pending = new Map<number, { doc: PMNode; lang: Lang; parties: readonly RegisteredParty[]; resolve: (o: Outcome & { source: RunnerKind }) => void; timer: ReturnType<typeof setTimeout> }>()
  let broken = false
  const runner: ValidatorRunner & { kind: RunnerKind } = {
    kind: 'worker',
    run(doc, lang, parties) {
      if (broken || !worker) return fallback.run(doc, lang, parties)
      return new Promise((resolve) => {
        const start = performance.now()
        const message = feed.message(doc)
        const request: ValidateRequest = { seq: ++seq, feed: message, lang, parties: parties.map((p) => ({ ...p })) }
        pending.set(request.seq, { doc, lang, parties, resolve, timer: setTimeout(giveUp, WORKER_TIMEOUT_MS) })
        worker!.postMessage(request)
        runnerTimings.lastPostMs = performance.now() - start
        runnerTimings.lastSent = message.sent
      })
    },
    destroy() {
      worker?.terminate()
      worker = null
      for (const p of pending.values()) clearTimeout(p.timer)
      pending.clear()
    },
  }
  const giveUp = (): void => {
    broken = true
    runner.kind = 'main'
    worker?.terminate()
    worker = null
    for (const [id, p] of pending) {
      pending.delete(id)
      clearTimeout(p.timer)
      void fallback.run(p.doc, p.lang, p.parties).then(p.resolve)
    }
  }
  worker.onmessage = (event: MessageEvent<ValidateResponse>) => {
    const data = event.data
    const p = pending.get(data.seq)
    if (!p) return
    pending.delete(data.seq)
    clearTimeout(p.timer)
    if ('error' in data) {
      // The worker cleared its blocks; the next message carries the whole document again.
      feed.reset()
      void fallback.run(p.doc, p.lang, p.parties).then(p.resolve)
      return
    }
    p.resolve({ report: data.report, positions: new Map(data.positions), cost: data.cost, source: 'worker' })
  }
  worker.onerror = (event) => {
    event.preventDefault?.()
    giveUp()
  }
  return runner
}

function defaultWorker(): Worker {
  return new Worker(new URL('./validator-worker.ts', import.meta.url), { type: 'module' })
}
