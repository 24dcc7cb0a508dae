/**
 * Two server processes on one PostgreSQL and one Redis: what one instance decides about people
 * (role changes, removals, deletions, sign-outs, change events, the login throttle) takes effect on
 * the other instance's connections too. Accounts and members still live in each instance's SQLite
 * file, so the second instance starts on a copy of the first one's file (both know the same people)
 * and every change is made on A while the affected person is connected to B.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { startPostgres, type TestPostgres } from '../support/postgres.ts'
import { ensureServerBundle } from '../support/server-bundle.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { waitFor } from '../support/wait.ts'
import { listenToStream, type ListeningStream } from '../support/event-stream.ts'
import pg from 'pg'
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import { bodyText, connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'

let postgres: TestPostgres
let redis: TestRedis
let a: ServerProcess
let b: ServerProcess
const dirs: string[] = []
const clients: TestClient[] = []
/** Owner, then people whose access changes, a commenter and a listener. */
let owner: TestUser
let changed: TestUser
let removed: TestUser
let commenter: TestUser
let signedOut: TestUser
let throttled: TestUser
let main: string
let doomed: string
let leased: string
let watched: string
let databaseUrl: string

function startInstance(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  return startServer({ dataDir, env, entry: 'dist/server/main.js', execArgv: [], timeoutMs: 60_000 })
}

beforeAll(async () => {
  ensureServerBundle()
  ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  databaseUrl = await postgres.createDatabase('control')
  // A short compaction lease, so a takeover after a crash happens within the test.
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, COMPACTION_LEASE_MS: '1500' }
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-ctl-a-'))
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-ctl-b-'))
  dirs.push(dirA, dirB)
  const setup = await startInstance(dirA, env)
  const people = await Promise.all(['Ägaren', 'Föreningen', 'Sekreteraren', 'Juristen', 'Kassören', 'Gissaren'].map((name) => signUp(setup.url, name)))
  ;[owner, changed, removed, commenter, signedOut, throttled] = people as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser]
  main = await createAgreement(setup.url, owner!)
  doomed = await createAgreement(setup.url, owner!, { title: 'Ska raderas' })
  leased = await createAgreement(setup.url, owner!, { title: 'Komprimeras' })
  watched = await createAgreement(setup.url, owner!, { title: 'Läses på A, skrivs på B' })
  for (const p of [changed!, removed!, signedOut!]) await addMember(setup.url, owner!, main, p, 'drafter')
  await addMember(setup.url, owner!, main, commenter!, 'reviewer')
  await addMember(setup.url, owner!, doomed, changed!, 'drafter')
  expect(await setup.stop()).toBe(0)
  for (const f of fs.readdirSync(dirA)) fs.copyFileSync(path.join(dirA, f), path.join(dirB, f))
  ;[a, b] = await Promise.all([startInstance(dirA, env), startInstance(dirB, env)])
}, 180_000)

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const s of [a, b]) await s?.stop()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  await Promise.all([postgres?.stop(), redis?.stop()])
})

/** A client on `url` and the close codes it receives. */
async function connected(url: string, id: string, user: TestUser): Promise<{ client: TestClient; codes: number[] }> {
  const client = connectClient(url, id, user)
  clients.push(client)
  const codes: number[] = []
  client.provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) codes.push(e.code)
  })
  await client.synced()
  return { client, codes }
}

/** Listens to an agreement's event stream as a browser would; collects event names. */
function listen(url: string, id: string, user: TestUser): Promise<ListeningStream> {
  return listenToStream(url, `/api/agreements/${id}/events`, user.cookie)
}

function anchor(): { start: string; end: string } {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, 'abc')
  const at = (i: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))).toString('base64')
  return { start: at(0), end: at(2) }
}

describe('connection control across two instances', () => {
  it('a role change made on A makes the person reconnect on B (4009)', async () => {
    const { codes } = await connected(b.url, main, changed)
    const res = await call(a.url, owner, 'PATCH', `/api/agreements/${main}/members/${changed.userId}`, { role: 'reviewer' })
    expect(res.status).toBe(200)
    await waitFor(() => codes.length > 0, { what: 'the socket on B to close' })
    expect(codes[0]).toBe(4009)
  })

  it('a removal made on A drops the person on B (4403) for good', async () => {
    const { client, codes } = await connected(b.url, main, removed)
    expect((await call(a.url, owner, 'DELETE', `/api/agreements/${main}/members/${removed.userId}`)).status).toBe(204)
    await waitFor(() => codes.length > 0, { what: 'the socket on B to close' })
    expect(codes).toEqual([4403])
    // 4403 is final: the official client does not come back.
    await new Promise((r) => setTimeout(r, 500))
    expect(client.provider.wsconnected).toBe(false)
  })

  it('deleting an agreement on A closes its connections on B (4404)', async () => {
    const onB = await connected(b.url, doomed, changed)
    const onA = await connected(a.url, doomed, owner)
    expect((await call(a.url, owner, 'DELETE', `/api/agreements/${doomed}`)).status).toBe(204)
    await waitFor(() => onB.codes.length > 0 && onA.codes.length > 0, { what: 'both sockets to close' })
    expect(onB.codes).toEqual([4404])
    expect(onA.codes).toEqual([4404])
  })

  it('logging out everywhere on A closes that person’s websockets (4401) and event streams on B', async () => {
    // A session cookie of its own, so the token the client uses is one of the revoked credentials.
    const { codes } = await connected(b.url, main, signedOut)
    const eventsOnB = await listen(b.url, main, signedOut)
    expect((await call(a.url, signedOut, 'POST', '/api/auth/logout', { everywhere: true })).status).toBe(204)
    await waitFor(() => codes.length > 0, { what: 'the socket on B to close' })
    expect(codes[0]).toBe(4401)
    // The event stream the same browser opened on B ends too.
    await waitFor(() => eventsOnB.isEnded(), { what: 'the event stream on B to end' })
  })

  it('a comment made on A reaches an event listener on B once, and one on A once', async () => {
    const onB = await listen(b.url, main, owner)
    const onA = await listen(a.url, main, owner)
    try {
      const res = await call(a.url, commenter, 'POST', `/api/agreements/${main}/comments`, { anchor: anchor(), quote: 'ab', body: 'Se över detta.' })
      expect(res.status).toBe(201)
      await waitFor(() => onB.events.length > 0 && onA.events.length > 0, { what: 'the comments event on both instances' })
      // A second delivery (an echo from Redis, a relay of a relayed event) would arrive within this pause.
      await new Promise((r) => setTimeout(r, 300))
      expect(onB.events).toEqual(['comments'])
      expect(onA.events).toEqual(['comments'])
    } finally {
      onA.stop()
      onB.stop()
    }
  })

  it('a mention made on A rings the bell of the mentioned person’s page on B, once', async () => {
    const bell = await listenToStream(b.url, '/api/notifications/stream', changed.cookie)
    try {
      const res = await call(a.url, commenter, 'POST', `/api/agreements/${main}/comments`, { anchor: anchor(), quote: 'ab', body: '@Föreningen, ser detta rätt ut?', mentions: [changed.userId] })
      expect(res.status).toBe(201)
      await waitFor(() => bell.events.length > 0, { what: 'the inbox event on B' })
      // A second delivery (an echo from Redis) would arrive within this pause.
      await new Promise((r) => setTimeout(r, 300))
      expect(bell.events).toEqual(['notifications'])
      expect((await call(b.url, changed, 'GET', '/api/notifications')).body.unread).toBe(1)
    } finally {
      bell.stop()
    }
  })

  it('counts failed logins of one person from one address across both instances', async () => {
    const attempt = (url: string) => call(url, null, 'POST', '/api/auth/login', { email: throttled.email, password: 'not the password at all' })
    const statuses: number[] = []
    // Ten failures are allowed per (email, address) in 15 minutes, wherever they are tried.
    for (let i = 0; i < 10; i++) statuses.push((await attempt(i % 2 === 0 ? a.url : b.url)).status)
    expect(statuses).toEqual(Array(10).fill(401))
    expect((await attempt(a.url)).status).toBe(429)
    const onB = await fetch(b.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: throttled.email, password: 'correct horse battery staple' }),
    })
    expect(onB.status).toBe(429)
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('subscribes each instance only to the agreements it has loaded', async () => {
    const watcher = new Redis(redis.url)
    try {
      const channels = async () => ((await watcher.pubsub('CHANNELS', 'overens:doc:*')) as string[]).sort()
      const { client } = await connected(a.url, main, owner)
      await waitFor(async () => (await channels()).includes(`overens:doc:${main}`), { what: 'the channel of the open agreement' })
      expect(await channels()).toEqual([`overens:doc:${main}`])
      expect(await watcher.pubsub('NUMSUB', 'overens:control')).toEqual(['overens:control', 2])
      client.destroy()
      clients.splice(clients.indexOf(client), 1)
      for (const c of [...clients]) {
        c.destroy()
        clients.splice(clients.indexOf(c), 1)
      }
      await waitFor(async () => (await channels()).length === 0, { what: 'every instance to leave the channel once nobody edits' })
    } finally {
      watcher.disconnect()
    }
  })

  it('a client on B cannot take over the presence of a client connected to A', async () => {
    const victim = await connected(a.url, main, owner)
    const observer = await connected(a.url, main, owner)
    const onB = await connected(b.url, main, commenter)
    victim.client.provider.awareness.setLocalStateField('cursor', null)
    const seen = (c: TestClient, clientId: number) => (c.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user?.name
    await waitFor(() => seen(onB.client, victim.client.doc.clientID) === 'Ägaren', { what: "the victim's presence at B" })

    // A raw connection on B announces the victim's client id with a higher clock, then one of its own.
    const ws = new WebSocket(`${b.url.replace('http', 'ws')}/sync/${main}?schema=1&token=${commenter.token}`)
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    const announce = (clientId: number, clock: number) => ws.send(awarenessFrame(clientId, clock, { user: { name: 'Någon annan' }, cursor: null }))
    try {
      announce(victim.client.doc.clientID, 1000)
      const own = 0x7ffffff0
      announce(own, 1)
      // The raw connection's own id arrives on A (stamped with its real name): messages do flow.
      await waitFor(() => seen(observer.client, own) === 'Juristen', { what: "the raw connection's own presence on A" })
      expect(seen(observer.client, victim.client.doc.clientID)).toBe('Ägaren')
      expect(seen(onB.client, victim.client.doc.clientID)).toBe('Ägaren')
    } finally {
      ws.close()
      for (const c of [victim, observer, onB]) {
        c.client.destroy()
        clients.splice(clients.indexOf(c.client), 1)
      }
    }
  })

  it("a person on B cannot announce a client id A claimed, even before A's announcement reaches B", async () => {
    // The race: A claims the id in Redis, then publishes; a connection on B that announces the id in
    // between (having seen it in an update) must not show up, nor hide the real one once it arrives.
    const taken = 0x7fff_0001
    const redisClient = new Redis(redis.url)
    const observerA = await connected(a.url, main, owner)
    const observerB = await connected(b.url, main, owner)
    const sockets: WebSocket[] = []
    const rawOnB = async () => {
      const ws = new WebSocket(`${b.url.replace('http', 'ws')}/sync/${main}?schema=1&token=${commenter.token}`)
      sockets.push(ws)
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
      return (clientId: number, clock: number) => ws.send(awarenessFrame(clientId, clock, { cursor: null }))
    }
    const seen = (c: TestClient, clientId: number) => c.provider.awareness.getStates().has(clientId)
    try {
      expect(await redisClient.set(`overens:presence:${main}:${taken}`, owner.userId, 'EX', 60)).toBe('OK')
      const first = await rawOnB()
      first(taken, 1)
      // B takes it back when Redis says whose it is; only then may the connection (one id each)
      // announce one of its own, so its own reaching A means the taken one was undone.
      const own = 0x7fff_0002
      let clock = 0
      await waitFor(
        () => {
          first(own, ++clock)
          return seen(observerA.client, own) && seen(observerB.client, own)
        },
        { what: "the connection's own presence on A and B", intervalMs: 100 },
      )
      expect(seen(observerB.client, taken)).toBe(false)
      expect(seen(observerA.client, taken)).toBe(false)
      expect(await redisClient.get(`overens:presence:${main}:${own}`)).toBe(commenter.userId)
      // A second connection announcing the taken id is refused outright: B now knows whose it is.
      const second = await rawOnB()
      second(taken, 2)
      const third = await rawOnB()
      const later = 0x7fff_0003
      third(later, 1)
      await waitFor(() => seen(observerB.client, later) && seen(observerA.client, later), { what: 'a later presence on A and B' })
      expect(seen(observerB.client, taken)).toBe(false)
      expect(seen(observerA.client, taken)).toBe(false)
      expect(await redisClient.get(`overens:presence:${main}:${taken}`)).toBe(owner.userId)
    } finally {
      for (const ws of sockets) ws.close()
      redisClient.disconnect()
      for (const c of [observerA, observerB]) {
        c.client.destroy()
        clients.splice(clients.indexOf(c.client), 1)
      }
    }
  })

  it('the instance holding the lease compacts what is written on the other one, even if it only reads', async () => {
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const redisClient = new Redis(redis.url)
    const stored = async () => {
      const r = await db.query('SELECT snapshot_seq, compaction_fence, last_seq FROM agreements WHERE id = $1', [watched])
      return { snapshot: Number(r.rows[0].snapshot_seq), fence: Number(r.rows[0].compaction_fence), last: Number(r.rows[0].last_seq) }
    }
    try {
      const reader = await connected(a.url, watched, owner)
      await waitFor(async () => (await redisClient.get(`overens:lease:${watched}`)) !== null, { what: 'A to take the lease' })
      const token = Number((await redisClient.get(`overens:lease:${watched}`))!.split(':')[1])
      const writer = await connected(b.url, watched, owner)
      const p = writer.client.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      if (p.length === 0) p.insert(0, [new Y.XmlText('')])
      const t = p.get(0) as Y.XmlText
      // More updates than LIMITS.compactAfterUpdates (500), all appended by B, none by A.
      for (let i = 0; i < 520; i++) t.insert(t.length, i % 10 === 0 ? ` w${i}` : 'x')
      await waitFor(async () => (await stored()).snapshot >= 500, { timeoutMs: 30_000, what: 'A to compact what B appended' })
      expect((await stored()).fence).toBe(token)
      await waitFor(async () => (await stored()).last >= 520, { timeoutMs: 30_000, what: "all of B's updates stored" })
      await waitFor(() => bodyText(reader.client.doc) === bodyText(writer.client.doc), { what: 'A to hold all of it' })
      const expected = bodyText(writer.client.doc)
      for (const c of [reader, writer]) {
        c.client.destroy()
        clients.splice(clients.indexOf(c.client), 1)
      }
      const fresh = await connected(b.url, watched, owner)
      expect(bodyText(fresh.client.doc)).toBe(expected)
    } finally {
      redisClient.disconnect()
      await db.end()
    }
  })

  it('when the compacting instance is killed, the other takes over compaction once its lease ran out', async () => {
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const redisClient = new Redis(redis.url)
    const stored = async () => {
      const r = await db.query('SELECT snapshot_seq, compaction_fence, last_seq FROM agreements WHERE id = $1', [leased])
      return { snapshot: Number(r.rows[0].snapshot_seq), fence: Number(r.rows[0].compaction_fence), last: Number(r.rows[0].last_seq) }
    }
    try {
      const onA = await connected(a.url, leased, owner)
      await waitFor(async () => (await redisClient.get(`overens:lease:${leased}`)) !== null, { what: 'A to take the lease' })
      const holderA = (await redisClient.get(`overens:lease:${leased}`))!
      const onB = await connected(b.url, leased, owner)
      const text = () => onB.client.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      const words: string[] = []
      for (let i = 0; i < 20; i++) {
        const p = text()
        if (p.length === 0) p.insert(0, [new Y.XmlText('')])
        const t = p.get(0) as Y.XmlText
        words.push(`komp${i} `)
        t.insert(t.length, `komp${i} `)
      }
      await waitFor(async () => (await stored()).last >= 20, { what: "B's words stored" })
      await waitFor(() => words.every((w) => bodyText(onA.client.doc).includes(w)), { what: "B's words at A" })
      // B does not hold the lease: renewals by A keep it A's.
      await new Promise((r) => setTimeout(r, 2000))
      expect(await redisClient.get(`overens:lease:${leased}`)).toBe(holderA)

      expect(await a.kill()).toBeNull()
      onA.client.destroy()
      clients.splice(clients.indexOf(onA.client), 1)
      expect((await stored()).snapshot).toBe(0)
      // After at most one lease (1.5 s) plus one renewal round, B holds a lease with a newer token.
      await waitFor(
        async () => {
          const value = await redisClient.get(`overens:lease:${leased}`)
          return value !== null && value !== holderA
        },
        { timeoutMs: 10_000, what: 'B to take the lease over' },
      )
      const holderB = (await redisClient.get(`overens:lease:${leased}`))!
      expect(Number(holderB.split(':')[1])).toBeGreaterThan(Number(holderA.split(':')[1]))

      // The last person leaves B: B compacts under its own token, and nothing is lost.
      onB.client.destroy()
      clients.splice(clients.indexOf(onB.client), 1)
      await waitFor(async () => (await stored()).snapshot > 0, { what: 'B to compact' })
      expect((await stored()).fence).toBe(Number(holderB.split(':')[1]))
      const reader = await connected(b.url, leased, owner)
      for (const w of words) expect(bodyText(reader.client.doc)).toContain(w)
    } finally {
      redisClient.disconnect()
      await db.end()
    }
  })
})

/** One awareness message as a raw y-websocket frame: a single entry for `clientId` at `clock`. */
function awarenessFrame(clientId: number, clock: number, state: object): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, 1)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}
