import { afterEach, describe, expect, it, vi } from 'vitest'
import { schema } from '../../../schema/schema.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { validateAgreement } from '../../../schema/validator/index.ts'
import { BlockStore } from '../../../client/validation/block-feed.ts'
import { createValidatorRunner } from '../../../client/validation/validator-runner.ts'
import { validateDoc, type ValidateRequest, type ValidateResponse } from '../../../client/validation/validator-protocol.ts'
import { fixture } from '../validator/helpers.ts'

/**
 * The runner's choices without a browser: a stand-in Worker that runs the real worker logic (block
 * store + validateDoc) through structured clone, one that fails to load, and no Worker at all.
 */
class InProcessWorker {
  onmessage: ((e: MessageEvent<ValidateResponse>) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  store = new BlockStore(schema)
  requests: ValidateRequest[] = []
  postMessage(data: ValidateRequest): void {
    const request = structuredClone(data)
    this.requests.push(request)
    setTimeout(() => {
      const doc = this.store.apply(request.feed)
      const { report, positions, cost } = validateDoc(doc, request.lang, request.parties)
      this.onmessage?.({ data: structuredClone({ seq: request.seq, report, positions: [...positions], cost }) } as MessageEvent<ValidateResponse>)
    }, 1)
  }
  terminate(): void {}
}

class BrokenWorker extends InProcessWorker {
  override postMessage(): void {
    setTimeout(() => this.onerror?.({ preventDefault() {} } as ErrorEvent), 1)
  }
}

const g = globalThis as { Worker?: unknown }
const hadWorker = 'Worker' in g
const original = g.Worker
afterEach(() => {
  if (hadWorker) g.Worker = original
  else delete g.Worker
})

describe('validator runner', () => {
  const doc = markdownToDoc(fixture('sv-gaps.md'))
  const expected = JSON.stringify(validateAgreement(doc, { lang: 'en' }))

  it('validates in the worker, sending the whole document first and then nothing new', async () => {
    g.Worker = class {}
    const worker = new InProcessWorker()
    const runner = createValidatorRunner(() => worker as unknown as Worker)
    expect(runner.kind).toBe('worker')
    const first = await runner.run(doc, 'en', [])
    expect(first.source).toBe('worker')
    expect(JSON.stringify(first.report)).toBe(expected)
    const again = await runner.run(doc, 'en', [])
    expect(JSON.stringify(again.report)).toBe(expected)
    expect(worker.requests[1]!.feed.sent).toBe(0)
  })

  it('falls back to the main thread when the worker fails to load, and stays there', async () => {
    g.Worker = class {}
    const runner = createValidatorRunner(() => new BrokenWorker() as unknown as Worker)
    const outcome = await runner.run(doc, 'en', [])
    expect(outcome.source).toBe('main')
    expect(JSON.stringify(outcome.report)).toBe(expected)
    expect(runner.kind).toBe('main')
    expect((await runner.run(doc, 'en', [])).source).toBe('main')
  })

  it('takes a worker that never answers for hung and validates on the main thread', async () => {
    g.Worker = class {}
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      class SilentWorker extends InProcessWorker {
        override postMessage(): void {}
      }
      const runner = createValidatorRunner(() => new SilentWorker() as unknown as Worker)
      const pending = runner.run(doc, 'en', [])
      vi.advanceTimersByTime(15_000)
      const outcome = await pending
      expect(outcome.source).toBe('main')
      expect(JSON.stringify(outcome.report)).toBe(expected)
    } finally {
      vi.useRealTimers()
    }
  })

  it('runs on the main thread where there is no Worker, or it cannot be constructed', async () => {
    delete g.Worker
    expect(createValidatorRunner().kind).toBe('main')
    g.Worker = class {}
    const runner = createValidatorRunner(() => {
      throw new Error('refused by CSP')
    })
    expect(runner.kind).toBe('main')
    expect(JSON.stringify((await runner.run(doc, 'en', [])).report)).toBe(expected)
  })
})
