import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { LIMITS } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { connectClient, createAgreement } from '../support/yjs-clients.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { waitFor } from '../support/wait.ts'

/**
 * Presence is bounded (one small state per connection, only the fields the editor shows), and the
 * agreement's "changed" time follows editing so the list's "Ändrat" moves while people write.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let owner: TestUser
let viewer: TestUser
let id: string

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ägare')
  viewer = await signUp(server.url, 'Läsare')
  id = await createAgreement(server.url, owner, { skeleton: true })
  await addMember(server.url, owner, id, viewer, 'viewer')
})
afterAll(async () => {
  await server.close()
})

function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Buffer {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId)
    encoding.writeVarUint(inner, e.clock)
    encoding.writeVarString(inner, JSON.stringify(e.state))
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, 1)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return Buffer.from(encoding.toUint8Array(outer))
}

function rawSocket(user: TestUser): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${id}?schema=${SCHEMA_VERSION}&token=${user.token}`)
    ws.on('open', () => resolve(ws))
    ws.on('error', reject)
  })
}

describe('presence bounds', () => {
  it('a connection announces one state; extra fields are dropped; an oversized state is not relayed', async () => {
    const witness = connectClient(server.url, id, owner)
    await witness.synced()
    const ws = await rawSocket(viewer)
    try {
      // Two client ids in one connection: only the first is taken; extra fields never reach anyone.
      ws.send(
        awarenessFrame([
          { clientId: 7001, clock: 1, state: { user: { name: 'Bob', color: '#112233' }, cursor: null, payload: 'x'.repeat(1000), impersonate: { name: 'Ägare' } } },
          { clientId: 7002, clock: 1, state: { user: { name: 'Bob två' } } },
        ]),
      )
      await waitFor(() => witness.provider.awareness.getStates().has(7001), { what: 'the first state to be relayed' })
      const first = witness.provider.awareness.getStates().get(7001) as Record<string, unknown>
      expect(Object.keys(first).sort()).toEqual(['cursor', 'user'])
      expect((first.user as { name: string }).name).toBe('Läsare')

      // A second id while the first is present, then an oversized state for the first: neither lands.
      ws.send(awarenessFrame([{ clientId: 7003, clock: 1, state: { user: {} } }]))
      ws.send(awarenessFrame([{ clientId: 7001, clock: 2, state: { user: {}, cursor: { anchor: 'y'.repeat(LIMITS.maxAwarenessStateBytes + 10), head: null } } }]))
      // A later, well-formed state shows the server kept reading this connection in order.
      ws.send(awarenessFrame([{ clientId: 7001, clock: 3, state: { user: {}, cursor: { anchor: { type: null, tname: null, item: null, assoc: 0 }, head: null } } }]))
      await waitFor(() => (witness.provider.awareness.meta.get(7001)?.clock ?? 0) === 3, { what: 'the small state to arrive' })
      const states = witness.provider.awareness.getStates()
      expect(states.has(7002)).toBe(false)
      expect(states.has(7003)).toBe(false)
      expect(witness.provider.awareness.meta.get(7001)?.clock).toBe(3)
      expect(JSON.stringify(states.get(7001)).length).toBeLessThan(LIMITS.maxAwarenessStateBytes)

      // Leaving (null) frees the slot for a new id.
      ws.send(awarenessFrame([{ clientId: 7001, clock: 4, state: null }]))
      ws.send(awarenessFrame([{ clientId: 7004, clock: 1, state: { user: {} } }]))
      await waitFor(() => witness.provider.awareness.getStates().has(7004) && !witness.provider.awareness.getStates().has(7001), { what: 'the new id after leaving' })
    } finally {
      ws.close()
      witness.destroy()
    }
  })
})

describe('presence of someone whose connection died silently', () => {
  it('is removed for the others by the awareness timeout (30 s), before the socket is known dead', async () => {
    const witness = connectClient(server.url, id, owner)
    const gone = connectClient(server.url, id, viewer)
    try {
      await Promise.all([witness.synced(), gone.synced()])
      gone.provider.awareness.setLocalStateField('user', { name: 'x', color: '#123456' })
      const goneId = gone.doc.clientID
      await waitFor(() => witness.provider.awareness.getStates().has(goneId), { what: 'the presence to arrive' })
      // The laptop lid closes: no more renewals, no close frame, the socket stays open on the server.
      clearInterval((gone.provider.awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval)
      const socket = (gone.provider.ws as unknown as { _socket: { pause(): void } })._socket
      socket.pause()
      const started = Date.now()
      await waitFor(() => !witness.provider.awareness.getStates().has(goneId), { timeoutMs: 45_000, intervalMs: 200, what: 'the silent presence to time out' })
      expect(Date.now() - started).toBeLessThan(40_000)
      // The server drops it too (its own check runs every few seconds, so the witness's timer may be first).
      const live = (await server.registry.peek(id))!
      await waitFor(() => !live.awareness.getStates().has(goneId), { timeoutMs: 10_000, intervalMs: 200, what: 'the server to drop the silent presence' })
    } finally {
      gone.destroy()
      witness.destroy()
    }
  }, 60_000)
})

describe('the agreement list’s "changed" time', () => {
  it('moves while the agreement is edited, without waiting for compaction', async () => {
    const listed = async (): Promise<string> => {
      const res = await call(server.url, owner, 'GET', '/api/agreements')
      return (res.body.agreements as { id: string; updatedAt: string }[]).find((a) => a.id === id)!.updatedAt
    }
    const before = await listed()
    await new Promise((r) => setTimeout(r, 20))
    const writer = connectClient(server.url, id, owner)
    try {
      await writer.synced()
      const section = writer.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      ;((section.get(1) as Y.XmlElement) ?? section).insert(0, [new Y.XmlText('Ny mening.')])
      await waitFor(async () => (await listed()) > before, { what: 'updatedAt to move' })
    } finally {
      writer.destroy()
    }
  })
})
