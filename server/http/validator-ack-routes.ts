import type { CriterionAck } from '../../schema/api-types.ts'
import { Router } from 'express'
import type Database from 'better-sqlite3'
import { z } from 'zod'
import { isSectionId } from '../../schema/sections.ts'
import type { AuditLog } from '../membership/audit.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'
import type { AgreementEvents } from '../review/events.ts'

/** A criterion code as SECTIONS.md writes them ("PM3", "TE2"). */
const CODE = /^[A-Z]{2}[0-9]{1,2}$/
const NOTE_MAX = 500

const AckBody = z.object({
  note: z.string().trim().min(1).max(NOTE_MAX),
  /** The section's text as the marker saw it (a hash); a different text later re-opens the criterion. */
  sectionHash: z.string().regex(/^[0-9a-f]{8,64}$/),
}).strict()


/** The group's marks on an agreement's criteria (also listed beside the validation report). */
export function listAcks(db: Database.Database, agreementId: string): CriterionAck[] {
  const rows = db
    .prepare('SELECT section_id, code, note, section_hash, user_id, created_at FROM validator_acks WHERE agreement_id = ? ORDER BY section_id, code')
    .all(agreementId) as { section_id: string; code: string; note: string; section_hash: string; user_id: string | null; created_at: string }[]
  return rows.map((r) => ({ sectionId: r.section_id, code: r.code, note: r.note, sectionHash: r.section_hash, userId: r.user_id, createdAt: r.created_at }))
}

/**
 * "Markera som uppfyllt" on a validator criterion, stored for the whole group and audited:
 * `GET /api/agreements/:id/validation/acks`, `PUT` and `DELETE …/acks/:section/:code`.
 */
export function validatorAckRoutes(db: Database.Database, memberships: MembershipRepository, audit: AuditLog, events?: AgreementEvents): Router {
  const router = Router()
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))
  const target = (section: string, code: string): void => {
    if (!isSectionId(section) || !CODE.test(code)) throw new HttpError(400, 'invalid_input', 'unknown section or criterion code')
  }

  router.get('/:id/validation/acks', requireAccess(memberships, 'read'), (req, res) => {
    res.json({ acks: listAcks(db, String(req.params.id)) })
  })

  router.put('/:id/validation/acks/:section/:code', requireAccess(memberships, 'edit'), (req, res) => {
    const id = String(req.params.id)
    const section = String(req.params.section)
    const code = String(req.params.code)
    target(section, code)
    const body = parseBody(AckBody, req.body)
    const userId = res.locals.user?.id ?? null
    db.prepare(
      `INSERT INTO validator_acks (agreement_id, section_id, code, note, section_hash, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (agreement_id, section_id, code) DO UPDATE SET note = excluded.note, section_hash = excluded.section_hash, user_id = excluded.user_id, created_at = excluded.created_at`,
    ).run(id, section, code, body.note, body.sectionHash, userId, new Date().toISOString())
    audit.record(id, userId, 'validator_ack', { section, code, note: body.note })
    // Open editors refetch the marks, so everyone sees the decision without reloading.
    events?.emit(id, 'acks')
    res.json({ sectionId: section, code, note: body.note, sectionHash: body.sectionHash, userId })
  })

  router.delete('/:id/validation/acks/:section/:code', requireAccess(memberships, 'edit'), (req, res) => {
    const id = String(req.params.id)
    const section = String(req.params.section)
    const code = String(req.params.code)
    target(section, code)
    const removed = db.prepare('DELETE FROM validator_acks WHERE agreement_id = ? AND section_id = ? AND code = ?').run(id, section, code).changes > 0
    if (!removed) throw notFound('ack')
    audit.record(id, res.locals.user?.id ?? null, 'validator_ack_removed', { section, code })
    events?.emit(id, 'acks')
    res.status(204).end()
  })
  return router
}
