import type Database from 'better-sqlite3'
import { hashSecret, newSecret } from '../auth/tokens.ts'
import type { Role } from '../../schema/api-types.ts'

/** Why a link no longer admits anyone; `valid` when it does. */
export type InvitationStatus = 'valid' | 'expired' | 'used' | 'revoked'

export interface Invitation {
  id: string
  agreementId: string
  role: Role
  createdBy: string
  createdByName: string | null
  createdAt: string
  expiresAt: string
  maxUses: number
  uses: number
  status: InvitationStatus
}

interface Row {
  id: string
  agreement_id: string
  role: Role
  created_by: string
  created_by_name: string | null
  created_at: string
  expires_at: string
  max_uses: number
  uses: number
  revoked_at: string | null
}

export type AcceptOutcome =
  | { kind: 'joined'; invitation: Invitation }
  | { kind: 'already_member'; invitation: Invitation; role: Role }
  | { kind: 'refused'; status: Exclude<InvitationStatus, 'valid'> | 'unknown' }

/** The part of the membership an invitation needs. */
export interface InvitationMembers {
  roleOf(agreementId: string, userId: string): Role | null
  add(agreementId: string, userId: string, role: Role): boolean
}

const SELECT = `SELECT i.id, i.agreement_id, i.role, i.created_by, u.display_name AS created_by_name, i.created_at, i.expires_at,
  i.max_uses, i.uses, i.revoked_at FROM invitations i LEFT JOIN users u ON u.id = i.created_by`

/**
 * Invitation links: a role, an expiry and a number of uses (one by default). A link admits no one once
 * it is used up, expired or revoked; it is revoked when its creator stops being an owner (so a demoted
 * owner cannot come back as one) and when a person who came in through it is removed. Only the hash of
 * the link's secret is stored.
 */
export class InvitationRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(agreementId: string, role: Role, createdBy: string, ttlMs: number, maxUses: number): { secret: string; invitation: Invitation } {
    const secret = newSecret()
    const tokenHash = hashSecret(secret)
    const now = this.now()
    const id = tokenHash.slice(0, 32)
    this.db
      .prepare('INSERT INTO invitations (token_hash, id, agreement_id, role, created_by, created_at, expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(tokenHash, id, agreementId, role, createdBy, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString(), maxUses)
    return { secret, invitation: this.byId(agreementId, id)! }
  }

  /** The link behind a secret, whatever its status; null for an unknown one. */
  bySecret(secret: string): Invitation | null {
    const row = this.db.prepare(`${SELECT} WHERE i.token_hash = ?`).get(hashSecret(secret)) as Row | undefined
    return row ? this.toInvitation(row) : null
  }

  byId(agreementId: string, id: string): Invitation | null {
    const row = this.db.prepare(`${SELECT} WHERE i.agreement_id = ? AND i.id = ?`).get(agreementId, id) as Row | undefined
    return row ? this.toInvitation(row) : null
  }

  /** Links that still admit someone, newest first. */
  pending(agreementId: string): Invitation[] {
    return (this.db.prepare(`${SELECT} WHERE i.agreement_id = ? ORDER BY i.created_at DESC`).all(agreementId) as Row[])
      .map((r) => this.toInvitation(r))
      .filter((i) => i.status === 'valid')
  }

  /**
   * Uses a link for `userId`, atomically: membership, status, the creator's ownership and the use count
   * are checked and changed in one transaction, so two people cannot both take a link's last use.
   * Someone already in keeps their role and uses nothing: a link never changes a membership.
   */
  accept(secret: string, userId: string, members: InvitationMembers): AcceptOutcome {
    return this.db.transaction((): AcceptOutcome => {
      const invitation = this.bySecret(secret)
      if (!invitation) return { kind: 'refused', status: 'unknown' }
      const current = members.roleOf(invitation.agreementId, userId)
      if (current) return { kind: 'already_member', invitation, role: current }
      if (invitation.status !== 'valid') return { kind: 'refused', status: invitation.status }
      if (members.roleOf(invitation.agreementId, invitation.createdBy) !== 'owner') {
        this.revoke(invitation.agreementId, invitation.id, 'creator_not_owner')
        return { kind: 'refused', status: 'revoked' }
      }
      members.add(invitation.agreementId, userId, invitation.role)
      this.db.prepare('UPDATE invitations SET uses = uses + 1 WHERE id = ?').run(invitation.id)
      this.db
        .prepare('INSERT OR IGNORE INTO invitation_uses (invitation_id, agreement_id, user_id, at) VALUES (?, ?, ?, ?)')
        .run(invitation.id, invitation.agreementId, userId, this.now().toISOString())
      return { kind: 'joined', invitation }
    })()
  }

  revoke(agreementId: string, id: string, reason: string): boolean {
    return (
      this.db
        .prepare('UPDATE invitations SET revoked_at = ?, revoked_reason = ? WHERE agreement_id = ? AND id = ? AND revoked_at IS NULL')
        .run(this.now().toISOString(), reason, agreementId, id).changes > 0
    )
  }

  /** Revokes every live link a person made in an agreement (they stopped being an owner); returns how many. */
  revokeCreatedBy(agreementId: string, userId: string, reason: string): number {
    return this.db
      .prepare('UPDATE invitations SET revoked_at = ?, revoked_reason = ? WHERE agreement_id = ? AND created_by = ? AND revoked_at IS NULL')
      .run(this.now().toISOString(), reason, agreementId, userId).changes
  }

  /** Revokes every link a removed person came in through, so it cannot let them back in. */
  revokeUsedBy(agreementId: string, userId: string, reason: string): number {
    return this.db
      .prepare(
        `UPDATE invitations SET revoked_at = ?, revoked_reason = ? WHERE agreement_id = ? AND revoked_at IS NULL
         AND id IN (SELECT invitation_id FROM invitation_uses WHERE agreement_id = ? AND user_id = ?)`,
      )
      .run(this.now().toISOString(), reason, agreementId, agreementId, userId).changes
  }

  private toInvitation(r: Row): Invitation {
    const status: InvitationStatus = r.revoked_at !== null ? 'revoked' : r.expires_at <= this.now().toISOString() ? 'expired' : r.uses >= r.max_uses ? 'used' : 'valid'
    return {
      id: r.id,
      agreementId: r.agreement_id,
      role: r.role,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      maxUses: r.max_uses,
      uses: r.uses,
      status,
    }
  }
}
