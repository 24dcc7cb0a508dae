import type { CriterionAck } from '../../schema/api-types.ts'
import { Router } from 'express'
import { z } from 'zod'
import { isSectionId } from '../../schema/sections.ts'
import type { AuditLog } from '../membership/audit.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'
import type { AgreementEvents } from '../review/events.ts'
import type { ValidatorAckRepository } from '../review/validator-acks.ts'

/** A criterion code as SECTIONS.md writes them ("PM3", "TE2"). */
const CODE = /^[A-Z]{2}[0-9]{1,2}$/
const NOTE_MAX = 500

const AckBody = z
  .object({
    note: z.string().trim().min(1).max(NOTE_MAX),
    /** The section's text as the marker saw it (a hash); a different text later re-opens the criterion. */
    sectionHash: z.string().regex(/^[0-9a-f]{8,64}$/),
  })
  .strict()

/**
 * "Markera som uppfyllt" on a validator criterion, stored for the whole group and audited:
 * `GET /api/agreements/:id/validation/acks`, `PUT` and `DELETE …/acks/:section/:code`.
 */
export function validatorAckRoutes(acks: ValidatorAckRepository, memberships: MembershipRepository, audit: AuditLog, events?: AgreementEvents): Router {
  const router = Router()
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))
  const target = (section: string, code: string): void => {
    if (!isSectionId(section) || !CODE.test(code)) throw new HttpError(400, 'invalid_input', 'unknown section or criterion code')
  }

  router.get('/:id/validation/acks', requireAccess(memberships, 'read'), async (req, res) => {
    const list: CriterionAck[] = await acks.list(String(req.params.id))
    res.json({ acks: list })
  })

  router.put('/:id/validation/acks/:section/:code', requireAccess(memberships, 'edit'), async (req, res) => {
    const id = String(req.params.id)
    const section = String(req.params.section)
    const code = String(req.params.code)
    target(section, code)
    const body = parseBody(AckBody, req.body)
    const userId = res.locals.user?.id ?? null
    await acks.mark(id, { sectionId: section, code, note: body.note, sectionHash: body.sectionHash, userId })
    await audit.record(id, userId, 'validator_ack', { section, code, note: body.note })
    // Open editors refetch the marks, so everyone sees the decision without reloading.
    events?.emit(id, 'acks')
    res.json({ sectionId: section, code, note: body.note, sectionHash: body.sectionHash, userId })
  })

  router.delete('/:id/validation/acks/:section/:code', requireAccess(memberships, 'edit'), async (req, res) => {
    const id = String(req.params.id)
    const section = String(req.params.section)
    const code = String(req.params.code)
    target(section, code)
    const removed = await acks.remove(id, section, code)
    if (!removed) throw notFound('ack')
    await audit.record(id, res.locals.user?.id ?? null, 'validator_ack_removed', { section, code })
    events?.emit(id, 'acks')
    res.status(204).end()
  })
  return router
}
