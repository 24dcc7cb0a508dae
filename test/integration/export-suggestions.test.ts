import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import { schema } from '../../schema/schema.ts'
import { YJS_ROOT } from '../../schema/version.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { addMember, call, signUp, type TestUser } from '../support/accounts.ts'
import { connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'
import { soffice } from '../support/office.ts'

/**
 * Suggested changes in the Word export, end to end: a reviewer suggests over HTTP on a real server,
 * the export writes them as Word revisions (w:del / w:ins with her name and the time), the clean
 * export reads the text as it is, and LibreOffice opens the tracked file and reads the revisions.
 */
let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser, drafter: TestUser, reviewer: TestUser, reviewer2: TestUser
let id: string
let writer: TestClient
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-export-suggestions-'))
const kept = path.join(process.cwd(), 'test-results', 'export-suggestions')

const BEFORE = 'Varje part får säga upp avtalet med '
const BOLD = 'sex månaders'
const AFTER = ' uppsägningstid. Parterna tar fram en avvecklingsplan.'

beforeAll(async () => {
  server = await startTestServer()
  ;[owner, drafter, reviewer, reviewer2] = await Promise.all([
    signUp(server.url, 'Ägare'),
    signUp(server.url, 'Dina Skribent'),
    signUp(server.url, 'Rune Jurist'),
    signUp(server.url, 'Vera Granskare'),
  ])
  id = await createAgreement(server.url, owner, { title: 'IOP Läxhjälp' })
  await addMember(server.url, owner, id, drafter, 'drafter')
  await addMember(server.url, owner, id, reviewer, 'reviewer')
  await addMember(server.url, owner, id, reviewer2, 'reviewer')
  writer = connectClient(server.url, id, drafter)
  await writer.synced()
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'title', content: [{ type: 'text', text: 'IOP Läxhjälp' }] },
      {
        type: 'section',
        attrs: { kind: 'termination', uid: 'sec-termination' },
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Uppsägning' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: BEFORE },
              { type: 'text', text: BOLD, marks: [{ type: 'strong' }] },
              { type: 'text', text: AFTER },
            ],
          },
        ],
      },
    ],
  })
  prosemirrorToYXmlFragment(doc, writer.doc.getXmlFragment(YJS_ROOT))
  await waitFor(async () => JSON.stringify((await call(server.url, drafter, 'GET', `/api/agreements/${id}`)).body.content).includes('avvecklingsplan'), { what: 'the content to reach the server' })
})
afterAll(async () => {
  writer.destroy()
  await server.close()
  fs.rmSync(work, { recursive: true, force: true })
})

const paragraphText = (doc: Y.Doc): Y.XmlText => ((doc.getXmlFragment(YJS_ROOT).get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText
const plain = (text: Y.XmlText): string => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('')
const encode = (rp: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rp)).toString('base64')
const headingText = (doc: Y.Doc): Y.XmlText => ((doc.getXmlFragment(YJS_ROOT).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
function anchorOver(phrase: string, text = paragraphText(writer.doc)): { start: string; end: string } {
  const from = plain(text).indexOf(phrase)
  if (from < 0) throw new Error(`${phrase} not found`)
  return { start: encode(Y.createRelativePositionFromTypeIndex(text, from)), end: encode(Y.createRelativePositionFromTypeIndex(text, from + phrase.length)) }
}

async function documentXml(query: string, user: TestUser = drafter): Promise<{ status: number; xml: string; bytes: Buffer }> {
  const res = await fetch(`${server.url}/api/agreements/${id}/export.docx${query}`, { headers: { cookie: user.cookie } })
  if (res.status !== 200) return { status: res.status, xml: '', bytes: Buffer.alloc(0) }
  const bytes = Buffer.from(await res.arrayBuffer())
  return { status: res.status, xml: await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'), bytes }
}

/** The text of w:t (kept) and w:delText (deleted) runs in document order, with insertions marked. */
function readRevisions(xml: string): { ins: { author: string; date: string; text: string }[]; del: { author: string; date: string; text: string }[] } {
  const pick = (tag: 'ins' | 'del') =>
    [...xml.matchAll(new RegExp(`<w:${tag} ([^>]*)>(.*?)</w:${tag}>`, 'g'))].map((m) => ({
      author: /w:author="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
      date: /w:date="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
      text: [...m[2]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join(''),
    }))
  return { ins: pick('ins'), del: pick('del') }
}

/** The body text as Word shows it with all changes rejected (original) or accepted (proposed). */
function bodyText(xml: string, view: 'original' | 'proposed'): string {
  const without = view === 'original' ? xml.replace(/<w:ins [^>]*>.*?<\/w:ins>/g, '') : xml.replace(/<w:del [^>]*>.*?<\/w:del>/g, '')
  return [...without.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('')
}

describe('open suggestions in the Word export', () => {
  let tracked: Buffer
  it('writes a replacement and a deletion as w:del / w:ins with the reviewer as author and the time; clean has none', async () => {
    // A replacement that starts in plain text and ends inside bold text, and a deletion by another reviewer.
    const replace = await call(server.url, reviewer, 'POST', `/api/agreements/${id}/suggestions`, { anchor: anchorOver('med sex'), originalText: 'med sex', text: 'med tre' })
    expect(replace.status).toBe(201)
    const remove = await call(server.url, reviewer2, 'POST', `/api/agreements/${id}/suggestions`, {
      anchor: anchorOver(' Parterna tar fram en avvecklingsplan.'),
      originalText: ' Parterna tar fram en avvecklingsplan.',
      text: '',
    })
    expect(remove.status).toBe(201)

    const { status, xml, bytes } = await documentXml('')
    expect(status).toBe(200)
    tracked = bytes
    const { ins, del } = readRevisions(xml)
    expect(ins).toEqual([{ author: 'Rune Jurist', date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), text: 'med tre' }])
    expect(del.map((d) => [d.author, d.text])).toEqual([
      ['Rune Jurist', 'med '],
      ['Rune Jurist', 'sex'],
      ['Vera Granskare', ' Parterna tar fram en avvecklingsplan.'],
    ])
    // The date is the suggestion's own, to the second.
    expect(ins[0]!.date).toBe(`${String(replace.body.createdAt).slice(0, 19)}Z`)
    expect(del[2]!.date).toBe(`${String(remove.body.createdAt).slice(0, 19)}Z`)
    // The deleted 'sex' keeps its bold; the whole paragraph reads right both ways.
    expect(xml).toMatch(/<w:del [^>]*>(?:(?!<\/w:del>).)*<w:b\/>(?:(?!<\/w:del>).)*<w:delText[^>]*>sex<\/w:delText>/)
    expect(bodyText(xml, 'original')).toContain(BEFORE + BOLD + AFTER)
    expect(bodyText(xml, 'proposed')).toContain('Varje part får säga upp avtalet med tre månaders uppsägningstid.')
    expect(bodyText(xml, 'proposed')).not.toContain('avvecklingsplan')
    // Revision ids are unique in the document.
    const ids = [...xml.matchAll(/<w:(?:ins|del) [^>]*w:id="(\d+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)

    const explicit = await documentXml('?suggestions=tracked', reviewer)
    expect(readRevisions(explicit.xml).ins).toHaveLength(1)

    const clean = await documentXml('?suggestions=clean')
    expect(clean.xml).not.toMatch(/<w:(ins|del)[ >]/)
    expect(clean.xml).not.toContain('med tre')
    expect(bodyText(clean.xml, 'original')).toContain(BEFORE + BOLD + AFTER)

    expect((await documentXml('?suggestions=all')).status).toBe(400)
    const audit = await call(server.url, owner, 'GET', `/api/agreements/${id}/audit`)
    const modes = audit.body.entries.filter((e: { action: string }) => e.action === 'exported').map((e: { details: { suggestions?: string } }) => e.details.suggestions)
    expect(modes).toEqual(expect.arrayContaining(['tracked', 'clean']))
  })

  it('writes an insertion at its point, in a heading too', async () => {
    const heading = headingText(writer.doc)
    const end = encode(Y.createRelativePositionFromTypeIndex(heading, plain(heading).length))
    const made = await call(server.url, reviewer2, 'POST', `/api/agreements/${id}/suggestions`, { anchor: { start: end, end }, originalText: '', text: ' och avveckling' })
    expect(made.status).toBe(201)
    const { xml } = await documentXml('')
    // In the heading's paragraph, after its text.
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*Uppsägning<\/w:t>(?:(?!<\/w:p>).)*<w:ins [^>]*w:author="Vera Granskare"[^>]*>(?:(?!<\/w:ins>).)*> och avveckling<\/w:t>/)
    const withdrawn = await call(server.url, reviewer2, 'POST', `/api/agreements/${id}/suggestions/${made.body.id}/withdraw`, {})
    expect(withdrawn.status).toBeLessThan(300)
    expect((await documentXml('')).xml).not.toContain('och avveckling')
  })

  it('leaves out what was decided, and what a named version froze', async () => {
    const open = (await call(server.url, drafter, 'GET', `/api/agreements/${id}/suggestions`)).body.suggestions as { id: string; authorName: string }[]
    const vera = open.find((s) => s.authorName === 'Vera Granskare')!
    expect((await call(server.url, drafter, 'POST', `/api/agreements/${id}/suggestions/decide`, { decision: 'reject', ids: [vera.id] })).status).toBe(200)
    const after = readRevisions((await documentXml('')).xml)
    expect(after.del.map((d) => d.author)).toEqual(['Rune Jurist', 'Rune Jurist'])

    const saved = await call(server.url, owner, 'POST', `/api/agreements/${id}/versions`, { name: 'Till nämnden' })
    expect(saved.status).toBe(201)
    const version = await documentXml(`?version=${saved.body.id}`)
    expect(version.status).toBe(200)
    expect(version.xml).not.toMatch(/<w:(ins|del)[ >]/)
    expect(version.xml).toContain('avvecklingsplan')
  })

  it('is opened by LibreOffice, which reads the revisions with their authors', async () => {
    const file = path.join(work, 'tracked.docx')
    fs.writeFileSync(file, tracked)
    // Kept for people to open in Word or LibreOffice and see the Review pane.
    fs.mkdirSync(kept, { recursive: true })
    fs.writeFileSync(path.join(kept, 'tracked.docx'), tracked)
    const odt = await soffice(file, 'odt', work)
    const content = await (await JSZip.loadAsync(fs.readFileSync(odt))).file('content.xml')!.async('string')
    expect(content).toContain('<text:tracked-changes')
    const regions = [...content.matchAll(/<text:changed-region[^>]*>(.*?)<\/text:changed-region>/g)].map((m) => m[1]!)
    const kinds = regions.map((r) => `${/<text:(insertion|deletion)>/.exec(r)?.[1]} ${/<dc:creator>([^<]*)<\/dc:creator>/.exec(r)?.[1]}`)
    expect(kinds).toEqual(expect.arrayContaining(['insertion Rune Jurist', 'deletion Rune Jurist', 'deletion Vera Granskare']))
    // LibreOffice keeps deleted text in the change region itself.
    expect(regions.join('')).toContain('avvecklingsplan')
  }, 240_000)
})
