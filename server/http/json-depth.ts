import type { RequestHandler } from 'express'
import { HttpError } from './errors.ts'

/** Deeper than any body of this API; recursive code further on (canonical JSON, checksums) stays far from the stack's end. */
export const MAX_JSON_DEPTH = 64

/** The nesting depth of a parsed JSON value, measured without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth > deepest) deepest = depth
    if (deepest > limit) return deepest
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1])
  }
  return deepest
}

/** Refuses a body nested deeper than MAX_JSON_DEPTH with 400, before any route walks it. */
export const boundedJsonDepth: RequestHandler = (req, _res, next) => {
  next(jsonDepth(req.body) > MAX_JSON_DEPTH ? new HttpError(400, 'too_deep', `the request body is nested deeper than ${MAX_JSON_DEPTH} levels`) : undefined)
}
