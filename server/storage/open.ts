import type { Config } from '../config.ts'
import { checkDatabaseFile, databaseFile, quickCheck } from '../startup-checks.ts'
import { sqliteDatabase, type Database } from './database.ts'
import { openSqliteStore, type SqliteStore } from './sqlite.ts'
import type { AgreementStore } from './store.ts'

/**
 * Everything the server stores, on the engine the configuration asks for: the embedded SQLite file in
 * the data folder by default, or PostgreSQL with `DATABASE_URL` (documents, accounts, members, review and
 * the library all there, so any number of instances share them; no SQLite file is opened at all).
 */
export interface Storage {
  documents: AgreementStore
  database: Database
  /** The embedded store, when that is the engine (backups and the integrity check are SQLite's). */
  sqlite: SqliteStore | null
  close(): Promise<void>
}

export async function openStorage(config: Pick<Config, 'dataDir' | 'durability' | 'databaseUrl'>, given?: SqliteStore): Promise<Storage> {
  if (config.databaseUrl) {
    // Loaded only when asked for: pg costs the embedded default CPU at start.
    const { openPostgresStore } = await import('./postgres.ts')
    const postgres = await openPostgresStore(config.databaseUrl)
    return { documents: postgres, database: postgres.repositories(), sqlite: null, close: () => postgres.close() }
  }
  const file = databaseFile(config.dataDir)
  if (!given) checkDatabaseFile(file)
  const store = given ?? openSqliteStore(config.dataDir, config.durability)
  try {
    quickCheck(store.db, file)
  } catch (err) {
    await store.close()
    throw err
  }
  return { documents: store, database: sqliteDatabase(store.db), sqlite: store, close: () => store.close() }
}
