import { Router, type RequestHandler } from 'express'
import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { SuggestionError, type SuggestionService } from '../suggestions/service.ts'
import { decodeAnchor } from '../suggestions/yjs-range.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'

const RelativePosition = z
  .string()
  .max(1024)
  .refine((b64) => decodeAnchor(b64) !== null, 'not an encoded Yjs relative position')
/** Control characters (line breaks included) cannot be typed into one line of text; refused whole. */
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/u
const SuggestionText = z.string().max(LIMITS.suggestionMaxLength).regex(NO_CONTROL, 'control characters are not allowed')
const NewSuggestion = z.strictObject({
  anchor: z.strictObject({ start: RelativePosition, end: RelativePosition }),
  originalText: SuggestionText,
  text: SuggestionText,
})
const Decide = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  ids: z.array(z.string().uuid()).min(1).max(LIMITS.maxOpenSuggestions),
})

/**
 * State changes only as JSON from this origin: a cross-site form post cannot send JSON, and a page of
 * another origin that tries gets refused by its Origin header.
 */
const sameOriginJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) return next(new HttpError(415, 'unsupported_media_type', 'send JSON'))
  const origin = req.get('origin')
  if (origin !== undefined) {
    let host: string | null = null
    try {
      host = new URL(origin).host
    } catch {
      host = null
    }
    if (host !== req.get('host')) return next(new HttpError(403, 'forbidden', 'cross-origin request refused'))
  }
  next()
}

export interface SuggestionRouteDeps {
  memberships: MembershipRepository
  suggestions: SuggestionService
}

/** Suggested changes of one agreement: list, suggest, accept or reject, undo an acceptance, withdraw. */
export function suggestionRoutes({ memberships, suggestions }: SuggestionRouteDeps): Router {
  const router = Router()
  const access = (action: Parameters<typeof requireAccess>[1]) => requireAccess(memberships, action)
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))

  router.get('/:id/suggestions', access('read'), async (req, res) => {
    res.json({ suggestions: await suggestions.list(String(req.params.id)) })
  })

  router.post('/:id/suggestions', sameOriginJson, access('suggest'), async (req, res) => {
    const body = parseBody(NewSuggestion, req.body)
    res.status(201).json(await translate(() => suggestions.create(String(req.params.id), res.locals.user.id, body)))
  })

  router.post('/:id/suggestions/decide', sameOriginJson, access('edit'), async (req, res) => {
    const body = parseBody(Decide, req.body)
    const results = await suggestions.decide(String(req.params.id), res.locals.user.id, body.decision, [...new Set(body.ids)])
    res.json({ results })
  })

  router.post('/:id/suggestions/:suggestionId/undo-accept', sameOriginJson, access('edit'), async (req, res) => {
    res.json(await translate(() => suggestions.undoAccept(String(req.params.id), res.locals.user.id, String(req.params.suggestionId))))
  })

  router.post('/:id/suggestions/:suggestionId/withdraw', sameOriginJson, access('suggest'), async (req, res) => {
    res.json(await translate(() => suggestions.withdraw(String(req.params.id), res.locals.user.id, String(req.params.suggestionId))))
  })

  return router
}

async function translate<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof SuggestionError) throw new HttpError(err.status, err.code, err.message)
    throw err
  }
}
