import { describe, expect, it } from 'vitest'
import { currentRequestId, jsonLogger, runWithRequestId } from '../../../server/log.ts'

/**
 * The request id follows a request through its asynchronous work, also while other requests start and
 * end, and is gone once no request is in flight (the context, with its async hooks, is off then).
 */
describe('request context', () => {
  it('keeps each request its own id across awaits while others start and finish, and drops it after the last', async () => {
    const lines: Record<string, unknown>[] = []
    const log = jsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>))
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

    let releaseA!: () => void
    const aWaits = new Promise<void>((resolve) => (releaseA = resolve))
    const a = runWithRequestId('req-a', async () => {
      await aWaits
      await tick()
      log.info('a late')
      return currentRequestId()
    })
    const b = runWithRequestId('req-b', async () => {
      await tick()
      log.info('b')
      return currentRequestId()
    })
    expect(await b.result).toBe('req-b')
    b.finished()
    b.finished() // a second call must not end the other request's context
    releaseA()
    expect(await a.result).toBe('req-a')
    a.finished()

    expect(lines.find((l) => l.msg === 'b')?.reqId).toBe('req-b')
    expect(lines.find((l) => l.msg === 'a late')?.reqId).toBe('req-a')
    log.info('outside')
    await tick()
    expect(currentRequestId()).toBeUndefined()
    expect(lines.find((l) => l.msg === 'outside')).not.toHaveProperty('reqId')

    // And on again for the next request.
    const c = runWithRequestId('req-c', async () => {
      await tick()
      return currentRequestId()
    })
    expect(await c.result).toBe('req-c')
    c.finished()
  })
})
