import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { VersionInfo } from '../../schema/api-types.ts'

export type { VersionInfo }

/** Named versions: a frozen Yjs state and its canonical JSON, e.g. "Skickad till styrgruppen 2026-03-01". */
export class VersionRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  save(agreementId: string, name: string, createdBy: string, state: Uint8Array, canonicalJson: unknown): VersionInfo {
    const id = randomUUID()
    this.db
      .prepare('INSERT INTO versions (id, agreement_id, name, created_by, created_at, state, canonical_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, agreementId, name, createdBy, this.now().toISOString(), Buffer.from(state), JSON.stringify(canonicalJson))
    return this.list(agreementId).find((v) => v.id === id)!
  }

  list(agreementId: string): VersionInfo[] {
    return (
      this.db
        .prepare(
          `SELECT v.id, v.name, v.created_by, u.display_name, v.created_at FROM versions v JOIN users u ON u.id = v.created_by
           WHERE v.agreement_id = ? ORDER BY v.created_at DESC, v.id`,
        )
        .all(agreementId) as { id: string; name: string; created_by: string; display_name: string; created_at: string }[]
    ).map((r) => ({ id: r.id, name: r.name, createdBy: r.created_by, createdByName: r.display_name, createdAt: r.created_at }))
  }

  content(agreementId: string, versionId: string): unknown | null {
    const row = this.db.prepare('SELECT canonical_json FROM versions WHERE id = ? AND agreement_id = ?').get(versionId, agreementId) as
      | { canonical_json: string }
      | undefined
    return row ? (JSON.parse(row.canonical_json) as unknown) : null
  }
}
