import { createHash } from 'node:crypto'
import { Router } from 'express'
import { locateSections, toDocNode, validateAgreement, type RegisteredParty, type ValidationReport } from '../../schema/validator/index.ts'
import { acknowledgedCriteria } from '../../schema/validator/acknowledged.ts'
import type { CriterionAck } from '../../schema/api-types.ts'
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
export function validationRoutes(service: AgreementService, memberships: MembershipRepository, acks?: (agreementId: string) => Promise<CriterionAck[]>): Router {
  const router = Router()
  const cache = new Map<string, Validated>()
  const remember = (key: string, entry: Validated): void => {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!)
    cache.set(key, entry)
  }
  const recall = (key: string): Validated | undefined => {
    const entry = cache.get(key)
    if (entry !== undefined) {
      // Most recently used last, so eviction drops the oldest state first.
      cache.delete(key)
      cache.set(key, entry)
    }
    return entry
  }
  const hash = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('base64url')

  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))
  router.get('/:id/validation', requireAccess(memberships, 'read'), async (req, res) => {
    const lang = req.query.lang === undefined ? 'sv' : String(req.query.lang)
    if (lang !== 'sv' && lang !== 'en') throw new HttpError(400, 'invalid_input', 'lang must be sv or en')
    const id = String(req.params.id)
    const parties: RegisteredParty[] = (await memberships.parties(id)).map((p) => ({ name: p.name, type: p.type === 'idea_driven' ? 'idea' : p.type, orgNr: p.orgNr ?? undefined }))
    // From here to the validation below nothing awaits, so the version names exactly the state read.
    const live = await service.liveDoc(id)
    let key: string
    let entry: Validated | undefined
    if (live) {
      key = hash(['live', id, docVersion(live), lang, parties])
      entry = recall(key)
      if (!entry) entry = validated(canonicalContent(live).json, lang, parties)
    } else {
      const content = await service.content(id)
      if (!content) throw notFound('agreement')
      key = hash(['stored', id, lang, parties, content])
      entry = recall(key) ?? validated(content, lang, parties)
    }
    const hit = cache.get(key) === entry
    if (!hit) remember(key, entry)
    // The group's marks that hold on this text, beside the validator's own verdicts (which they never
    // change). Marks change without the text changing, so they are read on every request.
    const marks = (await acks?.(id)) ?? []
    const doc = marks.length ? toDocNode(entry.content) : null
    const acknowledged = doc ? acknowledgedCriteria(entry.report, doc, locateSections(doc), marks) : []
    res.setHeader('X-Validation-Cache', hit ? 'hit' : 'miss')
    res.json({ ...entry.report, acknowledged })
  })
  return router
}

/** A report with the content it was made from (the marks are checked against that content). */
interface Validated {
  report: ValidationReport
  content: unknown
}

function validated(content: unknown, lang: 'sv' | 'en', parties: RegisteredParty[]): Validated {
  return { report: validateAgreement(content, { lang, parties }), content }
}
