import { randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'
import { runWithRequestId, type Logger } from '../log.ts'

/** An id a load balancer or proxy already gave the request; anything else is replaced, never echoed. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * Gives every HTTP request an id (the caller's `X-Request-Id` when it is a plain token, a fresh one
 * otherwise), answers with it, runs the rest of the request inside it so every log line carries it,
 * and logs one line per finished request. Health probes log at debug: a load balancer polls them.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id')
    const reqId = given && FORWARDED_ID.test(given) ? given : randomBytes(8).toString('hex')
    res.setHeader('X-Request-Id', reqId)
    const started = process.hrtime.bigint()
    res.once('finish', () => {
      const fields = {
        reqId,
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      }
      if (req.path === '/healthz') log.debug?.('request', fields)
      else if (res.statusCode >= 500) log.error('request', fields)
      else log.info('request', fields)
    })
    let ended = false
    let finished: (() => void) | null = null
    const end = () => {
      ended = true
      finished?.()
    }
    // 'close' follows 'finish', and also comes for a request the client abandoned.
    res.once('close', end)
    if (req.get('accept')?.includes('text/event-stream')) {
      // An event stream stays open as long as a page does: once its headers are out it is no longer a
      // request being served, and must not keep the context (and its hooks) on for the whole process.
      const writeHead = res.writeHead
      res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
        end()
        return writeHead.apply(this, args)
      } as typeof res.writeHead
    }
    finished = runWithRequestId(reqId, next).finished
    // Ended while `next` ran synchronously (headers already out): end the context now.
    if (ended) finished()
  }
}
