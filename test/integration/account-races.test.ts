/**
 * The account routes under parallel requests, as two tabs or two devices of real people send them:
 * the repository's atomic steps must show through HTTP (one administrator, one password change, one
 * revocation), whatever the interleaving of the slow password hashing around them.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { call, type TestUser } from '../support/accounts.ts'
import { createAgreement } from '../support/yjs-clients.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
  fs.rmSync(server.dataDir, { recursive: true, force: true })
})

const PASSWORD = 'ett långt lösenord för test'
const post = (path: string, body: unknown, cookie?: string) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) })
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!
const as = (cookie: string): TestUser => ({ userId: '', email: '', cookie, token: '' })

async function logIn(email: string, password = PASSWORD): Promise<string> {
  const res = await post('/api/auth/login', { email, password })
  expect(res.status).toBe(200)
  return cookieOf(res)
}

describe('account routes under parallel requests', () => {
  it('makes exactly one of the first parallel sign-ups of an installation administrator', async () => {
    const responses = await Promise.all(['kommun', 'forening', 'stiftelse', 'ideell'].map((who) => post('/api/auth/signup', { email: `forsta@${who}.se`, password: PASSWORD, displayName: who })))
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201])
    const users = (await Promise.all(responses.map(async (r) => ((await r.json()) as { user: { isAdmin: boolean } }).user))).map((u) => u.isAdmin)
    expect(users.filter(Boolean)).toHaveLength(1)
    // Each session sees the account the sign-up answered with.
    const me = await Promise.all(responses.map((r) => call(server.url, as(cookieOf(r)), 'GET', '/api/auth/me')))
    expect(me.map((m) => m.body.user.isAdmin)).toEqual(users)
  })

  it('refuses a sign-up whose e-mail differs from an existing one only in case', async () => {
    expect((await post('/api/auth/signup', { email: 'Karin.Lund@Norrby.se', password: PASSWORD })).status).toBe(201)
    const again = await post('/api/auth/signup', { email: 'karin.lund@NORRBY.SE', password: PASSWORD })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('email_taken')
    await logIn('KARIN.lund@norrby.se')
  })

  it('lets one of two parallel password changes from two devices win; the other device is signed out', async () => {
    const email = 'byter@norrby.se'
    const laptop = cookieOf(await post('/api/auth/signup', { email, password: PASSWORD }))
    const phone = await logIn(email)
    const [fromLaptop, fromPhone] = await Promise.all([
      post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'lösenordet från datorn' }, laptop),
      post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'lösenordet från telefonen' }, phone),
    ])
    const statuses = [fromLaptop.status, fromPhone.status]
    expect(statuses.sort()).toEqual([200, 403])
    const [winner, loser, newPassword] = fromLaptop.status === 200 ? [laptop, phone, 'lösenordet från datorn'] : [phone, laptop, 'lösenordet från telefonen']
    expect((await call(server.url, as(winner), 'GET', '/api/auth/me')).status).toBe(200)
    expect((await call(server.url, as(loser), 'GET', '/api/auth/me')).status).toBe(401)
    expect((await post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401)
    await logIn(email, newPassword)
  })

  it('revokes a session asked for twice in parallel once: one 204, one 404', async () => {
    const email = 'avslutar@norrby.se'
    const first = cookieOf(await post('/api/auth/signup', { email, password: PASSWORD }))
    const second = await logIn(email)
    const third = await logIn(email)
    const listed = (await call(server.url, as(first), 'GET', '/api/auth/sessions')).body.sessions as { id: string; current: boolean }[]
    expect(listed).toHaveLength(3)
    const target = listed.find((s) => !s.current)!
    const [a, b] = await Promise.all([call(server.url, as(first), 'DELETE', `/api/auth/sessions/${target.id}`), call(server.url, as(first), 'DELETE', `/api/auth/sessions/${target.id}`)])
    expect([a.status, b.status].sort()).toEqual([204, 404])
    const left = (await call(server.url, as(first), 'GET', '/api/auth/sessions')).body.sessions as { id: string }[]
    expect(left.map((s) => s.id)).not.toContain(target.id)
    expect(left).toHaveLength(2)
    const alive = await Promise.all([second, third].map((c) => call(server.url, as(c), 'GET', '/api/auth/me')))
    expect(alive.map((r) => r.status).sort()).toEqual([200, 401])
    // An id that is not 16 hex digits names nothing, a SQL pattern least of all.
    for (const id of ['%25', '________________', target.id.toUpperCase()]) {
      expect((await call(server.url, as(first), 'DELETE', `/api/auth/sessions/${id}`)).status).toBe(404)
    }
    expect((await call(server.url, as(first), 'GET', '/api/auth/sessions')).body.sessions).toHaveLength(2)
  })
})

describe('what one person can make the server store', () => {
  it('refuses an access token beyond the bound with 409 too_many_tokens, and takes one again after a revocation', async () => {
    const laptop = cookieOf(await post('/api/auth/signup', { email: 'skript@norrby.se', password: PASSWORD }))
    const mint = () => post('/api/auth/tokens', { label: 'export' }, laptop)
    const minted = await Promise.all(Array.from({ length: LIMITS.maxAccessTokensPerUser + 3 }, mint))
    expect(minted.filter((r) => r.status === 201)).toHaveLength(LIMITS.maxAccessTokensPerUser)
    const refused = minted.filter((r) => r.status !== 201)
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409])
    expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe('too_many_tokens')
    const { id } = (await minted.find((r) => r.status === 201)!.json()) as { id: string }
    expect((await call(server.url, as(laptop), 'DELETE', `/api/auth/sessions/${id}`)).status).toBe(204)
    expect((await mint()).status).toBe(201)
    expect((await mint()).status).toBe(409)
  })

  it('ends the oldest browser session (and closes its websocket) when one login too many arrives', async () => {
    const email = 'reser@norrby.se'
    const first = cookieOf(await post('/api/auth/signup', { email, password: PASSWORD }))
    const agreementId = await createAgreement(server.url, as(first), { title: 'Många inloggningar' })
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${agreementId}?schema=${SCHEMA_VERSION}`, { headers: { origin: server.url, cookie: first } })
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve) => ws.once('message', () => resolve()))
    const later: string[] = []
    for (let i = 1; i < LIMITS.maxSessionsPerUser; i++) later.push(await logIn(email))
    expect((await call(server.url, as(first), 'GET', '/api/auth/me')).status).toBe(200)
    later.push(await logIn(email))
    expect(await closed).toBe(CloseCode.Unauthorized)
    expect((await call(server.url, as(first), 'GET', '/api/auth/me')).status).toBe(401)
    expect((await call(server.url, as(later[0]!), 'GET', '/api/auth/me')).status).toBe(200)
    expect((await call(server.url, as(later.at(-1)!), 'GET', '/api/auth/sessions')).body.sessions).toHaveLength(LIMITS.maxSessionsPerUser)
  }, 60_000)
})
