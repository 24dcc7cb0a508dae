import type { ErrorRequestHandler, Response } from 'express'
import type { z } from 'zod'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'

/** A failure the client caused or can act on; anything else is a 500 with the details only in the log. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`)

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } })
}

/** Parses a request body with zod, turning a mismatch into a 400 that names each failing field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {})
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    throw new HttpError(400, 'invalid_input', `invalid input: ${fields.map((f) => `${f.path || '(body)'}: ${f.message}`).join('; ')}`, fields)
  }
  return result.data
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.details)
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500
    // body-parser's errors carry a status: malformed JSON is 400, an oversize body 413.
    if (status === 400) return sendError(res, 400, 'malformed_json', 'the request body is not valid JSON')
    if (status === 413) return sendError(res, 413, 'too_large', 'the request body is too large')
    log.error('request failed', errorFields(err))
    sendError(res, 500, 'internal', 'internal server error')
  }
}
