import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { soffice } from '../support/office.ts'

/**
 * Word drafts in: corpus drafts (test/fixtures/import, copied from shared/domain/corpus) turned into
 * .docx by real engines (pandoc; LibreOffice), imported over HTTP, and compared with what the
 * validator's CLI says about the Markdown source. The import must agree within two sections.
 */
const run = promisify(execFile)
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'import')
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-import-'))

let server: Awaited<ReturnType<typeof startTestServer>>
let owner: TestUser
beforeAll(async () => {
  server = await startTestServer()
  owner = await signUp(server.url, 'Ida Importör')
})
afterAll(() => server.close())

interface Report {
  sections: { id: string; status: string }[]
  warnings: { rule: string }[]
}

async function cliReport(markdown: string): Promise<Report> {
  // Exit code 1 means "error-level findings", which drafts have; the JSON is on stdout either way.
  const result = await run('node', ['--import', 'tsx', 'schema/validator/cli.ts', markdown, '--format', 'json'], { cwd: process.cwd() }).catch((err: { stdout: string }) => ({ stdout: err.stdout }))
  return JSON.parse(result.stdout) as Report
}

function differingSections(a: Report, b: Report): string[] {
  return a.sections.filter((s) => b.sections.find((t) => t.id === s.id)?.status !== s.status).map((s) => s.id)
}

async function postDocx(bytes: Buffer, query: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/api/agreements/import?${query}`, { method: 'POST', headers: { cookie: owner.cookie, 'content-type': DOCX }, body: new Uint8Array(bytes) })
  return { status: res.status, body: await res.json() }
}

describe('POST /api/agreements/import', () => {
  it('imports a pandoc .docx of a table-driven draft: typed sections, parties, the same validator result as the CLI', async () => {
    const source = path.join(FIXTURES, 'dev_04_vasterlunda_aldres_ensamhet.md')
    const docx = path.join(work, 'vasterlunda.docx')
    await run('pandoc', [source, '-f', 'markdown', '-o', docx])
    const bytes = fs.readFileSync(docx)
    const cli = await cliReport(source)

    // The preview says what was found and creates nothing.
    const before = (await call(server.url, owner, 'GET', '/api/agreements')).body.agreements.length
    const preview = await postDocx(bytes, 'preview=1')
    expect(preview.status).toBe(200)
    expect(preview.body.preview).toBe(true)
    expect(preview.body.suggestedMunicipality).toBe('Västerlunda kommun')
    expect((await call(server.url, owner, 'GET', '/api/agreements')).body.agreements.length).toBe(before)

    const created = await postDocx(bytes, `municipality=${encodeURIComponent('Västerlunda kommun')}`)
    expect(created.status).toBe(201)
    const agreement = created.body
    expect(agreement).toMatchObject({ title: 'Överenskommelse om idéburet offentligt partnerskap', municipality: 'Västerlunda kommun', lang: 'sv', role: 'owner' })
    expect(typeof agreement.id).toBe('string')
    expect(differingSections(cli, agreement.validation).length).toBeLessThanOrEqual(2)
    expect(agreement.validation.warnings.map((w: { rule: string }) => w.rule).sort()).toEqual(cli.warnings.map((w) => w.rule).sort())
    // Numbered headings ("7. Lärandemål") are typed by the validator's detection; merged ones stay untyped.
    const typed = agreement.sections.filter((s: { kind: string | null }) => s.kind)
    expect(typed.length).toBeGreaterThanOrEqual(12)
    expect(agreement.sections.find((s: { heading: string }) => s.heading === '7. Lärandemål').kind).toBe('learning_goals')
    expect(agreement.sections.find((s: { heading: string }) => s.heading.startsWith('6. Styrning och möten')).kind).toBeNull()

    // Parties found in the parties table are registered.
    const parties = (await call(server.url, owner, 'GET', `/api/agreements/${agreement.id}/parties`)).body.parties
    expect(parties.map((p: { name: string; type: string }) => `${p.name}/${p.type}`).sort()).toEqual(['Västerlunda Frivilligcentral/idea_driven', 'Västerlunda kommun/public'])

    // What is stored is what the validator saw: the route over the stored text agrees, tables kept.
    const stored = await call(server.url, owner, 'GET', `/api/agreements/${agreement.id}/validation`)
    const { acknowledged, ...report } = stored.body
    expect(acknowledged).toEqual([])
    expect(report).toEqual(agreement.validation)
    const content = JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreement.id}`)).body.content)
    expect(content).toContain('"type":"table"')
    expect(content).toContain('"kind":"learning_goals"')

    const audit = await call(server.url, owner, 'GET', `/api/agreements/${agreement.id}/audit`)
    const creation = audit.body.entries.find((e: { action: string }) => e.action === 'agreement_created')
    expect(creation.details).toMatchObject({ source: 'docx_import', parties: 2, sections: 17 })
  }, 60_000)

  it('imports a .docx written by LibreOffice, sent as a form upload, as the CLI reads its source', async () => {
    const source = path.join(FIXTURES, 'dev_02_ekvik_vald_i_nara_relationer.md')
    const odt = path.join(work, 'ekvik.odt')
    await run('pandoc', [source, '-f', 'markdown', '-o', odt])
    const docx = await soffice(odt, 'docx:MS Word 2007 XML', work)
    const cli = await cliReport(source)

    const form = new FormData()
    form.set('municipality', 'Ekviks kommun')
    form.set('title', 'Vårt partnerskap – importerat')
    form.set('file', new Blob([fs.readFileSync(docx)], { type: DOCX }), 'Ekvik utkast.docx')
    const res = await fetch(`${server.url}/api/agreements/import`, { method: 'POST', headers: { cookie: owner.cookie }, body: form })
    expect(res.status).toBe(201)
    const agreement = (await res.json()) as any
    expect(agreement.title).toBe('Vårt partnerskap – importerat')
    expect(differingSections(cli, agreement.validation).length).toBeLessThanOrEqual(2)
    expect(agreement.sections.find((s: { heading: string }) => s.heading === 'Vad vill vi uppnå?').kind).toBe('purpose_and_goals')
    expect(agreement.parties.map((p: { name: string }) => p.name)).toContain('Ekviks kvinno- och tjejjour')
    // Bold and lists survive the trip through LibreOffice and mammoth.
    const content = JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreement.id}`)).body.content)
    expect(content).toContain('"type":"strong"')
    expect(content).toContain('"type":"bullet_list"')
  }, 240_000)

  it('reads a draft whose headings are bold numbered lines, without heading styles, as the CLI reads its source', async () => {
    const source = path.join(FIXTURES, 'dev_02_ekvik_vald_i_nara_relationer.md')
    // As many Word drafts are written: the title in bold capitals, each heading a bold "N. …" line in
    // the body text style (pandoc makes Normal paragraphs with bold runs of these).
    let n = 0
    const plain = fs
      .readFileSync(source, 'utf8')
      .split('\n')
      .map((line) => {
        if (line.startsWith('## ')) return `**${++n}. ${line.slice(3)}**`
        if (line.startsWith('# ')) return `**${line.slice(2).toUpperCase()}**`
        return line
      })
      .join('\n')
    const markdown = path.join(work, 'ekvik-plain.md')
    fs.writeFileSync(markdown, plain)
    const docx = path.join(work, 'ekvik-plain.docx')
    await run('pandoc', [markdown, '-f', 'markdown', '-o', docx])
    const cli = await cliReport(source)

    const created = await postDocx(fs.readFileSync(docx), `municipality=${encodeURIComponent('Ekviks kommun')}`)
    expect(created.status).toBe(201)
    const agreement = created.body
    expect(agreement.title).toBe('VÅRT PARTNERSKAP MOT VÅLD I NÄRA RELATIONER')
    expect(agreement.sections.map((s: { heading: string }) => s.heading)).toHaveLength(18)
    expect(agreement.sections[2].heading).toBe('3. Vad vill vi uppnå?')
    expect(agreement.sections[2].kind).toBe('purpose_and_goals')
    expect(differingSections(cli, agreement.validation).length).toBeLessThanOrEqual(2)
    // A bold sentence inside a section stays a paragraph with its bold.
    const content = JSON.stringify((await call(server.url, owner, 'GET', `/api/agreements/${agreement.id}`)).body.content)
    expect(content).toContain('"type":"strong"')
  }, 60_000)

  it('keeps a letter with one bold line as one text, and bold lines as text when the draft uses heading styles', async () => {
    const letter = path.join(work, 'letter.md')
    fs.writeFileSync(letter, '**Till skrivgruppen**\n\nHär kommer vårt förslag på text om lärandemål.\n\nParterna ska varje år lära sig något nytt om målgruppens behov.\n')
    await run('pandoc', [letter, '-f', 'markdown', '-o', path.join(work, 'letter.docx')])
    const one = await postDocx(fs.readFileSync(path.join(work, 'letter.docx')), `municipality=Ekvik`)
    expect(one.status).toBe(201)
    expect(one.body.sections).toEqual([])

    const styled = path.join(work, 'styled.md')
    fs.writeFileSync(styled, '# Avtal\n\n## Parter\n\n**Kommunen**\n\nEkviks kommun.\n\n**Föreningen**\n\nEkviks jour.\n\n## Avtalstid\n\nTill 2027-12-31.\n')
    await run('pandoc', [styled, '-f', 'markdown', '-o', path.join(work, 'styled.docx')])
    const two = await postDocx(fs.readFileSync(path.join(work, 'styled.docx')), `municipality=Ekvik`)
    expect(two.body.sections.map((s: { heading: string }) => s.heading)).toEqual(['Parter', 'Avtalstid'])
  }, 60_000)

  it('needs a login and a municipality', async () => {
    const bytes = fs.readFileSync(path.join(work, 'vasterlunda.docx'))
    const anonymous = await fetch(`${server.url}/api/agreements/import?municipality=X`, { method: 'POST', headers: { 'content-type': DOCX }, body: new Uint8Array(bytes) })
    expect(anonymous.status).toBe(401)
    const missing = await postDocx(bytes, '')
    expect(missing.status).toBe(400)
    expect(missing.body.error.code).toBe('invalid_input')
  })
})
