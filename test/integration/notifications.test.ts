import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer } from '../support/in-process-server.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient, createAgreement } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

/**
 * The inbox against a real server: who is told what, never the person who acted, read state per
 * person, the live stream, and "the section you approved was changed" from a real Yjs edit.
 */
let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser, drafter: TestUser, reviewer: TestUser
let agreementId: string

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ägare')
  drafter = await signUp(server.url, 'Skribent')
  reviewer = await signUp(server.url, 'Jurist')
  agreementId = await createAgreement(server.url, owner, { title: 'Notisavtal', skeleton: true })
  await addMember(server.url, owner, agreementId, drafter, 'drafter')
  await addMember(server.url, owner, agreementId, reviewer, 'reviewer')
})
afterAll(async () => {
  await server.close()
})

const inbox = async (user: TestUser) =>
  (await call(server.url, user, 'GET', '/api/notifications')).body as {
    unread: number
    notifications: { id: string; kind: string; actorName: string; target: string | null; excerpt: string; read: boolean; agreementTitle: string }[]
  }
const encode = (rp: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rp)).toString('base64')

/** Reads the person's notification stream until `count` `notifications` events arrived. */
async function streamEvents(user: TestUser, count: number, act: () => Promise<void>): Promise<string[]> {
  const controller = new AbortController()
  const res = await fetch(`${server.url}/api/notifications/stream`, { headers: { cookie: user.cookie }, signal: controller.signal })
  expect(res.status).toBe(200)
  const reader = res.body!.getReader()
  const events: string[] = []
  let buffer = ''
  const reading = (async () => {
    while (events.length < count) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += new TextDecoder().decode(value)
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        if (block.startsWith('event: notifications')) events.push(block.split('\n')[1] ?? '')
      }
    }
  })()
  await act()
  await Promise.race([reading, new Promise((r) => setTimeout(r, 5000))])
  controller.abort()
  return events
}

describe('notifications', () => {
  let sectionUid = ''
  it('tells a mentioned member at once, over their stream, and nobody else', async () => {
    const client = connectClient(server.url, agreementId, drafter)
    await client.synced()
    const section = client.doc.getXmlFragment('prosemirror').get(15) as Y.XmlElement
    const paragraph = section.get(1) as Y.XmlElement
    const text = new Y.XmlText('Uppsägningstiden är sex månader.')
    paragraph.insert(0, [text])
    sectionUid = String(section.getAttribute('uid'))
    await waitFor(async () => JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.content).includes('sex månader'))
    const anchor = { start: encode(Y.createRelativePositionFromTypeIndex(text, 20)), end: encode(Y.createRelativePositionFromTypeIndex(text, 31)) }

    const events = await streamEvents(drafter, 1, async () => {
      const opened = await call(server.url, reviewer, 'POST', `/api/agreements/${agreementId}/comments`, {
        anchor,
        quote: 'sex månader',
        body: '@Skribent räcker det?',
        mentions: [drafter.userId, reviewer.userId],
      })
      expect(opened.status).toBe(201)
    })
    expect(events).toEqual(['data: {"unread":1}'])
    const mine = await inbox(drafter)
    expect(mine.unread).toBe(1)
    expect(mine.notifications[0]).toMatchObject({ kind: 'mention', actorName: 'Jurist', excerpt: '@Skribent räcker det?', read: false, agreementTitle: 'Notisavtal' })
    // The thread is the link's target.
    const threads = (await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/comments`)).body.threads as { id: string }[]
    expect(mine.notifications[0]!.target).toBe(threads[0]!.id)
    // The author mentioned themselves: no notification for the one who acted; the owner was not mentioned.
    expect((await inbox(reviewer)).unread).toBe(0)
    expect((await inbox(owner)).unread).toBe(0)
    client.destroy()
  })

  it('tells reviewers of a section ready for review, and writers of an approval or requested changes', async () => {
    expect((await call(server.url, drafter, 'PUT', `/api/agreements/${agreementId}/reviews/${sectionUid}`, { status: 'ready_for_review' })).status).toBe(200)
    await waitFor(async () => (await inbox(reviewer)).unread === 1)
    expect((await inbox(reviewer)).notifications[0]).toMatchObject({ kind: 'ready_for_review', actorName: 'Skribent', target: sectionUid, excerpt: 'Uppsägning och avveckling' })

    expect((await call(server.url, reviewer, 'PUT', `/api/agreements/${agreementId}/reviews/${sectionUid}`, { status: 'changes_requested', note: 'Nio månader.' })).status).toBe(200)
    await waitFor(async () => (await inbox(owner)).unread === 1)
    expect((await inbox(owner)).notifications[0]).toMatchObject({ kind: 'changes_requested', excerpt: 'Uppsägning och avveckling: Nio månader.' })
    expect((await call(server.url, reviewer, 'PUT', `/api/agreements/${agreementId}/reviews/${sectionUid}`, { status: 'approved' })).status).toBe(200)
    await waitFor(async () => (await inbox(drafter)).notifications.some((n) => n.kind === 'approved'))
    // The reviewer acted: nothing in their inbox but the ready-for-review.
    expect((await inbox(reviewer)).notifications.map((n) => n.kind)).toEqual(['ready_for_review'])
  })

  it('tells the approver once when the approved section is edited afterwards', async () => {
    const client = connectClient(server.url, agreementId, drafter)
    await client.synced()
    const section = client.doc.getXmlFragment('prosemirror').get(15) as Y.XmlElement
    ;((section.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Ändrat: ')
    await waitFor(async () => (await inbox(reviewer)).notifications.some((n) => n.kind === 'approved_section_changed'), { timeoutMs: 15_000 })
    ;((section.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Igen: ')
    await new Promise((r) => setTimeout(r, 4000))
    const changed = (await inbox(reviewer)).notifications.filter((n) => n.kind === 'approved_section_changed')
    expect(changed).toHaveLength(1)
    expect(changed[0]).toMatchObject({ target: sectionUid, excerpt: 'Uppsägning och avveckling' })
    client.destroy()
  })

  it('keeps read state per person; another person’s ids change nothing', async () => {
    const drafterInbox = await inbox(drafter)
    expect(drafterInbox.unread).toBeGreaterThan(0)
    const ids = drafterInbox.notifications.map((n) => n.id)
    expect((await call(server.url, owner, 'POST', '/api/notifications/read', { ids })).status).toBe(204)
    expect((await inbox(drafter)).unread).toBe(drafterInbox.unread)
    expect((await call(server.url, drafter, 'POST', '/api/notifications/read', { ids: [ids[0]] })).status).toBe(204)
    expect((await inbox(drafter)).unread).toBe(drafterInbox.unread - 1)
    expect((await call(server.url, drafter, 'POST', '/api/notifications/read', { all: true })).status).toBe(204)
    expect((await inbox(drafter)).unread).toBe(0)
    // The owner's own two (changes requested, approved) are untouched by the drafter's "all".
    expect((await inbox(owner)).unread).toBe(2)
    expect((await call(server.url, drafter, 'POST', '/api/notifications/read', { ids: [] })).status).toBe(400)
    expect((await call(server.url, null, 'GET', '/api/notifications')).status).toBe(401)
  })
})
