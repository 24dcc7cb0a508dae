import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { startServer } from '../../server/app.ts'
import { configFromEnv } from '../../server/config.ts'
import { silentLogger } from '../../server/log.ts'
import { openSqliteStore, SqliteStore } from '../../server/storage/sqlite.ts'
import { bodyText, connectClient, createAgreement } from '../support/yjs-clients.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { waitFor } from '../support/wait.ts'
import { signUp, type TestUser } from '../support/accounts.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Opens a raw socket and resolves with the close code the server sends after `frames`. */
function closeCodeAfter(url: string, id: string, user: TestUser, frames: (Buffer | string)[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + `/sync/${id}?token=${user.token}`)
    ws.on('open', () => {
      for (const frame of frames) ws.send(frame)
    })
    ws.on('close', (code) => resolve(code))
    ws.on('error', () => {})
    setTimeout(() => reject(new Error('no close within 5 s')), 5_000).unref()
  })
}

function syncUpdateFrame(payload: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, payload)
  return Buffer.from(encoding.toUint8Array(encoder))
}

describe('hostile and malformed input', () => {
  it('closes only the offending connection, with a specific code, and logs it', async () => {
    const s = await startTestServer()
    cleanups.push(() => s.close())
    const owner = await signUp(s.url)
    const id = await createAgreement(s.url, owner)
    const bystander = connectClient(s.url, id, owner)
    cleanups.push(() => bystander.destroy())
    await bystander.synced()

    expect(await closeCodeAfter(s.url, id, owner, [Buffer.from([0x00, 0x07, 0x01])])).toBe(CloseCode.MalformedMessage)
    expect(await closeCodeAfter(s.url, id, owner, [Buffer.from([0x09])])).toBe(CloseCode.MalformedMessage)
    expect(await closeCodeAfter(s.url, id, owner, ['hello'])).toBe(CloseCode.MalformedMessage)
    expect(await closeCodeAfter(s.url, id, owner, [syncUpdateFrame(new Uint8Array([1, 2, 3, 250, 251, 252]))])).toBe(CloseCode.MalformedMessage)
    expect(await closeCodeAfter(s.url, id, owner, [Buffer.alloc(LIMITS.maxMessageBytes + 1)])).toBe(CloseCode.MessageTooBig)
    expect(s.logs.some((l) => l.msg === 'malformed message')).toBe(true)

    const paragraph = bystander.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    paragraph.insert(0, [new Y.XmlText('still here')])
    const other = connectClient(s.url, id, owner)
    cleanups.push(() => other.destroy())
    await waitFor(() => bodyText(other.doc).includes('still here'), { what: 'sync after hostile frames' })
    const health = await fetch(s.url + '/healthz')
    expect(await health.json()).toEqual({ ok: true })
  })
})

describe('storage faults', () => {
  it('starts on a store with a torn last write, keeps every earlier and later update, and logs it', async () => {
    const first = await startTestServer()
    const owner = await signUp(first.url)
    const id = await createAgreement(first.url, owner)
    await first.close()

    // Three updates written as a client would have sent them, the middle one torn in half on disk.
    const writer = new Y.Doc()
    const db = new Database(path.join(first.dataDir, 'overens.sqlite'))
    const snapshot = (db.prepare('SELECT snapshot FROM agreements WHERE id = ?').get(id) as { snapshot: Buffer }).snapshot
    Y.applyUpdate(writer, snapshot)
    const paragraph = writer.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    paragraph.insert(0, [new Y.XmlText('före ')])
    const unrelated = new Y.Doc()
    unrelated.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('x'.repeat(200))])
    const torn = Y.encodeStateAsUpdate(unrelated)
    paragraph.insert(1, [new Y.XmlText('efter')])
    const insert = db.prepare('INSERT INTO updates (agreement_id, data) VALUES (?, ?)')
    insert.run(id, Buffer.from(updates[0]!))
    insert.run(id, Buffer.from(torn.subarray(0, Math.floor(torn.length / 2))))
    insert.run(id, Buffer.from(updates[1]!))
    db.close()

    const second = await startTestServer({ dataDir: first.dataDir })
    cleanups.push(() => second.close())
    const c = connectClient(second.url, id, owner)
    cleanups.push(() => c.destroy())
    await c.synced()
    expect(bodyText(c.doc)).toContain('före ')
    expect(bodyText(c.doc)).toContain('efter')
    expect(second.logs.some((l) => l.msg === 'skipped an unreadable stored update')).toBe(true)
  })

  it('tells clients when the disk refuses writes and loses nothing once it recovers', async () => {
    const base = fsTempDir()
    let refuse = false
    class RefusingStore extends SqliteStore {
      override async appendUpdate(id: string, update: Uint8Array): Promise<number> {
        if (refuse) throw new Error('SQLITE_FULL: database or disk is full')
        return super.appendUpdate(id, update)
      }
    }
    const inner = openSqliteStore(base)
    const store = new RefusingStore(inner.db, 'normal', () => new Date().toISOString())
    const config = configFromEnv({ PORT: '0', DATA_DIR: base, CLIENT_DIR: path.join(base, 'none') })
    const s = await startServer({ config, log: silentLogger, store })
    cleanups.push(() => s.close())
    const owner = await signUp(s.url)
    const id = await createAgreement(s.url, owner)
    const writer = connectClient(s.url, id, owner)
    cleanups.push(() => writer.destroy())
    await writer.synced()
    const closes: number[] = []
    writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code))

    refuse = true
    ;(writer.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).insert(0, [new Y.XmlText('skrivet medan disken var full')])
    await waitFor(() => closes.includes(CloseCode.StorageUnavailable), { what: 'the client to be told storage is unavailable' })
    refuse = false

    await waitFor(
      async () => {
        const res = await fetch(`${s.url}/api/agreements/${id}`, { headers: { cookie: owner.cookie } })
        return JSON.stringify(await res.json()).includes('skrivet medan disken var full')
      },
      { what: 'the edit to reach the server after recovery' },
    )
    await waitFor(() => s.registry.loadedCount === 1)
    writer.destroy()
    await waitFor(() => s.registry.loadedCount === 0, { what: 'unload after the last client left' })
    expect(JSON.stringify(await store.getCanonical(id))).toContain('skrivet medan disken var full')
  })
})

function fsTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'overens-faults-'))
}

describe('one server per data folder', () => {
  it('refuses to start a second server on a folder in use, with a clear message', async () => {
    const first = await startTestServer()
    cleanups.push(() => first.close())
    await expect(startTestServer({ dataDir: first.dataDir })).rejects.toThrow(/in use by another Överens server/)
  })
})
