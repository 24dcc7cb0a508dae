/**
 * Two server processes on one PostgreSQL and one Redis, official y-websocket clients split over both.
 * Everything lives in PostgreSQL: each instance has its own, empty data folder, and people, members
 * and agreements made through one instance are known to the other.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMember, signUp, type TestUser } from '../support/accounts.ts'
import { startPostgres, type TestPostgres } from '../support/postgres.ts'
import { ensureServerBundle } from '../support/server-bundle.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { waitFor } from '../support/wait.ts'
import { bodyText, connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'

let postgres: TestPostgres
let redis: TestRedis
const servers: ServerProcess[] = []
const dirs: string[] = []
const clients: TestClient[] = []

beforeAll(async () => {
  // The instances run the production bundle, as a deployment would (and it starts faster than tsx).
  ensureServerBundle()
  ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
}, 120_000)

function startInstance(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  return startServer({ dataDir, env, entry: 'dist/server/main.js', execArgv: [], timeoutMs: 60_000 })
}

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const s of servers) await s.stop()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  await Promise.all([postgres?.stop(), redis?.stop()])
})

async function twoInstances(redisUrl = redis.url): Promise<{ a: ServerProcess; b: ServerProcess; people: TestUser[]; id: string; env: Record<string, string> }> {
  const env = { DATABASE_URL: await postgres.createDatabase('two'), REDIS_URL: redisUrl }
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-two-a-'))
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-two-b-'))
  dirs.push(dirA, dirB)
  const [a, b] = await Promise.all([startInstance(dirA, env), startInstance(dirB, env)])
  // People sign up on either instance; the agreement is made on A and its members are added through B.
  const people = [await signUp(a.url, 'Kommunen'), await signUp(b.url, 'Föreningen'), await signUp(a.url, 'Juristen'), await signUp(b.url, 'Sekreteraren')]
  const id = await createAgreement(a.url, people[0]!)
  for (const p of people.slice(1)) await addMember(b.url, people[0]!, id, p, 'drafter')
  servers.push(a, b)
  return { a, b, people, id, env }
}

function paragraph(doc: Y.Doc): Y.XmlText {
  const p = doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
  if (p.length === 0) p.insert(0, [new Y.XmlText('')])
  return p.get(0) as Y.XmlText
}

describe('two instances on one PostgreSQL and one Redis', () => {
  it('an account made on one instance signs in on the other, and a session from one is valid on the other', async () => {
    const { a, b, people } = await twoInstances()
    const person = people[1]!
    const login = await fetch(a.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email.toUpperCase(), password: 'correct horse battery staple' }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    const me = await fetch(b.url + '/api/auth/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(person.userId)
    // Signing out on B ends the session A issued, everywhere.
    expect((await fetch(b.url + '/api/auth/logout', { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: b.url }, body: '{}' })).status).toBeLessThan(300)
    expect((await fetch(a.url + '/api/auth/me', { headers: { cookie } })).status).toBe(401)
  }, 180_000)

  it('clients split over both converge through seeded concurrent edits and disconnects, with presence across instances', async () => {
    const { a, b, people, id, env } = await twoInstances()
    expect(await (await fetch(a.url + '/healthz')).json()).toEqual({ ok: true })
    const writers = people.map((p, i) => connectClient(i % 2 === 0 ? a.url : b.url, id, p))
    clients.push(...writers)
    await Promise.all(writers.map((w) => w.synced()))

    let seed = 20261130
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const words: string[] = []
    for (let round = 0; round < 120; round++) {
      const i = Math.floor(random() * writers.length)
      const w = writers[i]!
      if (random() < 0.05) {
        // Offline for a while: the client keeps typing and resends on reconnect.
        if (w.provider.wsconnected) w.provider.disconnect()
        else w.provider.connect()
      }
      const text = paragraph(w.doc)
      const word = `ord${round}-${i} `
      words.push(word)
      // At a word boundary, so a word is never split by another and can be found whole afterwards.
      const current = text.toString()
      const boundaries = [0, ...[...current].flatMap((ch, at) => (ch === ' ' ? [at + 1] : []))]
      text.insert(boundaries[Math.floor(random() * boundaries.length)]!, word)
      if (random() < 0.3) await new Promise((r) => setTimeout(r, 5))
    }
    for (const w of writers) if (!w.provider.wsconnected) w.provider.connect()
    await waitFor(
      () => {
        const texts = writers.map((w) => bodyText(w.doc))
        return texts.every((t) => t === texts[0]) && words.every((word) => texts[0]!.includes(word))
      },
      { timeoutMs: 30_000, what: 'all four clients on two instances to converge' },
    ).catch((err: unknown) => {
      console.log(writers.map((w) => `${w.provider.wsconnected} ${w.provider.synced} ${bodyText(w.doc).length} missing ${words.filter((x) => !bodyText(w.doc).includes(x)).length}`))
      console.log(a.output().stderr.slice(-3000), b.output().stderr.slice(-3000))
      throw err
    })

    // Presence crosses instances, stamped with the name the first instance authenticated.
    writers[0]!.provider.awareness.setLocalStateField('cursor', { at: 1 })
    await waitFor(
      () => {
        const state = writers[1]!.provider.awareness.getStates().get(writers[0]!.doc.clientID) as { user?: { name?: string } } | undefined
        return state?.user?.name === 'Kommunen'
      },
      { what: 'presence of a client on A at a client on B' },
    )

    // Both stop (compacting into PostgreSQL); a fresh instance serves every word.
    const expected = bodyText(writers[0]!.doc)
    for (const w of writers) w.destroy()
    clients.length = 0
    expect(await a.stop()).toBe(0)
    expect(await b.stop()).toBe(0)
    const again = await startInstance(a.dataDir, env)
    servers.push(again)
    const reader = connectClient(again.url, id, people[3]!)
    clients.push(reader)
    await reader.synced()
    expect(bodyText(reader.doc)).toBe(expected)
  }, 180_000)

  it('loses no acknowledged edit when one instance is killed with SIGKILL while clients type', async () => {
    const { a, b, people, id, env } = await twoInstances()
    const onA = connectClient(a.url, id, people[0]!)
    const onB = connectClient(b.url, id, people[1]!)
    clients.push(onA, onB)
    await Promise.all([onA.synced(), onB.synced()])
    const aWords: string[] = []
    const bWords: string[] = []
    for (let i = 0; i < 40; i++) {
      aWords.push(`a${i}. `)
      paragraph(onA.doc).insert(paragraph(onA.doc).length, `a${i}. `)
      bWords.push(`b${i}. `)
      paragraph(onB.doc).insert(0, `b${i}. `)
      if (i === 25) {
        // On a loaded machine fan-out can lag the typing; the kill must come after some of A's words
        // crossed, or the test would say nothing about acknowledged edits.
        await waitFor(() => aWords.filter((w) => bodyText(onB.doc).includes(w)).length > 5, { timeoutMs: 20_000, what: "some of A's words at B before the kill" })
        expect(await a.kill()).toBeNull()
      }
      await new Promise((r) => setTimeout(r, 10))
    }
    // What B's client saw from A was acknowledged: A stored it before it reached anyone.
    const seenFromA = aWords.filter((w) => bodyText(onB.doc).includes(w))
    expect(seenFromA.length).toBeGreaterThan(5)
    await waitFor(() => bWords.every((w) => bodyText(onB.doc).includes(w)), { what: 'B has its own words' })
    onB.destroy()
    expect(await b.stop()).toBe(0)

    // A fresh instance on the same database serves every acknowledged word, from either instance.
    const c = await startInstance(b.dataDir, env)
    servers.push(c)
    const reader = connectClient(c.url, id, people[2]!)
    clients.push(reader)
    await reader.synced()
    for (const w of [...seenFromA, ...bWords]) expect(bodyText(reader.doc)).toContain(w)

    // The client of the dead instance still holds what A never acknowledged and hands it to the living one.
    onA.provider.destroy()
    const moved = connectClient(c.url, id, people[0]!)
    clients.push(moved)
    Y.applyUpdate(moved.doc, Y.encodeStateAsUpdate(onA.doc))
    await waitFor(() => [...aWords, ...bWords].every((w) => bodyText(reader.doc).includes(w)), { timeoutMs: 20_000, what: 'every word after the move' })
  }, 180_000)

  it('keeps serving while Redis is down, reports it on /healthz, and converges once Redis is back', async () => {
    const own = await startRedis()
    try {
      const { a, b, people, id } = await twoInstances(own.url)
      const onA = connectClient(a.url, id, people[0]!)
      const alsoOnA = connectClient(a.url, id, people[2]!)
      const onB = connectClient(b.url, id, people[1]!)
      clients.push(onA, alsoOnA, onB)
      await Promise.all([onA.synced(), alsoOnA.synced(), onB.synced()])

      await own.stop()
      await waitFor(async () => (await fetch(a.url + '/healthz')).status === 503, { what: 'A to report Redis down' })
      expect(await (await fetch(a.url + '/healthz')).json()).toEqual({ ok: false, failing: ['redis'] })
      // People on the same instance still write together; the other instance does not hear of it yet.
      paragraph(onA.doc).insert(0, 'skrivet-utan-redis ')
      await waitFor(() => bodyText(alsoOnA.doc).includes('skrivet-utan-redis'), { what: 'same-instance sync without Redis' })
      await new Promise((r) => setTimeout(r, 300))
      expect(bodyText(onB.doc)).not.toContain('skrivet-utan-redis')

      const back = await startRedis({ port: own.port })
      try {
        await waitFor(() => bodyText(onB.doc).includes('skrivet-utan-redis'), { timeoutMs: 20_000, what: 'B to catch up from the store once Redis is back' })
        // Each instance's publisher reconnects on its own schedule; until then its edits wait in the store.
        paragraph(onB.doc).insert(0, 'efter-redis ')
        await waitFor(() => bodyText(onA.doc).includes('efter-redis'), { timeoutMs: 20_000, what: 'fan-out working again' })
        // Each instance's health check sees Redis again when its own connections are back.
        for (const [name, instance] of [
          ['A', a],
          ['B', b],
        ] as const)
          await waitFor(async () => (await fetch(instance.url + '/healthz')).status === 200, { timeoutMs: 20_000, what: `${name} healthy again` })
        expect(await (await fetch(b.url + '/healthz')).json()).toEqual({ ok: true })
      } finally {
        await back.stop()
      }
    } finally {
      await own.stop()
    }
  }, 180_000)
})
