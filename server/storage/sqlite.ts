import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { AgreementMeta, AgreementStore, StoredState } from './store.ts'
import type { Durability } from '../config.ts'
import { Coverage } from './coverage.ts'

/**
 * The embedded default engine: one SQLite file in WAL mode. Every append is its own committed
 * transaction, so an update is on disk before the server broadcasts it; with `synchronous=NORMAL` in WAL
 * mode a commit survives any crash of the process, and `durability: 'full'` adds an fsync per commit
 * for power loss.
 *
 * Prepared statements directly on better-sqlite3 rather than a query builder: the hot path is a single
 * insert per keystroke and this keeps it a few microseconds.
 */
import { MIGRATIONS } from './migrations/index.ts'

interface AgreementRow {
  id: string
  title: string
  municipality: string
  lang: 'sv' | 'en'
  created_at: string
  updated_at: string
}

const toMeta = (row: AgreementRow): AgreementMeta => ({
  id: row.id,
  title: row.title,
  municipality: row.municipality,
  lang: row.lang,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const META_COLUMNS = 'id, title, municipality, lang, created_at, updated_at'

export function openSqliteStore(dataDir: string, durability: Durability = 'normal', now = () => new Date().toISOString()): SqliteStore {
  fs.mkdirSync(dataDir, { recursive: true })
  // A short wait covers a previous server that is still exiting; longer would only delay the refusal.
  const db = new Database(path.join(dataDir, 'overens.sqlite'), { timeout: 1000 })
  try {
    return new SqliteStore(db, durability, now)
  } catch (err) {
    db.close()
    if (err instanceof Error && /database is locked/.test(err.message)) {
      throw new Error(`the data folder ${dataDir} is in use by another Överens server; one server per data folder`)
    }
    throw err
  }
}

export class SqliteStore implements AgreementStore {
  private readonly stmt
  private readonly coverage = new Coverage()

  constructor(
    readonly db: Database.Database,
    durability: Durability,
    private readonly now: () => string,
  ) {
    // One server process owns its data folder: exclusive locking keeps the WAL index in process memory
    // (half the cost of a commit here) and makes a second server on the same folder fail at start
    // instead of serving a diverging copy of the agreements.
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`)
    db.pragma('foreign_keys = ON')
    // Fewer, larger checkpoints: each one is an fsync; the WAL file is trimmed back afterwards.
    db.pragma('wal_autocheckpoint = 4000')
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
    migrate(db)
    this.stmt = {
      insertAgreement: db.prepare(
        `INSERT INTO agreements (id, title, municipality, lang, created_at, updated_at, snapshot, snapshot_seq, canonical_json)
         VALUES (@id, @title, @municipality, @lang, @createdAt, @updatedAt, @snapshot, 0, @canonical)`,
      ),
      list: db.prepare(`SELECT ${META_COLUMNS} FROM agreements ORDER BY updated_at DESC, id`),
      get: db.prepare(`SELECT ${META_COLUMNS} FROM agreements WHERE id = ?`),
      delete: db.prepare('DELETE FROM agreements WHERE id = ?'),
      snapshot: db.prepare('SELECT snapshot, snapshot_seq FROM agreements WHERE id = ?'),
      tail: db.prepare('SELECT seq, data FROM updates WHERE agreement_id = ? AND seq > ? ORDER BY seq'),
      append: db.prepare('INSERT INTO updates (agreement_id, data) VALUES (?, ?)'),
      // Never moves the snapshot back: a snapshot covering more is kept (the tail after it is intact).
      saveSnapshot: db.prepare('UPDATE agreements SET snapshot = @state, snapshot_seq = @seq, updated_at = @at WHERE id = @id AND snapshot_seq <= @seq'),
      tailSeqs: db.prepare('SELECT seq FROM updates WHERE agreement_id = ? AND seq <= ? ORDER BY seq'),
      saveCanonical: db.prepare("UPDATE agreements SET canonical_json = ?, title = COALESCE(NULLIF(?, ''), title) WHERE id = ?"),
      dropTail: db.prepare('DELETE FROM updates WHERE agreement_id = ? AND seq <= ?'),
      canonical: db.prepare('SELECT canonical_json FROM agreements WHERE id = ?'),
    }
    const append = this.stmt.append
    // Built once: better-sqlite3 sets up a transaction function's BEGIN/COMMIT on every db.transaction().
    this.appendBatch = db.transaction((batch: readonly { id: string; data: Buffer }[]) => batch.map((item) => Number(append.run(item.id, item.data).lastInsertRowid)))
  }

  private readonly appendBatch: (batch: readonly { id: string; data: Buffer }[]) => number[]
  /** Statements of updateAgreement by their SQL: editing touches the change time every few seconds per agreement. */
  private readonly updateStatements = new Map<string, Database.Statement>()

  async createAgreement(meta: AgreementMeta, initialState: Uint8Array, canonicalJson: unknown): Promise<void> {
    this.stmt.insertAgreement.run({ ...meta, snapshot: Buffer.from(initialState), canonical: JSON.stringify(canonicalJson) })
  }

  async listAgreements(): Promise<AgreementMeta[]> {
    return (this.stmt.list.all() as AgreementRow[]).map(toMeta)
  }

  async getAgreement(id: string): Promise<AgreementMeta | null> {
    const row = this.stmt.get.get(id) as AgreementRow | undefined
    return row ? toMeta(row) : null
  }

  async updateAgreement(id: string, patch: Partial<Pick<AgreementMeta, 'title' | 'municipality'>>): Promise<AgreementMeta | null> {
    const sets: string[] = []
    const values: Record<string, string> = { id, updatedAt: this.now() }
    if (patch.title !== undefined) sets.push('title = @title'), (values.title = patch.title)
    if (patch.municipality !== undefined) sets.push('municipality = @municipality'), (values.municipality = patch.municipality)
    sets.push('updated_at = @updatedAt')
    const sql = `UPDATE agreements SET ${sets.join(', ')} WHERE id = @id`
    let statement = this.updateStatements.get(sql)
    if (!statement) this.updateStatements.set(sql, (statement = this.db.prepare(sql)))
    statement.run(values)
    return this.getAgreement(id)
  }

  async deleteAgreement(id: string): Promise<boolean> {
    this.coverage.forget(id)
    return this.stmt.delete.run(id).changes > 0
  }

  markHeld(id: string, seq: number): void {
    this.coverage.holds(id, seq)
  }

  async loadState(id: string): Promise<StoredState> {
    const row = this.stmt.snapshot.get(id) as { snapshot: Buffer | null; snapshot_seq: number } | undefined
    if (!row) throw new Error(`agreement ${id} is not stored`)
    const updates = (this.stmt.tail.all(id, row.snapshot_seq) as { seq: number; data: Buffer }[]).map((r) => ({
      seq: r.seq,
      update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
    }))
    this.coverage.loaded(
      id,
      row.snapshot_seq,
      updates.map((u) => u.seq),
    )
    return { snapshot: row.snapshot ? new Uint8Array(row.snapshot) : null, updates }
  }

  /**
   * Appends are grouped per turn of the event loop into one transaction: every update that arrived
   * on any socket in that turn is committed together, and each promise resolves only after the commit.
   */
  appendUpdate(id: string, update: Uint8Array): Promise<number> {
    const generation = this.coverage.generation(id)
    return new Promise((resolve, reject) => {
      const stored = (seq: number) => {
        this.coverage.holds(id, seq, generation)
        resolve(seq)
      }
      this.pendingAppends.push({ id, data: Buffer.from(update.buffer, update.byteOffset, update.byteLength), resolve: stored, reject })
      if (this.pendingAppends.length === 1) setImmediate(this.flushAppends)
    })
  }

  /** Queued in one event-loop turn, so they share the transaction of that turn (see appendUpdate). */
  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number[]> {
    return Promise.all(updates.map((update) => this.appendUpdate(id, update)))
  }

  private readonly pendingAppends: { id: string; data: Buffer; resolve: (seq: number) => void; reject: (err: unknown) => void }[] = []

  private readonly flushAppends = (): void => {
    const batch = this.pendingAppends.splice(0)
    if (batch.length === 0) return
    if (batch.length === 1) {
      // A lone append is cheaper as a plain autocommit insert than wrapped in BEGIN/COMMIT.
      const [item] = batch as [(typeof batch)[number]]
      try {
        item.resolve(Number(this.stmt.append.run(item.id, item.data).lastInsertRowid))
      } catch (err) {
        item.reject(err)
      }
      return
    }
    let seqs: number[]
    try {
      seqs = this.appendBatch(batch)
    } catch {
      // One bad row (say, an agreement deleted meanwhile) must not fail the others: retry one by one.
      for (const item of batch) {
        try {
          item.resolve(Number(this.stmt.append.run(item.id, item.data).lastInsertRowid))
        } catch (err) {
          item.reject(err)
        }
      }
      return
    }
    batch.forEach((item, i) => item.resolve(seqs[i]!))
  }

  /** Covers at most what the loaded copy is known to hold (see Coverage), never less than the stored snapshot. */
  async compact(id: string, state: Uint8Array, upToSeq: number, canonical: { json: unknown; title: string } | null): Promise<void> {
    const covered = this.db.transaction(() => {
      const existing = (this.stmt.tailSeqs.all(id, upToSeq) as { seq: number }[]).map((r) => r.seq)
      const safe = this.coverage.safeUpTo(id, upToSeq, existing)
      if (this.stmt.saveSnapshot.run({ state: Buffer.from(state), seq: safe, at: this.now(), id }).changes === 0) return null
      this.stmt.dropTail.run(id, safe)
      if (canonical) this.stmt.saveCanonical.run(JSON.stringify(canonical.json), canonical.title, id)
      return safe
    })()
    if (covered !== null) this.coverage.compacted(id, covered)
  }

  async getCanonical(id: string): Promise<unknown | null> {
    const row = this.stmt.canonical.get(id) as { canonical_json: string | null } | undefined
    return row?.canonical_json ? (JSON.parse(row.canonical_json) as unknown) : null
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get()
  }

  async close(): Promise<void> {
    this.flushAppends()
    if (this.db.open) this.db.close()
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length) {
    throw new Error(`the database was written by a newer Överens (schema ${current}, this version knows ${MIGRATIONS.length})`)
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
