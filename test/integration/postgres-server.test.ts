/**
 * The server with `DATABASE_URL=postgres://…`: agreements, documents, accounts, members and everything
 * else in a real PostgreSQL, nothing in the data folder. Real server processes, official y-websocket clients.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMember, call, signUp } from '../support/accounts.ts'
import { startPostgres, type TestPostgres } from '../support/postgres.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { waitFor } from '../support/wait.ts'
import { bodyText, connectClient, createAgreement } from '../support/yjs-clients.ts'

let postgres: TestPostgres
const servers: ServerProcess[] = []
const folders: string[] = []

beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)

afterAll(async () => {
  for (const s of servers) {
    await s.stop()
    s.removeDataDir()
  }
  await postgres?.stop()
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true })
})

describe('documents in PostgreSQL', () => {
  it('stores edits of two clients in PostgreSQL, survives a restart, and deletes agreement and members together', async () => {
    const url = await postgres.createDatabase('server')
    const first = await startServer({ env: { DATABASE_URL: url }, timeoutMs: 60_000 })
    servers.push(first)
    const owner = await signUp(first.url)
    const drafter = await signUp(first.url)
    const id = await createAgreement(first.url, owner)
    await addMember(first.url, owner, id, drafter, 'drafter')

    const a = connectClient(first.url, id, owner)
    const b = connectClient(first.url, id, drafter)
    await Promise.all([a.synced(), b.synced()])
    const para = (doc: Y.Doc) => doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    para(a.doc).insert(0, [new Y.XmlText('Kommunen bidrar med lokaler. ')])
    await waitFor(() => bodyText(b.doc).includes('Kommunen bidrar'), { what: 'b sees a' })
    para(b.doc).insert(0, [new Y.XmlText('Föreningen ansvarar för verksamheten. ')])
    await waitFor(() => bodyText(a.doc).includes('Föreningen ansvarar'), { what: 'a sees b' })
    const expected = bodyText(a.doc)

    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      // Every edit is in PostgreSQL before anyone sees it (append before broadcast).
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM updates WHERE agreement_id = $1', [id])
      expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(2)
      a.destroy()
      b.destroy()

      // SIGTERM compacts into one snapshot in PostgreSQL; a new process on the same database serves it.
      expect(await first.stop()).toBe(0)
      const { rows: after } = await client.query<{ n: string; snapshot_seq: string }>(
        'SELECT (SELECT count(*) FROM updates WHERE agreement_id = $1) AS n, snapshot_seq FROM agreements WHERE id = $1',
        [id],
      )
      expect(Number(after[0]!.n)).toBe(0)
      expect(Number(after[0]!.snapshot_seq)).toBeGreaterThanOrEqual(2)

      // No SQLite file was made: a new process on an empty folder knows every person and agreement.
      expect(fs.readdirSync(first.dataDir).filter((f) => f.includes('sqlite'))).toEqual([])
      const emptyFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-pg-second-'))
      folders.push(emptyFolder)
      const second = await startServer({ dataDir: emptyFolder, env: { DATABASE_URL: url }, timeoutMs: 60_000 })
      servers.push(second)
      const c = connectClient(second.url, id, drafter)
      await c.synced()
      expect(bodyText(c.doc)).toBe(expected)
      c.destroy()
      const health = await fetch(second.url + '/healthz')
      expect(await health.json()).toEqual({ ok: true })

      // The list joins members with the agreement rows: a rename made in PostgreSQL shows there.
      expect((await call(second.url, owner, 'PATCH', `/api/agreements/${id}`, { title: 'IOP Omdöpt' })).status).toBe(200)
      const listed = await call(second.url, owner, 'GET', '/api/agreements')
      expect(listed.body.agreements.find((x: { id: string }) => x.id === id)).toMatchObject({ title: 'IOP Omdöpt', role: 'owner' })
      expect((await call(second.url, owner, 'DELETE', `/api/agreements/${id}`)).status).toBe(204)
      const { rows: gone } = await client.query('SELECT 1 FROM agreements WHERE id = $1', [id])
      expect(gone).toEqual([])
      expect((await call(second.url, drafter, 'GET', `/api/agreements/${id}`)).status).toBe(404)
    } finally {
      await client.end()
    }
  }, 120_000)

  it('while PostgreSQL is stopped: /healthz fails and an edit closes its socket with 4503, the client keeping its text', async () => {
    const own = await startPostgres()
    try {
      const server = await startServer({ env: { DATABASE_URL: await own.createDatabase('health') }, timeoutMs: 60_000 })
      servers.push(server)
      expect((await fetch(server.url + '/healthz')).status).toBe(200)
      const owner = await signUp(server.url)
      const id = await createAgreement(server.url, owner)
      const writer = connectClient(server.url, id, owner)
      const closes: number[] = []
      writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code))
      await writer.synced()

      await own.stop()
      const down = await fetch(server.url + '/healthz')
      expect(down.status).toBe(503)
      expect(await down.json()).toEqual({ ok: false, failing: ['database'] })
      ;(writer.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).insert(0, [new Y.XmlText('sparas inte än')])
      await waitFor(() => closes.includes(4503), { what: 'close 4503 after a refused append' })
      expect(bodyText(writer.doc)).toContain('sparas inte än')
      writer.destroy()
    } finally {
      await own.stop()
    }
  }, 120_000)
})
