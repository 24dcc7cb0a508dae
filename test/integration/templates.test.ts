import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'
import { bodyText, connectClient } from '../support/yjs-clients.ts'
import { packageChecksum } from '../../clause-library/index.ts'

/**
 * Templates across installations: built in one server, exported as a package, imported into another
 * server with its own fresh data directory, and used there to start an agreement whose content the
 * server seeded. Broken packages, clashes and repeated imports must leave the database as it was.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>
let a: Server
let b: Server
let aAdmin: TestUser
let aLawyer: TestUser
let aOutsider: TestUser
let bAdmin: TestUser
let bOutsider: TestUser
let aOrg: { id: string; slug: string }
let bOrg: { id: string; slug: string }
let templateId: string
let pkg: any

const TABLES = ['organisations', 'organisation_members', 'org_clauses', 'templates', 'org_audit_log'] as const
function counts(server: Server): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((t) => [t, (server.store!.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n])) as Record<(typeof TABLES)[number], number>
}

const localNotice = (sv: string, en: string) => ({
  id: 'termination.local_notice',
  sectionId: 'termination',
  parameters: [{ name: 'notice_months', type: 'months', label: { sv: 'Uppsägningstid (månader)', en: 'Notice (months)' }, required: true, default: 3 }],
  text: { sv, en },
})
const V2_SV = 'Parterna får säga upp avtalet med {notice_months} månaders skriftligt varsel till fritidsgårdarna i Exempelby.'
const V2_EN = 'Either party may terminate with {notice_months} months’ written notice to the youth centres of Exempelby.'

async function createOrg(server: Server, user: TestUser, name: string): Promise<{ id: string; slug: string }> {
  const res = await call(server.url, user, 'POST', '/api/organisations', { name, type: 'public' })
  expect(res.status).toBe(201)
  return { id: res.body.id, slug: res.body.slug }
}

/** Every text node of canonical ProseMirror JSON, concatenated per block. */
function textOf(node: any): string {
  if (node.type === 'text') return node.text
  const inner = (node.content ?? []).map(textOf).join('')
  return ['paragraph', 'heading', 'title'].includes(node.type) ? `${inner}\n` : inner
}

function clauseNodes(doc: any): any[] {
  const out: any[] = []
  const walk = (n: any) => {
    if (n.type === 'clause') out.push(n)
    for (const c of n.content ?? []) walk(c)
  }
  walk(doc)
  return out
}

beforeAll(async () => {
  // Two installations, each with its own fresh data directory.
  ;[a, b] = await Promise.all([startTestServer(), startTestServer()])
  expect(a.dataDir).not.toBe(b.dataDir)
  aAdmin = await signUp(a.url, 'aadmin')
  aLawyer = await signUp(a.url, 'alawyer')
  aOutsider = await signUp(a.url, 'aoutsider')
  bAdmin = await signUp(b.url, 'badmin')
  bOutsider = await signUp(b.url, 'boutsider')
  aOrg = await createOrg(a, aAdmin, 'Exempelby kommun')
  await call(a.url, aAdmin, 'POST', `/api/organisations/${aOrg.id}/members`, { email: aLawyer.email, role: 'lawyer' })
  const v1 = await call(
    a.url,
    aAdmin,
    'POST',
    `/api/organisations/${aOrg.id}/clauses`,
    localNotice('Parterna får säga upp avtalet med {notice_months} månaders varsel.', 'Either party may terminate with {notice_months} months’ notice.'),
  )
  expect(v1.status).toBe(201)
  const v2 = await call(a.url, aAdmin, 'POST', `/api/organisations/${aOrg.id}/clauses`, { ...localNotice(V2_SV, V2_EN), basedOn: 1 })
  expect(v2.body.clause.version).toBe(2)
  const approved = await call(a.url, aLawyer, 'POST', `/api/organisations/${aOrg.id}/clauses/termination.local_notice/versions/2/approve`, { note: 'Godkänd av kommunjurist' })
  expect(approved.status).toBe(200)
  bOrg = await createOrg(b, bAdmin, 'Annan kommun')
})
afterAll(() => Promise.all([a.close(), b.close()]))

const templateBody = () => ({
  name: { sv: 'Exempelbys standardmall', en: 'Exempelby standard template' },
  municipality: 'Exempelby',
  lang: 'sv',
  items: [
    { clauseId: 'termination.gradual_winddown', params: { notice_months: 12, plan_weeks: 6 } },
    { clauseId: `org:${aOrg.slug}/termination.local_notice`, params: { notice_months: 9 } },
    { clauseId: 'learning_goals.shared_and_own', params: { shared_goals: 'fler unga i föreningslivet', own_goals_per_party: ['Kommunen: färre placeringar'] } },
  ],
})

describe('templates in one installation', () => {
  it('refuses a template that refers to clauses or values the organisation cannot use', async () => {
    const unknown = await call(a.url, aAdmin, 'POST', `/api/organisations/${aOrg.id}/templates`, { ...templateBody(), items: [{ clauseId: 'termination.nope', params: {} }] })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details[0].path).toBe('items.0.clauseId')
    const badValue = await call(a.url, aAdmin, 'POST', `/api/organisations/${aOrg.id}/templates`, {
      ...templateBody(),
      items: [{ clauseId: 'termination.gradual_winddown', params: { notice_months: 'sex', colour: 'blå' } }],
    })
    expect(badValue.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['items.0.params.colour', 'items.0.params.notice_months'])
    // Another organisation's clause is not in this organisation's library.
    const otherOrg = await createOrg(a, aOutsider, 'Utomstående förening')
    const foreign = await call(a.url, aOutsider, 'POST', `/api/organisations/${otherOrg.id}/templates`, templateBody())
    expect(foreign.status).toBe(400)
    expect((await call(a.url, aOutsider, 'POST', `/api/organisations/${aOrg.id}/templates`, templateBody())).status).toBe(404)
  })

  it('stores a template for the organisation and shows it to members only', async () => {
    const res = await call(a.url, aAdmin, 'POST', `/api/organisations/${aOrg.id}/templates`, templateBody())
    expect(res.status).toBe(201)
    templateId = res.body.id
    expect(res.body).toMatchObject({ orgId: aOrg.id, source: 'authored', lang: 'sv', name: templateBody().name })
    expect((await call(a.url, aLawyer, 'GET', `/api/templates/${templateId}`)).body.items).toHaveLength(3)
    expect((await call(a.url, aOutsider, 'GET', `/api/templates/${templateId}`)).status).toBe(404)
    const list = await call(a.url, aLawyer, 'GET', `/api/organisations/${aOrg.id}/templates`)
    expect(list.body.templates.map((t: { id: string }) => t.id)).toEqual([templateId])
    const everywhere = await call(a.url, aLawyer, 'GET', '/api/templates')
    expect(everywhere.body.templates.map((t: { id: string; orgName: string }) => [t.id, t.orgName])).toEqual([[templateId, 'Exempelby kommun']])
    expect((await call(a.url, aOutsider, 'GET', '/api/templates')).body.templates).toEqual([])
    expect((await call(a.url, null, 'GET', '/api/templates')).status).toBe(401)
  })

  it('exports a package with pinned versions, every clause it uses and a checksum', async () => {
    expect((await call(a.url, aOutsider, 'GET', `/api/templates/${templateId}/package`)).status).toBe(404)
    const res = await fetch(`${a.url}/api/templates/${templateId}/package`, { headers: { cookie: aLawyer.cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    pkg = await res.json()
    expect(pkg).toMatchObject({ format: 'overens-template', formatVersion: 1 })
    expect(pkg.checksum).toMatch(/^[0-9a-f]{64}$/)
    expect(pkg.clauses.map((c: { id: string; version: number }) => `${c.id}@${c.version}`).sort()).toEqual(
      ['learning_goals.shared_and_own@2', `org:${aOrg.slug}/termination.local_notice@2`, 'termination.gradual_winddown@2'].sort(),
    )
    expect(pkg.template.items.map((i: { version: number }) => i.version)).toEqual([2, 2, 2])
    const own = pkg.clauses.find((c: { id: string }) => c.id.startsWith('org:'))
    expect(own).toMatchObject({ status: 'approved', review: { by: 'alawyer', note: 'Godkänd av kommunjurist' } })
  })

  it('starts an agreement from the template, seeded by the server in taxonomy order', async () => {
    const res = await call(a.url, aLawyer, 'POST', '/api/agreements', { title: 'Fritidsavtal', municipality: 'Exempelby', templateId })
    expect(res.status).toBe(201)
    expect(res.body.lang).toBe('sv')
    const { body } = await call(a.url, aLawyer, 'GET', `/api/agreements/${res.body.id}`)
    const sections = body.content.content.filter((n: { type: string }) => n.type === 'section').map((n: { attrs: { kind: string } }) => n.attrs.kind)
    expect(sections).toEqual(['learning_goals', 'termination'])
    const text = textOf(body.content)
    expect(text).toContain('Fritidsavtal\n')
    expect(text).toContain('Uppsägning och avveckling\n')
    expect(text).toContain('med 12\u00a0månaders uppsägningstid')
    expect(text).toContain('9 månaders skriftligt varsel till fritidsgårdarna i Exempelby')
    expect(clauseNodes(body.content).map((c) => [c.attrs.clauseId, c.attrs.version])).toEqual([
      ['learning_goals.shared_and_own', 2],
      ['termination.gradual_winddown', 2],
      [`org:${aOrg.slug}/termination.local_notice`, 2],
    ])
    const english = await call(a.url, aLawyer, 'POST', '/api/agreements', { title: 'Youth', municipality: 'Exempelby', templateId, lang: 'en' })
    const enText = textOf((await call(a.url, aLawyer, 'GET', `/api/agreements/${english.body.id}`)).body.content)
    expect(enText).toContain('9 months’ written notice to the youth centres')
    expect(enText).toContain('Termination and wind-down\n')
  })

  it('saves an agreement as a template: its clauses, pinned, with the values filled in there', async () => {
    const created = await call(a.url, aLawyer, 'POST', '/api/agreements', { title: 'Förlaga', municipality: 'Exempelby', templateId })
    const agreementId = created.body.id as string
    const name = { sv: 'Sparad från avtal', en: 'Saved from agreement' }
    const saved = await call(a.url, aLawyer, 'POST', `/api/organisations/${aOrg.id}/templates/from-agreement`, { agreementId, name })
    expect(saved.status).toBe(201)
    expect(saved.body.skipped).toEqual([])
    expect(saved.body.template).toMatchObject({ name, lang: 'sv', municipality: 'Exempelby', orgId: aOrg.id })
    // Document order, which is the taxonomy's: learning goals before termination.
    expect(saved.body.template.items).toEqual([
      { clauseId: 'learning_goals.shared_and_own', version: 2, params: templateBody().items[2]!.params },
      { clauseId: 'termination.gradual_winddown', version: 2, params: { notice_months: 12, plan_weeks: 6 } },
      { clauseId: `org:${aOrg.slug}/termination.local_notice`, version: 2, params: { notice_months: 9 } },
    ])
    // Someone who cannot read the agreement cannot turn it into a template.
    const outsiderOrg = (await call(a.url, aOutsider, 'GET', '/api/organisations')).body.organisations[0].id as string
    expect((await call(a.url, aOutsider, 'POST', `/api/organisations/${outsiderOrg}/templates/from-agreement`, { agreementId, name })).status).toBe(404)
    // A reader from another organisation gets the built-ins; the clause only Exempelby can see is left out.
    expect((await call(a.url, aLawyer, 'POST', `/api/agreements/${agreementId}/members`, { email: aOutsider.email, role: 'viewer' })).status).toBe(201)
    const foreign = await call(a.url, aOutsider, 'POST', `/api/organisations/${outsiderOrg}/templates/from-agreement`, { agreementId, name })
    expect(foreign.status).toBe(201)
    expect(foreign.body.template.items.map((i: { clauseId: string }) => i.clauseId)).toEqual(['learning_goals.shared_and_own', 'termination.gradual_winddown'])
    expect(foreign.body.skipped).toEqual([{ clauseId: `org:${aOrg.slug}/termination.local_notice`, version: 2, reason: 'not_in_library' }])
  })

  it('refuses a template the person cannot see, and a template together with the skeleton', async () => {
    expect((await call(a.url, aOutsider, 'POST', '/api/agreements', { title: 'X', municipality: 'Y', templateId })).status).toBe(404)
    expect((await call(a.url, aLawyer, 'POST', '/api/agreements', { title: 'X', municipality: 'Y', templateId: 'no-such-template' })).status).toBe(404)
    expect((await call(a.url, aLawyer, 'POST', '/api/agreements', { title: 'X', municipality: 'Y', templateId, skeleton: true })).status).toBe(400)
    expect((await call(a.url, null, 'POST', '/api/agreements', { title: 'X', municipality: 'Y', templateId })).status).toBe(401)
  })
})

describe('export from one installation, import into another', () => {
  let importedTemplateId: string
  const importInto = (server: Server, user: TestUser | null, orgId: string, body: unknown) => call(server.url, user, 'POST', `/api/organisations/${orgId}/templates/import`, body)

  it('imports into a fresh installation, moving the organisation clause into the importing namespace', async () => {
    const before = counts(b)
    expect(before.org_clauses).toBe(0)
    expect((await importInto(b, bOutsider, bOrg.id, pkg)).status).toBe(404)
    expect((await importInto(b, null, bOrg.id, pkg)).status).toBe(401)
    const res = await importInto(b, bAdmin, bOrg.id, pkg)
    expect(res.status).toBe(201)
    const imported = `org:${bOrg.slug}/termination.local_notice`
    expect(res.body.added).toEqual([{ id: imported, version: 2 }])
    expect(res.body.reused.map((r: { id: string }) => r.id).sort()).toEqual(['learning_goals.shared_and_own', 'termination.gradual_winddown'])
    expect(res.body.templateReused).toBe(false)
    importedTemplateId = res.body.template.id
    expect(res.body.template).toMatchObject({ orgId: bOrg.id, source: 'imported', name: pkg.template.name })
    expect(res.body.template.items.map((i: { clauseId: string }) => i.clauseId)).toEqual(['termination.gradual_winddown', imported, 'learning_goals.shared_and_own'])
    expect(counts(b)).toEqual({ ...before, org_clauses: 1, templates: 1, org_audit_log: before.org_audit_log + 1 })
    // A checksum proves integrity, not approval: the clause arrives as a draft, its review kept for the local lawyer.
    const clause = await call(b.url, bAdmin, 'GET', `/api/clauses/${imported}`)
    expect(clause.body.versions).toHaveLength(1)
    expect(clause.body.versions[0]).toMatchObject({
      source: 'imported',
      approval: null,
      clause: { status: 'draft', version: 2, review: { by: 'alawyer' }, text: { sv: V2_SV } },
    })
    const audit = await call(b.url, bAdmin, 'GET', `/api/organisations/${bOrg.id}/audit`)
    expect(audit.body.entries[0]).toMatchObject({ action: 'template_imported', details: { templateId: importedTemplateId } })
  })

  it('adds nothing when the same package is imported again', async () => {
    const before = counts(b)
    const res = await importInto(b, bAdmin, bOrg.id, pkg)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ added: [], templateReused: true, renamed: [] })
    expect(res.body.template.id).toBe(importedTemplateId)
    expect(counts(b)).toEqual(before)
  })

  it('creates an agreement from the imported template with the imported wording', async () => {
    const res = await call(b.url, bAdmin, 'POST', '/api/agreements', { title: 'Avtal i Annan kommun', municipality: 'Annan', templateId: importedTemplateId })
    expect(res.status).toBe(201)
    const { body } = await call(b.url, bAdmin, 'GET', `/api/agreements/${res.body.id}`)
    expect(clauseNodes(body.content).map((c) => c.attrs.clauseId)).toEqual(['learning_goals.shared_and_own', 'termination.gradual_winddown', `org:${bOrg.slug}/termination.local_notice`])
    // What an official y-websocket client receives from the server's seeded state.
    const client = connectClient(b.url, res.body.id, bAdmin)
    try {
      await client.synced()
      const text = bodyText(client.doc).replace(/<[^>]*>/g, '')
      expect(text).toContain('Avtal i Annan kommun')
      expect(text).toContain('9 månaders skriftligt varsel till fritidsgårdarna i Exempelby')
      expect(text).toContain('Parternas gemensamma lärandemål är att fler unga i föreningslivet')
    } finally {
      client.destroy()
    }
  })

  // The export's clause appendix finds an organisation's clause by the namespace in its id, for any reader.
  it('lists the organisation clause of an agreement from the template in the export appendix, not deviating', async () => {
    const created = await call(b.url, bAdmin, 'POST', '/api/agreements', { title: 'Avtal med bilaga', municipality: 'Annan', templateId: importedTemplateId })
    expect(created.status).toBe(201)
    const res = await fetch(`${b.url}/api/agreements/${created.body.id}/export.docx?appendix=1`, { headers: { cookie: bAdmin.cookie } })
    expect(res.status).toBe(200)
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string')
    const id = `org:${bOrg.slug}/termination.local_notice`
    const start = xml.indexOf(`>${id}<`)
    expect(start).toBeGreaterThan(0)
    const row = xml.slice(start, xml.indexOf('</w:tr>', start))
    expect(row).toContain('>2<')
    expect(row).toContain('>Nej<')
    expect(row).not.toContain('Okänd klausul')
  })

  it('resolves a clash with an existing clause by a new id, never overwriting it', async () => {
    const clashOrg = await createOrg(b, bAdmin, 'Tredje kommun')
    const mine = 'Vår egen lydelse med {notice_months} månader.'
    await call(b.url, bAdmin, 'POST', `/api/organisations/${clashOrg.id}/clauses`, localNotice(mine, 'Our own wording with {notice_months} months.'))
    const own2 = await call(b.url, bAdmin, 'POST', `/api/organisations/${clashOrg.id}/clauses`, localNotice(`${mine} Version två.`, 'Our own wording with {notice_months} months. Version two.'))
    expect(own2.body.clause.version).toBe(2)
    const res = await importInto(b, bAdmin, clashOrg.id, pkg)
    expect(res.status).toBe(201)
    const original = `org:${clashOrg.slug}/termination.local_notice`
    expect(res.body.renamed).toHaveLength(1)
    expect(res.body.renamed[0]).toMatchObject({ from: original, version: 2 })
    expect(res.body.renamed[0].to).toMatch(new RegExp(`^org:${clashOrg.slug}/termination\\.local_notice~import-[0-9a-f]{8}$`))
    expect(res.body.template.items[1].clauseId).toBe(res.body.renamed[0].to)
    const ours = await call(b.url, bAdmin, 'GET', `/api/clauses/${original}`)
    expect(ours.body.versions.map((v: { clause: { text: { sv: string } } }) => v.clause.text.sv)).toEqual([mine, `${mine} Version två.`])
    const theirs = await call(b.url, bAdmin, 'GET', `/api/clauses/${res.body.renamed[0].to}`)
    expect(theirs.body.versions[0].clause.text.sv).toBe(V2_SV)
    const before = counts(b)
    const again = await importInto(b, bAdmin, clashOrg.id, pkg)
    expect(again.body).toMatchObject({ added: [], templateReused: true })
    expect(counts(b)).toEqual(before)
  })

  describe('broken packages leave the database unchanged', () => {
    const resealed = (p: any) => ({ ...p, checksum: packageChecksum(p.template, p.clauses) })
    const cases: [string, () => unknown, number, string][] = [
      ['not a package at all', () => ({ hello: 'world' }), 400, 'malformed_package'],
      ['a package without its template', () => ({ ...pkg, template: undefined }), 400, 'malformed_package'],
      // Resealed with a correct checksum, so that the clause itself is what fails.
      ['an invalid clause inside', () => resealed({ ...pkg, clauses: [{ ...pkg.clauses[0], sectionId: 'nonsense' }, ...pkg.clauses.slice(1)] }), 400, 'malformed_package'],
      ['a template naming a clause it does not carry', () => resealed({ ...pkg, clauses: pkg.clauses.slice(1) }), 400, 'malformed_package'],
      [
        'a clause text changed without a new checksum',
        () => ({ ...pkg, clauses: pkg.clauses.map((c: any) => ({ ...c, text: { ...c.text, sv: `${c.text.sv} Tillagd mening.` } })) }),
        422,
        'tampered_package',
      ],
      ['a template value changed', () => ({ ...pkg, template: { ...pkg.template, municipality: 'Någon annan' } }), 422, 'tampered_package'],
      ['a newer format version', () => ({ ...pkg, formatVersion: 2 }), 422, 'package_too_new'],
    ]
    for (const [name, make, status, code] of cases) {
      it(`${name} → ${status} ${code}`, async () => {
        const org = await createOrg(b, bAdmin, `Tom kommun ${name}`)
        const before = counts(b)
        const res = await importInto(b, bAdmin, org.id, make())
        expect(res.status).toBe(status)
        expect(res.body.error.code).toBe(code)
        if (code === 'package_too_new') expect(res.body.error.details).toEqual({ formatVersion: 2, supported: 1 })
        if (code === 'malformed_package') expect(typeof res.body.error.details.path).toBe('string')
        expect(counts(b)).toEqual(before)
        expect((await call(b.url, bAdmin, 'GET', `/api/organisations/${org.id}/templates`)).body.templates).toEqual([])
      })
    }

    it('a JSON body that does not parse → 400', async () => {
      const before = counts(b)
      const res = await fetch(`${b.url}/api/organisations/${bOrg.id}/templates/import`, {
        method: 'POST',
        headers: { cookie: bAdmin.cookie, 'content-type': 'application/json' },
        body: '{"format": "overens-template", ',
      })
      expect(res.status).toBe(400)
      expect(counts(b)).toEqual(before)
    })
  })

  it('writes clauses and template in one transaction: a failed template write leaves no clause behind', async () => {
    const org = await createOrg(b, bAdmin, 'Fjärde kommun')
    const before = counts(b)
    // The clauses are written first; make the template write that follows them fail.
    b.store!.db.exec("CREATE TEMP TRIGGER refuse_templates BEFORE INSERT ON templates BEGIN SELECT RAISE(ABORT, 'disk refused'); END")
    try {
      const res = await importInto(b, bAdmin, org.id, pkg)
      expect(res.status).toBe(500)
    } finally {
      b.store!.db.exec('DROP TRIGGER temp.refuse_templates')
    }
    expect(counts(b)).toEqual(before)
    const res = await importInto(b, bAdmin, org.id, pkg)
    expect(res.status).toBe(201)
    expect(res.body.added).toEqual([{ id: `org:${org.slug}/termination.local_notice`, version: 2 }])
  })
})
