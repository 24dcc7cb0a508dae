import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import * as Y from 'yjs'
import { sqliteDatabase, type Database, type Engine } from '../../server/storage/database.ts'
import { openPostgresStore } from '../../server/storage/postgres.ts'
import { openSqliteStore } from '../../server/storage/sqlite.ts'
import type { AgreementMeta, AgreementStore } from '../../server/storage/store.ts'
import { startPostgres, type TestPostgres } from './postgres.ts'

/**
 * Both storage engines for a contract suite: the embedded SQLite file in a temporary folder and a
 * real PostgreSQL started for the test file. Use as
 *
 *     const engines = useEngines()
 *     describe.each(engines)('accounts on $name', (engine) => { it('…', async () => { const { database } = await engine.open() … }) })
 *
 * Every `open()` is a fresh, empty, fully migrated installation; everything is closed after the file.
 */
export interface OpenEngine {
  database: Database
  documents: AgreementStore
  /** A new agreement row (repositories' tables refer to it), returning its id. */
  agreement(title?: string): Promise<string>
}

export interface EngineUnderTest {
  name: Engine
  open(): Promise<OpenEngine>
}

export function useEngines(): EngineUnderTest[] {
  let postgres: TestPostgres | undefined
  const closers: (() => Promise<void>)[] = []
  const dirs: string[] = []
  beforeAll(async () => {
    postgres = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    for (const close of closers) await close().catch(() => undefined)
    await postgres?.stop()
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })
  return [
    {
      name: 'sqlite',
      async open() {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-engine-'))
        dirs.push(dir)
        const store = openSqliteStore(dir)
        closers.push(() => store.close())
        return opened(sqliteDatabase(store.db), store)
      },
    },
    {
      name: 'postgres',
      async open() {
        if (!postgres) throw new Error('PostgreSQL did not start')
        const store = await openPostgresStore(await postgres.createDatabase('repo'), { maxConnections: 4 })
        closers.push(() => store.close())
        return opened(store.repositories(), store)
      },
    },
  ]
}

let agreements = 0
function opened(database: Database, documents: AgreementStore): OpenEngine {
  return {
    database,
    documents,
    async agreement(title = 'IOP Fritidsgården') {
      const at = new Date().toISOString()
      const meta: AgreementMeta = { id: `agreement-${++agreements}-${Math.random().toString(36).slice(2, 8)}`, title, municipality: 'Norrby', lang: 'sv', createdAt: at, updatedAt: at }
      await documents.createAgreement(meta, Y.encodeStateAsUpdate(new Y.Doc()), { type: 'doc', content: [] })
      return meta.id
    },
  }
}
