/**
 * One compacting instance per agreement: compaction leases in a real Redis, fencing tokens checked by
 * the real PostgreSQL engine. Two "instances" are two RedisLinks and two PostgresStores on the same
 * services, as two processes would have; an instance "dies" by stopping its renewals without giving
 * its lease back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import pg from 'pg'
import * as Y from 'yjs'
import { CompactionLeases } from '../../server/fanout/compaction-lease.ts'
import { CompactionFencedError, runFenced } from '../../server/fanout/fence.ts'
import { RedisLink } from '../../server/fanout/redis-link.ts'
import type { Logger } from '../../server/log.ts'
import { openPostgresStore, type PostgresStore } from '../../server/storage/postgres.ts'
import type { SharedDocument } from '../../server/sync/shared-document.ts'
import { startPostgres, type TestPostgres } from '../support/postgres.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { waitFor } from '../support/wait.ts'

const warnings: string[] = []
const log: Logger = { info: () => undefined, warn: (msg) => void warnings.push(msg), error: () => undefined }
let postgres: TestPostgres
let redis: TestRedis
let url: string
const links: RedisLink[] = []
const leaseSets: CompactionLeases[] = []
const stores: PostgresStore[] = []

beforeAll(async () => {
  ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  url = await postgres.createDatabase('lease')
}, 120_000)
afterAll(async () => {
  for (const l of leaseSets) l.close()
  for (const l of links) await l.close()
  for (const s of stores) await s.close()
  await Promise.all([postgres?.stop(), redis?.stop()])
})

async function instance(ttlMs: number): Promise<{ leases: CompactionLeases; store: PostgresStore }> {
  const link = new RedisLink(redis.url, log)
  await link.connect()
  links.push(link)
  const leases = new CompactionLeases({ link, log, ttlMs })
  leaseSets.push(leases)
  const store = await openPostgresStore(url, { maxConnections: 2 })
  stores.push(store)
  return { leases, store }
}

/** The lease only needs the id and the Y.Doc's destroy event of a loaded document. */
function loaded(id: string): { shared: SharedDocument; doc: Y.Doc } {
  const doc = new Y.Doc()
  return { shared: { id, doc } as unknown as SharedDocument, doc }
}

async function row(id: string): Promise<{ snapshot_seq: number; compaction_fence: number; tail: number }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const r = await client.query('SELECT snapshot_seq, compaction_fence, (SELECT count(*) FROM updates WHERE agreement_id = $1) AS tail FROM agreements WHERE id = $1', [id])
    const { snapshot_seq, compaction_fence, tail } = r.rows[0] as Record<string, string>
    return { snapshot_seq: Number(snapshot_seq), compaction_fence: Number(compaction_fence), tail: Number(tail) }
  } finally {
    await client.end()
  }
}

/** An agreement with `n` stored updates, each a word in one text; returns the writer's state. */
async function agreementWithUpdates(store: PostgresStore, id: string, n: number): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const at = new Date().toISOString()
  await store.createAgreement({ id, title: 'Avtal', municipality: 'Exempelby', lang: 'sv', createdAt: at, updatedAt: at }, Y.encodeStateAsUpdate(new Y.Doc()), {})
  await store.loadState(id)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < n; i++) doc.getText('t').insert(doc.getText('t').length, `ord${i} `)
  for (const u of updates) await store.appendUpdate(id, u)
  return doc
}

async function textIn(store: PostgresStore, id: string): Promise<string> {
  const { snapshot, updates } = await store.loadState(id)
  const doc = new Y.Doc()
  if (snapshot) Y.applyUpdate(doc, snapshot)
  for (const { update } of updates) Y.applyUpdate(doc, update)
  return doc.getText('t').toString()
}

describe('compaction leases', () => {
  it('lets only the holder compact; after it dies the other takes over once the lease ran out', async () => {
    const one = await instance(600)
    const two = await instance(600)
    const id = 'lease-takeover'
    const writer = await agreementWithUpdates(one.store, id, 5)
    await two.store.loadState(id)
    const onOne = loaded(id)
    const onTwo = loaded(id)
    one.leases.onLoaded(onOne.shared)
    await waitFor(() => one.leases.heldToken(id) !== null, { what: 'the first instance to take the lease' })
    two.leases.onLoaded(onTwo.shared)
    expect(await two.leases.acquire(id)).toBeNull()
    const firstToken = one.leases.heldToken(id)!

    // The second instance is not the holder: its compaction is skipped, the log stays as it is.
    await two.leases.gate(two.store).compact(id, Y.encodeStateAsUpdate(writer), 5, null)
    expect(await row(id)).toEqual({ snapshot_seq: 0, compaction_fence: 0, tail: 5 })
    await one.leases.gate(one.store).compact(id, Y.encodeStateAsUpdate(writer), 5, null)
    expect(await row(id)).toEqual({ snapshot_seq: 5, compaction_fence: firstToken, tail: 0 })

    // Renewals keep the lease well past its time to live.
    await new Promise((r) => setTimeout(r, 1500))
    expect(await two.leases.acquire(id)).toBeNull()

    // The holder dies: no more renewals, the lease is not given back. The other takes over after it expires.
    one.leases.close()
    const started = Date.now()
    await waitFor(() => two.leases.heldToken(id) !== null, { timeoutMs: 5000, what: 'the second instance to take the lease' })
    expect(Date.now() - started).toBeGreaterThan(100)
    const secondToken = two.leases.heldToken(id)!
    expect(secondToken).toBeGreaterThan(firstToken)
    // More words, appended by the second instance, then compacted by it under its token.
    writer.on('update', (u: Uint8Array) => void two.store.appendUpdate(id, u))
    writer.getText('t').insert(0, 'nytt ')
    await waitFor(async () => (await row(id)).tail === 1, { what: 'the append' })
    await two.leases.gate(two.store).compact(id, Y.encodeStateAsUpdate(writer), 6, null)
    expect(await row(id)).toEqual({ snapshot_seq: 6, compaction_fence: secondToken, tail: 0 })
    expect(await textIn(two.store, id)).toBe(writer.getText('t').toString())
    onOne.doc.destroy()
    onTwo.doc.destroy()
  })

  it('the store refuses a compaction with an older token than the last one that compacted, and keeps the log', async () => {
    const { store } = await instance(600)
    const id = 'lease-fence'
    const writer = await agreementWithUpdates(store, id, 3)
    await runFenced(7, () => store.compact(id, Y.encodeStateAsUpdate(writer), 2, null))
    expect(await row(id)).toEqual({ snapshot_seq: 2, compaction_fence: 7, tail: 1 })
    // A holder that stalled past its lease (token 6) wakes up and tries to compact everything.
    const stale = runFenced(6, () => store.compact(id, Y.encodeStateAsUpdate(writer), 3, null))
    await expect(stale).rejects.toBeInstanceOf(CompactionFencedError)
    expect(await row(id)).toEqual({ snapshot_seq: 2, compaction_fence: 7, tail: 1 })
    // The same token again, and a newer one, are fine.
    await runFenced(7, () => store.compact(id, Y.encodeStateAsUpdate(writer), 3, null))
    expect(await row(id)).toEqual({ snapshot_seq: 3, compaction_fence: 7, tail: 0 })
    expect(await textIn(store, id)).toBe(writer.getText('t').toString())
  })

  it('recovers when Redis lost its counters: the first fenced-off compaction moves the counter past the stored token', async () => {
    const { leases, store } = await instance(600)
    const id = 'lease-forgotten'
    const writer = await agreementWithUpdates(store, id, 4)
    const admin = new Redis(redis.url)
    // Many holders came before: the next token is 42.
    await admin.set(`overens:fence:${id}`, '41')
    const doc = loaded(id)
    leases.onLoaded(doc.shared)
    await waitFor(() => leases.heldToken(id) !== null, { what: 'the lease' })
    await leases.gate(store).compact(id, Y.encodeStateAsUpdate(writer), 2, null)
    const stored = (await row(id)).compaction_fence
    expect(stored).toBe(42)
    // Redis restarted without its data: the counter begins again at 1.
    await admin.flushall()
    admin.disconnect()
    warnings.length = 0
    await waitFor(() => leases.heldToken(id) === 1, { what: 'a new lease from the restarted counter' })
    await leases.gate(store).compact(id, Y.encodeStateAsUpdate(writer), 4, null)
    expect(warnings).toContain('compaction refused: another instance compacted with a newer lease')
    expect(await row(id)).toMatchObject({ snapshot_seq: 2, compaction_fence: 42, tail: 2 })
    await waitFor(async () => ((await leases.acquire(id)) ?? 0) > stored, { what: 'a token past the stored one' })
    await leases.gate(store).compact(id, Y.encodeStateAsUpdate(writer), 4, null)
    expect(await row(id)).toMatchObject({ snapshot_seq: 4, tail: 0 })
    expect(await textIn(store, id)).toBe(writer.getText('t').toString())
    doc.doc.destroy()
  })

  it('a holder that only reads compacts what the others appended, as far as it holds it without a gap', async () => {
    const reader = await instance(600)
    const writerStore = await openPostgresStore(url, { maxConnections: 2 })
    stores.push(writerStore)
    const id = 'lease-reader'
    const at = new Date().toISOString()
    await writerStore.createAgreement({ id, title: 'Avtal', municipality: 'Exempelby', lang: 'sv', createdAt: at, updatedAt: at }, Y.encodeStateAsUpdate(new Y.Doc()), {})
    const gated = reader.leases.gate(reader.store)
    await gated.loadState(id)
    const doc = loaded(id)
    reader.leases.onLoaded(doc.shared)
    await waitFor(() => reader.leases.heldToken(id) !== null, { what: 'the lease' })
    // Another instance appends five words; the reader applies 1, 2, 4 and 5 (3 is still on its way).
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 5; i++) writer.getText('t').insert(writer.getText('t').length, `ord${i} `)
    await writerStore.loadState(id)
    for (const u of updates) await writerStore.appendUpdate(id, u)
    const copy = new Y.Doc()
    for (const seq of [1, 2, 4, 5]) {
      Y.applyUpdate(copy, updates[seq - 1]!)
      gated.markHeld(id, seq)
    }
    // Its own last append is 0: it compacts up to 2, never over the missing 3.
    await gated.compact(id, Y.encodeStateAsUpdate(copy), 0, null)
    expect(await row(id)).toMatchObject({ snapshot_seq: 2, tail: 3 })
    Y.applyUpdate(copy, updates[2]!)
    gated.markHeld(id, 3)
    await gated.compact(id, Y.encodeStateAsUpdate(copy), 0, null)
    expect(await row(id)).toMatchObject({ snapshot_seq: 5, tail: 0 })
    expect(await textIn(reader.store, id)).toBe(writer.getText('t').toString())
    doc.doc.destroy()
  })
})
