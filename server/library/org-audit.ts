import type { Kysely } from 'kysely'
import type { AuditEntry } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'
import type { Tables } from '../storage/tables.ts'

export type OrgAuditEntry = AuditEntry

/**
 * Who changed an organisation's library: members, clause versions, approvals, templates, imports and
 * exports. Kept apart from the agreement audit log, whose rows belong to an agreement and outlive it;
 * these go with their organisation. Each row keeps the actor's name as it was at the time, so renaming
 * an account never rewrites history.
 */
export class OrgAuditLog {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `db` is the caller's transaction when the entry belongs to a change written in one (an import). */
  async record(orgId: string, actorId: string | null, action: string, details: Record<string, unknown> = {}, db: Kysely<Tables> = this.database.db): Promise<void> {
    await db
      .insertInto('org_audit_log')
      .values((eb) => ({
        org_id: orgId,
        at: this.now().toISOString(),
        actor_id: actorId,
        actor_name: actorId === null ? null : eb.selectFrom('users').select('display_name').where('id', '=', actorId),
        action,
        details: JSON.stringify(details),
      }))
      .execute()
  }

  /** The newest entries first. */
  async list(orgId: string, limit = 500): Promise<OrgAuditEntry[]> {
    const rows = await this.database.db
      .selectFrom('org_audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select((eb) => ['a.seq', 'a.at', 'a.actor_id', eb.fn.coalesce('a.actor_name', 'u.display_name').as('display_name'), 'a.action', 'a.details'])
      .where('a.org_id', '=', orgId)
      .orderBy('a.seq', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.display_name,
      action: r.action,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }))
  }
}
