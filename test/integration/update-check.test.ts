import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { CloseCode } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { bodyText, connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { addMember, signUp, type TestUser } from '../support/accounts.ts'
import { waitFor } from '../support/wait.ts'

/**
 * What the server takes into an agreement: a reader's socket that only repeats what the server has
 * stays connected; anything new from a reader, and anything a writer sends that the agreement schema
 * does not know or that Yjs could only half apply, is refused whole, closes only that connection and
 * leaves the stored content and the other peers as they were.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let owner: TestUser
let reviewer: TestUser
let id: string
let witness: TestClient
let witnessClosed: number[]
const cleanups: (() => unknown)[] = []

beforeEach(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ägare')
  reviewer = await signUp(server.url, 'Jurist')
  id = await createAgreement(server.url, owner, { skeleton: true })
  await addMember(server.url, owner, id, reviewer, 'reviewer')
  witness = connectClient(server.url, id, owner)
  witnessClosed = []
  witness.provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) witnessClosed.push(e.code)
  })
  await witness.synced()
  // Some history with deletions, so "the full state" carries a delete set too.
  const heading = (witness.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(0) as Y.XmlElement
  const text = heading.get(0) as Y.XmlText
  text.insert(0, 'Utkast: ')
  text.delete(0, 8)
  await settled()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  witness.destroy()
  await server.close()
})

/** Waits until the server has stored everything applied so far. */
async function settled(): Promise<void> {
  await waitFor(() => witness.provider.ws?.bufferedAmount === 0, { what: 'the witness to send' })
  await waitFor(async () => Y.encodeStateVector((await server.registry.peek(id))!.doc).join() === Y.encodeStateVector(witness.doc).join(), { what: 'the server to hold the witness state' })
  await (await server.registry.peek(id))!.settled()
}

/** The agreement as stored (snapshot + tail), as a fresh server would load it. */
async function storedXml(): Promise<string> {
  const { snapshot, updates } = await server.store!.loadState(id)
  const doc = new Y.Doc()
  if (snapshot) Y.applyUpdate(doc, snapshot)
  for (const { update } of updates) Y.applyUpdate(doc, update)
  return doc.getXmlFragment('prosemirror').toString()
}

function frame(step: 0 | 1 | 2, payload: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return Buffer.from(encoding.toUint8Array(encoder))
}

interface RawOutcome {
  /** The close code, or null if the socket was still open after the server answered our step 1. */
  closed: number | null
}

/**
 * A raw socket that sends `frames` the moment it opens (before the server's sync has even started),
 * then a sync step 1; the server handles a connection's frames in order, so its step 2 answer proves
 * every earlier frame was handled without closing us.
 */
function rawSession(user: TestUser, frames: Buffer[]): Promise<RawOutcome> {
  const url = `${server.url.replace(/^http/, 'ws')}/sync/${id}?schema=${SCHEMA_VERSION}&token=${user.token}`
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('no answer within 10 s'))), 10_000)
    ws.on('open', () => {
      for (const f of frames) ws.send(f)
      ws.send(frame(0, Y.encodeStateVector(new Y.Doc())))
    })
    ws.on('error', () => {})
    ws.on('close', (code) => {
      clearTimeout(timer)
      resolve({ closed: code })
    })
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return
      clearTimeout(timer)
      const open = ws.readyState === WebSocket.OPEN
      ws.close()
      resolve({ closed: open ? null : -1 })
    })
  })
}

/** A copy of the server's document, to make an update from. */
async function replica(): Promise<Y.Doc> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate((await server.registry.peek(id))!.doc))
  return doc
}

async function updateFrom(change: (doc: Y.Doc) => void): Promise<Uint8Array> {
  const doc = await replica()
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

/** Asserts the refusal left everything as it was, and that the witness still edits and syncs. */
async function expectUntouched(storedBefore: string, liveBefore: string): Promise<void> {
  const live = (await server.registry.peek(id))!
  expect(live.doc.getXmlFragment('prosemirror').toString()).toBe(liveBefore)
  expect(await storedXml()).toBe(storedBefore)
  expect(witnessClosed).toEqual([])
  expect(witness.provider.wsconnected).toBe(true)
  const marker = `fortfarande här ${Math.random()}`
  const paragraph = (witness.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(1) as Y.XmlElement
  paragraph.insert(0, [new Y.XmlText(marker)])
  await waitFor(async () => (await storedXml()).includes(marker), { what: 'the witness edit to be stored after the refusal' })
}

describe('read-only peers', () => {
  it("a reviewer's socket sends the full stored state, as step 2 and as an update, before sync ends and stays connected", async () => {
    const full = Y.encodeStateAsUpdate(witness.doc)
    const storedBefore = await storedXml()
    const outcome = await rawSession(reviewer, [frame(1, full), frame(2, full), frame(2, Y.encodeStateAsUpdate(witness.doc, Y.encodeStateVector(witness.doc)))])
    expect(outcome.closed).toBeNull()
    expect(await storedXml()).toBe(storedBefore)
  })

  it("a reviewer's update with new content is refused whole and not stored", async () => {
    const storedBefore = await storedXml()
    const liveBefore = bodyText(witness.doc)
    const marker = `juristen skriver ${Math.random()}`
    // New text plus a repeat of everything the server has: the known part must not let the new one through.
    const update = Y.mergeUpdates([
      Y.encodeStateAsUpdate(witness.doc),
      await updateFrom((doc) => ((doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(1) as Y.XmlElement).insert(0, [new Y.XmlText(marker)])),
    ])
    expect((await rawSession(reviewer, [frame(2, update)])).closed).toBe(CloseCode.Forbidden)
    await expectUntouched(storedBefore, liveBefore)
    expect(await storedXml()).not.toContain(marker)
  })

  it("a reviewer's deletion of text the server still has is refused", async () => {
    const storedBefore = await storedXml()
    const liveBefore = bodyText(witness.doc)
    const update = await updateFrom((doc) => {
      const section = doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      ;((section.get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 3)
    })
    expect((await rawSession(reviewer, [frame(2, update)])).closed).toBe(CloseCode.Forbidden)
    await expectUntouched(storedBefore, liveBefore)
  })
})

describe('the agreement schema on the wire', () => {
  const cases: { name: string; code: number; make: () => Promise<Uint8Array> }[] = [
    {
      name: 'an unknown node name',
      code: CloseCode.SchemaViolation,
      make: () => updateFrom((doc) => doc.getXmlFragment('prosemirror').insert(1, [new Y.XmlElement('bogus')])),
    },
    {
      name: 'an unknown node name nested inside a known one',
      code: CloseCode.SchemaViolation,
      make: () =>
        updateFrom((doc) => {
          const p = new Y.XmlElement('paragraph')
          const inner = new Y.XmlElement('script')
          p.insert(0, [inner])
          ;(doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).insert(1, [p])
        }),
    },
    {
      name: 'an unknown attribute on an existing node',
      code: CloseCode.SchemaViolation,
      make: () => updateFrom((doc) => (doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).setAttribute('onclick', 'alert(1)')),
    },
    {
      name: 'an unknown mark',
      code: CloseCode.SchemaViolation,
      make: () =>
        updateFrom((doc) => {
          const heading = (doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(0) as Y.XmlElement
          ;(heading.get(0) as Y.XmlText).format(0, 3, { blink: {} })
        }),
    },
    {
      // Every reader's editor would drop the text (and be refused for deleting it).
      name: 'a mark without an attribute it cannot do without',
      code: CloseCode.SchemaViolation,
      make: () =>
        updateFrom((doc) => {
          const heading = (doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(0) as Y.XmlElement
          ;(heading.get(0) as Y.XmlText).format(0, 3, { param: {} })
        }),
    },
    {
      name: 'a hidden root type',
      code: CloseCode.SchemaViolation,
      make: () => updateFrom((doc) => doc.getMap('hidden').set('secret', 'only the server sees this')),
    },
    {
      name: 'a valid paragraph together with a hidden root',
      code: CloseCode.SchemaViolation,
      make: () =>
        updateFrom((doc) => {
          doc.getXmlFragment('prosemirror').insert(1, [new Y.XmlElement('paragraph')])
          doc.getText('notes').insert(0, 'dold')
        }),
    },
    {
      name: 'a half-applicable update (a valid paragraph, then a struct Yjs cannot integrate)',
      code: CloseCode.MalformedMessage,
      make: async () => halfApplicable(),
    },
  ]
  for (const c of cases) {
    it(`${c.name} is refused whole (${c.code}), nothing is stored, other peers stay`, async () => {
      const storedBefore = await storedXml()
      const liveBefore = bodyText(witness.doc)
      const update = await c.make()
      const drafter = await signUp(server.url, 'Skribent')
      await addMember(server.url, owner, id, drafter, 'drafter')
      expect((await rawSession(drafter, [frame(2, update)])).closed).toBe(c.code)
      await expectUntouched(storedBefore, liveBefore)
      expect(server.logs.some((l) => l.msg === 'update refused')).toBe(true)
    })
  }

  it('the same update from a drafter that fits the schema is stored (the checks do not refuse real editing)', async () => {
    const drafter = await signUp(server.url, 'Skribent')
    await addMember(server.url, owner, id, drafter, 'drafter')
    const update = await updateFrom((doc) => {
      const section = doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      const p = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      text.insert(0, 'Parterna ', { strong: {} })
      text.insert(9, 'ansvarar', { param: { name: 'ansvar' } })
      p.insert(0, [text])
      const clause = new Y.XmlElement('clause')
      clause.setAttribute('clauseId', 'duration.fixed')
      clause.setAttribute('uid', 'c-1')
      clause.insert(0, [p])
      section.insert(1, [clause])
      section.setAttribute('kind', 'duration')
    })
    expect((await rawSession(drafter, [frame(2, update)])).closed).toBeNull()
    await waitFor(() => bodyText(witness.doc).includes('ansvarar'), { what: 'the witness to receive the clause' })
    await (await server.registry.peek(id))!.settled()
    expect(await storedXml()).toContain('ansvarar')
  })
})

/**
 * A hand-encoded update (Yjs update format v1) from a new client: a paragraph at the root, which is
 * fine, followed by text whose left neighbour is a later clock of the same client. Yjs integrates the
 * paragraph, then throws on the text ("Unexpected case").
 */
function halfApplicable(): Uint8Array {
  const client = 0x5eed
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 2) // two structs
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 0) // first clock
  // struct 1: ContentType (7), no origins → parent info: root key "prosemirror"; YXmlElement (3) "paragraph"
  encoding.writeUint8(e, 7)
  encoding.writeVarUint(e, 1)
  encoding.writeVarString(e, 'prosemirror')
  encoding.writeVarUint(e, 3)
  encoding.writeVarString(e, 'paragraph')
  // struct 2: ContentType with a left origin (0x80) at a later clock of the same client; YXmlText (6)
  encoding.writeUint8(e, 0x80 | 7)
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 50)
  encoding.writeVarUint(e, 6)
  encoding.writeVarUint(e, 0) // empty delete set
  const update = encoding.toUint8Array(e)
  // The premise: on a plain Y.Doc this update throws after taking in its first half.
  const probe = new Y.Doc()
  expect(() => Y.applyUpdate(probe, update)).toThrow()
  expect(probe.getXmlFragment('prosemirror').length).toBe(1)
  return update
}
