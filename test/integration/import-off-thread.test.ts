import { Document, HeadingLevel, Packer, Paragraph } from 'docx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'

/**
 * Reading a Word file costs seconds of CPU for a long document (unzip, mammoth's XML tree, the
 * validator over all of it). It runs in a worker thread, so the server keeps answering meanwhile, and
 * a file that takes longer than the deadline is refused instead of holding a worker forever.
 */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const WORDS = 'parterna ska kommunen föreningen verksamhet uppföljning mål ansvar kostnad budget styrgrupp möte risk avtal'.split(' ')

/** A long agreement: 150 sections of 20 paragraphs of 60 words (about 1.4 MB of text). */
async function longDocx(): Promise<Buffer> {
  let seed = 7
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length]!
  const children: Paragraph[] = [new Paragraph({ text: 'Ett mycket långt avtal', heading: HeadingLevel.TITLE })]
  for (let s = 0; s < 150; s++) {
    children.push(new Paragraph({ text: `Avsnitt ${s + 1}`, heading: HeadingLevel.HEADING_1 }))
    for (let p = 0; p < 20; p++) children.push(new Paragraph(`${Array.from({ length: 60 }, word).join(' ')}.`))
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }))
}

async function upload(url: string, person: TestUser, bytes: Buffer, query: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/agreements/import?${query}`, { method: 'POST', headers: { cookie: person.cookie, 'content-type': DOCX }, body: new Uint8Array(bytes) })
  return { status: res.status, body: await res.json() }
}

let long: Buffer
beforeAll(async () => {
  long = await longDocx()
})

describe('reading Word files off the event loop', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let person: TestUser
  beforeAll(async () => {
    server = await startTestServer()
    person = await signUp(server.url, 'Lång Läsare')
  })
  afterAll(() => server.close())

  it('keeps answering while a long draft is read, then shows what it found', async () => {
    let reading = true
    let slowest = 0
    const started = performance.now()
    const imported = upload(server.url, person, long, 'preview=1').finally(() => (reading = false))
    while (reading) {
      const asked = performance.now()
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      slowest = Math.max(slowest, performance.now() - asked)
      await new Promise((r) => setTimeout(r, 20))
    }
    const took = performance.now() - started
    const preview = await imported
    expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200)
    expect(preview.body.sections).toHaveLength(150)
    expect(preview.body.title).toBe('Ett mycket långt avtal')
    // On the server's own thread every health check waited for the whole read (seconds).
    expect(took).toBeGreaterThan(500)
    expect(slowest).toBeLessThan(took / 3)
  }, 120_000)
})

describe('a file that takes longer than the deadline', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let person: TestUser
  beforeAll(async () => {
    server = await startTestServer({ env: { IMPORT_TIMEOUT_MS: '200' } })
    person = await signUp(server.url, 'Otålig Läsare')
  })
  afterAll(() => server.close())

  it('is refused in both languages, and nothing is created', async () => {
    const sv = await upload(server.url, person, long, 'municipality=Ekby&lang=sv')
    expect(sv.status).toBe(422)
    expect(sv.body.error.code).toBe('too_complex')
    expect(sv.body.error.message).toContain('för omfattande')
    const en = await upload(server.url, person, long, 'municipality=Ekby&lang=en')
    expect(en.body.error.message).toContain('too extensive')
    expect((await call(server.url, person, 'GET', '/api/agreements')).body.agreements).toEqual([])
  }, 60_000)
})
