import { Router } from 'express'
import { z } from 'zod'
import type { AccountRepository } from '../auth/accounts.ts'
import type { AuditLog } from '../membership/audit.ts'
import { LastOwnerError, type MembershipRepository } from '../membership/repository.ts'
import { ROLES } from '../membership/roles.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { requireAccess, requireUser } from './access.ts'
import { AGREEMENT_ID } from './agreements.ts'

const Role = z.enum(ROLES)
const Mandate = z.string().trim().max(500).nullable()
const AddMemberBody = z.strictObject({
  email: z.string().trim().toLowerCase().email(),
  role: Role,
  partyId: z.string().uuid().nullable().optional(),
  mandate: Mandate.optional(),
})
const PatchMemberBody = z.strictObject({ role: Role.optional(), partyId: z.string().uuid().nullable().optional(), mandate: Mandate.optional() })
const InvitationBody = z.strictObject({ role: Role, expiresInDays: z.number().int().min(1).max(90).default(14) })
const PartyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  type: z.enum(['public', 'idea_driven']),
  orgNr: z.string().trim().regex(/^[0-9xX]{6}-?[0-9xX]{4}$/, 'org.nr is six digits, a dash and four digits').nullable().optional(),
})

export interface MemberRouteDeps {
  accounts: AccountRepository
  memberships: MembershipRepository
  audit: AuditLog
  /** Re-checks open websocket connections of a person whose access to an agreement changed. */
  onAccessChanged: (agreementId: string, userId: string) => void
}

/** Members, invitations, parties and the audit log of one agreement: mounted under /api/agreements. */
export function memberRoutes({ accounts, memberships, audit, onAccessChanged }: MemberRouteDeps): Router {
  const router = Router()
  const access = (action: Parameters<typeof requireAccess>[1]) => requireAccess(memberships, action)
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))

  const assertParty = (agreementId: string, partyId: string | null | undefined) => {
    if (partyId && !memberships.parties(agreementId).some((p) => p.id === partyId)) throw new HttpError(400, 'invalid_input', 'partyId is not a party of this agreement')
  }
  const lastOwner = (fn: () => void) => {
    try {
      fn()
    } catch (err) {
      if (err instanceof LastOwnerError) throw new HttpError(409, 'last_owner', err.message)
      throw err
    }
  }

  router.get('/:id/members', access('read'), (req, res) => {
    res.json({ members: memberships.list(String(req.params.id)) })
  })

  router.post('/:id/members', access('manage_members'), (req, res) => {
    const id = String(req.params.id)
    const body = parseBody(AddMemberBody, req.body)
    const user = accounts.findByEmail(body.email)
    if (!user) throw new HttpError(404, 'no_such_user', 'no account with this email; send an invitation link instead')
    assertParty(id, body.partyId)
    if (!memberships.add(id, user.id, body.role, { partyId: body.partyId, mandate: body.mandate })) {
      throw new HttpError(409, 'already_member', 'this person is already a member; change their role instead')
    }
    audit.record(id, res.locals.user.id, 'member_added', { userId: user.id, email: user.email, role: body.role })
    res.status(201).json(memberships.get(id, user.id))
  })

  router.patch('/:id/members/:userId', access('manage_members'), (req, res) => {
    const id = String(req.params.id)
    const userId = String(req.params.userId)
    const before = memberships.get(id, userId)
    if (!before) throw notFound('member')
    const body = parseBody(PatchMemberBody, req.body)
    assertParty(id, body.partyId)
    lastOwner(() => memberships.update(id, userId, body))
    if (body.role && body.role !== before.role) {
      audit.record(id, res.locals.user.id, 'role_changed', { userId, from: before.role, to: body.role })
      onAccessChanged(id, userId)
    }
    res.json(memberships.get(id, userId))
  })

  router.delete('/:id/members/:userId', access('manage_members'), (req, res) => {
    const id = String(req.params.id)
    const userId = String(req.params.userId)
    let removed = false
    lastOwner(() => {
      removed = memberships.remove(id, userId)
    })
    if (!removed) throw notFound('member')
    audit.record(id, res.locals.user.id, 'member_removed', { userId })
    onAccessChanged(id, userId)
    res.status(204).end()
  })

  router.post('/:id/invitations', access('manage_members'), (req, res) => {
    const body = parseBody(InvitationBody, req.body)
    const { secret, expiresAt } = memberships.createInvitation(String(req.params.id), body.role, res.locals.user.id, body.expiresInDays * 24 * 3600 * 1000)
    audit.record(String(req.params.id), res.locals.user.id, 'invitation_created', { role: body.role, expiresAt })
    res.status(201).json({ token: secret, path: `/invite/${secret}`, role: body.role, expiresAt })
  })

  router.get('/:id/parties', access('read'), (req, res) => {
    res.json({ parties: memberships.parties(String(req.params.id)) })
  })

  router.post('/:id/parties', access('edit'), (req, res) => {
    const body = parseBody(PartyBody, req.body)
    const party = memberships.addParty(String(req.params.id), { name: body.name, type: body.type, orgNr: body.orgNr ?? null })
    audit.record(String(req.params.id), res.locals.user.id, 'party_added', { name: party.name, type: party.type })
    res.status(201).json(party)
  })

  router.patch('/:id/parties/:partyId', access('edit'), (req, res) => {
    const body = parseBody(PartyBody.partial(), req.body)
    const party = memberships.updateParty(String(req.params.id), String(req.params.partyId), body)
    if (!party) throw notFound('party')
    res.json(party)
  })

  router.delete('/:id/parties/:partyId', access('edit'), (req, res) => {
    if (!memberships.removeParty(String(req.params.id), String(req.params.partyId))) throw notFound('party')
    res.status(204).end()
  })

  router.get('/:id/audit', access('read_audit'), (req, res) => {
    res.json({ entries: audit.list(String(req.params.id)) })
  })

  return router
}

/** Accepting an invitation link: mounted under /api/invitations. */
export function invitationRoutes({ memberships, audit }: Pick<MemberRouteDeps, 'memberships' | 'audit'>): Router {
  const router = Router()
  router.post('/:token/accept', requireUser, (req, res) => {
    const invitation = memberships.findInvitation(String(req.params.token))
    if (!invitation) throw new HttpError(404, 'invitation_invalid', 'this invitation link is unknown or has expired')
    const added = memberships.add(invitation.agreementId, res.locals.user.id, invitation.role)
    if (added) audit.record(invitation.agreementId, res.locals.user.id, 'invitation_accepted', { role: invitation.role })
    res.json({ agreementId: invitation.agreementId, role: memberships.roleOf(invitation.agreementId, res.locals.user.id) })
  })
  return router
}
