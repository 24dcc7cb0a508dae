import type Database from 'better-sqlite3'

export interface OrgAuditEntry {
  seq: number
  at: string
  actorId: string | null
  actorName: string | null
  action: string
  details: Record<string, unknown>
}

/**
 * Who changed an organisation's library: members, clause versions, approvals, templates, imports and
 * exports. Separate from the agreement audit log, whose rows belong to an agreement.
 */
export class OrgAuditLog {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(orgId: string, actorId: string | null, action: string, details: Record<string, unknown> = {}): void {
    this.db
      .prepare('INSERT INTO org_audit_log (org_id, at, actor_id, action, details) VALUES (?, ?, ?, ?, ?)')
      .run(orgId, this.now().toISOString(), actorId, action, JSON.stringify(details))
  }

  list(orgId: string, limit = 500): OrgAuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT a.seq, a.at, a.actor_id, u.display_name, a.action, a.details FROM org_audit_log a
         LEFT JOIN users u ON u.id = a.actor_id WHERE a.org_id = ? ORDER BY a.seq DESC LIMIT ?`,
      )
      .all(orgId, limit) as { seq: number; at: string; actor_id: string | null; display_name: string | null; action: string; details: string }[]
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.display_name,
      action: r.action,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }))
  }
}
