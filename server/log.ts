import { AsyncLocalStorage } from 'node:async_hooks'
import { pino, type DestinationStream, type Level } from 'pino'

/**
 * One JSON object per line on stderr (pino), so operators' tools can read it and tests can capture it.
 * A logger is passed in, never imported as a singleton, so tests can capture it; call sites only see
 * this small interface, whatever writes the lines.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
  /** Optional so hand-written test loggers need not implement it; call it as `log.debug?.(…)`. */
  debug?(msg: string, fields?: Record<string, unknown>): void
}

export type LogLevel = Level | 'silent'
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/**
 * The request an HTTP handler is serving, so every line logged while serving it carries its id,
 * including lines from code that never heard of requests (error handlers, repositories).
 */
const requestContext = new AsyncLocalStorage<{ reqId: string }>()
/**
 * On Node 20 an enabled AsyncLocalStorage runs async hooks on every promise and every socket write
 * in the process, the websocket sync path included (measured: a tenth more CPU per broadcast). So
 * the context is on only while an HTTP request is being served, and off again after the last.
 */
let requestsInFlight = 0

/** Runs `fn` inside the request's context; the returned function (call it once) ends the request. */
export function runWithRequestId<T>(reqId: string, fn: () => T): { result: T; finished: () => void } {
  requestsInFlight++
  let done = false
  const finished = () => {
    if (done) return
    done = true
    if (--requestsInFlight === 0) requestContext.disable()
  }
  try {
    return { result: requestContext.run({ reqId }, fn), finished }
  } catch (err) {
    finished()
    throw err
  }
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.reqId
}

const REDACTED = '[redacted]'
/** Field names whose values are credentials wherever they appear (headers, bodies, options). */
const SECRET_KEYS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'password', 'token', 'secret', 'sessionid', 'session'])
/**
 * A `token=` query parameter (websocket and invitation URLs carry access tokens there). One pass over
 * a character class without nesting: linear on any input.
 */
const TOKEN_IN_URL = /([?&;]token=)[^&#\s"]*/gi

/** Copies `value` with credentials replaced; bounded in depth so a cyclic or huge object cannot stall logging. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('token=') || value.includes('TOKEN=') ? value.replace(TOKEN_IN_URL, `$1${REDACTED}`) : value
  if (value === null || typeof value !== 'object' || depth > 4) return value
  if (value instanceof Error) return value
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redact(v, depth + 1)
  return out
}

export interface JsonLoggerOptions {
  level?: LogLevel
}

/**
 * The production logger. `write` receives one JSON line without its newline (tests capture it);
 * by default lines go synchronously to stderr, so the last words before a crash are not lost in a buffer.
 */
export function jsonLogger(write?: (line: string) => void, options: JsonLoggerOptions = {}): Logger {
  const destination: DestinationStream = write ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) } : pino.destination({ fd: 2, sync: true })
  const base = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      mixin: () => {
        const reqId = currentRequestId()
        return reqId ? { reqId } : {}
      },
    },
    destination,
  )
  const emit = (level: 'info' | 'warn' | 'error' | 'debug') => (msg: string, fields?: Record<string, unknown>) => {
    if (fields) base[level](fields, redact(msg) as string)
    else base[level](redact(msg) as string)
  }
  return { info: emit('info'), warn: emit('warn'), error: emit('error'), debug: emit('debug') }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} }

export function errorFields(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) }
}
