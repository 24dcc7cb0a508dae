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
      await waitFor(
        async () => {
          const now = await call(server.url, owner, 'GET', `/api/agreements/${id}/validation`)
          return now.body.sections.find((s: { id: string }) => s.id === 'duration')?.status === 'present'
        },
        { what: 'the duration section to become present' },
      )
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

  it('caches the report by document state, parties and language; an edit or a new party invalidates it', async () => {
    const id = await createAgreement(server.url, owner, { skeleton: true })
    const get = async (lang = 'sv') => {
      const res = await fetch(`${server.url}/api/agreements/${id}/validation?lang=${lang}`, { headers: { cookie: owner.cookie } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      return { cache: res.headers.get('x-validation-cache'), body: (await res.json()) as { sections: { id: string; status: string; message: string }[] } }
    }
    const status = (r: Awaited<ReturnType<typeof get>>, section: string) => r.body.sections.find((s) => s.id === section)?.status
    const client = connectClient(server.url, id, owner)
    try {
      await client.synced()
      // The agreement is open (loaded on the server): its cache key is the live document's version.
      const first = await get()
      expect(first.cache).toBe('miss')
      const again = await get()
      expect(again.cache).toBe('hit')
      expect(again.body).toEqual(first.body)
      // Another language is another report.
      const english = await get('en')
      expect(english.cache).toBe('miss')
      expect(english.body.sections[0]!.message).not.toBe(first.body.sections[0]!.message)
      expect((await get('en')).cache).toBe('hit')

      // A co-author's edit: the next GET validates the new text.
      expect(status(first, 'duration')).not.toBe('present')
      const fragment = client.doc.getXmlFragment('prosemirror')
      const section = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('kind') === 'duration') as Y.XmlElement
      ;(section.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Överenskommelsen gäller från och med 2027-01-01 till och med 2029-12-31.')])
      let edited: Awaited<ReturnType<typeof get>> | null = null
      await waitFor(
        async () => {
          edited = await get()
          return status(edited, 'duration') === 'present'
        },
        { what: 'the edit to reach the report' },
      )
      expect(edited!.cache).toBe('miss')
      expect((await get()).cache).toBe('hit')

      // Deleting the text again (a deletion adds no new content to the state vector) is a new state too.
      const paragraph = section.get(1) as Y.XmlElement
      paragraph.delete(0, paragraph.length)
      await waitFor(async () => status(await get(), 'duration') !== 'present', { what: 'the deletion to reach the report' })

      // Registering a party changes the input without touching the text.
      const before = await get()
      expect(before.cache).toBe('hit')
      expect((await call(server.url, owner, 'POST', `/api/agreements/${id}/parties`, { name: 'Exempelby kommun', type: 'public', orgNr: null })).status).toBe(201)
      expect((await get()).cache).toBe('miss')
    } finally {
      client.destroy()
    }
  })

  it('refuses an unknown language and non-members', async () => {
    const id = await createAgreement(server.url, owner)
    expect((await call(server.url, owner, 'GET', `/api/agreements/${id}/validation?lang=de`)).status).toBe(400)
    const stranger = await signUp(server.url)
    expect((await call(server.url, stranger, 'GET', `/api/agreements/${id}/validation`)).status).toBe(404)
  })
})
