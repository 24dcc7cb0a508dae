import type Database from 'better-sqlite3'

export interface AuditEntry {
  seq: number
  at: string
  actorId: string | null
  actorName: string | null
  action: string
  details: Record<string, unknown>
}

/** Append-only record of who did what to an agreement: joins, role changes, versions, approvals, exports. */
export class AuditLog {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(agreementId: string, actorId: string | null, action: string, details: Record<string, unknown> = {}): void {
    this.db
      .prepare('INSERT INTO audit_log (agreement_id, at, actor_id, action, details) VALUES (?, ?, ?, ?, ?)')
      .run(agreementId, this.now().toISOString(), actorId, action, JSON.stringify(details))
  }

  list(agreementId: string, limit = 500): AuditEntry[] {
    return (
      this.db
        .prepare(
          `SELECT a.seq, a.at, a.actor_id, u.display_name, a.action, a.details FROM audit_log a
           LEFT JOIN users u ON u.id = a.actor_id WHERE a.agreement_id = ? ORDER BY a.seq DESC LIMIT ?`,
        )
        .all(agreementId, limit) as { seq: number; at: string; actor_id: string | null; display_name: string | null; action: string; details: string }[]
    ).map((r) => ({ seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.display_name, action: r.action, details: JSON.parse(r.details) as Record<string, unknown> }))
  }
}
