import type BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import type { Tables } from './tables.ts'

export type Engine = 'sqlite' | 'postgres'

/**
 * The database every repository (accounts, members, review, library, …) works on, asynchronous on both
 * engines: the embedded SQLite file or PostgreSQL (`DATABASE_URL`). Repositories write one kysely
 * query for both; where the engines differ (an error's wording, a conflict clause), `engine` says which.
 *
 * On SQLite the queries run on the same better-sqlite3 handle as the document store, synchronously
 * under kysely's promise surface. A transaction body must therefore await nothing but its own
 * queries: they then all run within one turn of the event loop, so no websocket append (a direct,
 * synchronous write on the same handle) can slip into the open transaction and be rolled back with it.
 */
export interface Database {
  readonly engine: Engine
  readonly db: Kysely<Tables>
  /** Resolves when the engine answers a trivial query. */
  ping(): Promise<void>
}

/** Repositories on the embedded file, sharing the document store's handle (and so its WAL and durability). */
export function sqliteDatabase(handle: BetterSqlite3.Database): Database {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: handle }) })
  return {
    engine: 'sqlite',
    db,
    async ping() {
      await sql`SELECT 1`.execute(db)
    },
  }
}

/** Repositories on PostgreSQL, sharing the document store's pool (the schema is migrated with it). */
export function postgresDatabase(db: Kysely<Tables>): Database {
  return {
    engine: 'postgres',
    db,
    async ping() {
      await sql`SELECT 1`.execute(db)
    },
  }
}

/** A unique-constraint violation, worded differently by each engine. */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** A foreign-key violation (the row it refers to does not exist, or no longer does). */
export function isForeignKeyViolation(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}
