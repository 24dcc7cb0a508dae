import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { CloseCode } from '../../schema/limits.ts'
import { silentLogger } from '../../server/log.ts'
import { openSqliteStore, SqliteStore } from '../../server/storage/sqlite.ts'
import { SharedDocument, type SharedDocumentOptions } from '../../server/sync/shared-document.ts'
import type { Peer } from '../../server/sync/peer.ts'
import type { AgreementStore } from '../../server/storage/store.ts'
import { openPostgresStore } from '../../server/storage/postgres.ts'
import { startPostgres } from '../support/postgres.ts'
import { decodeMessage } from '../../server/sync/protocol.ts'

/**
 * SharedDocument against a real SQLite store in a temporary folder, with peers that record what the
 * server sends them: the order "apply → store → broadcast" and what happens to the updates queued
 * behind an append the store refuses.
 */

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A store that holds back chosen appends until released, and can refuse them: a slow or failing disk. */
class GatedStore extends SqliteStore {
  gate: Promise<void> | null = null
  refuse = false
  appendsStarted = 0

  override async appendUpdate(id: string, update: Uint8Array): Promise<number> {
    this.appendsStarted++
    if (this.gate) await this.gate
    if (this.refuse) throw new Error('SQLITE_IOERR: disk I/O error')
    return super.appendUpdate(id, update)
  }
}

interface RecordingPeer extends Peer {
  sent: Uint8Array[]
  closedWith: number[]
}

function recordingPeer(id: number): RecordingPeer {
  const peer: RecordingPeer = {
    id,
    access: 'write',
    principal: { userId: null, name: null, party: null, role: null },
    awarenessClients: new Set(),
    sent: [],
    closedWith: [],
    send: (message) => peer.sent.push(message),
    close: (code) => peer.closedWith.push(code),
  }
  return peer
}

async function setup(onStored?: SharedDocumentOptions['onStored']) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-shared-doc-'))
  const inner = openSqliteStore(dir)
  const store = new GatedStore(inner.db, 'normal', () => new Date().toISOString())
  cleanups.push(async () => {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return { store, ...(await documentOn(store, onStored)) }
}

/** The agreement in `store` and its loaded copy, with a client replica that types. */
async function documentOn<S extends AgreementStore>(store: S, onStored?: SharedDocumentOptions['onStored']) {
  // The agreement as a client holds it: one paragraph with one text.
  const seed = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  seed.getXmlFragment('prosemirror').insert(0, [paragraph])
  paragraph.insert(0, [new Y.XmlText('')])
  const initial = Y.encodeStateAsUpdate(seed)
  const now = new Date().toISOString()
  await store.createAgreement({ id: 'a1', title: 't', municipality: 'm', lang: 'sv', createdAt: now, updatedAt: now }, initial, {})

  const doc = new Y.Doc()
  Y.applyUpdate(doc, initial)
  const abandoned: SharedDocument[] = []
  const shared = new SharedDocument({
    id: 'a1',
    doc,
    store,
    log: silentLogger,
    lastSeq: 0,
    storedBytes: initial.byteLength,
    tailLength: 0,
    canonicalize: () => null,
    onAbandoned: (d) => abandoned.push(d),
    onStored,
  })
  cleanups.push(() => shared.destroy())

  // A client replica whose typing produces the updates the peer sends.
  const client = new Y.Doc()
  Y.applyUpdate(client, initial)
  const text = (client.getXmlFragment('prosemirror').get(0) as Y.XmlElement).get(0) as Y.XmlText
  const type = (words: string): Uint8Array => {
    let update: Uint8Array | null = null
    const capture = (u: Uint8Array) => (update = u)
    client.on('update', capture)
    text.insert(text.length, words)
    client.off('update', capture)
    return update!
  }
  return { shared, abandoned, type }
}

const storedUpdates = (store: SqliteStore): Uint8Array[] =>
  (store.db.prepare("SELECT data FROM updates WHERE agreement_id = 'a1' ORDER BY seq").all() as { data: Buffer }[]).map((r) => new Uint8Array(r.data))

describe('SharedDocument write path', () => {
  it('stores an update before any peer receives it, and sends every peer but the sender the same bytes', async () => {
    const { store, shared, type } = await setup()
    const sender = recordingPeer(1)
    const readers = [recordingPeer(2), recordingPeer(3), recordingPeer(4)]
    for (const peer of [sender, ...readers]) shared.addPeer(peer)
    for (const peer of [sender, ...readers]) peer.sent.length = 0

    let release!: () => void
    store.gate = new Promise((resolve) => (release = resolve))
    const update = type('hej')
    shared.receive(sender, { type: 'sync-update', update })
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Applied in memory, but not yet stored: nobody may have seen it.
    expect(store.appendsStarted).toBe(1)
    for (const peer of readers) expect(peer.sent).toHaveLength(0)

    release()
    await shared.settled()
    expect(storedUpdates(store)).toHaveLength(1)
    expect(sender.sent).toHaveLength(0)
    for (const peer of readers) {
      expect(peer.sent).toHaveLength(1)
      const message = decodeMessage(peer.sent[0]!)
      expect(message.type).toBe('sync-update')
      expect(Y.encodeStateVectorFromUpdate((message as { update: Uint8Array }).update)).toEqual(Y.encodeStateVectorFromUpdate(update))
    }
    // One encoding per update, whatever the number of peers.
    expect(new Set(readers.map((p) => p.sent[0]))).toHaveProperty('size', 1)
  })

  it('stores none of the updates queued behind an append the store refused, once the copy is dropped', async () => {
    const { store, shared, abandoned, type } = await setup()
    const sender = recordingPeer(1)
    const reader = recordingPeer(2)
    shared.addPeer(sender)
    shared.addPeer(reader)
    reader.sent.length = 0

    let release!: () => void
    store.gate = new Promise((resolve) => (release = resolve))
    // Three keystrokes reach the server while the first append waits on the disk.
    shared.receive(sender, { type: 'sync-update', update: type('ett ') })
    await new Promise((resolve) => setTimeout(resolve, 5))
    shared.receive(sender, { type: 'sync-update', update: type('två ') })
    shared.receive(sender, { type: 'sync-update', update: type('tre') })
    expect(store.appendsStarted).toBe(1)

    // The disk fails the first one, then recovers at once.
    store.refuse = true
    release()
    await new Promise((resolve) => setTimeout(resolve, 5))
    store.refuse = false
    store.gate = null
    await shared.settled()
    await new Promise((resolve) => setTimeout(resolve, 20))

    expect(abandoned).toEqual([shared])
    expect(sender.closedWith).toContain(CloseCode.StorageUnavailable)
    expect(reader.closedWith).toContain(CloseCode.StorageUnavailable)
    // The dropped copy wrote nothing after the failure: "två" and "tre" depend on "ett", which is not
    // stored; stored alone they would be unreadable pending structs in every later load, and the
    // reloaded copy (which the clients resend everything to) would be raced by this one's appends.
    expect(store.appendsStarted).toBe(1)
    expect(storedUpdates(store)).toHaveLength(0)
    expect(reader.sent).toHaveLength(0)
  })

  it('stores the updates that arrive during an append together in the next one, and broadcasts each in order after it', async () => {
    const { store, shared, type } = await setup()
    const sender = recordingPeer(1)
    const reader = recordingPeer(2)
    shared.addPeer(sender)
    shared.addPeer(reader)
    reader.sent.length = 0
    let release!: () => void
    store.gate = new Promise((resolve) => (release = resolve))
    const words = ['a ', 'b ', 'c ', 'd ', 'e']
    shared.receive(sender, { type: 'sync-update', update: type(words[0]!) })
    await new Promise((resolve) => setTimeout(resolve, 5))
    for (const w of words.slice(1)) shared.receive(sender, { type: 'sync-update', update: type(w) })
    expect(store.appendsStarted).toBe(1)
    release()
    await shared.settled()
    // The four that waited went to the store together, right after the first.
    expect(store.appendsStarted).toBe(5)
    expect(storedUpdates(store)).toHaveLength(5)
    const { snapshot, updates } = await store.loadState('a1')
    const replay = new Y.Doc()
    Y.applyUpdate(replay, snapshot!)
    for (const u of updates) Y.applyUpdate(replay, u.update)
    expect(replay.getXmlFragment('prosemirror').toString()).toContain('a b c d e')
    // Every update went out once, after its commit, in the order it was applied.
    const received = new Y.Doc()
    Y.applyUpdate(received, snapshot!)
    const texts: string[] = []
    for (const m of reader.sent) {
      Y.applyUpdate(received, (decodeMessage(m) as { update: Uint8Array }).update)
      texts.push(received.getXmlFragment('prosemirror').toString())
    }
    expect(reader.sent).toHaveLength(5)
    expect(texts.at(-1)).toContain('a b c d e')
    expect(texts[0]).toContain('a ')
    expect(texts[0]).not.toContain('b ')
  })
  it('drops the copy, without an unhandled rejection, when a listener throws after a commit', async () => {
    const { shared, abandoned, type } = await setup(() => {
      throw new Error('fan-out broke')
    })
    const sender = recordingPeer(1)
    shared.addPeer(sender)
    shared.receive(sender, { type: 'sync-update', update: type('hej') })
    await shared.settled()
    expect(abandoned).toEqual([shared])
    expect(sender.closedWith).toContain(CloseCode.StorageUnavailable)
  })
})

describe('SharedDocument write path on PostgreSQL', () => {
  it('numbers a batch of appends densely in order in one statement, and a reload reads them back', async () => {
    const postgres = await startPostgres()
    cleanups.push(() => postgres.stop())
    const store = await openPostgresStore(await postgres.createDatabase('batch'))
    cleanups.push(() => store.close())
    const { shared, type } = await documentOn(store)
    const sender = recordingPeer(1)
    const reader = recordingPeer(2)
    shared.addPeer(sender)
    shared.addPeer(reader)
    reader.sent.length = 0

    const words = Array.from({ length: 12 }, (_, i) => `ord${i} `)
    // All in one turn: the first is appended alone, the other eleven wait and go in one statement.
    for (const w of words) shared.receive(sender, { type: 'sync-update', update: type(w) })
    await shared.settled()
    expect(reader.sent).toHaveLength(12)

    const direct = await store.appendUpdates('a1', [type('x '), type('y '), type('z')])
    expect(direct).toEqual([13, 14, 15])
    const { updates } = await store.loadState('a1')
    expect(updates.map((u) => u.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
    const replay = new Y.Doc()
    const { snapshot } = await store.loadState('a1')
    if (snapshot) Y.applyUpdate(replay, snapshot)
    for (const u of updates) Y.applyUpdate(replay, u.update)
    expect(replay.getXmlFragment('prosemirror').toString()).toContain(`${words.join('')}x y z`)
    // A batch for an agreement that is not stored fails whole.
    await expect(store.appendUpdates('nope', [type('1'), type('2')])).rejects.toThrow()
  }, 60_000)
})
