/**
 * The document store contract (server/storage/store.ts), one suite run against both engines: the
 * embedded SQLite file and a real PostgreSQL started for this file. Content is real Yjs updates; every
 * assertion about loss reloads the stored state into a fresh Y.Doc and reads the text back.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger, type Logger } from '../../server/log.ts'
import { openPostgresStore, type PostgresStore } from '../../server/storage/postgres.ts'
import { openSqliteStore } from '../../server/storage/sqlite.ts'
import type { AgreementMeta, AgreementStore, StoredState } from '../../server/storage/store.ts'
import { DocumentRegistry } from '../../server/sync/registry.ts'
import { startPostgres, type TestPostgres } from '../support/postgres.ts'

interface Engine {
  name: 'sqlite' | 'postgres'
  /** A fresh, empty store (a new folder, or a new database). */
  fresh(): Promise<AgreementStore>
  /** A second handle on the same data as `fresh()` returned last (a restart, or another instance). */
  reopen(): Promise<AgreementStore>
}

let postgres: TestPostgres
const tempDirs: string[] = []
const openStores: AgreementStore[] = []
let lastDir = ''
let lastUrl = ''

const engines: Engine[] = [
  {
    name: 'sqlite',
    async fresh() {
      lastDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-contract-'))
      tempDirs.push(lastDir)
      return track(openSqliteStore(lastDir))
    },
    async reopen() {
      return track(openSqliteStore(lastDir))
    },
  },
  {
    name: 'postgres',
    async fresh() {
      lastUrl = await postgres.createDatabase('contract')
      return track(await openPostgresStore(lastUrl, { maxConnections: 4 }))
    },
    async reopen() {
      return track(await openPostgresStore(lastUrl, { maxConnections: 4 }))
    },
  },
]

function track<T extends AgreementStore>(store: T): T {
  openStores.push(store)
  return store
}

beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)

afterAll(async () => {
  await Promise.all(openStores.map((s) => s.close().catch(() => undefined)))
  await postgres?.stop()
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
})

let ids = 0
function meta(title = 'IOP Kulturhuset'): AgreementMeta {
  const at = new Date(Date.UTC(2026, 10, 29, 12, 0, ids)).toISOString()
  return { id: `agreement-${++ids}-${Math.random().toString(36).slice(2, 8)}`, title, municipality: 'Umeå', lang: 'sv', createdAt: at, updatedAt: at }
}

/** A writer as a client is one: a Y.Doc whose every edit is one update. */
function writer(initial?: StoredState | Uint8Array) {
  const doc = new Y.Doc()
  if (initial instanceof Uint8Array) Y.applyUpdate(doc, initial)
  else if (initial) restore(doc, initial)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return {
    doc,
    /** Appends `text` at the end and returns the one update that edit made. */
    type(text: string): Uint8Array {
      const t = doc.getText('body')
      t.insert(t.length, text)
      return updates[updates.length - 1]!
    },
  }
}

function restore(doc: Y.Doc, state: StoredState): void {
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates) Y.applyUpdate(doc, update)
}

async function storedText(store: AgreementStore, id: string): Promise<string> {
  const doc = new Y.Doc()
  restore(doc, await store.loadState(id))
  return doc.getText('body').toString()
}

async function createEmpty(store: AgreementStore, m = meta()): Promise<string> {
  await store.createAgreement(m, Y.encodeStateAsUpdate(new Y.Doc()), { type: 'doc', content: [] })
  return m.id
}

describe.each(engines)('document store on $name', (engine) => {
  it('creates, lists newest first, reads, renames and deletes agreements', async () => {
    const store = await engine.fresh()
    const older = meta('Äldre')
    const newer = { ...meta('Nyare'), updatedAt: new Date(Date.UTC(2027, 0, 1)).toISOString() }
    await createEmpty(store, older)
    await createEmpty(store, newer)
    expect((await store.listAgreements()).map((a) => a.id)).toEqual([newer.id, older.id])
    expect(await store.getAgreement(older.id)).toEqual(older)
    expect(await store.getAgreement('no-such-id')).toBeNull()

    const renamed = await store.updateAgreement(older.id, { title: 'Föreningen Gemenskap – IOP', municipality: 'Luleå' })
    expect(renamed).toMatchObject({ id: older.id, title: 'Föreningen Gemenskap – IOP', municipality: 'Luleå', createdAt: older.createdAt })
    expect(renamed!.updatedAt > older.updatedAt).toBe(true)
    expect(await store.updateAgreement('no-such-id', { title: 'x' })).toBeNull()

    expect(await store.getCanonical(older.id)).toEqual({ type: 'doc', content: [] })
    expect(await store.deleteAgreement(older.id)).toBe(true)
    expect(await store.deleteAgreement(older.id)).toBe(false)
    expect(await store.getAgreement(older.id)).toBeNull()
    await expect(store.loadState(older.id)).rejects.toThrow()
    await expect(store.appendUpdate(older.id, new Uint8Array([0, 0]))).rejects.toThrow()
    await store.ping()
  })

  it('returns appended updates byte for byte, in append order, with rising sequence numbers, after a restart', async () => {
    const store = await engine.fresh()
    const id = await createEmpty(store)
    const other = await createEmpty(store)
    await store.loadState(id)
    const w = writer()
    const sent: Uint8Array[] = []
    const seqs: number[] = []
    for (const word of ['Parterna ', 'är ', 'överens ', 'om ', 'följande.']) {
      const update = w.type(word)
      sent.push(update)
      seqs.push(await store.appendUpdate(id, update))
      await store.appendUpdate(other, writer().type('annat'))
    }
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    expect(new Set(seqs).size).toBe(seqs.length)

    await store.close()
    const again = await engine.reopen()
    const state = await again.loadState(id)
    expect(state.updates.map((u) => u.seq)).toEqual(seqs)
    expect(state.updates.map((u) => Buffer.from(u.update).toString('hex'))).toEqual(sent.map((u) => Buffer.from(u).toString('hex')))
    expect(await storedText(again, id)).toBe('Parterna är överens om följande.')
    expect(await storedText(again, other)).toBe('annat'.repeat(5))
  })

  it('compacts into one snapshot with the canonical JSON and title, and keeps updates stored after it', async () => {
    const store = await engine.fresh()
    const id = await createEmpty(store)
    await store.loadState(id)
    const w = writer()
    let last = 0
    for (let i = 0; i < 20; i++) last = await store.appendUpdate(id, w.type(`${i} `))
    await store.compact(id, Y.encodeStateAsUpdate(w.doc), last, { json: { type: 'doc', n: 20 }, title: 'Ny titel' })
    let state = await store.loadState(id)
    expect(state.updates).toEqual([])
    expect(await storedText(store, id)).toBe(w.doc.getText('body').toString())
    expect(await store.getCanonical(id)).toEqual({ type: 'doc', n: 20 })
    expect((await store.getAgreement(id))!.title).toBe('Ny titel')

    const after = await store.appendUpdate(id, w.type('sist'))
    expect(after).toBeGreaterThan(last)
    // An empty title (a document without a title node) keeps the stored one.
    await store.compact(id, Y.encodeStateAsUpdate(w.doc), after, { json: { n: 21 }, title: '' })
    expect((await store.getAgreement(id))!.title).toBe('Ny titel')
    state = await store.loadState(id)
    expect(state.updates).toEqual([])
    expect(await storedText(store, id)).toMatch(/19 sist$/)
  })

  it('never deletes an update the snapshot does not hold, even when asked to cover it', async () => {
    const store = await engine.fresh()
    const id = await createEmpty(store)
    const first = writer()
    await store.loadState(id)
    await store.appendUpdate(id, first.type('A'))

    // A copy that was dropped (say, after a failure) still finishes an append while a fresh copy loads.
    const late = store.appendUpdate(id, writer(Y.encodeStateAsUpdate(first.doc)).type('-sent-late'))
    const reloaded = await store.loadState(id)
    const lateSeq = await late
    const fresh = writer(reloaded)
    const freshSeq = await store.appendUpdate(id, fresh.type('B'))
    expect(freshSeq).toBeGreaterThan(lateSeq)
    // The fresh copy asks to cover everything up to its own append; the late update may not be in its state.
    await store.compact(id, Y.encodeStateAsUpdate(fresh.doc), freshSeq, null)
    expect(await storedText(store, id)).toContain('-sent-late')
    expect(await storedText(store, id)).toContain('B')
  })

  it('keeps every update appended while a compaction runs', async () => {
    const store = await engine.fresh()
    const id = await createEmpty(store)
    await store.loadState(id)
    const w = writer()
    const appends: Promise<number>[] = []
    let compaction: Promise<void> | null = null
    for (let i = 0; i < 60; i++) {
      appends.push(store.appendUpdate(id, w.type(`<${i}>`)))
      if (i === 30) {
        // What the document does: snapshot its state now and cover the last append that resolved.
        const state = Y.encodeStateAsUpdate(w.doc)
        const upTo = await appends[20]!
        compaction = store.compact(id, state, upTo, null)
      }
    }
    await Promise.all([...appends, compaction])
    const text = await storedText(store, id)
    for (let i = 0; i < 60; i++) expect(text).toContain(`<${i}>`)
    expect(text).toBe(w.doc.getText('body').toString())
  })

  it('never replaces a snapshot that covers more with one that covers less', async () => {
    const store = await engine.fresh()
    const id = await createEmpty(store)
    await store.loadState(id)
    const w = writer()
    const early = await store.appendUpdate(id, w.type('eins '))
    const earlyState = Y.encodeStateAsUpdate(w.doc)
    const later = await store.appendUpdate(id, w.type('zwei'))
    await store.compact(id, Y.encodeStateAsUpdate(w.doc), later, null)
    await store.compact(id, earlyState, early, null)
    expect(await storedText(store, id)).toBe('eins zwei')
  })

  it('loads around a torn write: the registry skips it and keeps everything before and after', async () => {
    const store = await engine.fresh()
    const id = await createEmpty(store)
    await store.loadState(id)
    const w = writer()
    await store.appendUpdate(id, w.type('före '))
    const unrelated = writer().type('x'.repeat(300))
    await store.appendUpdate(id, unrelated.subarray(0, Math.floor(unrelated.length / 2)))
    await store.appendUpdate(id, w.type('efter'))
    const warnings: string[] = []
    const log: Logger = { ...silentLogger, warn: (msg) => void warnings.push(msg) }
    const registry = new DocumentRegistry({ store, log, canonicalize: () => null })
    const text = await registry.withDocument(id, (doc) => doc.doc.getText('body').toString())
    expect(text).toBe('före efter')
    expect(warnings).toContain('skipped an unreadable stored update')
  })
})

describe('PostgreSQL with two instances on one database', () => {
  let a: PostgresStore
  let b: PostgresStore
  let url: string

  beforeAll(async () => {
    url = await postgres.createDatabase('two')
    // Started together: the migrator's lock lets exactly one of them create the schema.
    ;[a, b] = await Promise.all([openPostgresStore(url, { maxConnections: 4 }), openPostgresStore(url, { maxConnections: 4 })])
    openStores.push(a, b)
  })

  it('numbers the appends of one agreement densely and in commit order, whichever instance makes them', async () => {
    const id = await createEmpty(a)
    await Promise.all([a.loadState(id), b.loadState(id)])
    const wa = writer()
    const wb = writer()
    const seqs = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a.appendUpdate(id, wa.type('a')) : b.appendUpdate(id, wb.type('b')))))
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM updates WHERE agreement_id = $1 ORDER BY seq', [id])
    const { rows: meta } = await client.query<{ last_seq: string }>('SELECT last_seq FROM agreements WHERE id = $1', [id])
    await client.end()
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(Number(meta[0]!.last_seq)).toBe(40)
  })

  it("compaction on one instance keeps the other instance's updates it has not applied, and covers them once it has", async () => {
    const id = await createEmpty(a)
    const wa = writer(await a.loadState(id))
    const wb = writer(await b.loadState(id))
    await a.appendUpdate(id, wa.type('A1 '))
    const bSeq = await b.appendUpdate(id, wb.type('B1 '))
    const aLast = await a.appendUpdate(id, wa.type('A2 '))
    // A has not seen B1: its snapshot must not swallow it.
    await a.compact(id, Y.encodeStateAsUpdate(wa.doc), aLast, null)
    let state = await a.loadState(id)
    expect(state.updates.map((u) => u.seq)).toContain(bSeq)
    let text = await storedText(b, id)
    expect(text).toContain('B1')
    expect(text).toContain('A2')

    // Now A applies B1 (as fan-out would deliver it) and says so: the next compaction covers everything.
    const reloadedA = writer(state)
    Y.applyUpdate(reloadedA.doc, Y.encodeStateAsUpdate(wb.doc))
    a.markHeld(id, bSeq)
    const last = await a.appendUpdate(id, reloadedA.type('A3'))
    await a.compact(id, Y.encodeStateAsUpdate(reloadedA.doc), last, null)
    state = await b.loadState(id)
    expect(state.updates).toEqual([])
    text = await storedText(b, id)
    for (const word of ['A1', 'B1', 'A2', 'A3']) expect(text).toContain(word)
  })

  it('loses nothing when both instances append and compact at random, seeded', async () => {
    const id = await createEmpty(a)
    const instances = [
      { store: a, w: writer(await a.loadState(id)), words: [] as string[], lastSeq: 0 },
      { store: b, w: writer(await b.loadState(id)), words: [] as string[], lastSeq: 0 },
    ]
    let seed = 0x5eed
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const pending: Promise<unknown>[] = []
    for (let i = 0; i < 120; i++) {
      const inst = instances[random() < 0.5 ? 0 : 1]!
      if (random() < 0.1) {
        pending.push(inst.store.compact(id, Y.encodeStateAsUpdate(inst.w.doc), inst.lastSeq, null))
      } else {
        const word = `w${i}.`
        inst.words.push(word)
        pending.push(inst.store.appendUpdate(id, inst.w.type(word)).then((seq) => (inst.lastSeq = Math.max(inst.lastSeq, seq))))
      }
      if (random() < 0.3) await Promise.all(pending.splice(0))
    }
    await Promise.all(pending)
    const text = await storedText(a, id)
    for (const inst of instances) for (const word of inst.words) expect(text).toContain(word)
  })
})
