import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECTIONS } from '../../schema/index.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'
import * as Y from 'yjs'

/**
 * "Spara som mall" keeps the agreement's shape: a template saved from the 19-section skeleton with
 * free text and a clause starts an agreement with the same 19 sections, headings, free text and
 * clause values.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>
let server: Server
let owner: TestUser

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'mallagare')
})
afterAll(async () => {
  await server.close()
})

interface Json {
  type: string
  attrs?: Record<string, unknown>
  content?: Json[]
  text?: string
}
const textOf = (node: Json): string => (node.text ?? '') + (node.content ?? []).map(textOf).join(node.type === 'paragraph' ? '' : '\n')
const shape = (doc: Json) =>
  (doc.content ?? [])
    .filter((n) => n.type === 'section')
    .map((s) => ({
      kind: s.attrs?.kind,
      heading: textOf(s.content![0]!),
      blocks: s.content!.slice(1).map((b) => (b.type === 'clause' ? `clause:${b.attrs?.clauseId}:${JSON.stringify(b.attrs?.params)}` : `${b.type}:${textOf(b)}`)),
    }))

describe('a template saved from an agreement', () => {
  it('keeps all 19 sections, their headings, free text and clause values', async () => {
    const org = await call(server.url, owner, 'POST', '/api/organisations', { name: 'Malmö stad', type: 'public' })
    expect(org.status).toBe(201)
    const created = await call(server.url, owner, 'POST', '/api/agreements', { title: 'IOP Förlaga', municipality: 'Malmö', lang: 'sv', skeleton: true })
    expect(created.status).toBe(201)
    const id = created.body.id as string

    // Free text in two sections, typed over the websocket as a browser would.
    const client = connectClient(server.url, id, owner)
    await client.synced()
    const fragment = client.doc.getXmlFragment('prosemirror')
    const sections = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'section')
    expect(sections).toHaveLength(19)
    const addParagraph = (section: Y.XmlElement, text: string): void => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(text)])
      section.insert(section.length, [p])
    }
    client.doc.transact(() => {
      addParagraph(sections[1]!, 'Barn i Rosengård saknar en trygg plats efter skolan.')
      addParagraph(sections[18]!, 'Undertecknas digitalt av båda parter.')
    })
    await waitFor(async () => JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${id}`)).body.content).includes('Undertecknas digitalt'), {
      what: 'the free text to reach the server',
    })
    client.destroy()

    const before = await call(server.url, owner, 'GET', `/api/agreements/${id}`)
    const saved = await call(server.url, owner, 'POST', `/api/organisations/${org.body.id}/templates/from-agreement`, { agreementId: id, name: { sv: 'Malmös förlaga', en: 'Malmö template' } })
    expect(saved.status).toBe(201)
    expect(saved.body.skipped).toEqual([])
    expect(saved.body.template.outline).toHaveLength(19)

    const fromTemplate = await call(server.url, owner, 'POST', '/api/agreements', { title: 'IOP Ny från mall', municipality: 'Malmö', templateId: saved.body.template.id })
    expect(fromTemplate.status).toBe(201)
    const after = await call(server.url, owner, 'GET', `/api/agreements/${fromTemplate.body.id}`)
    // Editing the template's name keeps its outline; an outsider cannot edit it.
    const renamed = await call(server.url, owner, 'PATCH', `/api/templates/${saved.body.template.id}`, { name: { sv: 'Malmös nya förlaga', en: 'Malmö new template' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body.name.sv).toBe('Malmös nya förlaga')
    expect(renamed.body.outline).toEqual(saved.body.template.outline)
    const outsider = await signUp(server.url, 'utomstaende')
    expect((await call(server.url, outsider, 'PATCH', `/api/templates/${saved.body.template.id}`, { name: { sv: 'x', en: 'x' } })).status).toBe(404)
    expect((await call(server.url, owner, 'PATCH', `/api/templates/${saved.body.template.id}`, { items: [] })).status).toBe(400)
    const [was, is] = [shape(before.body.content), shape(after.body.content)]
    expect(is).toHaveLength(19)
    expect(is).toEqual(was)
    expect(is.map((s) => s.kind)).toEqual(SECTIONS.map((s) => s.id))
    expect(is[1]!.blocks).toContain('paragraph:Barn i Rosengård saknar en trygg plats efter skolan.')
    expect(is[18]!.blocks).toContain('paragraph:Undertecknas digitalt av båda parter.')
    // The new agreement is its own: fresh uids, so review records of the original never apply to it.
    const uids = (doc: Json) => (doc.content ?? []).filter((n) => n.type === 'section').map((n) => n.attrs?.uid)
    expect(uids(after.body.content).some((u) => uids(before.body.content).includes(u))).toBe(false)
  })

  it('refuses an outline that smuggles a section or clause in as free text, by falling back to the clause layout', async () => {
    const org = (await call(server.url, owner, 'GET', '/api/organisations')).body.organisations[0].id as string
    const template = await call(server.url, owner, 'POST', `/api/organisations/${org}/templates`, {
      name: { sv: 'Handskriven', en: 'Hand-written' },
      lang: 'sv',
      items: [{ clauseId: 'termination.gradual_winddown', params: { notice_months: 6, plan_weeks: 4 } }],
      outline: [{ kind: 'termination', blocks: [{ text: { type: 'section', content: [{ type: 'paragraph' }] } }, { clause: 0 }] }],
    })
    expect(template.status).toBe(201)
    const created = await call(server.url, owner, 'POST', '/api/agreements', { title: 'X', municipality: 'Y', templateId: template.body.id })
    expect(created.status).toBe(201)
    const content = (await call(server.url, owner, 'GET', `/api/agreements/${created.body.id}`)).body.content as Json
    expect(shape(content)).toEqual([{ kind: 'termination', heading: 'Uppsägning och avveckling', blocks: ['clause:termination.gradual_winddown:{"notice_months":6,"plan_weeks":4}'] }])
  })
})
