import { hashSecret, newSecret } from '../auth/tokens.ts'
import type { Role } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'
import { insertMember, roleIn, type Executor } from './repository.ts'

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

/**
 * Invitation links: a role, an expiry and a number of uses (one by default). A link admits no one once
 * it is used up, expired or revoked; it is revoked when its creator stops being an owner (so a demoted
 * owner cannot come back as one) and when a person who came in through it is removed. Only the hash of
 * the link's secret is stored.
 */
export class InvitationRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(agreementId: string, role: Role, createdBy: string, ttlMs: number, maxUses: number): Promise<{ secret: string; invitation: Invitation }> {
    const secret = newSecret()
    const tokenHash = hashSecret(secret)
    const now = this.now()
    const id = tokenHash.slice(0, 32)
    await this.database.db
      .insertInto('invitations')
      .values({
        token_hash: tokenHash,
        id,
        agreement_id: agreementId,
        role,
        created_by: createdBy,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ttlMs).toISOString(),
        max_uses: maxUses,
      })
      .execute()
    const invitation = await this.byId(agreementId, id)
    if (!invitation) throw new Error('an invitation just made is missing')
    return { secret, invitation }
  }

  /** The link behind a secret, whatever its status; null for an unknown one. */
  async bySecret(secret: string): Promise<Invitation | null> {
    const row = await select(this.database.db).where('i.token_hash', '=', hashSecret(secret)).executeTakeFirst()
    return row ? this.toInvitation(row) : null
  }

  async byId(agreementId: string, id: string): Promise<Invitation | null> {
    const row = await select(this.database.db).where('i.agreement_id', '=', agreementId).where('i.id', '=', id).executeTakeFirst()
    return row ? this.toInvitation(row) : null
  }

  /** Links that still admit someone, newest first. */
  async pending(agreementId: string): Promise<Invitation[]> {
    const rows = await select(this.database.db).where('i.agreement_id', '=', agreementId).orderBy('i.created_at', 'desc').orderBy('i.id').execute()
    return rows.map((r) => this.toInvitation(r)).filter((i) => i.status === 'valid')
  }

  /**
   * Uses a link for `userId`, atomically: membership, status, the creator's ownership and the use count
   * are checked and changed in one transaction. The use is taken by a conditional update (only while
   * one is left, the link is not revoked and not expired), which PostgreSQL re-checks once a parallel
   * accept of the same link commits, so no more people join than the link has uses.
   * Someone already in keeps their role and uses nothing: a link never changes a membership.
   */
  async accept(secret: string, userId: string): Promise<AcceptOutcome> {
    const tokenHash = hashSecret(secret)
    const at = this.now().toISOString()
    try {
      return await this.database.db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
        const found = await select(trx).where('i.token_hash', '=', tokenHash).executeTakeFirst()
        if (!found) return { kind: 'refused', status: 'unknown' }
        const invitation = this.toInvitation(found)
        const current = await roleIn(trx, invitation.agreementId, userId)
        if (current) return { kind: 'already_member', invitation, role: current }
        if (invitation.status !== 'valid') return { kind: 'refused', status: invitation.status }
        // The creator's row is held to the end (PostgreSQL): a parallel demotion waits for this join,
        // then revokes the link, instead of both passing at once.
        const creator = trx.selectFrom('members').select('role').where('agreement_id', '=', invitation.agreementId).where('user_id', '=', invitation.createdBy)
        const creatorRole = (await (this.database.engine === 'postgres' ? creator.forShare() : creator).executeTakeFirst())?.role
        if (creatorRole !== 'owner') {
          await this.revokeWhere(trx, 'creator_not_owner', at).where('id', '=', invitation.id).execute()
          return { kind: 'refused', status: 'revoked' }
        }
        const taken = await trx
          .updateTable('invitations')
          .set((eb) => ({ uses: eb('uses', '+', 1) }))
          .where('id', '=', invitation.id)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', at)
          .whereRef('uses', '<', 'max_uses')
          .executeTakeFirst()
        if (Number(taken.numUpdatedRows) === 0) {
          const now = await select(trx).where('i.token_hash', '=', tokenHash).executeTakeFirst()
          const status = now ? this.toInvitation(now).status : 'unknown'
          return { kind: 'refused', status: status === 'valid' ? 'used' : status }
        }
        // The same person accepting twice at once: the later one finds the membership and gives its use back.
        if (!(await insertMember(trx, { agreementId: invitation.agreementId, userId, role: invitation.role, at }))) throw new JoinedMeanwhile(invitation)
        await trx
          .insertInto('invitation_uses')
          .values({ invitation_id: invitation.id, agreement_id: invitation.agreementId, user_id: userId, at })
          .onConflict((oc) => oc.columns(['invitation_id', 'user_id']).doNothing())
          .execute()
        return { kind: 'joined', invitation }
      })
    } catch (err) {
      if (!(err instanceof JoinedMeanwhile)) throw err
      const role = await roleIn(this.database.db, err.invitation.agreementId, userId)
      return role ? { kind: 'already_member', invitation: err.invitation, role } : { kind: 'refused', status: 'used' }
    }
  }

  async revoke(agreementId: string, id: string, reason: string): Promise<boolean> {
    const result = await this.revokeWhere(this.database.db, reason, this.now().toISOString()).where('agreement_id', '=', agreementId).where('id', '=', id).executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Revokes every live link a person made in an agreement (they stopped being an owner); returns how many. */
  async revokeCreatedBy(agreementId: string, userId: string, reason: string): Promise<number> {
    const result = await this.revokeWhere(this.database.db, reason, this.now().toISOString()).where('agreement_id', '=', agreementId).where('created_by', '=', userId).executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /** Revokes every link a removed person came in through, so it cannot let them back in. */
  async revokeUsedBy(agreementId: string, userId: string, reason: string): Promise<number> {
    const result = await this.revokeWhere(this.database.db, reason, this.now().toISOString())
      .where('agreement_id', '=', agreementId)
      .where('id', 'in', (eb) => eb.selectFrom('invitation_uses').select('invitation_id').where('agreement_id', '=', agreementId).where('user_id', '=', userId))
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /** Revokes the links still live that the caller's conditions narrow down. */
  private revokeWhere(db: Executor, reason: string, at: string) {
    return db.updateTable('invitations').set({ revoked_at: at, revoked_reason: reason }).where('revoked_at', 'is', null)
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

/** The columns of a link as the repository reads them, with its creator's name. */
function select(db: Executor) {
  return db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .select(['i.id', 'i.agreement_id', 'i.role', 'i.created_by', 'u.display_name as created_by_name', 'i.created_at', 'i.expires_at', 'i.max_uses', 'i.uses', 'i.revoked_at'])
}

/** Thrown to roll back a use taken by someone whose parallel accept made them a member first. */
class JoinedMeanwhile extends Error {
  constructor(readonly invitation: Invitation) {
    super('already joined through a parallel accept')
  }
}
