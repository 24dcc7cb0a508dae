import { Kysely, Migrator, PostgresDialect, sql, type Generated, type Migration } from 'kysely'
import { CompactionFencedError, currentFence } from '../fanout/fence.ts'
import pg from 'pg'
import { Coverage } from './coverage.ts'
import type { AgreementMeta, AgreementStore, StoredState } from './store.ts'
import { postgresDatabase, type Database as RepositoryDatabase } from './database.ts'
import { REPOSITORY_MIGRATIONS } from './postgres-schema.ts'
import type { Tables } from './tables.ts'

/**
 * The PostgreSQL engine of the document store, selected with `DATABASE_URL=postgres://…`, for
 * deployments that run several instances on one database.
 *
 * Sequence numbers are per agreement and dense (1, 2, 3, …): an append takes the next number from its
 * agreement's row and inserts the update in one statement, so the row lock orders the appends of one
 * agreement and they commit in the order of their numbers. Compaction (see Coverage) then knows which
 * numbers the loaded copy holds and never deletes an update another instance stored.
 *
 * The hot append is one named (server-side prepared) statement on pg directly; everything else goes
 * through kysely, whose migrator also keeps the schema (with a lock, so two instances starting together
 * migrate once).
 */

interface Database {
  agreements: {
    id: string
    title: string
    municipality: string
    lang: 'sv' | 'en'
    created_at: string
    updated_at: string
    snapshot: Buffer | null
    snapshot_seq: string | number
    last_seq: string | number
    canonical_json: string | null
    /** The fencing token of the last compaction that ran under a lease (002); 0: none yet. */
    compaction_fence: Generated<string | number>
  }
  updates: {
    agreement_id: string
    seq: string | number
    data: Buffer
  }
}

/** Never edit a migration that has shipped; add one. Names sort in the order they apply. */
export const POSTGRES_MIGRATIONS: Record<string, Migration> = {
  '001-documents': {
    async up(db: Kysely<unknown>) {
      // Times are ISO-8601 text, as in the SQLite engine, so both engines answer byte for byte alike.
      await sql`CREATE TABLE agreements (
        id text PRIMARY KEY,
        title text NOT NULL,
        municipality text NOT NULL,
        lang text NOT NULL CHECK (lang IN ('sv', 'en')),
        created_at text NOT NULL,
        updated_at text NOT NULL,
        snapshot bytea,
        snapshot_seq bigint NOT NULL DEFAULT 0,
        last_seq bigint NOT NULL DEFAULT 0,
        canonical_json text,
        CHECK (snapshot_seq <= last_seq)
      )`.execute(db)
      await sql`CREATE INDEX agreements_by_update ON agreements (updated_at DESC, id)`.execute(db)
      await sql`CREATE TABLE updates (
        agreement_id text NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (agreement_id, seq)
      )`.execute(db)
    },
  },
  '002-compaction-fence': {
    async up(db: Kysely<unknown>) {
      // Several instances: only the holder of an agreement's compaction lease compacts, and the row
      // remembers the newest token that did, so a holder whose lease ran out unnoticed is refused.
      await sql`ALTER TABLE agreements ADD COLUMN compaction_fence bigint NOT NULL DEFAULT 0`.execute(db)
    },
  },
}

const APPEND = {
  name: 'overens_append_update',
  text: `WITH next AS (UPDATE agreements SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
         INSERT INTO updates (agreement_id, seq, data) SELECT $1, last_seq, $2 FROM next RETURNING seq`,
}

/** Several updates of one agreement, numbered in array order, in one statement (one round trip, one commit). */
const APPEND_MANY = {
  name: 'overens_append_updates',
  text: `WITH next AS (UPDATE agreements SET last_seq = last_seq + cardinality($2::bytea[]) WHERE id = $1 RETURNING last_seq)
         INSERT INTO updates (agreement_id, seq, data)
         SELECT $1, next.last_seq - cardinality($2::bytea[]) + u.ord, u.data FROM next, unnest($2::bytea[]) WITH ORDINALITY AS u(data, ord)
         RETURNING seq`,
}

const META = ['id', 'title', 'municipality', 'lang', 'created_at', 'updated_at'] as const

const toMeta = (row: Pick<Database['agreements'], (typeof META)[number]>): AgreementMeta => ({
  id: row.id,
  title: row.title,
  municipality: row.municipality,
  lang: row.lang,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export interface PostgresStoreOptions {
  /** Connections in the pool; appends of different agreements run in parallel up to this many. */
  maxConnections?: number
  now?: () => string
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, application_name: 'overens' })
  // An idle connection the server drops (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => ({ ...POSTGRES_MIGRATIONS, ...REPOSITORY_MIGRATIONS }) } }).migrateToLatest()
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName
      throw new Error(`PostgreSQL migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  } catch (err) {
    await db.destroy()
    throw err
  }
  return new PostgresStore(db, pool, options.now ?? (() => new Date().toISOString()))
}

export class PostgresStore implements AgreementStore {
  private readonly coverage = new Coverage()

  constructor(
    readonly db: Kysely<Database>,
    private readonly pool: pg.Pool,
    private readonly now: () => string,
  ) {}

  async createAgreement(meta: AgreementMeta, initialState: Uint8Array, canonicalJson: unknown): Promise<void> {
    await this.db
      .insertInto('agreements')
      .values({
        id: meta.id,
        title: meta.title,
        municipality: meta.municipality,
        lang: meta.lang,
        created_at: meta.createdAt,
        updated_at: meta.updatedAt,
        snapshot: Buffer.from(initialState),
        snapshot_seq: 0,
        last_seq: 0,
        canonical_json: JSON.stringify(canonicalJson),
      })
      .execute()
  }

  async listAgreements(): Promise<AgreementMeta[]> {
    const rows = await this.db.selectFrom('agreements').select(META).orderBy('updated_at', 'desc').orderBy('id').execute()
    return rows.map(toMeta)
  }

  async getAgreement(id: string): Promise<AgreementMeta | null> {
    const row = await this.db.selectFrom('agreements').select(META).where('id', '=', id).executeTakeFirst()
    return row ? toMeta(row) : null
  }

  async updateAgreement(id: string, patch: Partial<Pick<AgreementMeta, 'title' | 'municipality'>>): Promise<AgreementMeta | null> {
    const row = await this.db
      .updateTable('agreements')
      .set({
        updated_at: this.now(),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.municipality !== undefined ? { municipality: patch.municipality } : {}),
      })
      .where('id', '=', id)
      .returning(META)
      .executeTakeFirst()
    return row ? toMeta(row) : null
  }

  async deleteAgreement(id: string): Promise<boolean> {
    this.coverage.forget(id)
    const result = await this.db.deleteFrom('agreements').where('id', '=', id).executeTakeFirst()
    return result.numDeletedRows > 0n
  }

  async loadState(id: string): Promise<StoredState> {
    // One snapshot of the database for both reads: a compaction by another instance between them would
    // otherwise pair the old snapshot with a tail it already trimmed.
    const { row, tail } = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const row = await trx.selectFrom('agreements').select(['snapshot', 'snapshot_seq']).where('id', '=', id).executeTakeFirst()
        if (!row) return { row: null, tail: [] }
        const tail = await trx.selectFrom('updates').select(['seq', 'data']).where('agreement_id', '=', id).where('seq', '>', row.snapshot_seq).orderBy('seq').execute()
        return { row, tail }
      })
    if (!row) throw new Error(`agreement ${id} is not stored`)
    const updates = tail.map((r) => ({ seq: Number(r.seq), update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) }))
    this.coverage.loaded(
      id,
      Number(row.snapshot_seq),
      updates.map((u) => u.seq),
    )
    return { snapshot: row.snapshot ? new Uint8Array(row.snapshot) : null, updates }
  }

  /** One round trip, one prepared statement; resolves once committed (synchronous_commit as configured on the server). */
  async appendUpdate(id: string, update: Uint8Array): Promise<number> {
    const generation = this.coverage.generation(id)
    const result = await this.pool.query<{ seq: string }>({ ...APPEND, values: [id, Buffer.from(update.buffer, update.byteOffset, update.byteLength)] })
    const row = result.rows[0]
    if (!row) throw new Error(`agreement ${id} is not stored`)
    const seq = Number(row.seq)
    this.coverage.holds(id, seq, generation)
    return seq
  }

  async appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number[]> {
    if (updates.length === 1) return [await this.appendUpdate(id, updates[0]!)]
    if (updates.length === 0) return []
    const generation = this.coverage.generation(id)
    const data = updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))
    const result = await this.pool.query<{ seq: string }>({ ...APPEND_MANY, values: [id, data] })
    if (result.rows.length !== updates.length) throw new Error(`agreement ${id} is not stored`)
    // RETURNING has no order; the numbers are consecutive in array order.
    const seqs = result.rows.map((r) => Number(r.seq)).sort((a, b) => a - b)
    for (const seq of seqs) this.coverage.holds(id, seq, generation)
    return seqs
  }

  async compact(id: string, state: Uint8Array, upToSeq: number, canonical: { json: unknown; title: string } | null): Promise<void> {
    const safe = this.coverage.safeUpTo(id, upToSeq)
    // Under a compaction lease (several instances): refused whole when a newer holder compacted already.
    const fence = currentFence()
    const covered = await this.db.transaction().execute(async (trx) => {
      if (fence !== undefined) {
        const row = await trx.selectFrom('agreements').select('compaction_fence').where('id', '=', id).forUpdate().executeTakeFirst()
        if (row && Number(row.compaction_fence) > fence) throw new CompactionFencedError(fence, Number(row.compaction_fence))
      }
      const saved = await trx
        .updateTable('agreements')
        .set({ snapshot: Buffer.from(state), snapshot_seq: safe, updated_at: this.now(), ...(fence !== undefined ? { compaction_fence: fence } : {}) })
        .where('id', '=', id)
        .where('snapshot_seq', '<=', safe)
        .executeTakeFirst()
      // Another instance stored a snapshot that covers more: keep it (every update after it is in the tail).
      if (saved.numUpdatedRows === 0n) return null
      await trx.deleteFrom('updates').where('agreement_id', '=', id).where('seq', '<=', safe).execute()
      if (canonical) {
        await trx
          .updateTable('agreements')
          .set((eb) => ({
            canonical_json: JSON.stringify(canonical.json),
            title: canonical.title === '' ? eb.ref('title') : canonical.title,
          }))
          .where('id', '=', id)
          .execute()
      }
      return safe
    })
    if (covered !== null) this.coverage.compacted(id, covered)
  }

  async getCanonical(id: string): Promise<unknown | null> {
    const row = await this.db.selectFrom('agreements').select('canonical_json').where('id', '=', id).executeTakeFirst()
    return row?.canonical_json ? (JSON.parse(row.canonical_json) as unknown) : null
  }

  markHeld(id: string, seq: number): void {
    this.coverage.holds(id, seq)
  }

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db)
  }

  /** The repositories' database on the same pool (closed with the store). */
  repositories(): RepositoryDatabase {
    return postgresDatabase(this.db as unknown as Kysely<Tables>)
  }

  async close(): Promise<void> {
    await this.db.destroy()
  }
}
