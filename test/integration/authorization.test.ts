import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../schema/limits.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { bodyText, connectClient, createAgreement } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

/**
 * The authorization matrix of issue 5: every principal × every HTTP route and websocket action, each
 * with the outcome the server must enforce.
 */
type Principal = 'owner' | 'drafter' | 'reviewer' | 'viewer' | 'outsider' | 'anonymous'
const PRINCIPALS: Principal[] = ['owner', 'drafter', 'reviewer', 'viewer', 'outsider', 'anonymous']

let server: Awaited<ReturnType<typeof startTestServer>>
let agreementId: string
const users = {} as Record<Exclude<Principal, 'anonymous'>, TestUser>
const userOf = (p: Principal): TestUser | null => (p === 'anonymous' ? null : users[p])

beforeAll(async () => {
  server = await startTestServer()
  for (const p of ['owner', 'drafter', 'reviewer', 'viewer', 'outsider'] as const) users[p] = await signUp(server.url, p)
  agreementId = await createAgreement(server.url, users.owner, { title: 'Matrisavtal', skeleton: true })
  await addMember(server.url, users.owner, agreementId, users.drafter, 'drafter')
  await addMember(server.url, users.owner, agreementId, users.reviewer, 'reviewer')
  await addMember(server.url, users.owner, agreementId, users.viewer, 'viewer')
  // The outsider belongs to another agreement only.
  await createAgreement(server.url, users.outsider, { title: 'Annat avtal' })
})
afterAll(() => server.close())

const read = { owner: 200, drafter: 200, reviewer: 200, viewer: 200, outsider: 404, anonymous: 401 }
const edit = { owner: 200, drafter: 200, reviewer: 403, viewer: 403, outsider: 404, anonymous: 401 }
const manage = { owner: 200, drafter: 403, reviewer: 403, viewer: 403, outsider: 404, anonymous: 401 }
const created = (m: Record<Principal, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === 200 ? 201 : v])) as Record<Principal, number>
const noContent = (m: Record<Principal, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === 200 ? 204 : v])) as Record<Principal, number>

interface Route {
  name: string
  expected: Record<Principal, number>
  request: (who: TestUser | null) => Promise<{ status: number }>
}

const routes: Route[] = [
  { name: 'GET agreement', expected: read, request: (u) => call(server.url, u, 'GET', `/api/agreements/${agreementId}`) },
  { name: 'GET members', expected: read, request: (u) => call(server.url, u, 'GET', `/api/agreements/${agreementId}/members`) },
  { name: 'GET parties', expected: read, request: (u) => call(server.url, u, 'GET', `/api/agreements/${agreementId}/parties`) },
  { name: 'PATCH agreement (rename)', expected: edit, request: (u) => call(server.url, u, 'PATCH', `/api/agreements/${agreementId}`, { municipality: 'Exempelby' }) },
  {
    name: 'POST party',
    expected: created(edit),
    request: (u) => call(server.url, u, 'POST', `/api/agreements/${agreementId}/parties`, { name: 'Exempelby kommun', type: 'public' }),
  },
  {
    name: 'POST member',
    expected: created(manage),
    request: async (u) => {
      const candidate = await signUp(server.url, 'candidate')
      return call(server.url, u, 'POST', `/api/agreements/${agreementId}/members`, { email: candidate.email, role: 'viewer' })
    },
  },
  {
    name: 'PATCH member role',
    expected: manage,
    request: (u) => call(server.url, u, 'PATCH', `/api/agreements/${agreementId}/members/${users.viewer.userId}`, { role: 'viewer' }),
  },
  {
    name: 'DELETE member',
    expected: noContent(manage),
    request: async (u) => {
      const leaving = await signUp(server.url, 'leaving')
      await addMember(server.url, users.owner, agreementId, leaving, 'viewer')
      return call(server.url, u, 'DELETE', `/api/agreements/${agreementId}/members/${leaving.userId}`)
    },
  },
  { name: 'POST invitation', expected: created(manage), request: (u) => call(server.url, u, 'POST', `/api/agreements/${agreementId}/invitations`, { role: 'drafter' }) },
  { name: 'GET invitations (pending links)', expected: manage, request: (u) => call(server.url, u, 'GET', `/api/agreements/${agreementId}/invitations`) },
  {
    name: 'DELETE invitation (revoke a link)',
    expected: noContent(manage),
    request: async (u) => {
      const link = await call(server.url, users.owner, 'POST', `/api/agreements/${agreementId}/invitations`, { role: 'viewer' })
      return call(server.url, u, 'DELETE', `/api/agreements/${agreementId}/invitations/${link.body.id}`)
    },
  },
  {
    name: 'GET invitation preview (no login needed)',
    expected: { owner: 200, drafter: 200, reviewer: 200, viewer: 200, outsider: 200, anonymous: 200 },
    request: async (u) => {
      const link = await call(server.url, users.owner, 'POST', `/api/agreements/${agreementId}/invitations`, { role: 'viewer' })
      return call(server.url, u, 'GET', `/api/invitations/${link.body.token}`)
    },
  },
  {
    name: 'POST invitation accept',
    expected: { owner: 200, drafter: 200, reviewer: 200, viewer: 200, outsider: 200, anonymous: 401 },
    request: async (u) => {
      // Accepting never changes an existing membership; the outsider joins the disposable agreement.
      const id = await createAgreement(server.url, users.owner)
      for (const p of ['drafter', 'reviewer', 'viewer'] as const) await addMember(server.url, users.owner, id, users[p], p)
      const link = await call(server.url, users.owner, 'POST', `/api/agreements/${id}/invitations`, { role: 'viewer' })
      const res = await call(server.url, u, 'POST', `/api/invitations/${link.body.token}/accept`, {})
      const principal = PRINCIPALS.find((p) => userOf(p) === u)
      if (res.status === 200) expect(res.body.role).toBe(principal === 'outsider' ? 'viewer' : principal)
      return res
    },
  },
  {
    name: 'DELETE named version',
    expected: noContent(manage),
    request: async (u) => {
      const version = await call(server.url, users.owner, 'POST', `/api/agreements/${agreementId}/versions`, { name: 'matris' })
      return call(server.url, u, 'DELETE', `/api/agreements/${agreementId}/versions/${version.body.id}`)
    },
  },
  { name: 'GET own sessions and tokens', expected: { ...read, outsider: 200 }, request: (u) => call(server.url, u, 'GET', '/api/auth/sessions') },
  { name: 'POST access token', expected: created({ ...read, outsider: 200 }), request: (u) => call(server.url, u, 'POST', '/api/auth/tokens', { label: 'matris' }) },
  {
    name: "DELETE another person's session",
    expected: { owner: 404, drafter: 404, reviewer: 404, viewer: 404, outsider: 404, anonymous: 401 },
    request: async (u) => {
      const victim = await signUp(server.url, 'victim')
      const id = (await call(server.url, victim, 'GET', '/api/auth/sessions')).body.sessions[0].id
      const res = await call(server.url, u, 'DELETE', `/api/auth/sessions/${id}`)
      expect((await call(server.url, victim, 'GET', '/api/auth/me')).status).toBe(200)
      return res
    },
  },
  {
    name: 'DELETE own session',
    expected: { ...noContent(read), outsider: 204 },
    request: async (u) => {
      if (!u) return call(server.url, null, 'DELETE', '/api/auth/sessions/0000000000000000')
      // A fresh token of the caller, so the matrix keeps its sessions.
      const token = await call(server.url, u, 'POST', '/api/auth/tokens', { label: 'wegwerf' })
      return call(server.url, u, 'DELETE', `/api/auth/sessions/${token.body.id}`)
    },
  },
  {
    name: 'POST change password (wrong current password)',
    expected: { owner: 403, drafter: 403, reviewer: 403, viewer: 403, outsider: 403, anonymous: 401 },
    request: (u) => call(server.url, u, 'POST', '/api/auth/password', { currentPassword: 'not the password', newPassword: 'something else entirely' }),
  },
  { name: 'GET audit log', expected: manage, request: (u) => call(server.url, u, 'GET', `/api/agreements/${agreementId}/audit`) },
  {
    name: 'DELETE agreement',
    expected: noContent(manage),
    request: async (u) => {
      // A disposable agreement with the same membership, so the matrix can delete it.
      const id = await createAgreement(server.url, users.owner)
      for (const p of ['drafter', 'reviewer', 'viewer'] as const) await addMember(server.url, users.owner, id, users[p], p)
      return call(server.url, u, 'DELETE', `/api/agreements/${id}`)
    },
  },
]

describe('authorization matrix: HTTP', () => {
  for (const route of routes) {
    for (const principal of PRINCIPALS) {
      it(`${route.name} as ${principal} → ${route.expected[principal]}`, async () => {
        const { status } = await route.request(userOf(principal))
        expect(status).toBe(route.expected[principal])
      })
    }
  }

  it('lists only the agreements a person is a member of', async () => {
    const outsiderList = await call(server.url, users.outsider, 'GET', '/api/agreements')
    expect(outsiderList.body.agreements.map((a: { id: string }) => a.id)).not.toContain(agreementId)
    const viewerList = await call(server.url, users.viewer, 'GET', '/api/agreements')
    expect(viewerList.body.agreements.find((a: { id: string }) => a.id === agreementId)?.role).toBe('viewer')
    expect((await call(server.url, null, 'GET', '/api/agreements')).status).toBe(401)
  })
})

/** Connects an official client and reports whether it synced or which code closed it. */
async function connectOutcome(principal: Principal): Promise<'synced' | number> {
  const user = userOf(principal)
  const client = connectClient(server.url, agreementId, user ?? { userId: '', email: '', cookie: '', token: 'not-a-token' })
  try {
    let code: number | null = null
    client.provider.on('connection-close', (e: CloseEvent | null) => {
      if (e && code === null) code = e.code
    })
    await waitFor(() => client.provider.synced || code !== null, { what: `${principal} to sync or be refused` })
    if (!client.provider.synced) {
      // Refused before any document data: the replica holds nothing of the agreement.
      expect(client.doc.getXmlFragment('prosemirror').length).toBe(0)
      return code!
    }
    return 'synced'
  } finally {
    client.destroy()
  }
}

describe('authorization matrix: websocket', () => {
  const connectExpected: Record<Principal, 'synced' | number> = {
    owner: 'synced',
    drafter: 'synced',
    reviewer: 'synced',
    viewer: 'synced',
    outsider: CloseCode.AgreementNotFound,
    anonymous: CloseCode.Unauthorized,
  }
  for (const principal of PRINCIPALS) {
    it(`connect and receive sync as ${principal} → ${connectExpected[principal]}`, async () => {
      expect(await connectOutcome(principal)).toBe(connectExpected[principal])
    })
  }

  const updateExpected: Record<'owner' | 'drafter' | 'reviewer' | 'viewer', 'applied' | number> = {
    owner: 'applied',
    drafter: 'applied',
    reviewer: CloseCode.Forbidden,
    viewer: CloseCode.Forbidden,
  }
  for (const principal of ['owner', 'drafter', 'reviewer', 'viewer'] as const) {
    it(`send a document update as ${principal} → ${updateExpected[principal]}`, async () => {
      const witness = connectClient(server.url, agreementId, users.owner)
      const writer = connectClient(server.url, agreementId, users[principal])
      try {
        await Promise.all([witness.synced(), writer.synced()])
        let code: number | null = null
        writer.provider.on('connection-close', (e: CloseEvent | null) => {
          if (e && code === null) code = e.code
        })
        const marker = `skrivet av ${principal} ${Math.random()}`
        const section = writer.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
        section.insert(section.length, [new Y.XmlText(marker)])
        if (updateExpected[principal] === 'applied') {
          await waitFor(() => bodyText(witness.doc).includes(marker), { what: 'the witness to see the edit' })
        } else {
          await waitFor(() => code !== null, { what: 'the read-only connection to be closed' })
          expect(code).toBe(updateExpected[principal])
          const live = await server.registry.peek(agreementId)
          expect(live!.doc.getXmlFragment('prosemirror').toString()).not.toContain(marker)
          expect(bodyText(witness.doc)).not.toContain(marker)
        }
      } finally {
        writer.destroy()
        witness.destroy()
      }
    })
  }

  for (const principal of ['owner', 'drafter', 'reviewer', 'viewer'] as const) {
    it(`send awareness as ${principal} → shown with the authenticated name, not the claimed one`, async () => {
      const witness = connectClient(server.url, agreementId, users.owner)
      const sender = connectClient(server.url, agreementId, users[principal])
      try {
        await Promise.all([witness.synced(), sender.synced()])
        sender.provider.awareness.setLocalStateField('user', { name: 'Mallory från kommunstyrelsen', color: '#ff0000' })
        const seen = () => witness.provider.awareness.getStates().get(sender.doc.clientID) as { user?: { name: string; role: string } } | undefined
        await waitFor(() => seen()?.user?.name === principal, { what: 'the stamped presence' })
        expect(seen()!.user!.role).toBe(principal)
      } finally {
        sender.destroy()
        witness.destroy()
      }
    })
  }
})

describe('role changes on open connections', () => {
  it('closes a demoted drafter, who reconnects read-only', async () => {
    const mover = await signUp(server.url, 'mover')
    await addMember(server.url, users.owner, agreementId, mover, 'drafter')
    const client = connectClient(server.url, agreementId, mover)
    try {
      await client.synced()
      const codes: number[] = []
      client.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code))
      const res = await call(server.url, users.owner, 'PATCH', `/api/agreements/${agreementId}/members/${mover.userId}`, { role: 'viewer' })
      expect(res.status).toBe(200)
      await waitFor(() => codes.includes(CloseCode.RoleChanged), { what: 'the role-change close' })
      await waitFor(() => client.provider.wsconnected && client.provider.synced, { what: 'the reconnect' })
      const section = client.doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
      section.insert(0, [new Y.XmlText('försök efter nedgradering')])
      await waitFor(() => codes.includes(CloseCode.Forbidden), { what: 'the update to be refused' })
      const audit = await call(server.url, users.owner, 'GET', `/api/agreements/${agreementId}/audit`)
      expect(audit.body.entries.some((e: { action: string; details: { to?: string } }) => e.action === 'role_changed' && e.details.to === 'viewer')).toBe(true)
    } finally {
      client.destroy()
    }
  })

  it('drops a removed member at once', async () => {
    const leaver = await signUp(server.url, 'leaver')
    await addMember(server.url, users.owner, agreementId, leaver, 'reviewer')
    const client = connectClient(server.url, agreementId, leaver)
    try {
      await client.synced()
      const codes: number[] = []
      client.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code))
      expect((await call(server.url, users.owner, 'DELETE', `/api/agreements/${agreementId}/members/${leaver.userId}`)).status).toBe(204)
      await waitFor(() => codes.includes(CloseCode.Forbidden), { what: 'the removal close' })
      // 44xx is final for the official client: it stops reconnecting instead of knocking again.
      expect(client.provider.shouldConnect).toBe(false)
      expect((await call(server.url, leaver, 'GET', `/api/agreements/${agreementId}`)).status).toBe(404)
    } finally {
      client.destroy()
    }
  })

  it('keeps at least one owner', async () => {
    const res = await call(server.url, users.owner, 'PATCH', `/api/agreements/${agreementId}/members/${users.owner.userId}`, { role: 'drafter' })
    expect(res.status).toBe(409)
  })
})
