import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtinLibrary } from '../../clause-library/builtin.ts'
import { startTestServer } from '../support/in-process-server.ts'
import { call, signUp, type TestUser } from '../support/accounts.ts'

/**
 * Organisation clause libraries over real HTTP: organisations and their members, clause versions that
 * are never overwritten, approval by lawyers and admins only, visibility to members only, and search.
 */

let server: Awaited<ReturnType<typeof startTestServer>>
let admin: TestUser
let lawyer: TestUser
let member: TestUser
let outsider: TestUser
let orgId: string
let slug: string

const localNotice = (sv: string, en: string) => ({
  id: 'termination.local_notice',
  sectionId: 'termination',
  parameters: [{ name: 'notice_months', type: 'months', label: { sv: 'Uppsägningstid (månader)', en: 'Notice (months)' }, required: true, default: 3 }],
  text: { sv, en },
})

const enc = encodeURIComponent

beforeAll(async () => {
  server = await startTestServer()
  admin = await signUp(server.url, 'admin')
  lawyer = await signUp(server.url, 'lawyer')
  member = await signUp(server.url, 'member')
  outsider = await signUp(server.url, 'outsider')
  const created = await call(server.url, admin, 'POST', '/api/organisations', { name: 'Göteborgs Stad', type: 'public' })
  expect(created.status).toBe(201)
  orgId = created.body.id
  slug = created.body.slug
  for (const [user, role] of [
    [lawyer, 'lawyer'],
    [member, 'member'],
  ] as const) {
    const added = await call(server.url, admin, 'POST', `/api/organisations/${orgId}/members`, { email: user.email, role })
    expect(added.status).toBe(201)
  }
  // The outsider has an organisation of their own, so "not a member" is not the same as "no organisation".
  expect((await call(server.url, outsider, 'POST', '/api/organisations', { name: 'Föreningen Fritid', type: 'idea_driven' })).status).toBe(201)
})
afterAll(() => server.close())

describe('organisations', () => {
  it('derives the clause namespace from the name, folding diacritics, and numbers a taken one', async () => {
    expect(slug).toBe('goteborgs-stad')
    const again = await call(server.url, outsider, 'POST', '/api/organisations', { name: 'Göteborgs stad', type: 'public' })
    expect(again.body.slug).toBe('goteborgs-stad-2')
    const explicit = await call(server.url, outsider, 'POST', '/api/organisations', { name: 'X', type: 'public', slug: 'goteborgs-stad' })
    expect(explicit.status).toBe(409)
    expect((await call(server.url, null, 'POST', '/api/organisations', { name: 'Anon', type: 'public' })).status).toBe(401)
    expect((await call(server.url, admin, 'POST', '/api/organisations', { name: 'Bad', type: 'company' })).status).toBe(400)
  })

  it('deletes an organisation for its admins only, and never gives its slug to another', async () => {
    const doomed = await call(server.url, outsider, 'POST', '/api/organisations', { name: 'Kortlivad förening', type: 'idea_driven' })
    expect(doomed.body.slug).toBe('kortlivad-forening')
    await call(server.url, outsider, 'POST', `/api/organisations/${doomed.body.id}/clauses`, {
      id: 'termination.short',
      sectionId: 'termination',
      parameters: [],
      text: { sv: 'Kort.', en: 'Short.' },
    })
    expect((await call(server.url, outsider, 'POST', `/api/organisations/${doomed.body.id}/members`, { email: member.email, role: 'lawyer' })).status).toBe(201)
    expect((await call(server.url, member, 'DELETE', `/api/organisations/${doomed.body.id}`)).status).toBe(403)
    expect((await call(server.url, outsider, 'DELETE', `/api/organisations/${doomed.body.id}`)).status).toBe(204)
    expect((await call(server.url, outsider, 'GET', `/api/organisations/${doomed.body.id}`)).status).toBe(404)
    expect((await call(server.url, outsider, 'GET', '/api/clauses/org:kortlivad-forening/termination.short')).status).toBe(404)
    const reborn = await call(server.url, admin, 'POST', '/api/organisations', { name: 'Kortlivad förening', type: 'idea_driven' })
    expect(reborn.body.slug).toBe('kortlivad-forening-2')
    expect((await call(server.url, admin, 'POST', '/api/organisations', { name: 'X', type: 'public', slug: 'kortlivad-forening' })).status).toBe(409)
    expect((await call(server.url, admin, 'DELETE', `/api/organisations/${reborn.body.id}`)).status).toBe(204)
  })

  it('lists only the organisations a person belongs to, with their role', async () => {
    const mine = await call(server.url, lawyer, 'GET', '/api/organisations')
    expect(mine.body.organisations.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([[orgId, 'lawyer']])
    const theirs = await call(server.url, outsider, 'GET', '/api/organisations')
    expect(theirs.body.organisations.map((o: { id: string }) => o.id)).not.toContain(orgId)
    expect((await call(server.url, outsider, 'GET', `/api/organisations/${orgId}`)).status).toBe(404)
    expect((await call(server.url, member, 'GET', `/api/organisations/${orgId}`)).body.role).toBe('member')
  })

  it('lets admins alone manage members, and keeps at least one admin', async () => {
    const extra = await signUp(server.url, 'extra')
    expect((await call(server.url, lawyer, 'POST', `/api/organisations/${orgId}/members`, { email: extra.email, role: 'member' })).status).toBe(403)
    expect((await call(server.url, outsider, 'POST', `/api/organisations/${orgId}/members`, { email: extra.email, role: 'member' })).status).toBe(404)
    expect((await call(server.url, admin, 'POST', `/api/organisations/${orgId}/members`, { email: 'nobody@example.se', role: 'member' })).body.error.code).toBe('no_such_user')
    expect((await call(server.url, admin, 'POST', `/api/organisations/${orgId}/members`, { email: extra.email })).status).toBe(201)
    expect((await call(server.url, admin, 'POST', `/api/organisations/${orgId}/members`, { email: extra.email })).status).toBe(409)
    expect((await call(server.url, admin, 'PATCH', `/api/organisations/${orgId}/members/${admin.userId}`, { role: 'member' })).body.error.code).toBe('last_admin')
    expect((await call(server.url, extra, 'DELETE', `/api/organisations/${orgId}/members/${lawyer.userId}`)).status).toBe(403)
    // Leaving is always allowed (except for the last admin).
    expect((await call(server.url, extra, 'DELETE', `/api/organisations/${orgId}/members/${extra.userId}`)).status).toBe(204)
    const members = await call(server.url, member, 'GET', `/api/organisations/${orgId}/members`)
    expect(members.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()).toEqual(
      [
        [admin.userId, 'admin'],
        [lawyer.userId, 'lawyer'],
        [member.userId, 'member'],
      ].sort(),
    )
  })
})

describe('organisation clauses: versions and approval', () => {
  const id = () => `org:${slug}/termination.local_notice`
  const v1 = localNotice('Parterna får säga upp avtalet med {notice_months} månaders varsel till fritidsgårdarna.', 'Either party may terminate with {notice_months} months’ notice.')
  const v2 = localNotice(
    'Parterna får säga upp avtalet med {notice_months} månaders skriftligt varsel till fritidsgårdarna.',
    'Either party may terminate with {notice_months} months’ written notice.',
  )

  it('adds a new clause as version 1, a draft, in the organisation namespace', async () => {
    const res = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, v1)
    expect(res.status).toBe(201)
    expect(res.body.clause).toMatchObject({ id: id(), version: 1, status: 'draft', review: null })
    expect(res.body.origin).toEqual({ kind: 'organisation', orgId, orgSlug: slug, orgName: 'Göteborgs Stad' })
    expect(res.body.approval).toBeNull()
  })

  it('edits as a new version and keeps the old one word for word', async () => {
    const stale = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, { ...v2, basedOn: 7 })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details).toEqual({ latest: 1 })
    const res = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, { ...v2, id: id(), basedOn: 1 })
    expect(res.status).toBe(201)
    expect(res.body.clause.version).toBe(2)
    const all = await call(server.url, member, 'GET', `/api/clauses/${id()}`)
    expect(all.status).toBe(200)
    expect(all.body.versions.map((v: { clause: { version: number; text: { sv: string } } }) => [v.clause.version, v.clause.text.sv])).toEqual([
      [1, v1.text.sv],
      [2, v2.text.sv],
    ])
    // The same clause with its slash encoded, as a browser's encodeURIComponent would send it.
    expect((await call(server.url, member, 'GET', `/api/clauses/${enc(id())}`)).body.versions).toHaveLength(2)
  })

  it("keeps the built-in library read-only: a built-in id becomes the organisation's own variant", async () => {
    const before = await call(server.url, member, 'GET', '/api/clauses/termination.gradual_winddown')
    const own = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, {
      id: 'termination.gradual_winddown',
      sectionId: 'termination',
      parameters: [],
      text: { sv: 'Vår egen avveckling.', en: 'Our own wind-down.' },
    })
    expect(own.status).toBe(201)
    expect(own.body.clause).toMatchObject({ id: `org:${slug}/termination.gradual_winddown`, version: 1 })
    expect(await call(server.url, member, 'GET', '/api/clauses/termination.gradual_winddown')).toEqual(before)
  })

  it('adopts a built-in suggestion as a draft of the organisation, approved only by its lawyer, also under a neutral heading', async () => {
    const builtin = builtinLibrary().get('other.force_majeure')!
    expect(builtin).toMatchObject({ status: 'starter', review: null })
    const adopted = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, { id: builtin.id, sectionId: builtin.sectionId, parameters: builtin.parameters, text: builtin.text })
    expect(adopted.status).toBe(201)
    expect(adopted.body.clause).toMatchObject({ id: `org:${slug}/other.force_majeure`, status: 'draft', review: null, parameters: builtin.parameters, text: builtin.text })
    expect((await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses/other.force_majeure/versions/1/approve`, {})).status).toBe(403)
    const approved = await call(server.url, lawyer, 'POST', `/api/organisations/${orgId}/clauses/other.force_majeure/versions/1/approve`, { note: 'Granskad av kommunjurist' })
    expect(approved.body.clause).toMatchObject({ status: 'approved', review: { by: 'lawyer', note: 'Granskad av kommunjurist' } })
    // The built-in stays a suggestion: approval belongs to the organisation's copy only.
    expect((await call(server.url, member, 'GET', '/api/clauses/other.force_majeure')).body.versions.at(-1).clause).toMatchObject({ status: 'starter', review: null })
  })

  it('lets one of two simultaneous edits of the same version through and refuses the other', async () => {
    const base = { id: 'termination.contested', sectionId: 'termination', parameters: [] }
    const first = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, { ...base, text: { sv: 'Start.', en: 'Start.' } })
    expect(first.body.clause.version).toBe(1)
    const edits = await Promise.all(
      ['Lawyer', 'Admin'].map((who, i) =>
        call(server.url, [lawyer, admin][i]!, 'POST', `/api/organisations/${orgId}/clauses`, { ...base, basedOn: 1, text: { sv: `${who}s text.`, en: `${who}'s text.` } }),
      ),
    )
    expect(edits.map((e) => e.status).sort()).toEqual([201, 409])
    const versions = await call(server.url, member, 'GET', `/api/clauses/org:${slug}/termination.contested`)
    expect(versions.body.versions.map((v: { clause: { version: number } }) => v.clause.version)).toEqual([1, 2])
  })

  it('refuses a version that breaks the clause rules or another namespace', async () => {
    const undeclared = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, localNotice('Säg upp med {notice_months} och {unknown}.', 'Notice {notice_months}.'))
    expect(undeclared.status).toBe(400)
    expect(undeclared.body.error.code).toBe('invalid_clause')
    expect(undeclared.body.error.details[0].path).toBe('text.sv')
    const wrongSection = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, { ...v1, sectionId: 'duration' })
    expect(wrongSection.body.error.details[0].path).toBe('id')
    const foreign = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, { ...v1, id: 'org:foreningen-fritid/termination.local_notice' })
    expect(foreign.status).toBe(400)
    expect((await call(server.url, outsider, 'POST', `/api/organisations/${orgId}/clauses`, v1)).status).toBe(404)
    const versions = await call(server.url, member, 'GET', `/api/clauses/${id()}`)
    expect(versions.body.versions).toHaveLength(2)
  })

  it('lets only lawyers and admins approve; members get 403, outsiders 404', async () => {
    const approve = (user: TestUser, version: number, org = orgId) =>
      call(server.url, user, 'POST', `/api/organisations/${org}/clauses/${enc(id())}/versions/${version}/approve`, { note: 'Granskad mot LOU' })
    expect((await approve(member, 2)).status).toBe(403)
    expect((await approve(outsider, 2)).status).toBe(404)
    expect((await call(server.url, null, 'POST', `/api/organisations/${orgId}/clauses/${enc(id())}/versions/2/approve`, {})).status).toBe(401)
    const res = await approve(lawyer, 2)
    expect(res.status).toBe(200)
    expect(res.body.clause.status).toBe('approved')
    expect(res.body.clause.review).toMatchObject({ by: 'lawyer', note: 'Granskad mot LOU' })
    expect(res.body.clause.review.at).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(res.body.approval).toMatchObject({ by: lawyer.userId, byName: 'lawyer', note: 'Granskad mot LOU' })
    expect((await approve(admin, 2)).body.error.code).toBe('already_approved')
    // The short id works too, since the organisation is in the path.
    const short = await call(server.url, admin, 'POST', `/api/organisations/${orgId}/clauses/termination.local_notice/versions/1/approve`, {})
    expect(short.status).toBe(200)
    expect((await approve(admin, 3)).status).toBe(404)
    const after = await call(server.url, member, 'GET', `/api/clauses/${id()}`)
    expect(after.body.versions.map((v: { clause: { status: string } }) => v.clause.status)).toEqual(['approved', 'approved'])
  })

  it('never lets the database change a written version or an approval', () => {
    const db = server.store!.db
    expect(() => db.prepare("UPDATE org_clauses SET text_sv = 'ändrad' WHERE clause_id = ?").run(id())).toThrow(/never changed/)
    expect(() => db.prepare("UPDATE org_clauses SET approved_at = '2030-01-01T00:00:00Z' WHERE clause_id = ?").run(id())).toThrow(/already approved/)
  })

  it('does not let another organisation approve or see the clause', async () => {
    const other = (await call(server.url, outsider, 'GET', '/api/organisations')).body.organisations[0].id as string
    const res = await call(server.url, outsider, 'POST', `/api/organisations/${other}/clauses/${enc(id())}/versions/1/approve`, {})
    expect(res.status).toBe(404)
    expect((await call(server.url, outsider, 'GET', `/api/clauses/${id()}`)).status).toBe(404)
  })

  it("lists the organisation's clauses at their newest version and records each step in its audit log", async () => {
    const list = await call(server.url, member, 'GET', `/api/organisations/${orgId}/clauses`)
    expect(list.body.clauses.map((c: { clause: { id: string; version: number } }) => [c.clause.id, c.clause.version])).toEqual([
      [`org:${slug}/other.force_majeure`, 1],
      [`org:${slug}/termination.contested`, 2],
      [`org:${slug}/termination.gradual_winddown`, 1],
      [id(), 2],
    ])
    expect((await call(server.url, member, 'GET', `/api/organisations/${orgId}/audit`)).status).toBe(403)
    const audit = await call(server.url, admin, 'GET', `/api/organisations/${orgId}/audit`)
    const steps = audit.body.entries
      .filter((e: { details: { clauseId?: string } }) => e.details.clauseId === id())
      .map((e: { action: string; details: { version: number } }) => `${e.action}@${e.details.version}`)
      .reverse()
    expect(steps).toEqual(['clause_version_added@1', 'clause_version_added@2', 'clause_version_approved@2', 'clause_version_approved@1'])
  })
})

describe('GET /api/clauses: search over built-ins and my organisations', () => {
  const search = (user: TestUser | null, query: string) => call(server.url, user, 'GET', `/api/clauses?${query}`)
  const ids = (res: { body: { hits: { clause: { id: string } }[] } }) => res.body.hits.map((h) => h.clause.id)

  it('requires a login', async () => {
    expect((await search(null, 'q=mål')).status).toBe(401)
  })

  it('matches with or without Swedish diacritics', async () => {
    const withMarks = await search(member, `q=${enc('lärandemål')}`)
    const without = await search(member, 'q=larandemal')
    expect(withMarks.status).toBe(200)
    expect(ids(withMarks).length).toBeGreaterThan(0)
    expect(ids(withMarks).every((i: string) => i.startsWith('learning_goals.'))).toBe(true)
    expect(ids(without)).toEqual(ids(withMarks))
  })

  it("finds an organisation's clause for its members only", async () => {
    const own = await search(member, 'q=fritidsgardarna')
    expect(ids(own)).toEqual([`org:${slug}/termination.local_notice`])
    expect(own.body.hits[0].origin).toMatchObject({ kind: 'organisation', orgId })
    expect(own.body.hits[0].clause.version).toBe(2)
    expect(ids(await search(outsider, 'q=fritidsgardarna'))).toEqual([])
  })

  it('filters by section and language, and validates the query', async () => {
    const termination = await search(member, 'section=termination')
    expect(ids(termination).length).toBeGreaterThan(1)
    expect(termination.body.hits.every((h: { clause: { sectionId: string } }) => h.clause.sectionId === 'termination')).toBe(true)
    expect(ids(termination)).toContain(`org:${slug}/termination.local_notice`)
    // "written" is only in the English text of the organisation clause.
    expect(ids(await search(member, 'q=written&lang=en&section=termination'))).toContain(`org:${slug}/termination.local_notice`)
    expect(ids(await search(member, 'q=written&lang=sv&section=termination'))).not.toContain(`org:${slug}/termination.local_notice`)
    expect((await search(member, 'section=nonsense')).status).toBe(400)
    expect((await search(member, 'lang=de')).status).toBe(400)
  })

  it('can search approved versions only', async () => {
    const draft = await call(server.url, member, 'POST', `/api/organisations/${orgId}/clauses`, {
      id: 'termination.draft_only',
      sectionId: 'termination',
      parameters: [],
      text: { sv: 'Utkast om fritidsbussen.', en: 'Draft about the leisure bus.' },
    })
    expect(draft.status).toBe(201)
    expect(ids(await search(member, 'q=fritidsbussen'))).toEqual([`org:${slug}/termination.draft_only`])
    expect(ids(await search(member, 'q=fritidsbussen&status=approved'))).toEqual([])
    // Built-in clauses are suggestions nobody has reviewed: never in an "approved only" search.
    expect(ids(await search(member, 'q=uppsagningstid&status=approved')).filter((id) => !id.startsWith('org:'))).toEqual([])
    expect(ids(await search(member, 'q=fritidsgardarna&status=approved'))).toEqual([`org:${slug}/termination.local_notice`])
  })

  it('returns every version of a built-in clause, and 404 for unknown ids', async () => {
    const builtin = await call(server.url, outsider, 'GET', '/api/clauses/termination.gradual_winddown')
    expect(builtin.status).toBe(200)
    expect(builtin.body.origin).toEqual({ kind: 'builtin' })
    expect(builtin.body.versions[0].clause).toMatchObject({ id: 'termination.gradual_winddown', version: 1, status: 'starter', review: null })
    expect(builtin.body.versions.at(-1).clause).toMatchObject({ id: 'termination.gradual_winddown', version: 2, status: 'starter', review: null })
    expect((await call(server.url, outsider, 'GET', '/api/clauses/termination.no_such_clause')).status).toBe(404)
    expect((await call(server.url, null, 'GET', '/api/clauses/termination.gradual_winddown')).status).toBe(401)
  })
})
