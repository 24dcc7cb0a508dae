import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient, createAgreement } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'
import { listenToStream } from '../support/event-stream.ts'

/**
 * The attacker's table of the security review, one finding after another, each against a real server
 * on 127.0.0.1:0 with a real SQLite file. (The awareness bounds and the hidden-root refusal are pinned
 * with the sync layer's own tests.)
 */

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let owner: TestUser

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ägare Andersson')
})
afterAll(() => server.close())

interface Raw {
  status: number
  body: any
  headers: Headers
  ms: number
}

/** A request with exactly the headers given: what a browser on another page, or a script, would send. */
async function raw(url: string, method: string, p: string, { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  const started = performance.now()
  const res = await fetch(url + p, { method, headers, body })
  const text = await res.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = text
  }
  return { status: res.status, body: parsed, headers: res.headers, ms: performance.now() - started }
}

const json = (user: TestUser | null, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...(user ? { cookie: user.cookie } : {}), ...extra })
const bearer = (user: TestUser) => ({ 'content-type': 'application/json', authorization: `Bearer ${user.token}` })

/** Polls /healthz while `work` runs; resolves with the slowest answer seen. */
async function whileHealthz<T>(url: string, work: () => Promise<T>): Promise<{ result: T; slowestMs: number; answers: number }> {
  let slowest = 0
  let answers = 0
  let running = true
  const poller = (async () => {
    while (running) {
      const t = performance.now()
      const res = await fetch(url + '/healthz')
      await res.text()
      slowest = Math.max(slowest, performance.now() - t)
      answers++
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  try {
    const result = await work()
    return { result, slowestMs: slowest, answers }
  } finally {
    running = false
    await poller
  }
}

async function createOrg(user: TestUser, name = 'Exempelby kommun'): Promise<{ id: string; slug: string }> {
  const res = await call(server.url, user, 'POST', '/api/organisations', { name, type: 'public' })
  expect(res.status).toBe(201)
  return { id: res.body.id, slug: res.body.slug }
}

const templateWith = (sharedGoals: string) => ({
  name: { sv: 'Mall', en: 'Template' },
  lang: 'sv',
  items: [{ clauseId: 'learning_goals.shared_and_own', params: { shared_goals: sharedGoals, own_goals_per_party: ['Kommunen: färre placeringar'] } }],
})

describe('no super-linear work on user input', () => {
  it('refuses a template value of "a" + 80 000 spaces + "b"; the longest allowed one starts an agreement at once', async () => {
    const org = await createOrg(owner)
    const { result: refused, slowestMs } = await whileHealthz(server.url, () => call(server.url, owner, 'POST', `/api/organisations/${org.id}/templates`, templateWith('a' + ' '.repeat(80_000) + 'b')))
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body.error.details)).toContain('shared_goals')
    expect(slowestMs).toBeLessThan(1000)

    const longest = 'a' + ' '.repeat(LIMITS.paramValueMaxLength - 2) + 'b'
    const created = await call(server.url, owner, 'POST', `/api/organisations/${org.id}/templates`, templateWith(longest))
    expect(created.status).toBe(201)
    const t = performance.now()
    const agreement = await call(server.url, owner, 'POST', '/api/agreements', { title: 'Från mall', municipality: 'Exempelby', templateId: created.body.id })
    expect(agreement.status).toBe(201)
    expect(performance.now() - t).toBeLessThan(1000)
    const content = JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreement.body.id}`)).body.content)
    expect(content).toContain('a' + ' '.repeat(LIMITS.paramValueMaxLength - 2) + 'b')
  })

  it('answers 1 MB of adversarial whitespace in every free-text field within a bound while /healthz keeps answering', async () => {
    // Spaces, a lone line break inside them and tabs: what makes a whitespace regex backtrack.
    const ws = 'a' + ' '.repeat(600_000) + '\n' + ' \t'.repeat(100_000) + ' '.repeat(100_000) + 'b'
    const lawyer = await signUp(server.url, 'Jurist')
    const org = await createOrg(owner, 'Whitespace kommun')
    await call(server.url, owner, 'POST', `/api/organisations/${org.id}/members`, { email: lawyer.email, role: 'lawyer' })
    const clause = await call(server.url, owner, 'POST', `/api/organisations/${org.id}/clauses`, {
      id: 'termination.local',
      sectionId: 'termination',
      parameters: [],
      text: { sv: 'Avtalet kan sägas upp.', en: 'The agreement may be terminated.' },
    })
    expect(clause.status).toBe(201)
    const agreementId = await createAgreement(server.url, owner, { title: 'Blankt', skeleton: true })
    const member = await signUp(server.url, 'Medlem')
    await addMember(server.url, owner, agreementId, member, 'drafter')
    const content = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.content
    const sectionUid = content.content.find((n: any) => n.type === 'section').attrs.uid
    const anchor = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getXmlFragment('prosemirror'), 0))).toString('base64')
    const thread = await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/comments`, { anchor: { start: anchor, end: anchor }, quote: 'x', body: 'Fråga' })
    expect(thread.status).toBe(201)

    const a = `/api/agreements/${agreementId}`
    const paths: [string, string, string, unknown, TestUser | null][] = [
      ['sign-up name', 'POST', '/api/auth/signup', { email: 'ws@example.se', password: 'correct horse battery', displayName: ws }, null],
      ['sign-up email', 'POST', '/api/auth/signup', { email: ws, password: 'correct horse battery' }, null],
      ['login password', 'POST', '/api/auth/login', { email: 'nobody@example.se', password: ws }, null],
      ['display name', 'PATCH', '/api/auth/me', { displayName: ws }, owner],
      ['token label', 'POST', '/api/auth/tokens', { label: ws }, owner],
      ['agreement title', 'POST', '/api/agreements', { title: ws, municipality: 'Exempelby' }, owner],
      ['agreement municipality', 'PATCH', a, { municipality: ws }, owner],
      ['party name', 'POST', `${a}/parties`, { name: ws, type: 'public' }, owner],
      ['mandate', 'PATCH', `${a}/members/${member.userId}`, { mandate: ws }, owner],
      ['comment body', 'POST', `${a}/comments`, { anchor: { start: anchor, end: anchor }, quote: 'x', body: ws }, owner],
      ['comment quote', 'POST', `${a}/comments`, { anchor: { start: anchor, end: anchor }, quote: ws, body: 'x' }, owner],
      ['reply', 'POST', `${a}/comments/${thread.body.id}/replies`, { body: ws }, owner],
      ['review note', 'PUT', `${a}/reviews/${sectionUid}`, { status: 'ready_for_review', note: ws }, owner],
      ['version name', 'POST', `${a}/versions`, { name: ws }, owner],
      ['organisation name', 'POST', '/api/organisations', { name: ws, type: 'public' }, owner],
      ['clause text', 'POST', `/api/organisations/${org.id}/clauses`, { id: 'termination.other', sectionId: 'termination', parameters: [], text: { sv: ws, en: ws } }, owner],
      ['approval note', 'POST', `/api/organisations/${org.id}/clauses/termination.local/versions/1/approve`, { note: ws }, lawyer],
      ['template name', 'POST', `/api/organisations/${org.id}/templates`, { ...templateWith('x'), name: { sv: ws, en: ws } }, owner],
      ['template value', 'POST', `/api/organisations/${org.id}/templates`, templateWith(ws), owner],
      [
        'template list value',
        'POST',
        `/api/organisations/${org.id}/templates`,
        { ...templateWith('x'), items: [{ clauseId: 'learning_goals.shared_and_own', params: { shared_goals: 'x', own_goals_per_party: [ws] } }] },
        owner,
      ],
      ['template from agreement', 'POST', `/api/organisations/${org.id}/templates/from-agreement`, { agreementId, name: { sv: ws, en: 'x' } }, owner],
      [
        'template package',
        'POST',
        `/api/organisations/${org.id}/templates/import`,
        { format: 'overens-template', formatVersion: 1, template: { id: 't', ...templateWith(ws) }, clauses: [], checksum: '0'.repeat(64) },
        owner,
      ],
    ]
    for (const [name, method, p, body, user] of paths) {
      const payload = JSON.stringify(body)
      expect(payload.length, name).toBeGreaterThan(900_000)
      const { result, slowestMs, answers } = await whileHealthz(server.url, () => raw(server.url, method, p, { headers: json(user), body: payload }))
      expect(result.status, `${name}: ${JSON.stringify(result.body).slice(0, 200)}`).toBeGreaterThanOrEqual(400)
      expect(result.status, name).toBeLessThan(500)
      expect(result.ms, name).toBeLessThan(2000)
      expect(slowestMs, `${name}: /healthz`).toBeLessThan(1000)
      expect(answers, name).toBeGreaterThan(0)
    }
    // The search box: the query is bounded before any folding or matching runs.
    const search = await raw(server.url, 'GET', `/api/clauses?q=${encodeURIComponent('a' + ' '.repeat(3000) + 'b')}`, { headers: json(owner) })
    expect(search.status).toBe(400)

    // The document text itself (up to the websocket frame limit) goes through the validator.
    const client = connectClient(server.url, agreementId, member)
    try {
      await client.synced()
      const section = client.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('a' + ' '.repeat(500_000) + '\n' + '. '.repeat(200_000) + ': '.repeat(100_000) + 'b')])
      section.insert(section.length, [paragraph])
      await waitFor(async () => JSON.stringify((await call(server.url, owner, 'GET', a)).body.content).length > 1_000_000, { what: 'the long paragraph to be stored' })
    } finally {
      client.destroy()
    }
    const { result: report, slowestMs } = await whileHealthz(server.url, () => raw(server.url, 'GET', `${a}/validation`, { headers: json(owner) }))
    expect(report.status).toBe(200)
    expect(report.ms).toBeLessThan(2000)
    expect(slowestMs).toBeLessThan(1000)
  })

  it('refuses a template package nested 5 000 levels deep with 400, not 500', async () => {
    const org = await createOrg(owner, 'Djup förening')
    const deep =
      '{"format":"overens-template","formatVersion":1,"template":{"id":"t","name":{"sv":"a","en":"a"},"lang":"sv","items":[]},"clauses":[' +
      '{"a":'.repeat(5000) +
      '1' +
      '}'.repeat(5000) +
      '],"checksum":"' +
      '0'.repeat(64) +
      '"}'
    const res = await raw(server.url, 'POST', `/api/organisations/${org.id}/templates/import`, { headers: json(owner), body: deep })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('too_deep')
    expect(server.logs.filter((l) => l.level === 'error')).toEqual([])
  })
})

describe('invitations you can trust', () => {
  const invite = async (agreementId: string, by: TestUser, body: Record<string, unknown>) => {
    const res = await call(server.url, by, 'POST', `/api/agreements/${agreementId}/invitations`, body)
    expect(res.status).toBe(201)
    return res.body as { id: string; token: string; path: string; role: string; maxUses: number; usesLeft: number }
  }
  const accept = (token: string, user: TestUser) => call(server.url, user, 'POST', `/api/invitations/${token}/accept`, {})

  it('admits one person by default; the next is told the link is used, before and after signing up', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Engångslänk' })
    const link = await invite(agreementId, owner, { role: 'drafter' })
    expect(link).toMatchObject({ maxUses: 1, usesLeft: 1, role: 'drafter' })
    const first = await signUp(server.url, 'Första')
    const second = await signUp(server.url, 'Andra')
    expect((await accept(link.token, first)).body).toEqual({ agreementId, role: 'drafter' })
    // Accepting again is harmless and uses nothing.
    expect((await accept(link.token, first)).status).toBe(200)
    const refused = await accept(link.token, second)
    expect(refused.status).toBe(410)
    expect(refused.body.error.code).toBe('invitation_used')
    expect((await call(server.url, second, 'GET', `/api/agreements/${agreementId}`)).status).toBe(404)
    const preview = await call(server.url, null, 'GET', `/api/invitations/${link.token}`)
    expect(preview.body).toMatchObject({ status: 'used', agreementTitle: null, inviterName: null })
  })

  it('shows what the link is before anyone joins, and never joins on a GET', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Förhandsvisning' })
    const link = await invite(agreementId, owner, { role: 'reviewer', maxUses: 3 })
    const visitor = await signUp(server.url, 'Besökare')
    const preview = await call(server.url, null, 'GET', `/api/invitations/${link.token}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ status: 'valid', role: 'reviewer', usesLeft: 3, agreementTitle: 'Förhandsvisning', inviterName: 'Ägare Andersson' })
    await call(server.url, visitor, 'GET', `/api/invitations/${link.token}`)
    expect((await call(server.url, visitor, 'GET', `/api/agreements/${agreementId}`)).status).toBe(404)
    server.store!.db.prepare("UPDATE invitations SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(link.id)
    expect((await call(server.url, null, 'GET', `/api/invitations/${link.token}`)).body.status).toBe('expired')
    expect((await accept(link.token, visitor)).body.error.code).toBe('invitation_expired')
    expect((await call(server.url, null, 'GET', '/api/invitations/not-a-link')).status).toBe(404)
  })

  it('lists pending links to the owner (who, role, uses left, expiry) and revokes one', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Lista länkar' })
    const a = await invite(agreementId, owner, { role: 'viewer', maxUses: 5, expiresInDays: 3 })
    const b = await invite(agreementId, owner, { role: 'drafter' })
    const list = await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/invitations`)
    expect(list.body.invitations.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort())
    const shown = list.body.invitations.find((i: { id: string }) => i.id === a.id)
    expect(shown).toMatchObject({ role: 'viewer', usesLeft: 5, maxUses: 5, createdBy: owner.userId, createdByName: 'Ägare Andersson', status: 'valid' })
    expect(Date.parse(shown.expiresAt) - Date.now()).toBeGreaterThan(2.9 * 24 * 3600_000)
    expect(JSON.stringify(list.body)).not.toContain(a.token)
    expect((await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}/invitations/${a.id}`)).status).toBe(204)
    const after = await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/invitations`)
    expect(after.body.invitations.map((i: { id: string }) => i.id)).toEqual([b.id])
    const latecomer = await signUp(server.url, 'Sen')
    expect((await accept(a.token, latecomer)).body.error.code).toBe('invitation_revoked')
    const audit = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/audit`)).body.entries.map((e: { action: string }) => e.action)
    expect(audit).toEqual(expect.arrayContaining(['invitation_created', 'invitation_revoked']))
  })

  it('a demoted and removed owner cannot come back as owner through a link he made, nor remove the real owner', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Övertagande' })
    const mallory = await signUp(server.url, 'Mallory')
    await addMember(server.url, owner, agreementId, mallory, 'owner')
    const ownerLink = await invite(agreementId, mallory, { role: 'owner', maxUses: 10 })
    expect((await call(server.url, owner, 'PATCH', `/api/agreements/${agreementId}/members/${mallory.userId}`, { role: 'drafter' })).status).toBe(200)
    expect((await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}/members/${mallory.userId}`)).status).toBe(204)
    const back = await accept(ownerLink.token, mallory)
    expect(back.status).toBe(410)
    expect(back.body.error.code).toBe('invitation_revoked')
    expect((await call(server.url, mallory, 'DELETE', `/api/agreements/${agreementId}/members/${owner.userId}`)).status).toBe(404)
    // Nor through a second account.
    const sock = await signUp(server.url, 'Mallory 2')
    expect((await accept(ownerLink.token, sock)).status).toBe(410)
    expect((await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.role).toBe('owner')
  })

  it('a removed member cannot re-enter through the link they came in with', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Återinträde' })
    const link = await invite(agreementId, owner, { role: 'drafter', maxUses: 10 })
    const leaver = await signUp(server.url, 'Lämnare')
    expect((await accept(link.token, leaver)).status).toBe(200)
    expect((await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}/members/${leaver.userId}`)).status).toBe(204)
    const again = await accept(link.token, leaver)
    expect(again.status).toBe(410)
    expect((await call(server.url, leaver, 'GET', `/api/agreements/${agreementId}`)).status).toBe(404)
  })

  it('two people racing for the last use: exactly one gets in', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Kapplöpning' })
    const link = await invite(agreementId, owner, { role: 'viewer' })
    const people = await Promise.all([1, 2, 3, 4, 5].map((i) => signUp(server.url, `Löpare ${i}`)))
    const results = await Promise.all(people.map((p) => accept(link.token, p)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410, 410, 410])
    expect((await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/members`)).body.members).toHaveLength(2)
  })
})

describe('login throttling', () => {
  it('evaluates only 10 of 41 parallel wrong-password logins from one address', async () => {
    const target = await signUp(server.url, 'Måltavla')
    const results = await Promise.all(
      Array.from({ length: 41 }, () => raw(server.url, 'POST', '/api/auth/login', { headers: json(null), body: JSON.stringify({ email: target.email, password: 'wrong password!' }) })),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(31)
    expect(Number(results.find((r) => r.status === 429)!.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  describe('behind a reverse proxy (TRUST_PROXY=1)', () => {
    let proxied: Server
    beforeAll(async () => {
      proxied = await startTestServer({ env: { TRUST_PROXY: '1', SIGNUP_LIMIT: '3' } })
    })
    afterAll(() => proxied.close())
    const from = (address: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': address })
    const login = (address: string, email: string, password: string) => raw(proxied.url, 'POST', '/api/auth/login', { headers: from(address), body: JSON.stringify({ email, password }) })
    const signup = (address: string, email: string) =>
      raw(proxied.url, 'POST', '/api/auth/signup', { headers: from(address), body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Person' }) })

    it('ten wrong passwords from elsewhere do not lock a person out from her own address', async () => {
      expect((await signup('198.51.100.7', 'eva@example.se')).status).toBe(201)
      for (let i = 0; i < 10; i++) expect((await login('203.0.113.5', 'eva@example.se', 'not her password')).status).toBe(401)
      expect((await login('203.0.113.5', 'eva@example.se', 'not her password')).status).toBe(429)
      expect((await login('198.51.100.7', 'eva@example.se', 'correct horse battery')).status).toBe(200)
      // The attacker is still throttled even with the right password.
      expect((await login('203.0.113.5', 'eva@example.se', 'correct horse battery')).status).toBe(429)
    })

    it('gives every client address behind the proxy its own throttle, and throttles sign-up per address', async () => {
      for (let i = 0; i < 3; i++) expect((await signup('192.0.2.10', `ny${i}@example.se`)).status).toBe(201)
      const fourth = await signup('192.0.2.10', 'ny3@example.se')
      expect(fourth.status).toBe(429)
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await signup('192.0.2.11', 'annan@example.se')).status).toBe(201)
    })
  })
})

interface BrowserSocket {
  opened: boolean
  status?: number
  ws?: WebSocket
  /** Resolves with the close code. */
  closed: Promise<number>
  /** Resolves on the server's first message (sync step 1): the connection was accepted. */
  firstMessage: Promise<void>
}

/** A websocket as a browser page would open it: with its Origin and the cookies of the site. */
function browserSocket(url: string, agreementId: string, headers: Record<string, string>): Promise<BrowserSocket> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${agreementId}?schema=${SCHEMA_VERSION}`, { headers })
    // Listeners first: the first frame may arrive in the same chunk as the handshake answer.
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)))
    const firstMessage = new Promise<void>((r) => ws.once('message', () => r()))
    ws.on('open', () => resolve({ opened: true, ws, closed, firstMessage }))
    ws.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode, closed, firstMessage })
      ws.terminate()
    })
    ws.on('error', () => resolve({ opened: false, closed, firstMessage }))
  })
}

describe('cross-site', () => {
  it('refuses a websocket upgrade from a page of another origin (another port of this host) before the handshake', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Korsursprung' })
    const port = new URL(server.url).port
    const foreign = await browserSocket(server.url, agreementId, { origin: 'http://127.0.0.1:5173', cookie: owner.cookie })
    expect(foreign).toMatchObject({ opened: false, status: 403 })
    expect((await browserSocket(server.url, agreementId, { origin: 'null', cookie: owner.cookie })).status).toBe(403)
    const own = await browserSocket(server.url, agreementId, { origin: `http://127.0.0.1:${port}`, cookie: owner.cookie })
    expect(own.opened).toBe(true)
    await own.firstMessage
    own.ws!.close()
    // Without Origin (not a browser) the session cookie does not count; an access token does.
    const cookieOnly = await browserSocket(server.url, agreementId, { cookie: owner.cookie })
    expect(await cookieOnly.closed).toBe(CloseCode.Unauthorized)
    const client = connectClient(server.url, agreementId, owner)
    await client.synced()
    client.destroy()
  })

  it('refuses state-changing requests that are not JSON (a same-site form) and changes nothing', async () => {
    const lawyer = await signUp(server.url, 'Kommunjurist')
    const org = await createOrg(owner, 'Formulär kommun')
    await call(server.url, owner, 'POST', `/api/organisations/${org.id}/members`, { email: lawyer.email, role: 'lawyer' })
    await call(server.url, owner, 'POST', `/api/organisations/${org.id}/clauses`, { id: 'termination.form', sectionId: 'termination', parameters: [], text: { sv: 'Text.', en: 'Text.' } })
    const tokensBefore = (await call(server.url, lawyer, 'GET', '/api/auth/sessions')).body.sessions.length
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const form = { headers: { cookie: lawyer.cookie, 'content-type': type }, body: type === 'text/plain' ? '{"note":""}' : 'note=' }
      expect((await raw(server.url, 'POST', `/api/organisations/${org.id}/clauses/termination.form/versions/1/approve`, form)).status).toBe(415)
      expect((await raw(server.url, 'POST', '/api/auth/tokens', form)).status).toBe(415)
      expect((await raw(server.url, 'POST', '/api/auth/logout', form)).status).toBe(415)
    }
    expect((await raw(server.url, 'POST', '/api/auth/logout', { headers: { cookie: lawyer.cookie } })).status).toBe(415)
    const clause = await call(server.url, lawyer, 'GET', `/api/clauses/${encodeURIComponent(`org:${org.slug}/termination.form`)}`)
    expect(clause.body.versions[0].approval ?? null).toBeNull()
    expect((await call(server.url, lawyer, 'GET', '/api/auth/sessions')).body.sessions.length).toBe(tokensBefore)
    expect((await call(server.url, lawyer, 'GET', '/api/auth/me')).status).toBe(200)
  })

  it('refuses a JSON request with a foreign Origin or a cross-site fetch, accepts our own and scripts with a token', async () => {
    const port = new URL(server.url).port
    const foreign = await raw(server.url, 'POST', '/api/auth/tokens', { headers: json(owner, { origin: 'http://127.0.0.1:5173' }), body: '{}' })
    expect(foreign.status).toBe(403)
    expect(foreign.body.error.code).toBe('foreign_origin')
    expect((await raw(server.url, 'POST', '/api/auth/tokens', { headers: json(owner, { 'sec-fetch-site': 'same-site' }), body: '{}' })).status).toBe(403)
    expect((await raw(server.url, 'POST', '/api/auth/tokens', { headers: json(owner, { origin: `http://127.0.0.1:${port}` }), body: '{}' })).status).toBe(201)
    expect((await raw(server.url, 'POST', '/api/agreements', { headers: bearer(owner), body: JSON.stringify({ title: 'Skript', municipality: 'Exempelby' }) })).status).toBe(201)
  })

  it('accepts only PUBLIC_ORIGIN when it is configured', async () => {
    const configured = await startTestServer({ env: { PUBLIC_ORIGIN: 'https://overens.example.se' } })
    try {
      const person = await signUp(configured.url, 'Konfig')
      const port = new URL(configured.url).port
      expect((await raw(configured.url, 'POST', '/api/auth/tokens', { headers: json(person, { origin: 'https://overens.example.se' }), body: '{}' })).status).toBe(201)
      expect((await raw(configured.url, 'POST', '/api/auth/tokens', { headers: json(person, { origin: `http://127.0.0.1:${port}` }), body: '{}' })).status).toBe(403)
    } finally {
      await configured.close()
    }
  })

  it('sends the security headers on every response and serves no source maps', async () => {
    const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-client-'))
    fs.mkdirSync(path.join(clientDir, 'assets'))
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>')
    fs.writeFileSync(path.join(clientDir, 'assets/app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map')
    fs.writeFileSync(path.join(clientDir, 'assets/app.js.map'), '{"version":3,"sources":["secret.ts"]}')
    const withClient = await startTestServer({ env: { CLIENT_DIR: clientDir } })
    try {
      for (const p of ['/healthz', '/api/agreements', '/api/nope', '/', '/a/x', '/assets/app.js']) {
        const res = await raw(withClient.url, 'GET', p)
        const csp = res.headers.get('content-security-policy') ?? ''
        expect(csp, p).toContain("frame-ancestors 'none'")
        expect(csp, p).toContain("script-src 'self'")
        expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe')
        expect(res.headers.get('x-frame-options'), p).toBe('DENY')
        expect(res.headers.get('x-content-type-options'), p).toBe('nosniff')
        expect(res.headers.get('referrer-policy'), p).toBe('no-referrer')
      }
      expect((await raw(withClient.url, 'GET', '/assets/app.js.map')).status).toBe(404)
    } finally {
      await withClient.close()
      fs.rmSync(clientDir, { recursive: true, force: true })
    }
  })
})

describe('accounts: password, sessions, tokens, logout', () => {
  /** A second browser session of the same person. */
  async function logIn(email: string, password = 'correct horse battery staple'): Promise<string> {
    const res = await raw(server.url, 'POST', '/api/auth/login', { headers: json(null), body: JSON.stringify({ email, password }) })
    expect(res.status).toBe(200)
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!
  }
  const as = (user: TestUser, cookie: string): TestUser => ({ ...user, cookie })

  it('lists sessions and tokens without their secrets, and revokes one, closing its websocket', async () => {
    const person = await signUp(server.url, 'Listare')
    const agreementId = await createAgreement(server.url, person, { title: 'Sessioner' })
    const list = await call(server.url, person, 'GET', '/api/auth/sessions')
    expect(list.body.sessions.map((s: { kind: string }) => s.kind).sort()).toEqual(['access_token', 'session'])
    expect(list.body.sessions.find((s: { kind: string }) => s.kind === 'session').current).toBe(true)
    expect(JSON.stringify(list.body)).not.toContain(person.token)
    const client = connectClient(server.url, agreementId, person)
    await client.synced()
    const codes: number[] = []
    client.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code))
    const tokenId = list.body.sessions.find((s: { kind: string }) => s.kind === 'access_token').id
    expect((await call(server.url, person, 'DELETE', `/api/auth/sessions/${tokenId}`)).status).toBe(204)
    await waitFor(() => codes.includes(CloseCode.Unauthorized), { what: 'the token websocket to close' })
    client.destroy()
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${person.token}` } })).status).toBe(401)
    // Nobody revokes someone else's.
    const other = await signUp(server.url, 'Annan')
    const otherId = (await call(server.url, other, 'GET', '/api/auth/sessions')).body.sessions[0].id
    expect((await call(server.url, person, 'DELETE', `/api/auth/sessions/${otherId}`)).status).toBe(404)
    expect((await call(server.url, other, 'GET', '/api/auth/me')).status).toBe(200)
  })

  it('logout revokes the session and closes the websockets it opened; other sessions stay', async () => {
    const person = await signUp(server.url, 'Utloggare')
    const agreementId = await createAgreement(server.url, person, { title: 'Utloggning' })
    const second = await logIn(person.email)
    const port = new URL(server.url).port
    const socket = await browserSocket(server.url, agreementId, { origin: `http://127.0.0.1:${port}`, cookie: person.cookie })
    await socket.firstMessage
    // The agreement's change events and the inbox's count, in this browser and in the second session.
    const agreementEvents = await listenToStream(server.url, `/api/agreements/${agreementId}/events`, person.cookie)
    const inbox = await listenToStream(server.url, '/api/notifications/stream', person.cookie)
    const secondInbox = await listenToStream(server.url, '/api/notifications/stream', second)
    expect((await call(server.url, person, 'POST', '/api/auth/logout', {})).status).toBe(204)
    expect(await socket.closed).toBe(CloseCode.Unauthorized)
    // The signed-out browser hears nothing more; the other session keeps its stream.
    await waitFor(() => agreementEvents.isEnded() && inbox.isEnded(), { what: 'the signed-out browser’s event streams to end' })
    expect(secondInbox.isEnded()).toBe(false)
    secondInbox.stop()
    expect((await call(server.url, person, 'GET', '/api/auth/me')).status).toBe(401)
    expect((await call(server.url, as(person, second), 'GET', '/api/auth/me')).status).toBe(200)
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${person.token}` } })).status).toBe(200)
    // Everywhere: every session and access token.
    expect((await call(server.url, as(person, second), 'POST', '/api/auth/logout', { everywhere: true })).status).toBe(204)
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${person.token}` } })).status).toBe(401)
  })

  it('changing the password needs the current one and signs out every other session and token', async () => {
    const person = await signUp(server.url, 'Byter')
    const agreementId = await createAgreement(server.url, person, { title: 'Lösenord' })
    const other = await logIn(person.email)
    const client = connectClient(server.url, agreementId, person)
    await client.synced()
    const codes: number[] = []
    client.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code))
    expect((await call(server.url, person, 'POST', '/api/auth/password', { currentPassword: 'wrong one', newPassword: 'a brand new passphrase' })).status).toBe(403)
    const changed = await call(server.url, person, 'POST', '/api/auth/password', { currentPassword: 'correct horse battery staple', newPassword: 'a brand new passphrase' })
    expect(changed.status).toBe(200)
    expect(changed.body.revoked).toBe(2)
    await waitFor(() => codes.includes(CloseCode.Unauthorized), { what: 'the token websocket to close' })
    client.destroy()
    expect((await call(server.url, person, 'GET', '/api/auth/me')).status).toBe(200)
    expect((await call(server.url, as(person, other), 'GET', '/api/auth/me')).status).toBe(401)
    expect((await raw(server.url, 'POST', '/api/auth/login', { headers: json(null), body: JSON.stringify({ email: person.email, password: 'correct horse battery staple' }) })).status).toBe(401)
    await logIn(person.email, 'a brand new passphrase')
  })

  it('takes the session only from its cookie: not as a Bearer token, not when the cookie is sent twice', async () => {
    const person = await signUp(server.url, 'Kaka')
    const secret = person.cookie.split('=')[1]!
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401)
    const planted = await signUp(server.url, 'Planterad')
    const twice = `${planted.cookie}; ${person.cookie}`
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { cookie: twice } })).status).toBe(401)
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { cookie: `${person.cookie}; ${planted.cookie}` } })).status).toBe(401)
    expect((await raw(server.url, 'GET', '/api/auth/me', { headers: { cookie: person.cookie } })).body.user.id).toBe(person.userId)
  })

  it('names the cookie __Host- and marks it Secure when the server is reached over HTTPS', async () => {
    const secure = await startTestServer({ env: { SECURE_COOKIES: '1' } })
    try {
      const res = await raw(secure.url, 'POST', '/api/auth/signup', { headers: json(null), body: JSON.stringify({ email: 'secure@example.se', password: 'correct horse battery' }) })
      const cookie = res.headers.get('set-cookie') ?? ''
      expect(cookie).toMatch(/^__Host-overens_session=/)
      expect(cookie).toMatch(/; Secure/i)
      expect(cookie).toMatch(/; Path=\//)
      expect(cookie).not.toMatch(/Domain=/i)
      expect(res.headers.get('strict-transport-security')).toContain('max-age=')
      // The plain name is not read on such a server.
      const secret = cookie.split(';')[0]!.split('=')[1]!
      expect((await raw(secure.url, 'GET', '/api/auth/me', { headers: { cookie: `overens_session=${secret}` } })).status).toBe(401)
      expect((await raw(secure.url, 'GET', '/api/auth/me', { headers: { cookie: `__Host-overens_session=${secret}` } })).status).toBe(200)
    } finally {
      await secure.close()
    }
  })
})

describe('storage bounds: named versions', () => {
  it(`keeps at most ${LIMITS.maxNamedVersions} named versions; only an owner deletes old ones`, async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Versioner', skeleton: true })
    const drafter = await signUp(server.url, 'Versionsskrivare')
    await addMember(server.url, owner, agreementId, drafter, 'drafter')
    for (let i = 0; i < LIMITS.maxNamedVersions; i++) expect((await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/versions`, { name: `v${i}` })).status).toBe(201)
    const refused = await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/versions`, { name: 'en för mycket' })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('too_many_versions')
    const oldest = (await call(server.url, drafter, 'GET', `/api/agreements/${agreementId}/versions`)).body.versions.at(-1)
    expect((await call(server.url, drafter, 'DELETE', `/api/agreements/${agreementId}/versions/${oldest.id}`)).status).toBe(403)
    expect((await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}/versions/${oldest.id}`)).status).toBe(204)
    expect((await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/versions`, { name: 'nu får den plats' })).status).toBe(201)
    const audit = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/audit`)).body.entries
    expect(audit.some((e: { action: string; details: { name?: string } }) => e.action === 'version_deleted' && e.details.name === oldest.name)).toBe(true)
  })

  it('counts named versions against a per-agreement storage budget', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Stor', skeleton: true })
    const drafter = await signUp(server.url, 'Fyller disken')
    await addMember(server.url, owner, agreementId, drafter, 'drafter')
    const client = connectClient(server.url, agreementId, drafter)
    try {
      await client.synced()
      const section = client.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      // About 7 MB of text, each insert below the frame limit.
      for (let i = 0; i < 4; i++) {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(`${i}`.repeat(1_800_000))])
        section.insert(section.length, [p])
      }
      await waitFor(async () => ((await server.registry.peek(agreementId))?.doc.getXmlFragment('prosemirror').toString().length ?? 0) > 7_000_000, {
        what: 'the big text on the server',
        timeoutMs: 30_000,
      })
    } finally {
      client.destroy()
    }
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/versions`, { name: `stor ${i}` })).status)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(3)
    expect(statuses.at(-1)).toBe(413)
    const used = server.store!.db.prepare('SELECT SUM(length(state) + length(canonical_json)) AS bytes FROM versions WHERE agreement_id = ?').get(agreementId) as { bytes: number }
    expect(used.bytes).toBeLessThanOrEqual(LIMITS.maxVersionBytesPerAgreement)
  }, 60_000)
})

describe('names and audit', () => {
  it('refuses display names with invisible or reordering characters and normalises the rest', async () => {
    const person = await signUp(server.url, 'Namnbytare')
    for (const name of ['Bob\u200b', '\u202eboB', 'Bo\u0000b', 'Bob\u2066', '   ', 'x'.repeat(LIMITS.displayNameMaxLength + 1)]) {
      expect((await call(server.url, person, 'PATCH', '/api/auth/me', { displayName: name })).status, JSON.stringify(name)).toBe(400)
    }
    const res = await call(server.url, person, 'PATCH', '/api/auth/me', { displayName: '  A\u030asa   Öberg ' })
    expect(res.body.user.displayName).toBe('Åsa Öberg')
    const signup = await raw(server.url, 'POST', '/api/auth/signup', {
      headers: json(null),
      body: JSON.stringify({ email: 'rlo@example.se', password: 'correct horse battery', displayName: 'Eve\u202e' }),
    })
    expect(signup.status).toBe(400)
  })

  it('keeps the name the actor had at the time in the audit log and on approvals, and audits every change of parties, mandates and roles', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Historik', skeleton: true })
    const reviewer = await signUp(server.url, 'Granskare Gran')
    await addMember(server.url, owner, agreementId, reviewer, 'reviewer')
    const content = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.content
    const uid = content.content.find((n: any) => n.type === 'section').attrs.uid
    expect((await call(server.url, reviewer, 'PUT', `/api/agreements/${agreementId}/reviews/${uid}`, { status: 'approved' })).status).toBe(200)
    const party = await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/parties`, { name: 'Föreningen', type: 'idea_driven' })
    await call(server.url, owner, 'PATCH', `/api/agreements/${agreementId}/parties/${party.body.id}`, { name: 'Föreningen Ny' })
    await call(server.url, owner, 'PATCH', `/api/agreements/${agreementId}/members/${reviewer.userId}`, { partyId: party.body.id, mandate: 'Får skriva under' })
    await call(server.url, owner, 'PATCH', `/api/agreements/${agreementId}/members/${reviewer.userId}`, { role: 'viewer' })
    await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}/parties/${party.body.id}`)

    await call(server.url, reviewer, 'PATCH', '/api/auth/me', { displayName: 'Någon helt annan' })
    const reviews = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/reviews`)).body.reviews
    expect(reviews.find((r: { targetUid: string }) => r.targetUid === uid).byName).toBe('Granskare Gran')
    const entries = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/audit`)).body.entries as { action: string; actorName: string; details: any }[]
    expect(entries.find((e) => e.action === 'review_status_changed')!.actorName).toBe('Granskare Gran')
    const actions = entries.map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['party_added', 'party_changed', 'member_details_changed', 'role_changed', 'party_removed']))
    expect(entries.find((e) => e.action === 'party_changed')!.details).toMatchObject({ from: { name: 'Föreningen' }, to: { name: 'Föreningen Ny' } })
    expect(entries.find((e) => e.action === 'member_details_changed')!.details).toMatchObject({ mandateTo: 'Får skriva under', partyTo: party.body.id })
  })

  it('keeps the audit trail when the agreement is deleted', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Raderas' })
    await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/parties`, { name: 'Part', type: 'public' })
    expect((await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}`)).status).toBe(204)
    const rows = server.store!.db.prepare('SELECT action, actor_name FROM audit_log WHERE agreement_id = ? ORDER BY seq').all(agreementId) as { action: string; actor_name: string }[]
    expect(rows.map((r) => r.action)).toEqual(['agreement_created', 'party_added', 'agreement_deleted'])
    expect(rows.every((r) => r.actor_name === 'Ägare Andersson')).toBe(true)
  })

  it('audits only GET exports, not a HEAD', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Export' })
    const count = () => (server.store!.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE agreement_id = ? AND action = 'exported'").get(agreementId) as { n: number }).n
    expect((await raw(server.url, 'HEAD', `/api/agreements/${agreementId}/export`, { headers: { cookie: owner.cookie } })).status).toBe(200)
    expect(count()).toBe(0)
    expect((await raw(server.url, 'GET', `/api/agreements/${agreementId}/export`, { headers: { cookie: owner.cookie } })).status).toBe(200)
    expect(count()).toBe(1)
  })

  it('ends the event stream of a member who is removed', async () => {
    const agreementId = await createAgreement(server.url, owner, { title: 'Händelser' })
    const leaver = await signUp(server.url, 'Lyssnare')
    await addMember(server.url, owner, agreementId, leaver, 'viewer')
    const controller = new AbortController()
    const res = await fetch(`${server.url}/api/agreements/${agreementId}/events`, { headers: { cookie: leaver.cookie }, signal: controller.signal })
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let received = ''
    const done = (async () => {
      for (;;) {
        const { value, done: finished } = await reader.read()
        if (finished) return true
        received += decoder.decode(value)
      }
    })()
    expect((await call(server.url, owner, 'DELETE', `/api/agreements/${agreementId}/members/${leaver.userId}`)).status).toBe(204)
    const ended = await Promise.race([done, new Promise((r) => setTimeout(() => r(false), 3000))])
    controller.abort()
    expect(ended).toBe(true)
    await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/parties`, { name: 'Efteråt', type: 'public' })
    expect(received).not.toContain('event: members')
  })
})
