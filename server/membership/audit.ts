import { sql, type Kysely } from 'kysely'
import type { AuditEntry } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'
import type { Tables } from '../storage/tables.ts'

export type { AuditEntry }

/** Where a trail is kept: the agreement log and the organisation log share one shape. */
export interface AuditScope {
  table: 'audit_log' | 'org_audit_log'
  keyColumn: 'agreement_id' | 'org_id'
}

const AGREEMENT_SCOPE: AuditScope = { table: 'audit_log', keyColumn: 'agreement_id' }
export const ORGANISATION_SCOPE: AuditScope = { table: 'org_audit_log', keyColumn: 'org_id' }

/**
 * Append-only record of who did what: for an agreement (joins, role changes, versions, approvals,
 * exports) or, with ORGANISATION_SCOPE, for an organisation's library. Each row keeps the actor's name
 * as it was at the time, so renaming an account never rewrites history; agreement rows stay when the
 * agreement is deleted, organisation rows go with their organisation.
 */
export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
    private readonly scope: AuditScope = AGREEMENT_SCOPE,
  ) {}

  /**
   * The same log writing through an open transaction (`database.db.transaction().execute(async (trx) => …)`),
   * so its entry commits or rolls back with the change it records. On SQLite a query on the database
   * itself would wait for the transaction's connection and never run.
   */
  within(trx: Kysely<Tables>): AuditLog {
    return new AuditLog({ ...this.database, db: trx }, this.now, this.scope)
  }

  /** Appends an entry; `seq` orders the entries of one key (the engine's own sequence). */
  async record(key: string, actorId: string | null, action: string, details: Record<string, unknown> = {}): Promise<void> {
    const { table, keyColumn } = this.scope
    await sql`INSERT INTO ${sql.table(table)} (${sql.ref(keyColumn)}, at, actor_id, actor_name, action, details)
      VALUES (${key}, ${this.now().toISOString()}, ${actorId}, (SELECT display_name FROM users WHERE id = ${actorId}), ${action}, ${JSON.stringify(details)})`.execute(this.database.db)
  }

  /** The newest `limit` entries, newest first. */
  async list(key: string, limit = 500): Promise<AuditEntry[]> {
    const { table, keyColumn } = this.scope
    const { rows } = await sql<{ seq: number; at: string; actor_id: string | null; display_name: string | null; action: string; details: string }>`
      SELECT a.seq, a.at, a.actor_id, COALESCE(a.actor_name, u.display_name) AS display_name, a.action, a.details
      FROM ${sql.table(table)} a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.${sql.ref(keyColumn)} = ${key} ORDER BY a.seq DESC LIMIT ${limit}`.execute(this.database.db)
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
