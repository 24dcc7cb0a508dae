import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import { schema } from '../../schema/schema.ts'
import { buildClauseNode } from '../../clause-library/index.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'
import { flat, pdfPages, pdfText, pdfToPngs, soffice } from '../support/office.ts'

/**
 * The Word export end to end: an agreement built as a writing group builds it (a template with filled
 * clauses, parties, members with mandates, text typed over Yjs), exported over HTTP, then opened by
 * LibreOffice (one conversion to PDF) and read back as text.
 */
let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser
let signer: TestUser
let chair: TestUser
let viewer: TestUser
let agreementId: string
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-export-'))
/** Kept for people to look at (pdftoppm output), outside the temporary folder. */
const shots = path.join(process.cwd(), 'test-results', 'export-docx')

const EXTRA = {
  type: 'section',
  attrs: { kind: 'activities', uid: 'extra-activities' },
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Verksamhet och insatser' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Läxhjälpen ' },
        { type: 'text', text: 'genomför', marks: [{ type: 'strong' }] },
        { type: 'text', text: ' insatserna ' },
        { type: 'text', text: 'tillsammans', marks: [{ type: 'em' }] },
        { type: 'text', text: ' med kommunen.' },
      ],
    },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Insatser per termin' }] },
    {
      type: 'bullet_list',
      content: [
        { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Läxhjälp fyra dagar i veckan' }] }] },
        { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Föräldraträffar två gånger per termin' }] }] },
      ],
    },
    {
      type: 'ordered_list',
      attrs: { order: 1 },
      content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rekrytera ideella läxhjälpare' }] }] }],
    },
    {
      type: 'table',
      content: [
        {
          type: 'table_row',
          content: [
            { type: 'table_cell', attrs: { header: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Insats' }] }] },
            { type: 'table_cell', attrs: { header: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kostnadsansvar' }] }] },
          ],
        },
        {
          type: 'table_row',
          content: [
            { type: 'table_cell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Samordnare' }] }] },
            { type: 'table_cell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Läxhjälpen i Granvik' }] }] },
          ],
        },
      ],
    },
  ],
}

beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Anna Ägare')
  signer = await signUp(server.url, 'Sara Socialchef')
  chair = await signUp(server.url, 'Olle Ordförande')
  viewer = await signUp(server.url, 'Vera Läsare')

  const org = await call(server.url, owner, 'POST', '/api/organisations', { name: 'Granviks kommun', type: 'public' })
  const template = await call(server.url, owner, 'POST', `/api/organisations/${org.body.id}/templates`, {
    name: { sv: 'Granviks mall', en: 'Granvik template' },
    lang: 'sv',
    items: [
      { clauseId: 'duration.fixed_term', params: { start_date: '2027-01-01', end_date: '2029-12-31' } },
      { clauseId: 'termination.gradual_winddown', params: { notice_months: 14, plan_weeks: 6 } },
    ],
  })
  expect(template.status).toBe(201)
  const created = await call(server.url, owner, 'POST', '/api/agreements', { title: 'IOP Läxhjälp Granvik', municipality: 'Granviks kommun', templateId: template.body.id })
  expect(created.status).toBe(201)
  agreementId = created.body.id

  const kommun = await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/parties`, { name: 'Granviks kommun', type: 'public', orgNr: '212000-1234' })
  const forening = await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/parties`, { name: 'Föreningen Läxhjälpen i Granvik', type: 'idea_driven', orgNr: '802456-7890' })
  await addMember(server.url, owner, agreementId, signer, 'drafter')
  await addMember(server.url, owner, agreementId, chair, 'drafter')
  await addMember(server.url, owner, agreementId, viewer, 'viewer')
  await call(server.url, owner, 'PATCH', `/api/agreements/${agreementId}/members/${signer.userId}`, { partyId: kommun.body.id, mandate: 'Socialchef enligt delegationsordningen punkt 2.4' })
  await call(server.url, owner, 'PATCH', `/api/agreements/${agreementId}/members/${chair.userId}`, { partyId: forening.body.id, mandate: 'Ordförande enligt styrelsens beslut 2025-05-14' })

  // Typed by a drafter over Yjs, as in the editor: a section with bold, italic, lists and a table.
  const client = connectClient(server.url, agreementId, signer)
  await client.synced()
  const scratch = new Y.Doc()
  const temp = scratch.getXmlFragment('tmp')
  prosemirrorToYXmlFragment(schema.nodeFromJSON({ type: 'doc', content: [{ type: 'title' }, EXTRA] }), temp)
  const section = (temp.get(1) as Y.XmlElement).clone()
  client.doc.getXmlFragment('prosemirror').insert(1, [section])
  await waitFor(async () => JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.content).includes('Föräldraträffar'), {
    what: 'the typed section to reach the server',
  })
  client.destroy()
})
afterAll(() => server.close())

async function download(user: TestUser, query = ''): Promise<Response> {
  return fetch(`${server.url}/api/agreements/${agreementId}/export.docx${query}`, { headers: { cookie: user.cookie } })
}

describe('GET /api/agreements/:id/export.docx', () => {
  it('is a Word file LibreOffice opens, with every heading, party, a filled value, the signature page and the appendix', async () => {
    const res = await download(viewer, '?appendix=1')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toContain('attachment; filename="IOP Laxhjalp Granvik.docx"')
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('IOP Läxhjälp Granvik.docx')}`)
    const bytes = Buffer.from(await res.arrayBuffer())

    // What Word reads: A4, Swedish language, automatic hyphenation, page X of Y in the footer.
    const zip = await JSZip.loadAsync(bytes)
    const documentXml = await zip.file('word/document.xml')!.async('string')
    expect(documentXml).toContain('w:w="11906"')
    expect(documentXml).toContain('w:h="16838"')
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:val="sv-SE"')
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('w:autoHyphenation')
    const footers = await Promise.all(zip.file(/word\/footer\d*\.xml/).map((f) => f.async('string')))
    expect(footers.join('')).toContain('NUMPAGES')

    const file = path.join(work, 'export.docx')
    fs.writeFileSync(file, bytes)
    const pdf = await soffice(file, 'pdf', work)
    const pages = await pdfPages(pdf)
    fs.rmSync(shots, { recursive: true, force: true })
    fs.mkdirSync(shots, { recursive: true })
    expect(await pdfToPngs(pdf, path.join(shots, 'page'))).toHaveLength(pages)
    const text = flat(await pdfText(pdf))

    for (const heading of ['IOP Läxhjälp Granvik', 'Avtalstid', 'Uppsägning och avveckling', 'Verksamhet och insatser', 'Insatser per termin', 'Underskrifter', 'Bilaga: Klausulförteckning']) {
      expect(text, heading).toContain(heading)
    }
    expect(text).toContain('Granviks kommun, org.nr 212000-1234')
    expect(text).toContain('Föreningen Läxhjälpen i Granvik, org.nr 802456-7890')
    // Filled clause values, as plain text.
    expect(text).toContain('2029-12-31')
    expect(text).toMatch(/14 månader/)
    // Lists and the table keep their text.
    expect(text).toContain('Föräldraträffar två gånger per termin')
    expect(text).toContain('Kostnadsansvar')
    // One signature block per party, with the signatory's mandate and the three lines.
    expect(text).toContain('Socialchef enligt delegationsordningen punkt 2.4')
    expect(text).toContain('Ordförande enligt styrelsens beslut 2025-05-14')
    expect(text.split('Ort och datum').length - 1).toBe(2)
    expect(text.split('Namnförtydligande').length - 1).toBe(2)
    // The appendix lists both library clauses, not deviating, and says truthfully that no one has
    // approved the library's suggestions.
    expect(text).toContain('duration.fixed_term')
    expect(text).toContain('termination.gradual_winddown')
    expect(text.split('Ej godkänd').length - 1).toBe(2)
    expect(text).not.toContain('Överens juridisk granskning')
    expect(text).toMatch(/Sida 1 av \d+/)
    // Title and body, the signature page, the appendix: each of the last two starts a page.
    expect(pages).toBeGreaterThanOrEqual(3)
  }, 240_000)

  it('exports a named version instead of now, and is audited', async () => {
    const saved = await call(server.url, owner, 'POST', `/api/agreements/${agreementId}/versions`, { name: 'Till nämnden' })
    expect(saved.status).toBe(201)
    const res = await download(owner, `?version=${saved.body.id}`)
    expect(res.status).toBe(200)
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('IOP Läxhjälp Granvik – Till nämnden.docx')
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('Till nämnden')
    expect(xml).not.toContain('Klausulförteckning')

    expect((await download(owner, '?version=no-such-version')).status).toBe(404)
    const audit = await call(server.url, owner, 'GET', `/api/agreements/${agreementId}/audit`)
    const exports = audit.body.entries.filter((e: { action: string }) => e.action === 'exported')
    expect(exports.map((e: { details: { format: string } }) => e.details.format)).toContain('docx')
    expect(exports.some((e: { details: { versionId?: string } }) => e.details.versionId === saved.body.id)).toBe(true)
  })

  it('comes back in through the Word import with its sections typed as they were', async () => {
    const bytes = Buffer.from(await (await download(owner)).arrayBuffer())
    const res = await fetch(`${server.url}/api/agreements/import?municipality=Granvik`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: new Uint8Array(bytes),
    })
    expect(res.status).toBe(201)
    const imported = (await res.json()) as { title: string; sections: { heading: string; kind: string | null }[]; parties: { name: string; orgNr: string }[] }
    expect(imported.title).toBe('IOP Läxhjälp Granvik')
    const kinds = Object.fromEntries(imported.sections.map((s) => [s.heading, s.kind]))
    expect(kinds).toMatchObject({ 'Verksamhet och insatser': 'activities', Avtalstid: 'duration', 'Uppsägning och avveckling': 'termination', Underskrifter: 'signatures' })
    expect(imported.parties.map((p) => `${p.name} ${p.orgNr}`)).toEqual(['Granviks kommun 212000-1234', 'Föreningen Läxhjälpen i Granvik 802456-7890'])
  })

  it('lists a clause whose wording was edited as deviating from the approved wording', async () => {
    const client = connectClient(server.url, agreementId, signer)
    await client.synced()
    const clauses: Y.XmlElement[] = []
    const walk = (el: Y.XmlElement | Y.XmlFragment) => {
      for (const child of el.toArray()) {
        if (!(child instanceof Y.XmlElement)) continue
        if (child.nodeName === 'clause') clauses.push(child)
        walk(child)
      }
    }
    walk(client.doc.getXmlFragment('prosemirror'))
    const termination = clauses.find((c) => c.getAttribute('clauseId') === 'termination.gradual_winddown')!
    const paragraph = termination.get(0) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(0, 'Efter överenskommelse i styrgruppen: ')
    await waitFor(async () => JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.content).includes('Efter överenskommelse i styrgruppen'), {
      what: 'the edited clause to reach the server',
    })
    client.destroy()

    const zip = await JSZip.loadAsync(Buffer.from(await (await download(owner, '?appendix=1')).arrayBuffer()))
    const xml = await zip.file('word/document.xml')!.async('string')
    const row = (clauseId: string) => {
      const start = xml.indexOf(`>${clauseId}<`)
      return xml.slice(start, xml.indexOf('</w:tr>', start))
    }
    expect(row('termination.gradual_winddown')).toContain('>Ja<')
    expect(row('duration.fixed_term')).toContain('>Nej<')
  })

  it('is for members only', async () => {
    const stranger = await signUp(server.url)
    expect((await download(stranger)).status).toBe(404)
    expect((await fetch(`${server.url}/api/agreements/${agreementId}/export.docx`)).status).toBe(401)
  })
})

describe('the clause appendix with an organisation’s clause', () => {
  it('finds the organisation by the namespace in the text and names the approved version and its approver', async () => {
    const lawyer = await signUp(server.url, 'Ann Kommunjurist')
    const org = await call(server.url, owner, 'POST', '/api/organisations', { name: 'Granviks kommun', type: 'public' })
    expect(org.status).toBe(201)
    expect((await call(server.url, owner, 'POST', `/api/organisations/${org.body.id}/members`, { email: lawyer.email, role: 'lawyer' })).status).toBe(201)
    const made = await call(server.url, owner, 'POST', `/api/organisations/${org.body.id}/clauses`, {
      id: 'termination.appendix_check',
      sectionId: 'termination',
      parameters: [],
      text: { sv: 'Avtalet kan sägas upp med tre månaders varsel.', en: 'The agreement may be terminated with three months’ notice.' },
    })
    expect(made.status).toBe(201)
    const approved = await call(server.url, lawyer, 'POST', `/api/organisations/${org.body.id}/clauses/termination.appendix_check/versions/1/approve`, { note: 'Granskad' })
    expect(approved.status).toBe(200)
    const clauseId = `org:${org.body.slug}/termination.appendix_check`
    expect(approved.body.clause.id).toBe(clauseId)

    const created = await call(server.url, owner, 'POST', '/api/agreements', { title: 'IOP Bilaga', municipality: 'Granviks kommun' })
    const id = created.body.id as string
    const client = connectClient(server.url, id, owner)
    try {
      await client.synced()
      const { nodes: n } = schema
      const doc = n.doc!.create(null, [
        n.title!.create(null, [schema.text('IOP Bilaga')]),
        n.section!.create({ kind: 'termination', uid: 'sec-appendix' }, [
          n.heading!.create({ level: 2 }, [schema.text('Uppsägning')]),
          buildClauseNode(approved.body.clause, {}, 'sv', 'clause-appendix'),
        ]),
      ])
      const fragment = client.doc.getXmlFragment('prosemirror')
      client.doc.transact(() => fragment.delete(0, fragment.length))
      prosemirrorToYXmlFragment(doc, fragment)
      await waitFor(async () => JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${id}`)).body.content).includes(clauseId), { what: 'the clause to reach the server' })
    } finally {
      client.destroy()
    }

    const res = await fetch(`${server.url}/api/agreements/${id}/export.docx?appendix=1`, { headers: { cookie: owner.cookie } })
    expect(res.status).toBe(200)
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string')
    const start = xml.indexOf(`>${clauseId}<`)
    expect(start).toBeGreaterThan(0)
    const row = xml.slice(start, xml.indexOf('</w:tr>', start))
    expect(row).toContain('>Ann Kommunjurist<')
    expect(row).toContain('>Nej<')
  })
})
