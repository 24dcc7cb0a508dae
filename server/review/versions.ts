import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { VersionInfo } from '../../schema/api-types.ts'
import { LIMITS } from '../../schema/limits.ts'
import type { Database } from '../storage/database.ts'

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
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Each version is a full copy, so a drafter could fill the disk: the count and the bytes of an
   * agreement's versions are bounded (LIMITS), checked together with the insert in one transaction.
   * Two saves of one agreement at once are taken one after the other, so they cannot both pass the
   * last free place: on SQLite the transaction holds the only connection; on PostgreSQL (read
   * committed) a lock per agreement, released with the transaction, orders them.
   */
  async save(agreementId: string, name: string, createdBy: string, state: Uint8Array, canonicalJson: unknown): Promise<VersionInfo> {
    const id = randomUUID()
    const json = JSON.stringify(canonicalJson)
    await this.database.db.transaction().execute(async (trx) => {
      if (this.database.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`versions:${agreementId}`}))`.execute(trx)
      const used = await usage(this.database, trx, agreementId)
      if (used.count >= LIMITS.maxNamedVersions) {
        throw new VersionLimitError('count', `an agreement keeps at most ${LIMITS.maxNamedVersions} named versions; an owner can delete old ones`)
      }
      if (used.bytes + state.byteLength + Buffer.byteLength(json) > LIMITS.maxVersionBytesPerAgreement) {
        throw new VersionLimitError('bytes', `the named versions of this agreement would take more than ${LIMITS.maxVersionBytesPerAgreement / 1024 / 1024} MB; an owner can delete old ones`)
      }
      await trx
        .insertInto('versions')
        .values({ id, agreement_id: agreementId, name, created_by: createdBy, created_at: this.now().toISOString(), state: Buffer.from(state), canonical_json: json })
        .execute()
    })
    return (await this.info(agreementId, id))!
  }

  /** How many named versions an agreement has and the bytes they take. */
  usage(agreementId: string): Promise<{ count: number; bytes: number }> {
    return usage(this.database, this.database.db, agreementId)
  }

  async delete(agreementId: string, versionId: string): Promise<boolean> {
    const result = await this.database.db.deleteFrom('versions').where('id', '=', versionId).where('agreement_id', '=', agreementId).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /** The agreement's versions, newest first. */
  async list(agreementId: string): Promise<VersionInfo[]> {
    return (await this.infoQuery(agreementId).orderBy('v.created_at', 'desc').orderBy('v.id').execute()).map(toInfo)
  }

  /** One version's name and author, or null when the agreement has no such version. */
  async info(agreementId: string, versionId: string): Promise<VersionInfo | null> {
    const row = await this.infoQuery(agreementId).where('v.id', '=', versionId).executeTakeFirst()
    return row ? toInfo(row) : null
  }

  async content(agreementId: string, versionId: string): Promise<unknown | null> {
    const row = await this.database.db.selectFrom('versions').select('canonical_json').where('id', '=', versionId).where('agreement_id', '=', agreementId).executeTakeFirst()
    return row ? (JSON.parse(row.canonical_json) as unknown) : null
  }

  private infoQuery(agreementId: string) {
    return this.database.db
      .selectFrom('versions as v')
      .innerJoin('users as u', 'u.id', 'v.created_by')
      .select(['v.id', 'v.name', 'v.created_by', 'u.display_name', 'v.created_at'])
      .where('v.agreement_id', '=', agreementId)
  }
}

const toInfo = (r: { id: string; name: string; created_by: string; display_name: string; created_at: string }): VersionInfo => ({
  id: r.id,
  name: r.name,
  createdBy: r.created_by,
  createdByName: r.display_name,
  createdAt: r.created_at,
})

/** Count and bytes (state plus the JSON's UTF-8 bytes); the engines name the byte length differently. */
async function usage(database: Database, db: Database['db'], agreementId: string): Promise<{ count: number; bytes: number }> {
  const bytes =
    database.engine === 'postgres'
      ? sql<string | number>`COALESCE(SUM(octet_length(state) + octet_length(canonical_json)), 0)`
      : sql<string | number>`COALESCE(SUM(length(state) + length(CAST(canonical_json AS BLOB))), 0)`
  const row = await db
    .selectFrom('versions')
    .select((eb) => [eb.fn.countAll<string | number>().as('count'), bytes.as('bytes')])
    .where('agreement_id', '=', agreementId)
    .executeTakeFirstOrThrow()
  // PostgreSQL answers count and sum as text (bigint, numeric).
  return { count: Number(row.count), bytes: Number(row.bytes) }
}
