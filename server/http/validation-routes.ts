import { Router } from 'express'
import { validateAgreement } from '../../schema/validator/index.ts'
import type { AgreementService } from '../agreements/service.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'

/** `GET /api/agreements/:id/validation`: the very report the CLI prints and the editor's panel shows. */
export function validationRoutes(service: AgreementService, memberships: MembershipRepository): Router {
  const router = Router()
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))
  router.get('/:id/validation', requireAccess(memberships, 'read'), async (req, res) => {
    const lang = req.query.lang === undefined ? 'sv' : String(req.query.lang)
    if (lang !== 'sv' && lang !== 'en') throw new HttpError(400, 'invalid_input', 'lang must be sv or en')
    const content = await service.content(String(req.params.id))
    if (!content) throw notFound('agreement')
    res.json(validateAgreement(content, { lang }))
  })
  return router
}
