import { describe, expect, it } from 'vitest'
import express from 'express'
import type { AddressInfo } from 'node:net'
import { currentRequestId, jsonLogger, runWithRequestId, silentLogger } from '../../../server/log.ts'
import { requestLog } from '../../../server/http/request-log.ts'

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

  it('ends the context of an event stream once its headers are out, and keeps it for an ordinary request', async () => {
    const app = express()
    app.use(requestLog(silentLogger))
    const seen: Record<string, string | undefined> = {}
    const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    app.get('/slow', async (_req, res) => {
      await tick(30)
      seen.slow = currentRequestId()
      res.json({ ok: true })
    })
    app.get('/stream', async (_req, res) => {
      await tick(5)
      seen.streamBefore = currentRequestId()
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.write('data: hello\n\n')
      await tick(60)
      seen.streamAfter = currentRequestId()
      res.write('data: later\n\n')
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const stream = new AbortController()
      const streamResponse = await fetch(`${base}/stream`, { headers: { accept: 'text/event-stream' }, signal: stream.signal })
      const streamId = streamResponse.headers.get('x-request-id')
      const slow = await fetch(`${base}/slow`)
      await tick(80)
      expect(seen.streamBefore).toBe(streamId)
      expect(seen.slow).toBe(slow.headers.get('x-request-id'))
      // The stream is still open, yet no request is being served: the context is off.
      expect(seen.streamAfter).toBeUndefined()
      stream.abort()
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
