/**
 * The control channel on a real Redis: two instances' ConnectionControl (each its own RedisLink,
 * registry and event hub), and a raw client publishing what an attacker with access to Redis, or a
 * different version, might: nothing that does not fit the message schema is acted on.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_CHANNEL, ConnectionControl } from '../../server/fanout/control.ts'
import { RedisLink } from '../../server/fanout/redis-link.ts'
import type { Logger } from '../../server/log.ts'
import { AgreementEvents, type AgreementEvent } from '../../server/review/events.ts'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite.ts'
import { DocumentRegistry } from '../../server/sync/registry.ts'
import type { Peer } from '../../server/sync/peer.ts'
import * as Y from 'yjs'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { waitFor } from '../support/wait.ts'

let redis: TestRedis
const links: RedisLink[] = []
const stores: SqliteStore[] = []
const dirs: string[] = []

beforeAll(async () => {
  redis = await startRedis()
}, 60_000)
afterAll(async () => {
  for (const l of links) await l.close()
  for (const s of stores) await s.close()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  await redis?.stop()
})

async function instance(): Promise<{ events: AgreementEvents; heard: AgreementEvent[]; warnings: string[]; link: RedisLink }> {
  const warnings: string[] = []
  const log: Logger = { info: () => undefined, warn: (msg) => void warnings.push(msg), error: (msg) => void warnings.push(msg) }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-control-'))
  dirs.push(dir)
  const store = openSqliteStore(dir)
  stores.push(store)
  const registry = new DocumentRegistry({ store, log, canonicalize: () => null })
  const link = new RedisLink(redis.url, log)
  links.push(link)
  await link.connect()
  const events = new AgreementEvents()
  const control = new ConnectionControl({ registry, events, log, link, roleOf: () => null })
  await control.start()
  const heard: AgreementEvent[] = []
  events.subscribe('a1', (e) => heard.push(e))
  return { events, heard, warnings, link }
}

describe('control channel', () => {
  it('acts on nothing that does not fit the schema, and delivers a real event to the other instance once', async () => {
    const [one, two] = await Promise.all([instance(), instance()])
    const raw = new Redis(redis.url)
    try {
      const garbage = [
        'not json',
        JSON.stringify({ kind: 'event', from: 'x', agreementId: 'a1', event: 'passwords' }),
        JSON.stringify({ kind: 'access', from: 'x', agreementId: 'a1', userId: 'u1', role: 'admin' }),
        JSON.stringify({ kind: 'event', from: 'x', agreementId: 'a1', event: 'comments', padding: 'x'.repeat(20_000) }),
        JSON.stringify({ kind: 'revoked', from: 'x', userId: 'u1', credentials: [] }),
      ]
      for (const g of garbage) await raw.publish(CONTROL_CHANNEL, g)
      await waitFor(() => two.warnings.length >= garbage.length, { what: 'every bad message to be dropped' })
      expect(two.warnings.every((w) => w.startsWith('dropped'))).toBe(true)

      one.events.emit('a1', 'comments')
      await waitFor(() => two.heard.length > 0, { what: 'the event at the other instance' })
      await new Promise((r) => setTimeout(r, 200))
      expect(two.heard).toEqual(['comments'])
      // The emitting instance hears its own event once, not a second time from Redis.
      expect(one.heard).toEqual(['comments'])
    } finally {
      raw.disconnect()
    }
  })

  it('re-reads the role of every open connection once Redis is back, since changes published meanwhile were lost', async () => {
    const own = await startRedis()
    const log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-control-'))
    dirs.push(dir)
    const store = openSqliteStore(dir)
    stores.push(store)
    const at = new Date().toISOString()
    await store.createAgreement({ id: 'ag1', title: 'Avtal', municipality: 'Exempelby', lang: 'sv', createdAt: at, updatedAt: at }, Y.encodeStateAsUpdate(new Y.Doc()), {})
    const registry = new DocumentRegistry({ store, log, canonicalize: () => null })
    const link = new RedisLink(own.url, log)
    links.push(link)
    await link.connect()
    const roles = new Map<string, 'drafter' | null>([
      ['u-stays', 'drafter'],
      ['u-goes', 'drafter'],
    ])
    const control = new ConnectionControl({ registry, events: new AgreementEvents(), log, link, roleOf: async (_a, u) => roles.get(u) ?? null })
    await control.start()
    // Connections as SharedDocument sees them (the transport-free peer seam).
    const closed: [string, number][] = []
    const peer = (id: number, userId: string): Peer => ({
      id,
      access: 'write',
      principal: { userId, name: userId, party: null, role: 'drafter' },
      awarenessClients: new Set(),
      send: () => undefined,
      close: (code) => void closed.push([userId, code]),
    })
    await registry.join('ag1', peer(1, 'u-stays'))
    await registry.join('ag1', peer(2, 'u-goes'))
    try {
      await own.stop()
      // Removed on another instance while Redis was away: the message is lost.
      roles.set('u-goes', null)
      const back = await startRedis({ port: own.port })
      try {
        await waitFor(() => closed.length > 0, { timeoutMs: 20_000, what: 'the removed person to be closed once Redis is back' })
        await new Promise((r) => setTimeout(r, 200))
        expect(closed).toEqual([['u-goes', 4403]])
      } finally {
        await link.close()
        await back.stop()
      }
    } finally {
      await own.stop()
    }
  }, 60_000)
})
