/**
 * Identifying a caller waits for the database (on PostgreSQL a network round trip that can fail). When
 * it does not answer, HTTP requests get an error answer and websocket upgrades a transient close the
 * client retries (not one of the final 44xx refusals), and the process lives on.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CloseCode } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { signUp, type TestUser } from '../support/accounts.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { createAgreement } from '../support/yjs-clients.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let anna: TestUser
let agreementId: string
beforeAll(async () => {
  server = await startTestServer()
  anna = await signUp(server.url, 'Anna')
  agreementId = await createAgreement(server.url, anna, { title: 'Lagringen borta' })
})
afterAll(async () => {
  await server.close().catch(() => undefined)
  fs.rmSync(server.dataDir, { recursive: true, force: true })
})

function closeCodeOf(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${agreementId}?schema=${SCHEMA_VERSION}&token=${token}`)
    ws.on('close', (code) => resolve(code))
    ws.on('error', reject)
  })
}

it('closes a websocket as transient and answers HTTP with an error while the database is gone, and lives on', async () => {
  // Sanity: the same token authenticates while the database answers (it is the member's own agreement).
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${agreementId}?schema=${SCHEMA_VERSION}&token=${anna.token}`)
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve())
    ws.once('close', (code) => reject(new Error(`closed ${code}`)))
  })
  ws.close()

  server.store!.db.close()
  expect(await closeCodeOf(anna.token)).toBe(CloseCode.LoadFailed)
  expect(server.logs.some((l) => l.level === 'error' && l.msg === 'connection setup failed')).toBe(true)
  const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${anna.token}` } })
  expect(me.status).toBeGreaterThanOrEqual(500)
  // Still serving: a second attempt is answered the same way, not by a dead socket.
  expect(await closeCodeOf(anna.token)).toBe(CloseCode.LoadFailed)
  expect((await fetch(`${server.url}/healthz`)).status).toBe(503)
})
