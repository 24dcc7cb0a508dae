/**
 * `node --import tsx bench/micro-update.ts [updates] [peers]`: server CPU of one keystroke update on
 * the path a websocket message takes after the socket (decode, schema check, apply, durable append,
 * one encoded broadcast) for 20 writers taking turns, in one process without sockets, against the parts alone. Cheap to rerun on a
 * busy machine where the load scenarios are noisy: it isolates what changes in server/sync.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { schema } from '../schema/schema.ts'
import { YJS_ROOT } from '../schema/version.ts'
import { silentLogger } from '../server/log.ts'
import { openSqliteStore } from '../server/storage/sqlite.ts'
import type { Peer } from '../server/sync/peer.ts'
import { decodeMessage, encodeUpdate } from '../server/sync/protocol.ts'
import { SharedDocument } from '../server/sync/shared-document.ts'
import { checkUpdate, rulesFromSchema } from '../server/sync/update-check.ts'

const count = Number(process.argv[2] ?? 4000)
const peerCount = Number(process.argv[3] ?? 19)

const WRITERS = 20

/**
 * The keystrokes of WRITERS y-prosemirror clients taking turns, each typing `|t=…|` markers into its
 * own paragraph as the load scenarios do, as sync-update frames in arrival order.
 */
function typing(initial: Uint8Array, n: number): Uint8Array[] {
  const frames: Uint8Array[] = []
  const texts = Array.from({ length: WRITERS }, (_, w) => {
    const client = new Y.Doc()
    Y.applyUpdate(client, initial)
    client.on('update', (u: Uint8Array) => frames.push(encodeUpdate(u)))
    return (client.getXmlFragment(YJS_ROOT).get(w) as Y.XmlElement).get(0) as Y.XmlText
  })
  for (let i = 0; i < n; i++) {
    const text = texts[i % WRITERS]!
    text.insert(text.length, `|t=${1_700_000_000_000 + i}|`)
  }
  return frames
}

function seed(): Uint8Array {
  const doc = new Y.Doc()
  for (let w = 0; w < WRITERS; w++) {
    const paragraph = new Y.XmlElement('paragraph')
    doc.getXmlFragment(YJS_ROOT).insert(w, [paragraph])
    paragraph.insert(0, [new Y.XmlText('')])
  }
  return Y.encodeStateAsUpdate(doc)
}

function cpuMicros(): number {
  const u = process.cpuUsage()
  return u.user + u.system
}

async function main(): Promise<void> {
  const initial = seed()
  // Two rounds over fresh halves of one typing session: the first warms the JIT and is not reported.
  const allFrames = typing(initial, 2 * count)
  const dataDir = mkdtempSync(join(tmpdir(), 'overens-micro-update-'))
  const store = openSqliteStore(dataDir, 'normal')
  try {
    const now = new Date().toISOString()
    await store.createAgreement(
      {
        id: 'bench',
        title: 'bench',
        municipality: 'Benchby',
        lang: 'sv',
        createdAt: now,
        updatedAt: now,
      },
      initial,
      null,
    )
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initial)
    const shared = new SharedDocument({
      id: 'bench',
      doc,
      store,
      log: silentLogger,
      lastSeq: 0,
      storedBytes: initial.byteLength,
      tailLength: 0,
      canonicalize: () => null,
      onAbandoned: () => undefined,
    })
    let sent = 0
    const peer = (id: number): Peer => ({
      id,
      access: 'write',
      principal: { userId: null, name: null, party: null, role: null },
      awarenessClients: new Set(),
      send: () => void sent++,
      close: () => undefined,
    })
    const sender = peer(0)
    shared.addPeer(sender)
    for (let i = 1; i <= peerCount; i++) shared.addPeer(peer(i))
    sent = 0

    let rows: [string, number][] = []
    const measure = async (label: string, body: () => Promise<void> | void) => {
      const before = cpuMicros()
      await body()
      rows.push([label, (cpuMicros() - before) / count])
    }
    for (const round of [0, 1]) {
      rows = []
      const frames = allFrames.slice(round * count, (round + 1) * count)
      const previous = allFrames.slice(0, round * count).map((f) => (decodeMessage(f) as { update: Uint8Array }).update)
      // Parts alone, on a copy that is not stored: what each step costs.
      const rules = rulesFromSchema(schema, YJS_ROOT)
      const updates = frames.map((f) => (decodeMessage(f) as { update: Uint8Array }).update)
      await measure('decode frame', () => {
        for (const f of frames) decodeMessage(f)
      })
      const checkDoc = new Y.Doc()
      Y.applyUpdate(checkDoc, initial)
      for (const u of previous) Y.applyUpdate(checkDoc, u)
      await measure('schema check (against a doc that lacks the update)', () => {
        for (const u of updates) {
          checkUpdate(checkDoc, u, rules)
          Y.applyUpdate(checkDoc, u)
        }
      })
      const applyDoc = new Y.Doc()
      Y.applyUpdate(applyDoc, initial)
      for (const u of previous) Y.applyUpdate(applyDoc, u)
      let emitted = 0
      applyDoc.on('update', () => emitted++)
      await measure('Y.applyUpdate with an update listener', () => {
        for (const u of updates) Y.applyUpdate(applyDoc, u)
      })
      await measure('encode the broadcast frame', () => {
        for (const u of updates) encodeUpdate(u)
      })
      await measure('durable append, one at a time', async () => {
        for (const u of updates) await store.appendUpdate('bench', u)
      })
      // The whole path, one update per event-loop turn as keystrokes arrive.
      await measure(`whole path: receive → store → broadcast to ${peerCount}`, async () => {
        for (const f of frames) {
          shared.receive(sender, decodeMessage(f))
          await shared.settled()
        }
      })
    }
    if (sent !== 2 * count * peerCount) throw new Error(`sent ${sent}, expected ${2 * count * peerCount}`)
    for (const [label, us] of rows) console.log(`${label.padEnd(56)} ${us.toFixed(1).padStart(7)} µs CPU per update`)
    shared.destroy()
  } finally {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
