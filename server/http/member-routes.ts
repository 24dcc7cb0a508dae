import { Router } from 'express'
import { z } from 'zod'
import type { AccountRepository } from '../auth/accounts.ts'
import type { AuditLog } from '../membership/audit.ts'
import type { Invitation, InvitationRepository, InvitationStatus } from '../membership/invitations.ts'
import { LastOwnerError, type MembershipRepository } from '../membership/repository.ts'
import { LIMITS } from '../../schema/limits.ts'
import { ROLES } from '../membership/roles.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { requireAccess, requireUser } from './access.ts'
import { AGREEMENT_ID } from './agreements.ts'

const Role = z.enum(ROLES)
const Mandate = z.string().trim().max(LIMITS.noteMaxLength).nullable()
const AddMemberBody = z.strictObject({
  email: z.string().trim().toLowerCase().email(),
  role: Role,
  partyId: z.string().uuid().nullable().optional(),
  mandate: Mandate.optional(),
})
const PatchMemberBody = z.strictObject({ role: Role.optional(), partyId: z.string().uuid().nullable().optional(), mandate: Mandate.optional() })
const InvitationBody = z.strictObject({
  role: Role,
  expiresInDays: z.number().int().min(1).max(90).default(14),
  maxUses: z.number().int().min(1).max(LIMITS.invitationMaxUses).default(LIMITS.invitationDefaultUses),
})
const PartyBody = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.nameMaxLength),
  type: z.enum(['public', 'idea_driven']),
  orgNr: z
    .string()
    .trim()
    .regex(/^[0-9xX]{6}-?[0-9xX]{4}$/, 'org.nr is six digits, a dash and four digits')
    .nullable()
    .optional(),
})

export interface MemberRouteDeps {
  accounts: AccountRepository
  memberships: MembershipRepository
  invitations: InvitationRepository
  audit: AuditLog
  /** Re-checks open websocket connections of a person whose access to an agreement changed. */
  onAccessChanged: (agreementId: string, userId: string) => void
}

/** Members, invitations, parties and the audit log of one agreement: mounted under /api/agreements. */
export function memberRoutes({ accounts, memberships, invitations, audit, onAccessChanged }: MemberRouteDeps): Router {
  const router = Router()
  const access = (action: Parameters<typeof requireAccess>[1]) => requireAccess(memberships, action)
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))

  const assertParty = async (agreementId: string, partyId: string | null | undefined) => {
    if (partyId && !(await memberships.parties(agreementId)).some((p) => p.id === partyId)) throw new HttpError(400, 'invalid_input', 'partyId is not a party of this agreement')
  }
  const lastOwner = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (err) {
      if (err instanceof LastOwnerError) throw new HttpError(409, 'last_owner', err.message)
      throw err
    }
  }

  router.get('/:id/members', access('read'), async (req, res) => {
    res.json({ members: await memberships.list(String(req.params.id)) })
  })

  router.post('/:id/members', access('manage_members'), async (req, res) => {
    const id = String(req.params.id)
    const body = parseBody(AddMemberBody, req.body)
    const user = await accounts.findByEmail(body.email)
    if (!user) throw new HttpError(404, 'no_such_user', 'no account with this email; send an invitation link instead')
    await assertParty(id, body.partyId)
    if (!(await memberships.add(id, user.id, body.role, { partyId: body.partyId, mandate: body.mandate }))) {
      throw new HttpError(409, 'already_member', 'this person is already a member; change their role instead')
    }
    await audit.record(id, res.locals.user.id, 'member_added', { userId: user.id, email: user.email, role: body.role })
    res.status(201).json(await memberships.get(id, user.id))
  })

  router.patch('/:id/members/:userId', access('manage_members'), async (req, res) => {
    const id = String(req.params.id)
    const userId = String(req.params.userId)
    const before = await memberships.get(id, userId)
    if (!before) throw notFound('member')
    const body = parseBody(PatchMemberBody, req.body)
    await assertParty(id, body.partyId)
    await lastOwner(() => memberships.update(id, userId, body))
    if (body.role && body.role !== before.role) {
      await audit.record(id, res.locals.user.id, 'role_changed', { userId, from: before.role, to: body.role })
      // Links a former owner made must not bring anyone in as what they can no longer grant.
      if (before.role === 'owner') await invitations.revokeCreatedBy(id, userId, 'creator_not_owner')
      onAccessChanged(id, userId)
    }
    const partyChanged = body.partyId !== undefined && body.partyId !== before.partyId
    const mandateChanged = body.mandate !== undefined && body.mandate !== before.mandate
    if (partyChanged || mandateChanged) {
      await audit.record(id, res.locals.user.id, 'member_details_changed', {
        userId,
        ...(partyChanged ? { partyFrom: before.partyId, partyTo: body.partyId } : {}),
        ...(mandateChanged ? { mandateFrom: before.mandate, mandateTo: body.mandate } : {}),
      })
    }
    res.json(await memberships.get(id, userId))
  })

  router.delete('/:id/members/:userId', access('manage_members'), async (req, res) => {
    const id = String(req.params.id)
    const userId = String(req.params.userId)
    if (!(await lastOwner(() => memberships.remove(id, userId)))) throw notFound('member')
    // Neither a link they made nor one they came in through may bring them back.
    const revoked = (await invitations.revokeCreatedBy(id, userId, 'creator_removed')) + (await invitations.revokeUsedBy(id, userId, 'member_removed'))
    await audit.record(id, res.locals.user.id, 'member_removed', { userId, invitationsRevoked: revoked })
    onAccessChanged(id, userId)
    res.status(204).end()
  })

  router.post('/:id/invitations', access('manage_members'), async (req, res) => {
    const id = String(req.params.id)
    const body = parseBody(InvitationBody, req.body)
    const { secret, invitation } = await invitations.create(id, body.role, res.locals.user.id, body.expiresInDays * 24 * 3600 * 1000, body.maxUses)
    await audit.record(id, res.locals.user.id, 'invitation_created', { invitationId: invitation.id, role: body.role, maxUses: body.maxUses, expiresAt: invitation.expiresAt })
    res.status(201).json({ ...invitationView(invitation), token: secret, path: `/invite/${secret}` })
  })

  router.get('/:id/invitations', access('manage_members'), async (req, res) => {
    res.json({ invitations: (await invitations.pending(String(req.params.id))).map(invitationView) })
  })

  router.delete('/:id/invitations/:invitationId', access('manage_members'), async (req, res) => {
    const id = String(req.params.id)
    const invitationId = String(req.params.invitationId)
    if (!(await invitations.revoke(id, invitationId, 'revoked_by_owner'))) throw notFound('invitation')
    await audit.record(id, res.locals.user.id, 'invitation_revoked', { invitationId })
    res.status(204).end()
  })

  router.get('/:id/parties', access('read'), async (req, res) => {
    res.json({ parties: await memberships.parties(String(req.params.id)) })
  })

  router.post('/:id/parties', access('edit'), async (req, res) => {
    const body = parseBody(PartyBody, req.body)
    const party = await memberships.addParty(String(req.params.id), { name: body.name, type: body.type, orgNr: body.orgNr ?? null })
    await audit.record(String(req.params.id), res.locals.user.id, 'party_added', { name: party.name, type: party.type })
    res.status(201).json(party)
  })

  router.patch('/:id/parties/:partyId', access('edit'), async (req, res) => {
    const body = parseBody(PartyBody.partial(), req.body)
    const id = String(req.params.id)
    const before = (await memberships.parties(id)).find((p) => p.id === req.params.partyId)
    if (!before) throw notFound('party')
    const party = await memberships.updateParty(id, before.id, body)
    if (!party) throw notFound('party')
    await audit.record(id, res.locals.user.id, 'party_changed', {
      partyId: party.id,
      from: { name: before.name, type: before.type, orgNr: before.orgNr },
      to: { name: party.name, type: party.type, orgNr: party.orgNr },
    })
    res.json(party)
  })

  router.delete('/:id/parties/:partyId', access('edit'), async (req, res) => {
    const id = String(req.params.id)
    const before = (await memberships.parties(id)).find((p) => p.id === req.params.partyId)
    if (!before || !(await memberships.removeParty(id, before.id))) throw notFound('party')
    await audit.record(id, res.locals.user.id, 'party_removed', { partyId: before.id, name: before.name, type: before.type })
    res.status(204).end()
  })

  router.get('/:id/audit', access('read_audit'), async (req, res) => {
    res.json({ entries: await audit.list(String(req.params.id)) })
  })

  return router
}

/** What an owner sees of a link: never its secret, which exists only in the link itself. */
function invitationView(i: Invitation) {
  return {
    id: i.id,
    role: i.role,
    createdBy: i.createdBy,
    createdByName: i.createdByName,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    maxUses: i.maxUses,
    usesLeft: Math.max(0, i.maxUses - i.uses),
    status: i.status,
  }
}

const REFUSED: Record<Exclude<InvitationStatus, 'valid'> | 'unknown', [number, string, string]> = {
  unknown: [404, 'invitation_invalid', 'this invitation link is unknown'],
  expired: [410, 'invitation_expired', 'this invitation link has expired'],
  used: [410, 'invitation_used', 'this invitation link has already been used'],
  revoked: [410, 'invitation_revoked', 'this invitation link has been withdrawn'],
}

/**
 * Invitation links: mounted under /api/invitations. The preview needs no login, so the landing page
 * can name the agreement, the inviter and the role, or say the link is dead, before anyone signs up;
 * joining is always a separate POST the person clicks.
 */
export function invitationRoutes({
  invitations,
  audit,
  titleOf,
}: Pick<MemberRouteDeps, 'memberships' | 'invitations' | 'audit'> & { titleOf: (agreementId: string) => Promise<string | null> }): Router {
  const router = Router()

  router.get('/:token', async (req, res) => {
    const invitation = await invitations.bySecret(String(req.params.token))
    if (!invitation) throw new HttpError(...REFUSED.unknown)
    const valid = invitation.status === 'valid'
    res.json({
      status: invitation.status,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      usesLeft: Math.max(0, invitation.maxUses - invitation.uses),
      // What the agreement is called and who asks is told only while the link admits someone.
      agreementTitle: valid ? await titleOf(invitation.agreementId) : null,
      inviterName: valid ? invitation.createdByName : null,
    })
  })

  router.post('/:token/accept', requireUser, async (req, res) => {
    const outcome = await invitations.accept(String(req.params.token), res.locals.user.id)
    if (outcome.kind === 'refused') throw new HttpError(...REFUSED[outcome.status])
    const { invitation } = outcome
    if (outcome.kind === 'joined') {
      await audit.record(invitation.agreementId, res.locals.user.id, 'invitation_accepted', { invitationId: invitation.id, role: invitation.role, invitedBy: invitation.createdBy })
    }
    res.json({ agreementId: invitation.agreementId, role: outcome.kind === 'joined' ? invitation.role : outcome.role })
  })
  return router
}
