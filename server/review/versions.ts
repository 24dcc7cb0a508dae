import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { VersionInfo } from '../../schema/api-types.ts'
import { LIMITS } from '../../schema/limits.ts'

export type { VersionInfo }

/** Saving would pass the number of named versions or the bytes they may take for one agreement. */
export class VersionLimitError extends Error {
  constructor(
    readonly limit: 'count' | 'bytes',
    message: string,
  ) {
    super(message)
  }
}

/** Named versions: a frozen Yjs state and its canonical JSON, e.g. "Skickad till styrgruppen 2026-03-01". */
export class VersionRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Each version is a full copy, so a drafter could fill the disk: the count and the bytes of an
   * agreement's versions are bounded (LIMITS), checked together with the insert in one transaction.
   */
  save(agreementId: string, name: string, createdBy: string, state: Uint8Array, canonicalJson: unknown): VersionInfo {
    const id = randomUUID()
    const json = JSON.stringify(canonicalJson)
    this.db.transaction(() => {
      const used = this.usage(agreementId)
      if (used.count >= LIMITS.maxNamedVersions) {
        throw new VersionLimitError('count', `an agreement keeps at most ${LIMITS.maxNamedVersions} named versions; an owner can delete old ones`)
      }
      if (used.bytes + state.byteLength + Buffer.byteLength(json) > LIMITS.maxVersionBytesPerAgreement) {
        throw new VersionLimitError('bytes', `the named versions of this agreement would take more than ${LIMITS.maxVersionBytesPerAgreement / 1024 / 1024} MB; an owner can delete old ones`)
      }
      this.db
        .prepare('INSERT INTO versions (id, agreement_id, name, created_by, created_at, state, canonical_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, agreementId, name, createdBy, this.now().toISOString(), Buffer.from(state), json)
    })()
    return this.list(agreementId).find((v) => v.id === id)!
  }

  /** How many named versions an agreement has and the bytes they take. */
  usage(agreementId: string): { count: number; bytes: number } {
    const row = this.db
      .prepare('SELECT COUNT(*) AS count, COALESCE(SUM(length(state) + length(CAST(canonical_json AS BLOB))), 0) AS bytes FROM versions WHERE agreement_id = ?')
      .get(agreementId) as { count: number; bytes: number }
    return row
  }

  delete(agreementId: string, versionId: string): boolean {
    return this.db.prepare('DELETE FROM versions WHERE id = ? AND agreement_id = ?').run(versionId, agreementId).changes > 0
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
