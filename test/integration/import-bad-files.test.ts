import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import http from 'node:http'
import zlib from 'node:zlib'
import { Document, Packer, Paragraph } from 'docx'
import { createMacros } from 'docx/macros'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { waitFor } from '../support/wait.ts'

/**
 * Every file the import must refuse, each made for real (a .docm by the docx library, an encrypted zip
 * by zip(1), a zip bomb deflated by zlib): a 4xx with the reason in Swedish and English, and no
 * agreement created.
 */
const run = promisify(execFile)
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-badfiles-'))

let server: Awaited<ReturnType<typeof startTestServer>>
let person: TestUser
let goodDocx: Buffer
beforeAll(async () => {
  server = await startTestServer()
  person = await signUp(server.url, 'Bo Bråkig')
  goodDocx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Parter: Exempelby kommun, org.nr 212000-0000.')] }] }))
})
afterAll(() => server.close())

async function upload(bytes: Buffer | Uint8Array, lang: 'sv' | 'en', type = DOCX): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/api/agreements/import?municipality=Exempelby&lang=${lang}`, {
    method: 'POST',
    headers: { cookie: person.cookie, 'content-type': type },
    body: new Uint8Array(bytes),
  })
  return { status: res.status, body: await res.json() }
}

/** Refused in both languages with the same code, and nothing stored. */
async function expectRefused(bytes: Buffer | Uint8Array, status: number, code: string, words: { sv: RegExp; en: RegExp }, type = DOCX): Promise<void> {
  const sv = await upload(bytes, 'sv', type)
  expect(sv.status, JSON.stringify(sv.body)).toBe(status)
  expect(sv.body.error.code).toBe(code)
  expect(sv.body.error.message).toMatch(words.sv)
  const en = await upload(bytes, 'en', type)
  expect(en.status).toBe(status)
  expect(en.body.error.message).toMatch(words.en)
  expect(en.body.error.details.messages.sv).toBe(sv.body.error.message)
  expect((await call(server.url, person, 'GET', '/api/agreements')).body.agreements).toEqual([])
}

/** A zip written byte by byte, so its headers can say whatever a hostile file says. */
function handMadeZip(entries: { name: string; data: Buffer; method: 0 | 8; declaredSize: number }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(e.method, 8)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.declaredSize, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(e.method, 10)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(e.declaredSize, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    centrals.push(central, name)
    offset += 30 + name.length + e.data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** `megabytes` MB of the same byte, deflated in a stream (the input never exists in memory whole). */
async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 })
  const chunks: Buffer[] = []
  deflate.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  const block = Buffer.alloc(1024 * 1024, 0x20)
  for (let i = 0; i < megabytes; i++) if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r))
  deflate.end()
  await done
  return Buffer.concat(chunks)
}

const CONTENT_TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')

describe('bad files are refused whole, with a reason in Swedish and English', () => {
  it('a file that is not a Word document', async () => {
    await expectRefused(Buffer.from('%PDF-1.7\n1 0 obj\n'), 415, 'not_docx', { sv: /inte ett Word-dokument/, en: /not a Word document/ })
    // A zip, but not a Word document (an OpenDocument-like package).
    const zip = new JSZip()
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text')
    zip.file('content.xml', '<office:document-content/>')
    await expectRefused(await zip.generateAsync({ type: 'nodebuffer' }), 415, 'not_docx', { sv: /inte ett Word-dokument/, en: /not a Word document/ })
    // JSON or text sent instead of a file.
    await expectRefused(Buffer.from('{"title":"x"}'), 415, 'not_docx', { sv: /\.docx/, en: /\.docx/ }, 'text/plain')
  })

  it('a broken zip, and a zip whose Word XML is garbage', async () => {
    await expectRefused(goodDocx.subarray(0, Math.floor(goodDocx.length / 2)), 422, 'broken_zip', { sv: /skadad/, en: /damaged/ })
    const zip = await JSZip.loadAsync(goodDocx)
    zip.file('word/document.xml', '<w:document><w:body><w:p>not closed')
    await expectRefused(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 422, 'broken_zip', { sv: /skadad/, en: /damaged/ })
  })

  it('an encrypted zip, and a password-protected Word file (a compound file holding EncryptionInfo)', async () => {
    const dir = path.join(work, 'plain')
    fs.mkdirSync(dir, { recursive: true })
    const zip = await JSZip.loadAsync(goodDocx)
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir) continue
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
      fs.writeFileSync(path.join(dir, name), await file.async('nodebuffer'))
    }
    const encrypted = path.join(work, 'encrypted.docx')
    await run('zip', ['-q', '-r', '-P', 'hemligt', encrypted, '.'], { cwd: dir })
    await expectRefused(fs.readFileSync(encrypted), 422, 'encrypted', { sv: /lösenordsskyddad/, en: /password-protected/ })

    // Office writes an encrypted .docx as an OLE compound file with an EncryptionInfo stream.
    const cfb = Buffer.alloc(4096)
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb, 0)
    Buffer.from('EncryptionInfo', 'utf16le').copy(cfb, 1024)
    await expectRefused(cfb, 422, 'encrypted', { sv: /lösenordsskyddad/, en: /password-protected/ })
  })

  it('a macro-enabled document (.docm), made by the docx library with a VBA project', async () => {
    const docm = await Packer.toBuffer(
      new Document({
        macros: createMacros({ thisDocument: 'Private Sub Document_Open()\n    MsgBox "Hej"\nEnd Sub' }),
        sections: [{ children: [new Paragraph('Avtal med makron')] }],
      }),
    )
    expect((await JSZip.loadAsync(docm)).file(/vbaProject\.bin$/)).toHaveLength(1)
    await expectRefused(docm, 415, 'macro_enabled', { sv: /makron/, en: /macros/ })
  })

  it('zip bombs: too many parts, too much declared, and headers that lie about the size', async () => {
    const many = new JSZip()
    many.file('[Content_Types].xml', CONTENT_TYPES)
    many.file('word/document.xml', '<w:document/>')
    for (let i = 0; i < 600; i++) many.file(`word/media/p${i}.xml`, 'x')
    await expectRefused(await many.generateAsync({ type: 'nodebuffer' }), 422, 'zip_bomb', { sv: /orimligt mycket/, en: /unreasonable amount/ })

    // 200 MB of text in a file of a few hundred kB, declared honestly.
    const zeros = await deflatedZeros(200)
    expect(zeros.length).toBeLessThan(1024 * 1024)
    const honest = handMadeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES, method: 0, declaredSize: CONTENT_TYPES.length },
      { name: 'word/document.xml', data: zeros, method: 8, declaredSize: 200 * 1024 * 1024 },
    ])
    await expectRefused(honest, 422, 'zip_bomb', { sv: /orimligt mycket/, en: /unreasonable amount of data \(200 MB\)/ })

    // The same 200 MB, but the headers claim 1 kB: refused while inflating, memory stays bounded.
    const liar = handMadeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES, method: 0, declaredSize: CONTENT_TYPES.length },
      { name: 'word/document.xml', data: zeros, method: 8, declaredSize: 1024 },
    ])
    const before = process.memoryUsage()
    // Caught by counting while inflating, at the cap of the document part, not by the declared sizes.
    await expectRefused(liar, 422, 'zip_bomb', { sv: /orimligt mycket/, en: /word\/document\.xml > 24 MB/ })
    const after = process.memoryUsage()
    // Two refusals of a 200 MB bomb; what stays allocated is far below what the bomb would need.
    expect(after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed)).toBeLessThan(100 * 1024 * 1024)
  }, 60_000)

  it('a file over 10 MB, sent raw or as a form upload', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)
    await expectRefused(big, 413, 'too_large', { sv: /för stor.*10 MB/, en: /too large.*10 MB/ })
    const form = new FormData()
    form.set('municipality', 'Exempelby')
    form.set('file', new Blob([new Uint8Array(big)], { type: DOCX }), 'stor.docx')
    const res = await fetch(`${server.url}/api/agreements/import?lang=sv`, { method: 'POST', headers: { cookie: person.cookie }, body: form })
    expect(res.status).toBe(413)
    expect(((await res.json()) as any).error.message).toMatch(/för stor/)
    expect((await call(server.url, person, 'GET', '/api/agreements')).body.agreements).toEqual([])
  })

  it('more than two uploads at a time: the third is told to retry (503, Retry-After), and the slots come back', async () => {
    // Two uploads that have sent their headers and a few bytes, and then stall.
    const url = new URL(server.url)
    const stall = () => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/agreements/import?municipality=X',
        headers: { cookie: person.cookie, 'content-type': DOCX, 'content-length': 100_000 },
      })
      const upload = { req, answered: false }
      req.on('response', () => {
        upload.answered = true
      })
      req.on('error', () => {})
      req.write(goodDocx.subarray(0, 10))
      return upload
    }
    const stalled = [stall(), stall()]
    // A loaded machine may take a while to register them, and a probe may take a slot first (its stalled
    // upload is then answered 503 and started again): probe with previews, which create nothing.
    const preview = () =>
      fetch(`${server.url}/api/agreements/import?municipality=X&preview=1`, { method: 'POST', headers: { cookie: person.cookie, 'content-type': DOCX }, body: new Uint8Array(goodDocx) })
    let busy: Response | null = null
    await waitFor(
      async () => {
        const res = await preview()
        await res.arrayBuffer()
        if (res.status === 503) busy = res
        for (const [i, upload] of stalled.entries()) if (upload.answered) stalled[i] = stall()
        return busy !== null
      },
      { what: 'the two stalled uploads to hold both slots', intervalMs: 50 },
    )
    expect(busy!.headers.get('retry-after')).toBe('5')
    await expectRefused(goodDocx, 503, 'busy', { sv: /Försök igen/, en: /Try again/ })
    for (const upload of stalled) upload.req.destroy()
    await waitFor(async () => (await preview()).status === 200, { what: 'the stalled uploads to give their slots back' })
  })

  it('an empty file', async () => {
    await expectRefused(Buffer.alloc(0), 400, 'empty_file', { sv: /tom/, en: /empty/ })
  })
})
