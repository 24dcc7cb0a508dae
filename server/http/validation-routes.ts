import { createHash } from 'node:crypto'
import { Router } from 'express'
import { validateAgreement, type RegisteredParty } from '../../schema/validator/index.ts'
import { canonicalContent } from '../agreements/yjs-content.ts'
import type { AgreementService } from '../agreements/service.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { docVersion } from '../sync/doc-version.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'

/** Reports of recent document states, least recently used dropped first. */
const CACHE_ENTRIES = 64

/**
 * `GET /api/agreements/:id/validation`: the very report the CLI prints and the editor's panel shows,
 * checked against the parties the group registered (the Parter panel) as well as the text.
 *
 * Reports are cached by document state, registered parties and language. For an open agreement the
 * state is the live document's version (see doc-version.ts), so a repeated GET costs neither the
 * canonical JSON nor a validation; for a closed one it is a hash of the stored canonical JSON.
 * `X-Validation-Cache: hit | miss` says which happened.
 */
export function validationRoutes(service: AgreementService, memberships: MembershipRepository): Router {
  const router = Router()
  const cache = new Map<string, string>()
  const remember = (key: string, body: string): void => {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!)
    cache.set(key, body)
  }
  const recall = (key: string): string | undefined => {
    const body = cache.get(key)
    if (body !== undefined) {
      // Most recently used last, so eviction drops the oldest state first.
      cache.delete(key)
      cache.set(key, body)
    }
    return body
  }
  const hash = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('base64url')

  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))
  router.get('/:id/validation', requireAccess(memberships, 'read'), async (req, res) => {
    const lang = req.query.lang === undefined ? 'sv' : String(req.query.lang)
    if (lang !== 'sv' && lang !== 'en') throw new HttpError(400, 'invalid_input', 'lang must be sv or en')
    const id = String(req.params.id)
    const parties: RegisteredParty[] = memberships.parties(id).map((p) => ({ name: p.name, type: p.type === 'idea_driven' ? 'idea' : p.type, orgNr: p.orgNr ?? undefined }))
    // From here to the validation below nothing awaits, so the version names exactly the state read.
    const live = await service.liveDoc(id)
    let key: string
    let content: unknown
    if (live) {
      key = hash(['live', id, docVersion(live), lang, parties])
      const hit = recall(key)
      if (hit !== undefined) return send(res, hit, 'hit')
      content = canonicalContent(live).json
    } else {
      content = await service.content(id)
      if (!content) throw notFound('agreement')
      key = hash(['stored', id, lang, parties, content])
      const hit = recall(key)
      if (hit !== undefined) return send(res, hit, 'hit')
    }
    const body = JSON.stringify(validateAgreement(content, { lang, parties }))
    remember(key, body)
    send(res, body, 'miss')
  })
  return router
}

function send(res: import('express').Response, body: string, cache: 'hit' | 'miss'): void {
  res.setHeader('X-Validation-Cache', cache)
  res.type('application/json').send(body)
}
