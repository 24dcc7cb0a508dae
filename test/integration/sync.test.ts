import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as prng from 'lib0/prng'
import { connectClient, bodyText, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { waitFor } from '../support/wait.ts'
import { signUp, type TestUser } from '../support/accounts.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(dataDir?: string, port?: number) {
  const s = await startTestServer({ dataDir, port })
  cleanups.push(() => s.close())
  return s
}

function client(url: string, id: string, user: TestUser, opts?: Parameters<typeof connectClient>[3]): TestClient {
  const c = connectClient(url, id, user, opts)
  cleanups.push(() => c.destroy())
  return c
}

/** The text node inside the seeded empty paragraph, created once by the first client. */
function sharedText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
  return paragraph.get(0) as Y.XmlText
}

describe('sync over the y-websocket protocol', () => {
  it('lets official y-websocket clients co-edit the seeded agreement', async () => {
    const s = await server()
    const owner = await signUp(s.url)
    const id = await createAgreement(s.url, owner, { title: 'Läxhjälp i Exempelby' })
    const a = client(s.url, id, owner)
    const b = client(s.url, id, owner)
    await Promise.all([a.synced(), b.synced()])
    expect(bodyText(a.doc)).toContain('Läxhjälp i Exempelby')
    const paragraph = a.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    paragraph.insert(0, [new Y.XmlText('Parterna är överens.')])
    await waitFor(() => bodyText(b.doc).includes('Parterna är överens.'), { what: 'b to see a' })
  })

  it('converges three clients after seeded random concurrent edits with disconnects', async () => {
    const s = await server()
    const owner = await signUp(s.url)
    const id = await createAgreement(s.url, owner)
    const clients = [client(s.url, id, owner), client(s.url, id, owner), client(s.url, id, owner), client(s.url, id, owner)]
    await Promise.all(clients.map((c) => c.synced()))
    ;(clients[0]!.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).insert(0, [new Y.XmlText('start')])
    await waitFor(() => clients.every((c) => sharedText(c.doc)?.toString() === 'start'), { what: 'shared text everywhere' })

    const gen = prng.create(20261122)
    for (let round = 0; round < 300; round++) {
      const c = clients[prng.int32(gen, 0, clients.length - 1)]!
      const text = sharedText(c.doc)
      const roll = prng.int32(gen, 0, 99)
      if (roll < 60) text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 4))
      else if (roll < 85 && text.length > 0) {
        const at = prng.int32(gen, 0, text.length - 1)
        text.delete(at, Math.min(prng.int32(gen, 1, 3), text.length - at))
      } else if (c.provider.wsconnected) c.provider.disconnect()
      else c.provider.connect()
      if (round % 25 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect()
    const live = await s.registry.peek(id)
    await waitFor(
      () => {
        const expected = live!.doc.getXmlFragment('prosemirror').toString()
        return clients.every((c) => c.provider.synced && bodyText(c.doc) === expected)
      },
      { what: 'all replicas and the server to converge', timeoutMs: 15_000 },
    )
    const stateVectors = clients.map((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('hex'))
    expect(new Set(stateVectors).size).toBe(1)
  })

  it('keeps every word across a server restart (clean shutdown)', async () => {
    const first = await startTestServer()
    const owner = await signUp(first.url)
    const id = await createAgreement(first.url, owner)
    const a = connectClient(first.url, id, owner)
    await a.synced()
    const paragraph = a.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    for (let i = 0; i < 700; i++) paragraph.insert(paragraph.length, [new Y.XmlText(`ord${i} `)])
    const sent = bodyText(a.doc)
    const live = await first.registry.peek(id)
    await waitFor(() => live!.doc.getXmlFragment('prosemirror').toString() === sent, { what: 'server to receive every edit' })
    a.destroy()
    await first.close()

    const second = await server(first.dataDir)
    const fresh = client(second.url, id, owner)
    await fresh.synced()
    expect(bodyText(fresh.doc)).toBe(sent)
    const res = await fetch(`${second.url}/api/agreements/${id}`, { headers: { cookie: owner.cookie } })
    const body = (await res.json()) as { content: { content: unknown[] } }
    expect(JSON.stringify(body.content)).toContain('ord699')
  })

  it('answers unknown agreements and incompatible schema versions with a close code', async () => {
    const s = await server()
    const owner = await signUp(s.url)
    const id = await createAgreement(s.url, owner)
    const codes: number[] = []
    const unknown = client(s.url, 'doesNotExist123', owner)
    unknown.provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code))
    const old = client(s.url, id, owner, { schema: '0' })
    old.provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code))
    await waitFor(() => codes.includes(4404) && codes.includes(4426), { what: 'close codes 4404 and 4426' })
    expect(old.doc.getXmlFragment('prosemirror').length).toBe(0)
  })
})
