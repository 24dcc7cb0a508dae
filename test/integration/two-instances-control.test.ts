/**
 * Two server processes on one PostgreSQL and one Redis: what one instance decides about people
 * (role changes, removals, deletions, sign-outs, change events, the login throttle) takes effect on
 * the other instance's connections too. Accounts and members still live in each instance's SQLite
 * file, so the second instance starts on a copy of the first one's file (both know the same people)
 * and every change is made on A while the affected person is connected to B.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { startPostgres, type TestPostgres } from '../support/postgres.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { waitFor } from '../support/wait.ts'
import { connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
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

function startInstance(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  return startServer({ dataDir, env, entry: 'dist/server/main.js', execArgv: [], timeoutMs: 60_000 })
}

beforeAll(async () => {
  const build = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: repoRoot, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`build:server failed: ${build.stderr}`)
  ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  const env = { DATABASE_URL: await postgres.createDatabase('control'), REDIS_URL: redis.url }
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-ctl-a-'))
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-ctl-b-'))
  dirs.push(dirA, dirB)
  const setup = await startInstance(dirA, env)
  const people = await Promise.all(['Ägaren', 'Föreningen', 'Sekreteraren', 'Juristen', 'Kassören', 'Gissaren'].map((name) => signUp(setup.url, name)))
  ;[owner, changed, removed, commenter, signedOut, throttled] = people as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser]
  main = await createAgreement(setup.url, owner!)
  doomed = await createAgreement(setup.url, owner!, { title: 'Ska raderas' })
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
function listen(url: string, id: string, user: TestUser): Promise<{ events: string[]; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const events: string[] = []
    const req = http.get(`${url}/api/agreements/${id}/events`, { headers: { cookie: user.cookie } }, (res) => {
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.startsWith(': connected')) resolve({ events, stop: () => req.destroy() })
          for (const line of block.split('\n')) if (line.startsWith('event: ')) events.push(line.slice(7))
        }
      })
    })
    req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? undefined : reject(err)))
  })
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

  it('logging out everywhere on A closes that person’s websockets on B (4401)', async () => {
    // A session cookie of its own, so the token the client uses is one of the revoked credentials.
    const { codes } = await connected(b.url, main, signedOut)
    expect((await call(a.url, signedOut, 'POST', '/api/auth/logout', { everywhere: true })).status).toBe(204)
    await waitFor(() => codes.length > 0, { what: 'the socket on B to close' })
    expect(codes[0]).toBe(4401)
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
})
