import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer } from '../support/in-process-server.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser, drafter: TestUser, reviewer: TestUser, viewer: TestUser
let agreementId: string
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ägare')
  drafter = await signUp(server.url, 'Skribent')
  reviewer = await signUp(server.url, 'Jurist')
  viewer = await signUp(server.url, 'Läsare')
  agreementId = await createAgreement(server.url, owner, { title: 'Granskningsavtal', skeleton: true })
  await addMember(server.url, owner, agreementId, drafter, 'drafter')
  await addMember(server.url, owner, agreementId, reviewer, 'reviewer')
  await addMember(server.url, owner, agreementId, viewer, 'viewer')
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

function open(user: TestUser): TestClient {
  const c = connectClient(server.url, agreementId, user)
  clients.push(c)
  return c
}

/** The paragraph of the n-th section (1-based after the title), as y-prosemirror stores it. */
function sectionParagraph(doc: Y.Doc, section: number): Y.XmlElement {
  return (doc.getXmlFragment('prosemirror').get(section) as Y.XmlElement).get(1) as Y.XmlElement
}

const encode = (rp: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rp)).toString('base64')
const decodeAt = (doc: Y.Doc, b64: string) => Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(b64, 'base64')), doc)

describe('comments', () => {
  it('keeps a reviewer’s anchor on the same words through concurrent edits and a paragraph split', async () => {
    const writer = open(drafter)
    const lawyer = open(reviewer)
    await Promise.all([writer.synced(), lawyer.synced()])
    const text = new Y.XmlText('Uppsägningstiden är sex månader. Parterna tar fram en avvecklingsplan.')
    sectionParagraph(writer.doc, 15).insert(0, [text])
    await waitFor(() => sectionParagraph(lawyer.doc, 15).length === 1)
    const lawyerText = sectionParagraph(lawyer.doc, 15).get(0) as Y.XmlText
    const from = lawyerText.toString().indexOf('sex månader')
    const anchor = { start: encode(Y.createRelativePositionFromTypeIndex(lawyerText, from)), end: encode(Y.createRelativePositionFromTypeIndex(lawyerText, from + 'sex månader'.length)) }
    const opened = await call(server.url, reviewer, 'POST', `/api/agreements/${agreementId}/comments`, {
      anchor,
      quote: 'sex månader',
      body: '@Skribent räcker sex månader för personalen?',
      mentions: [drafter.userId],
    })
    expect(opened.status).toBe(201)

    // Concurrent edits before the anchor, then a split after it, as y-prosemirror does on Enter.
    text.insert(0, 'Varje part får säga upp avtalet. ')
    const splitAt = text.toString().indexOf(' Parterna')
    const tail = text.toString().slice(splitAt + 1)
    writer.doc.transact(() => {
      text.delete(splitAt, text.length - splitAt)
      const section = writer.doc.getXmlFragment('prosemirror').get(15) as Y.XmlElement
      const next = new Y.XmlElement('paragraph')
      next.insert(0, [new Y.XmlText(tail)])
      section.insert(2, [next])
    })
    await waitFor(() => lawyerText.toString().startsWith('Varje part'))

    const { body } = await call(server.url, viewer, 'GET', `/api/agreements/${agreementId}/comments`)
    const thread = body.threads[0]
    const start = decodeAt(lawyer.doc, thread.anchor.start)!
    const end = decodeAt(lawyer.doc, thread.anchor.end)!
    expect(start.type).toBe(lawyerText)
    expect(lawyerText.toString().slice(start.index, end.index)).toBe('sex månader')
    expect(thread.comments[0].mentions).toEqual([drafter.userId])
    expect(thread.comments[0].authorName).toBe('Jurist')
  })

  it('lets members reply and resolve, refuses viewers, strangers in mentions and garbage anchors', async () => {
    const { body } = await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/comments`)
    const threadId = body.threads[0].id
    expect((await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/comments/${threadId}/replies`, { body: 'Vi föreslår nio.' })).status).toBe(201)
    expect((await call(server.url, viewer, 'POST', `/api/agreements/${agreementId}/comments/${threadId}/replies`, { body: 'Får jag?' })).status).toBe(403)
    const stranger = await signUp(server.url, 'Främling')
    expect((await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/comments/${threadId}/replies`, { body: 'x', mentions: [stranger.userId] })).status).toBe(400)
    expect((await call(server.url, reviewer, 'POST', `/api/agreements/${agreementId}/comments`, { anchor: { start: '!!!', end: '???' }, quote: '', body: 'x' })).status).toBe(400)
    const resolved = await call(server.url, reviewer, 'POST', `/api/agreements/${agreementId}/comments/${threadId}/resolve`, { resolved: true })
    expect(resolved.body.resolvedBy).toBe(reviewer.userId)
    expect(resolved.body.comments).toHaveLength(2)
  })
})

describe('review status', () => {
  it('moves draft → ready → approved, and an edit marks the section changed since approval for everyone', async () => {
    const { body } = await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)
    const termination = body.content.content.find((n: { attrs?: { kind?: string } }) => n.attrs?.kind === 'termination')
    const uid = termination.attrs.uid
    const path = `/api/agreements/${agreementId}/reviews/${uid}`
    expect((await call(server.url, drafter, 'PUT', path, { status: 'ready_for_review' })).status).toBe(200)
    expect((await call(server.url, drafter, 'PUT', path, { status: 'approved' })).status).toBe(403)
    expect((await call(server.url, viewer, 'PUT', path, { status: 'ready_for_review' })).status).toBe(403)
    expect((await call(server.url, reviewer, 'PUT', path, { status: 'approved', note: 'Godkänd av kommunjurist' })).status).toBe(200)
    const before = await call(server.url, viewer, 'GET', `/api/agreements/${agreementId}/reviews`)
    expect(before.body.reviews.find((r: { targetUid: string }) => r.targetUid === uid)).toMatchObject({ status: 'approved', changedSinceApproval: false, byName: 'Jurist' })

    const writer = open(drafter)
    await writer.synced()
    const paragraph = sectionParagraph(writer.doc, 15)
    ;(paragraph.get(0) as Y.XmlText).insert(0, 'Ändrat efter godkännande. ')
    await waitFor(
      async () => {
        const after = await call(server.url, viewer, 'GET', `/api/agreements/${agreementId}/reviews`)
        return after.body.reviews.find((r: { targetUid: string }) => r.targetUid === uid)?.changedSinceApproval === true
      },
      { what: 'the approval to be flagged as changed' },
    )
    expect((await call(server.url, reviewer, 'PUT', `/api/agreements/${agreementId}/reviews/no-such-uid`, { status: 'approved' })).status).toBe(404)
  })
})

describe('named versions', () => {
  it('saves a version, shows what changed since, and records it in the audit log', async () => {
    const saved = await call(server.url, drafter, 'POST', `/api/agreements/${agreementId}/versions`, { name: 'Skickad till styrgruppen 2026-03-01' })
    expect(saved.status).toBe(201)
    expect((await call(server.url, viewer, 'POST', `/api/agreements/${agreementId}/versions`, { name: 'x' })).status).toBe(403)
    const writer = open(drafter)
    await writer.synced()
    ;(sectionParagraph(writer.doc, 15).get(0) as Y.XmlText).insert(0, 'Helt ny inledning. ')
    await waitFor(
      async () => {
        const diff = await call(server.url, viewer, 'GET', `/api/agreements/${agreementId}/diff?from=${saved.body.id}&to=current`)
        return diff.body.blocks.some((b: { parts: { kind: string; text: string }[] }) => b.parts.some((p) => p.kind === 'added' && p.text.includes('ny inledning')))
      },
      { what: 'the diff to show the insertion' },
    )
    const version = await call(server.url, viewer, 'GET', `/api/agreements/${agreementId}/versions/${saved.body.id}`)
    expect(JSON.stringify(version.body.content)).not.toContain('Helt ny inledning')
    expect((await call(server.url, viewer, 'GET', `/api/agreements/${agreementId}/export`)).status).toBe(200)
    const audit = await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/audit`)
    const actions = audit.body.entries.map((e: { action: string }) => e.action)
    for (const action of ['agreement_created', 'member_added', 'review_status_changed', 'version_saved', 'exported']) expect(actions).toContain(action)
  })
})
