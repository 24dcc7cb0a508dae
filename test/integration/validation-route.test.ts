import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SECTION_IDS } from '../../schema/sections.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient, createAgreement } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'

let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser
beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url)
})
afterAll(() => server.close())

describe('GET /api/agreements/:id/validation', () => {
  it('reports every section once, and follows the live text as the group types', async () => {
    const id = await createAgreement(server.url, owner, { skeleton: true })
    const first = await call(server.url, owner, 'GET', `/api/agreements/${id}/validation?lang=en`)
    expect(first.status).toBe(200)
    expect(first.body.sections.map((s: { id: string }) => s.id)).toEqual([...SECTION_IDS])
    const duration = () => first.body.sections.find((s: { id: string }) => s.id === 'duration')
    expect(duration().status).not.toBe('present')

    const client = connectClient(server.url, id, owner)
    try {
      await client.synced()
      const fragment = client.doc.getXmlFragment('prosemirror')
      const section = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('kind') === 'duration') as Y.XmlElement
      ;(section.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Överenskommelsen gäller från och med 2027-01-01 till och med 2029-12-31.')])
      await waitFor(async () => {
        const now = await call(server.url, owner, 'GET', `/api/agreements/${id}/validation`)
        return now.body.sections.find((s: { id: string }) => s.id === 'duration')?.status === 'present'
      }, { what: 'the duration section to become present' })
    } finally {
      client.destroy()
    }
  })

  it('checks the parties registered in the Parter panel, not only names found in the text', async () => {
    const id = await createAgreement(server.url, owner, { skeleton: true })
    const pm = async () => {
      const r = await call(server.url, owner, 'GET', `/api/agreements/${id}/validation?lang=sv`)
      const s = r.body.sections.find((x: { id: string }) => x.id === 'parties_and_mandates')
      return Object.fromEntries(s.checks.map((c: { code: string; verdict: string }) => [c.code, c.verdict]))
    }
    // The skeleton names no party: with none registered, two parties cannot be found.
    expect((await pm()).PM1).not.toBe('met')
    expect((await call(server.url, owner, 'POST', `/api/agreements/${id}/parties`, { name: 'Exempelby kommun', type: 'public', orgNr: null })).status).toBe(201)
    expect((await call(server.url, owner, 'POST', `/api/agreements/${id}/parties`, { name: 'Föreningen Kronan', type: 'idea_driven', orgNr: null })).status).toBe(201)
    const after = await pm()
    expect(after.PM1).toBe('met')
    expect(after.PM2).toBe('met')
  })

  it('refuses an unknown language and non-members', async () => {
    const id = await createAgreement(server.url, owner)
    expect((await call(server.url, owner, 'GET', `/api/agreements/${id}/validation?lang=de`)).status).toBe(400)
    const stranger = await signUp(server.url)
    expect((await call(server.url, stranger, 'GET', `/api/agreements/${id}/validation`)).status).toBe(404)
  })
})
