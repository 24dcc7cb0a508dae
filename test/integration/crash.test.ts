import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { signUp } from '../support/accounts.ts'
import { bodyText, connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

const processes: ServerProcess[] = []
afterAll(async () => {
  for (const p of processes) await p.kill()
  processes[0]?.removeDataDir()
})

/**
 * Issue 2 and 6: kill -9 the server while ten people type, start it again on the same data and port,
 * and check that every edit anyone made is in the converged agreement, over several crash cycles.
 */
describe('a killed server loses nothing', () => {
  it('keeps every edit of 10 typing clients across 3 SIGKILL cycles', async () => {
    let server = await startServer()
    processes.push(server)
    const owner = await signUp(server.url)
    const id = await createAgreement(server.url, owner, { skeleton: false })
    const clients: TestClient[] = Array.from({ length: 10 }, () => connectClient(server.url, id, owner))
    await Promise.all(clients.map((c) => c.synced()))
    // Each client types into a paragraph of its own, so every marker can be attributed and counted.
    const texts = clients.map((c) => {
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText('')
      paragraph.insert(0, [text])
      c.doc.getXmlFragment('prosemirror').push([paragraph])
      return text
    })
    const typed: string[] = []
    const type = async (rounds: number) => {
      for (let r = 0; r < rounds; r++) {
        texts.forEach((text, i) => {
          const marker = `[c${i}-${typed.length}]`
          typed.push(marker)
          text.insert(text.length, marker)
        })
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    }

    for (let cycle = 0; cycle < 3; cycle++) {
      const typing = type(25)
      await new Promise((resolve) => setTimeout(resolve, 15))
      await server.kill()
      await typing
      server = await startServer({ dataDir: server.dataDir, env: { PORT: String(server.port) } })
      processes.push(server)
      await waitFor(() => clients.every((c) => c.provider.wsconnected && c.provider.synced), { what: `clients to reconnect after crash ${cycle + 1}`, timeoutMs: 20_000 })
    }
    await type(5)

    // A fresh reader after one more crash sees exactly what the clients converged on.
    await waitFor(() => new Set(clients.map((c) => bodyText(c.doc))).size === 1, { what: 'clients to converge', timeoutMs: 20_000 })
    const reader = connectClient(server.url, id, owner)
    await reader.synced()
    await waitFor(() => bodyText(reader.doc) === bodyText(clients[0]!.doc), { what: 'the server to hold the converged text', timeoutMs: 20_000 })
    reader.destroy()
    await server.kill()
    server = await startServer({ dataDir: server.dataDir, env: { PORT: String(server.port) } })
    processes.push(server)
    for (const c of clients) c.destroy()

    const fresh = connectClient(server.url, id, owner)
    await fresh.synced()
    const final = bodyText(fresh.doc)
    fresh.destroy()
    const lost = typed.filter((marker) => !final.includes(marker))
    expect(lost).toEqual([])
    expect(typed.length).toBe(10 * (3 * 25 + 5))
  }, 90_000)
})
