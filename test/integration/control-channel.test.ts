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
})
