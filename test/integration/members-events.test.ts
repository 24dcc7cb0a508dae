import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/in-process-server.ts'
import { createAgreement } from '../support/yjs-clients.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { waitFor } from '../support/wait.ts'
import { listenToStream, type ListeningStream } from '../support/event-stream.ts'

/**
 * Open editors learn from GET /events that the writing group changed, so a member added a moment ago
 * can be mentioned at once. Every change of members, parties and mandates, and an accepted
 * invitation, sends exactly one `members` event; reading sends none.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let owner: TestUser
let id: string

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ägare')
  id = await createAgreement(server.url, owner)
})
afterAll(async () => {
  await server.close()
})

/** Listens to the agreement's event stream as the owner's browser would; collects event names. */
function listen(): Promise<ListeningStream> {
  return listenToStream(server.url, `/api/agreements/${id}/events`, owner.cookie)
}

async function expectOneMembersEvent(change: () => Promise<{ status: number }>, status: number): Promise<void> {
  const stream = await listen()
  try {
    expect((await change()).status).toBe(status)
    await waitFor(() => stream.events.length > 0, { what: 'a members event' })
    // A second, later event would show up within this pause; there must be none.
    await new Promise((r) => setTimeout(r, 150))
    expect(stream.events).toEqual(['members'])
  } finally {
    stream.stop()
  }
}

describe('members events', () => {
  let partyId = ''
  let member: TestUser

  it('adding a member', async () => {
    member = await signUp(server.url, 'Ny medlem')
    await expectOneMembersEvent(() => call(server.url, owner, 'POST', `/api/agreements/${id}/members`, { email: member.email, role: 'drafter' }), 201)
  })

  it('adding a party', async () => {
    await expectOneMembersEvent(async () => {
      const res = await call(server.url, owner, 'POST', `/api/agreements/${id}/parties`, { name: 'Föreningen Gemenskap', type: 'idea_driven' })
      partyId = res.body.id
      return res
    }, 201)
  })

  it("changing a member's party and mandate", async () => {
    await expectOneMembersEvent(() => call(server.url, owner, 'PATCH', `/api/agreements/${id}/members/${member.userId}`, { partyId, mandate: 'Ordförande, firmatecknare' }), 200)
  })

  it("changing a member's role (also an access change) sends one event, not two", async () => {
    await expectOneMembersEvent(() => call(server.url, owner, 'PATCH', `/api/agreements/${id}/members/${member.userId}`, { role: 'reviewer' }), 200)
  })

  it('renaming a party', async () => {
    await expectOneMembersEvent(() => call(server.url, owner, 'PATCH', `/api/agreements/${id}/parties/${partyId}`, { name: 'Föreningen Gemenskap Syd' }), 200)
  })

  it('accepting an invitation', async () => {
    const invitation = await call(server.url, owner, 'POST', `/api/agreements/${id}/invitations`, { role: 'viewer' })
    const guest = await signUp(server.url, 'Gäst')
    await expectOneMembersEvent(() => call(server.url, guest, 'POST', `/api/invitations/${invitation.body.token}/accept`, {}), 200)
  })

  it('removing a member', async () => {
    await expectOneMembersEvent(() => call(server.url, owner, 'DELETE', `/api/agreements/${id}/members/${member.userId}`), 204)
  })

  it('reading, and a refused change, send nothing', async () => {
    const stream = await listen()
    try {
      await call(server.url, owner, 'GET', `/api/agreements/${id}/members`)
      expect((await call(server.url, owner, 'POST', `/api/agreements/${id}/members`, { email: 'ingen@example.se', role: 'drafter' })).status).toBe(404)
      await new Promise((r) => setTimeout(r, 150))
      expect(stream.events).toEqual([])
    } finally {
      stream.stop()
    }
  })
})
