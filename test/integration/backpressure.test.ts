import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { signUp } from '../support/accounts.ts'
import { bodyText, connectClient, createAgreement } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
afterAll(() => server?.close())

describe('a client that never reads', () => {
  it('is dropped once its queue passes the limit, and the others keep syncing', async () => {
    server = await startTestServer()
    const owner = await signUp(server.url)
    const id = await createAgreement(server.url, owner)
    const stalled = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${id}?token=${owner.token}`)
    await new Promise((resolve) => stalled.once('open', resolve))
    // Stop reading from the socket: the kernel buffers fill, then the server's own queue grows.
    stalled.pause()
    const writer = connectClient(server.url, id, owner)
    const reader = connectClient(server.url, id, owner)
    try {
      await Promise.all([writer.synced(), reader.synced()])
      const live = (await server.registry.peek(id))!
      await waitFor(() => live.peers.size === 3, { what: 'three peers' })
      const paragraph = writer.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      const chunk = 'x'.repeat(64 * 1024)
      const rounds = Math.ceil((LIMITS.maxBufferedBytesPerConnection * 3) / chunk.length)
      for (let i = 0; i < rounds && live.peers.size === 3; i++) {
        paragraph.insert(paragraph.length, [new Y.XmlText(chunk)])
        await new Promise((resolve) => setImmediate(resolve))
      }
      await waitFor(() => live.peers.size === 2, { what: 'the stalled peer to be dropped', timeoutMs: 20_000 })
      expect(server.logs.some((l) => l.msg === 'closing connection' && l.fields?.code === CloseCode.SlowConsumer)).toBe(true)
      const marker = 'efter att den tysta klienten släppts'
      paragraph.insert(paragraph.length, [new Y.XmlText(marker)])
      await waitFor(() => bodyText(reader.doc).includes(marker), { what: 'the reader to keep syncing' })
    } finally {
      stalled.terminate()
      writer.destroy()
      reader.destroy()
    }
  }, 60_000)
})
