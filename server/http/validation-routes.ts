import { createHash } from 'node:crypto'
import { Router } from 'express'
import { locateSections, toDocNode, validateAgreement, type RegisteredParty, type ValidationReport } from '../../schema/validator/index.ts'
import { acknowledgedCriteria } from '../../schema/validator/acknowledged.ts'
import type { CriterionAck } from '../../schema/api-types.ts'
import type { AgreementService } from '../agreements/service.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'

/** Reports of the latest document states; a GET on an unchanged agreement costs a hash, not a validation. */
const CACHE_ENTRIES = 64

/**
 * `GET /api/agreements/:id/validation`: the very report the CLI prints and the editor's panel shows,
 * checked against the parties the group registered (the Parter panel) as well as the text.
 */
export function validationRoutes(service: AgreementService, memberships: MembershipRepository, acks?: (agreementId: string) => Promise<CriterionAck[]>): Router {
  const router = Router()
  const cache = new Map<string, ValidationReport>()
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))
  router.get('/:id/validation', requireAccess(memberships, 'read'), async (req, res) => {
    const lang = req.query.lang === undefined ? 'sv' : String(req.query.lang)
    if (lang !== 'sv' && lang !== 'en') throw new HttpError(400, 'invalid_input', 'lang must be sv or en')
    const id = String(req.params.id)
    const content = await service.content(id)
    if (!content) throw notFound('agreement')
    const parties: RegisteredParty[] = (await memberships.parties(id)).map((p) => ({ name: p.name, type: p.type === 'idea_driven' ? 'idea' : p.type, orgNr: p.orgNr ?? undefined }))
    const key = createHash('sha256').update(JSON.stringify([lang, parties, content])).digest('base64url')
    let report = cache.get(key)
    if (!report) {
      report = validateAgreement(content, { lang, parties })
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!)
      cache.set(key, report)
    }
    // The group's marks that hold on this text, beside the validator's own verdicts (which they never change).
    const marks = (await acks?.(id)) ?? []
    const doc = marks.length ? toDocNode(content) : null
    res.json(doc ? { ...report, acknowledged: acknowledgedCriteria(report, doc, locateSections(doc), marks) } : { ...report, acknowledged: [] })
  })
  return router
}
