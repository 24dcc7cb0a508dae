/**
 * The organisation library's repositories on both engines: organisations and their slugs, members and
 * roles, clause versions (immutable, approved once), templates by content hash, package imports and the
 * organisation audit log. The same calls must give the same answers from SQLite and PostgreSQL, also
 * when two requests race where the SQLite code relied on running alone.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ClauseLoadError, exportTemplatePackage, type Template } from '../../../clause-library/index.ts'
import { createLibraryServices, type LibraryServices } from '../../../server/library/index.ts'
import { AlreadyApprovedError, ClauseVersionImmutableError, VersionConflictError, clauseRuleError, type NewVersionInput } from '../../../server/library/org-clauses.ts'
import { LastAdminError, SlugTakenError, isGoneError, type Organisation } from '../../../server/library/organisations.ts'
import { importTemplatePackage } from '../../../server/library/template-import.ts'
import type { TemplateBody } from '../../../server/library/templates.ts'
import type { Database } from '../../../server/storage/database.ts'
import type { Tables } from '../../../server/storage/tables.ts'
import { useEngines } from '../../support/engines.ts'

const engines = useEngines()

/** A user row as the accounts repository would write it (that repository is not under test here). */
async function user(database: Database, name: string): Promise<string> {
  const id = randomUUID()
  await database.db
    .insertInto('users')
    .values({ id, email: `${name.toLowerCase().replace(/\W/g, '')}-${id.slice(0, 8)}@example.se`, password_hash: 'x', display_name: name, is_admin: 0, created_at: new Date().toISOString() })
    .execute()
  return id
}

async function rows(database: Database, table: keyof Tables, column: string, value: string): Promise<number> {
  const { n } = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(column as never, '=', value as never)
    .executeTakeFirstOrThrow()
  return Number(n)
}

const notice = (org: Organisation, sv: string, extra: Partial<NewVersionInput> = {}): NewVersionInput => ({
  id: `org:${org.slug}/termination.local_notice`,
  sectionId: 'termination',
  parameters: [{ name: 'notice_months', type: 'months', label: { sv: 'Uppsägningstid (månader)', en: 'Notice (months)' }, required: true, default: 3 }],
  text: { sv, en: 'Either party may terminate with {notice_months} months’ notice.' },
  ...extra,
})

const templateOf = (org: Organisation, name: string): TemplateBody => ({
  name: { sv: name, en: `${name} (en)` },
  lang: 'sv',
  municipality: 'Norrby',
  items: [{ clauseId: `org:${org.slug}/termination.local_notice`, version: 1, params: { notice_months: 6 } }],
})

/** Settles every promise and sorts them into values and errors, for races. */
async function race<T>(calls: (() => Promise<T>)[]): Promise<{ ok: T[]; failed: unknown[] }> {
  const settled = await Promise.allSettled(calls.map((call) => call()))
  return {
    ok: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    failed: settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : [])),
  }
}

describe.each(engines)('organisation library on $name', (engine) => {
  async function open(): Promise<{ database: Database; library: LibraryServices; admin: string; lawyer: string; member: string }> {
    const { database } = await engine.open()
    return { database, library: createLibraryServices(database), admin: await user(database, 'Ada Admin'), lawyer: await user(database, 'Lena Jurist'), member: await user(database, 'Mats Medlem') }
  }

  it('gives each organisation a unique slug, never hands out a retired one, and lists by name byte for byte', async () => {
    const { library, admin } = await open()
    const { organisations } = library
    const first = await organisations.create({ name: 'Göteborgs Stad', type: 'public' }, admin)
    expect(first).toMatchObject({ slug: 'goteborgs-stad', name: 'Göteborgs Stad', type: 'public' })
    expect((await organisations.create({ name: 'Göteborgs  stad!', type: 'public' }, admin)).slug).toBe('goteborgs-stad-2')
    await expect(organisations.create({ name: 'Annat namn', type: 'public', slug: 'goteborgs-stad' }, admin)).rejects.toBeInstanceOf(SlugTakenError)
    expect(await organisations.roleOf(first.id, admin)).toBe('admin')

    expect(await organisations.delete(first.id)).toBe(true)
    expect(await organisations.delete(first.id)).toBe(false)
    expect(await organisations.get(first.id)).toBeNull()
    // The slug is retired with the organisation: agreements still hold clause ids in its namespace.
    expect((await organisations.create({ name: 'Göteborgs Stad', type: 'public' }, admin)).slug).toBe('goteborgs-stad-3')
    await expect(organisations.create({ name: 'Göteborgs Stad', type: 'public', slug: 'goteborgs-stad' }, admin)).rejects.toBeInstanceOf(SlugTakenError)

    const updated = await organisations.update((await organisations.bySlug('goteborgs-stad-2'))!.id, { type: 'idea_driven' })
    expect(updated).toMatchObject({ slug: 'goteborgs-stad-2', name: 'Göteborgs  stad!', type: 'idea_driven' })
    expect(await organisations.update('no-such-org', { name: 'x' })).toBeNull()

    for (const name of ['Ängby förening', 'alfa', 'Zeta', 'Beta']) await organisations.create({ name, type: 'idea_driven' }, admin)
    // Binary order on both engines: capitals before small letters, Å/Ä/Ö after z.
    expect((await organisations.listFor(admin)).map((o) => o.name)).toEqual(['Beta', 'Göteborgs  stad!', 'Göteborgs Stad', 'Zeta', 'alfa', 'Ängby förening'])
    expect((await organisations.listFor(admin)).every((o) => o.role === 'admin')).toBe(true)
  })

  it('lets organisations created at the same moment with the same name all succeed with distinct slugs, and one explicit slug go to one', async () => {
    const { library, admin } = await open()
    const named = await race(Array.from({ length: 6 }, () => () => library.organisations.create({ name: 'Fritidsgården Norr', type: 'idea_driven' }, admin)))
    expect(named.failed).toEqual([])
    expect(named.ok.map((o) => o.slug).sort()).toEqual(['fritidsgarden-norr', 'fritidsgarden-norr-2', 'fritidsgarden-norr-3', 'fritidsgarden-norr-4', 'fritidsgarden-norr-5', 'fritidsgarden-norr-6'])

    const explicit = await race(Array.from({ length: 4 }, (_, i) => () => library.organisations.create({ name: `Kustby ${i}`, type: 'public', slug: 'kustby' }, admin)))
    expect(explicit.ok).toHaveLength(1)
    expect(explicit.failed).toHaveLength(3)
    for (const err of explicit.failed) expect(err).toBeInstanceOf(SlugTakenError)
    // A refused create leaves nothing behind: only the winner's row and admin exist.
    expect((await library.organisations.listFor(admin)).filter((o) => o.slug.startsWith('kustby'))).toHaveLength(1)
  })

  it('keeps members with their roles in the order they joined, and never leaves an organisation without an admin', async () => {
    const { library, admin, lawyer, member } = await open()
    const { organisations } = library
    const org = await organisations.create({ name: 'Norrby kommun', type: 'public' }, admin)
    expect(await organisations.addMember(org.id, lawyer, 'lawyer')).toBe(true)
    expect(await organisations.addMember(org.id, member, 'member')).toBe(true)
    expect(await organisations.addMember(org.id, member, 'admin')).toBe(false)
    expect(await organisations.roleOf(org.id, member)).toBe('member')
    expect((await organisations.members(org.id)).map((m) => [m.displayName, m.role])).toEqual([
      ['Ada Admin', 'admin'],
      ['Lena Jurist', 'lawyer'],
      ['Mats Medlem', 'member'],
    ])
    expect(await organisations.member(org.id, lawyer)).toMatchObject({ userId: lawyer, displayName: 'Lena Jurist', role: 'lawyer' })
    expect(await organisations.member(org.id, 'nobody')).toBeNull()

    await expect(organisations.setRole(org.id, admin, 'member')).rejects.toBeInstanceOf(LastAdminError)
    await expect(organisations.removeMember(org.id, admin)).rejects.toBeInstanceOf(LastAdminError)
    expect(await organisations.roleOf(org.id, admin)).toBe('admin')
    expect(await organisations.setRole(org.id, 'nobody', 'admin')).toBe(false)
    expect(await organisations.setRole(org.id, lawyer, 'admin')).toBe(true)
    expect(await organisations.setRole(org.id, admin, 'member')).toBe(true)
    expect(await organisations.removeMember(org.id, member)).toBe(true)
    expect(await organisations.removeMember(org.id, member)).toBe(false)
    expect((await organisations.members(org.id)).map((m) => [m.displayName, m.role])).toEqual([
      ['Ada Admin', 'member'],
      ['Lena Jurist', 'admin'],
    ])
    expect((await organisations.listFor(member)).map((o) => o.id)).toEqual([])
  })

  it('lets only one of two admins demoting or removing each other at the same moment succeed', async () => {
    const { library, admin, lawyer } = await open()
    const { organisations } = library
    for (let round = 0; round < 5; round++) {
      const org = await organisations.create({ name: `Runda ${round}`, type: 'public' }, admin)
      await organisations.addMember(org.id, lawyer, 'admin')
      const outcome =
        round % 2 === 0
          ? await race([() => organisations.setRole(org.id, admin, 'member'), () => organisations.setRole(org.id, lawyer, 'lawyer')])
          : await race([() => organisations.removeMember(org.id, admin), () => organisations.removeMember(org.id, lawyer)])
      expect(outcome.ok).toEqual([true])
      expect(outcome.failed).toHaveLength(1)
      expect(outcome.failed[0]).toBeInstanceOf(LastAdminError)
      expect((await organisations.members(org.id)).filter((m) => m.role === 'admin')).toHaveLength(1)
    }
  })

  it('adds clause versions, never changes a stored one, and reports a stale or invalid edit', async () => {
    const { database, library, admin, member } = await open()
    const { organisations, clauses } = library
    const org = await organisations.create({ name: 'Ekvik kommun', type: 'public' }, admin)
    const other = await organisations.create({ name: 'Föreningen Fritid', type: 'idea_driven' }, member)
    const v1 = await clauses.addVersion(org.id, notice(org, 'Parterna får säga upp avtalet med {notice_months} månaders varsel.'), admin)
    expect(v1.clause).toMatchObject({ id: 'org:ekvik-kommun/termination.local_notice', version: 1, status: 'draft', review: null })
    expect(v1).toMatchObject({ source: 'authored', createdBy: admin, approval: null, origin: { kind: 'organisation', orgId: org.id, orgSlug: 'ekvik-kommun', orgName: 'Ekvik kommun' } })
    const v2 = await clauses.addVersion(org.id, notice(org, 'Uppsägning sker med {notice_months} månaders varsel.', { basedOn: 1 }), admin)
    expect(v2.clause.version).toBe(2)

    const stale = await clauses.addVersion(org.id, notice(org, 'Gammal grund {notice_months}.', { basedOn: 1 }), admin).catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(VersionConflictError)
    expect((stale as VersionConflictError).latest).toBe(2)
    const unborn = await clauses.addVersion(org.id, { ...notice(org, 'Ny {notice_months}.', { basedOn: 1 }), id: `org:${org.slug}/termination.other` }, admin).catch((e: unknown) => e)
    expect(unborn).toBeInstanceOf(VersionConflictError)
    expect((unborn as VersionConflictError).latest).toBeNull()
    await expect(clauses.addVersion(org.id, notice(org, 'Säg upp med {notice_months} och {unknown}.'), admin)).rejects.toBeInstanceOf(ClauseLoadError)
    // An organisation writes only in its own namespace.
    await expect(clauses.addVersion(other.id, notice(org, 'Intrång {notice_months}.'), member)).rejects.toThrow(/outside the namespace/)

    expect((await clauses.versions(v1.clause.id)).map((v) => [v.clause.version, v.clause.text.sv])).toEqual([
      [1, 'Parterna får säga upp avtalet med {notice_months} månaders varsel.'],
      [2, 'Uppsägning sker med {notice_months} månaders varsel.'],
    ])
    expect((await clauses.latestOf(org.id)).map((v) => [v.clause.id, v.clause.version])).toEqual([[v1.clause.id, 2]])
    expect(await clauses.latestOf(other.id)).toEqual([])
    expect(await clauses.get(v1.clause.id, 3)).toBeNull()
    expect(await clauses.count(org.id)).toBe(2)
    expect(await clauses.count()).toBe(2)
    expect((await clauses.libraryFor([org.id])).get(v1.clause.id, 1)?.text.sv).toContain('Parterna')
    expect((await clauses.libraryFor([other.id])).get(v1.clause.id, 1)).toBeUndefined()
    expect((await clauses.recordsOfNamespaces(['ekvik-kommun', 'no-such-slug'])).map((r) => r.version)).toEqual([1, 2])
    // An agreement's text may name any number of namespaces: more than either engine binds in one query.
    const many = Array.from({ length: 40_000 }, (_, i) => `slug-${i}`)
    many.splice(33_000, 0, 'ekvik-kommun')
    expect((await clauses.recordsOfNamespaces(many)).map((r) => [r.id, r.version])).toEqual([
      [v1.clause.id, 1],
      [v1.clause.id, 2],
    ])

    // The database itself refuses to rewrite a version, with the same domain error on both engines.
    const rewrite = await database.db
      .updateTable('org_clauses')
      .set({ text_sv: 'ändrad' })
      .where('clause_id', '=', v1.clause.id)
      .where('version', '=', 1)
      .execute()
      .catch((e: unknown) => e)
    expect(clauseRuleError(rewrite)).toBeInstanceOf(ClauseVersionImmutableError)
    expect((await clauses.get(v1.clause.id, 1))!.clause.text.sv).toContain('Parterna')
    expect(clauseRuleError(new Error('a clause version is never changed'))).toBeNull()
  })

  it('numbers versions written at the same moment one after another: a conflict with basedOn, the next number without', async () => {
    const { library, admin, lawyer } = await open()
    const { organisations, clauses } = library
    const org = await organisations.create({ name: 'Björkhamn', type: 'public' }, admin)
    await clauses.addVersion(org.id, notice(org, 'Första {notice_months}.'), admin)

    const based = await race([1, 2, 3].map((n) => () => clauses.addVersion(org.id, notice(org, `Utkast ${n} {notice_months}.`, { basedOn: 1 }), n === 1 ? admin : lawyer)))
    expect(based.ok.map((v) => v.clause.version)).toEqual([2])
    expect(based.failed).toHaveLength(2)
    for (const err of based.failed) expect(err).toMatchObject({ latest: 2 })

    const free = await race([1, 2, 3].map((n) => () => clauses.addVersion(org.id, notice(org, `Fri ${n} {notice_months}.`), admin)))
    expect(free.failed).toEqual([])
    expect(free.ok.map((v) => v.clause.version).sort()).toEqual([3, 4, 5])
    expect((await clauses.versions(`org:${org.slug}/termination.local_notice`)).map((v) => v.clause.version)).toEqual([1, 2, 3, 4, 5])
  })

  it('approves a version once, also when approvals race, and keeps the approval when the approver leaves', async () => {
    const { database, library, admin, lawyer } = await open()
    const { organisations, clauses } = library
    const org = await organisations.create({ name: 'Hjortsala', type: 'public' }, admin)
    const v1 = await clauses.addVersion(org.id, notice(org, 'Uppsägning {notice_months}.'), admin)
    const id = v1.clause.id

    const approved = await clauses.approve(id, 1, { id: lawyer, displayName: 'Lena Jurist' }, 'Granskad mot LOU')
    expect(approved!.clause).toMatchObject({ status: 'approved', review: { by: 'Lena Jurist', note: 'Granskad mot LOU' } })
    expect(approved!.approval).toMatchObject({ by: lawyer, byName: 'Lena Jurist', note: 'Granskad mot LOU' })
    await expect(clauses.approve(id, 1, { id: admin, displayName: 'Ada Admin' }, 'igen')).rejects.toBeInstanceOf(AlreadyApprovedError)
    expect(await clauses.approve(id, 9, { id: admin, displayName: 'Ada Admin' }, '')).toBeNull()
    expect((await clauses.get(id, 1))!.approval!.byName).toBe('Lena Jurist')

    // The database refuses a later change of the approval itself, mapped alike on both engines.
    const rewrite = await database.db
      .updateTable('org_clauses')
      .set({ approved_at: '2030-01-01T00:00:00.000Z' })
      .where('clause_id', '=', id)
      .execute()
      .catch((e: unknown) => e)
    expect(clauseRuleError(rewrite)).toBeInstanceOf(AlreadyApprovedError)

    await clauses.addVersion(org.id, notice(org, 'Andra {notice_months}.', { basedOn: 1 }), admin)
    const raced = await race(['Ett', 'Två', 'Tre', 'Fyra'].map((note) => () => clauses.approve(id, 2, { id: lawyer, displayName: 'Lena Jurist' }, note)))
    expect(raced.ok).toHaveLength(1)
    expect(raced.failed).toHaveLength(3)
    for (const err of raced.failed) expect(err).toBeInstanceOf(AlreadyApprovedError)
    expect((await clauses.get(id, 2))!.approval!.note).toBe(raced.ok[0]!.approval!.note)

    // The approver's account goes; the approval and the name it was given under stay.
    await database.db.deleteFrom('users').where('id', '=', lawyer).execute()
    expect((await clauses.get(id, 1))!.approval).toMatchObject({ by: null, byName: 'Lena Jurist', note: 'Granskad mot LOU' })
  })

  it('keeps templates in creation order and finds one by its content, whatever its id', async () => {
    let clock = Date.UTC(2026, 10, 30, 8)
    const { database, admin } = await open()
    const library = createLibraryServices(database)
    const { TemplateRepository } = await import('../../../server/library/templates.ts')
    const templates = new TemplateRepository(database, () => new Date((clock += 1000)))
    const org = await library.organisations.create({ name: 'Lindåker', type: 'public' }, admin)
    const other = await library.organisations.create({ name: 'Kustby', type: 'public' }, admin)

    const a = await templates.create(org.id, templateOf(org, 'Fritidsgård'), 'authored', admin)
    const b = await templates.create(org.id, templateOf(org, 'Hemlöshet'), 'imported', admin)
    await templates.create(other.id, templateOf(org, 'Fritidsgård'), 'authored', admin)
    expect(a.template.id).toMatch(/^[\w-]{16}$/)
    expect(await templates.get(a.template.id)).toEqual(a)
    expect((await templates.listOf(org.id)).map((t) => [t.template.name.sv, t.source])).toEqual([
      ['Fritidsgård', 'authored'],
      ['Hemlöshet', 'imported'],
    ])

    // Same content under another id is the same template; the hash ignores the id.
    const same = await templates.findSame(org.id, { ...templateOf(org, 'Fritidsgård'), id: 'whatever' } as Template)
    expect(same?.template.id).toBe(a.template.id)
    expect(await templates.findSame(org.id, templateOf(org, 'Något annat'))).toBeNull()

    const renamed = await templates.update(b.template.id, { ...templateOf(org, 'Hemlöshet 2027'), municipality: 'Tallmora' })
    expect(renamed).toMatchObject({ orgId: org.id, source: 'imported', template: { id: b.template.id, municipality: 'Tallmora' } })
    expect((await templates.findSame(org.id, { ...templateOf(org, 'Hemlöshet 2027'), municipality: 'Tallmora' }))?.template.id).toBe(b.template.id)
    expect(await templates.findSame(org.id, templateOf(org, 'Hemlöshet'))).toBeNull()
    expect(await templates.update('missing', templateOf(org, 'x'))).toBeNull()

    expect(await templates.count(org.id)).toBe(2)
    expect(await templates.count()).toBe(3)
    expect(await templates.delete(a.template.id)).toBe(true)
    expect(await templates.delete(a.template.id)).toBe(false)
    expect(await templates.get(a.template.id)).toBeNull()
  })

  it('imports a package with clauses and template in one go, finds it in place the second time, and lets racing imports write once', async () => {
    const { library, admin, member } = await open()
    const { organisations, clauses, templates } = library
    const source = await organisations.create({ name: 'Tallmora', type: 'public' }, admin)
    await clauses.addVersion(source.id, notice(source, 'Uppsägning {notice_months}.'), admin)
    const template = await templates.create(source.id, templateOf(source, 'Tallmora-mallen'), 'authored', admin)
    const pkg = exportTemplatePackage(template.template, await clauses.libraryFor([source.id]))

    const target = await organisations.create({ name: 'Ängsholm', type: 'idea_driven' }, member)
    const first = await importTemplatePackage(library, target, pkg, member)
    if (!first.ok) throw new Error(first.error.message)
    expect(first).toMatchObject({ templateReused: false, added: [{ id: 'org:angsholm/termination.local_notice', version: 1 }] })
    expect(first.template.template.items[0]!.clauseId).toBe('org:angsholm/termination.local_notice')
    const again = await importTemplatePackage(library, target, pkg, member)
    expect(again).toMatchObject({ ok: true, templateReused: true, added: [] })

    for (let round = 0; round < 3; round++) {
      const racing = await organisations.create({ name: 'Kustby', type: 'public' }, member)
      const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => importTemplatePackage(library, racing, pkg, member)))
      expect(outcomes.every((o) => o.ok)).toBe(true)
      expect(outcomes.filter((o) => o.ok && o.added.length > 0)).toHaveLength(1)
      expect(await templates.count(racing.id)).toBe(1)
      expect(await clauses.count(racing.id)).toBe(1)
      expect((await library.audit.list(racing.id)).filter((e) => e.action === 'template_imported')).toHaveLength(1)
    }

    const tampered = await importTemplatePackage(library, target, { ...pkg, checksum: '0'.repeat(64) }, member)
    expect(tampered).toMatchObject({ ok: false, error: { code: 'tampered' } })
  })

  it('keeps the organisation audit log in order with the name the actor had then', async () => {
    const { database, library, admin, member } = await open()
    const org = await library.organisations.create({ name: 'Kustby', type: 'public' }, admin)
    const other = await library.organisations.create({ name: 'Annan', type: 'public' }, admin)
    for (const action of ['organisation_created', 'member_added', 'clause_version_added', 'clause_version_approved']) {
      await library.audit.record(org.id, admin, action, { step: action })
    }
    await library.audit.record(other.id, member, 'organisation_created')
    await library.audit.record(org.id, null, 'template_imported', { nested: { list: [1, 2] } })
    await database.db.updateTable('users').set({ display_name: 'Ada Nytt Namn' }).where('id', '=', admin).execute()

    const entries = await library.audit.list(org.id)
    expect(entries.map((e) => e.action)).toEqual(['template_imported', 'clause_version_approved', 'clause_version_added', 'member_added', 'organisation_created'])
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((x, y) => y - x))
    expect(entries[1]).toMatchObject({ actorId: admin, actorName: 'Ada Admin', details: { step: 'clause_version_approved' } })
    expect(entries[0]).toMatchObject({ actorId: null, actorName: null, details: { nested: { list: [1, 2] } } })
    expect(typeof entries[0]!.seq).toBe('number')
    expect((await library.audit.list(org.id, 2)).map((e) => e.action)).toEqual(['template_imported', 'clause_version_approved'])
    expect((await library.audit.list(other.id)).map((e) => [e.action, e.actorName])).toEqual([['organisation_created', 'Mats Medlem']])
  })

  it('deletes an organisation with its members, clauses, templates and audit log, keeping only its retired slug', async () => {
    const { database, library, admin, lawyer } = await open()
    const { organisations, clauses, templates, audit } = library
    const org = await organisations.create({ name: 'Högluna', type: 'public' }, admin)
    const kept = await organisations.create({ name: 'Kvar', type: 'public' }, admin)
    await organisations.addMember(org.id, lawyer, 'lawyer')
    await clauses.addVersion(org.id, notice(org, 'Uppsägning {notice_months}.'), admin)
    await clauses.addVersion(kept.id, notice(kept, 'Kvar {notice_months}.'), admin)
    await templates.create(org.id, templateOf(org, 'Mall'), 'authored', admin)
    await templates.create(kept.id, templateOf(kept, 'Mall'), 'authored', admin)
    await audit.record(org.id, admin, 'organisation_created')
    await audit.record(kept.id, admin, 'organisation_created')

    expect(await organisations.delete(org.id)).toBe(true)
    for (const table of ['organisation_members', 'org_clauses', 'templates', 'org_audit_log'] as const) {
      expect(await rows(database, table, 'org_id', org.id)).toBe(0)
      expect(await rows(database, table, 'org_id', kept.id)).toBeGreaterThan(0)
    }
    expect(await rows(database, 'retired_slugs', 'slug', 'hogluna')).toBe(1)
    expect(await clauses.recordsOfNamespaces(['hogluna'])).toEqual([])
    expect(await organisations.listFor(lawyer)).toEqual([])

    // A write that arrives after the delete (its request passed the guard before) is refused as "gone" on both engines.
    const late = await Promise.allSettled([
      clauses.addVersion(org.id, notice(org, 'Sen {notice_months}.'), admin),
      templates.create(org.id, templateOf(org, 'Sen mall'), 'authored', admin),
      audit.record(org.id, admin, 'template_created'),
      organisations.addMember(org.id, admin, 'member'),
    ])
    for (const outcome of late) {
      expect(outcome.status).toBe('rejected')
      expect(isGoneError((outcome as PromiseRejectedResult).reason)).toBe(true)
    }
    expect(isGoneError(new Error('other'))).toBe(false)
    expect(await organisations.setRole(org.id, lawyer, 'admin')).toBe(false)
    expect(await organisations.removeMember(org.id, lawyer)).toBe(false)
  })

  it('follows a deleted account: memberships go, authorship of organisations and templates is forgotten, clause authors are kept', async () => {
    const { database, library, admin, member } = await open()
    const { organisations, clauses, templates } = library
    const org = await organisations.create({ name: 'Tallmora', type: 'public' }, admin)
    const own = await organisations.create({ name: 'Medlemmens', type: 'public' }, member)
    await organisations.addMember(org.id, member, 'member')
    const template = await templates.create(org.id, templateOf(org, 'Mall'), 'authored', member)
    await organisations.addMember(own.id, admin, 'admin')

    await database.db.deleteFrom('users').where('id', '=', member).execute()
    expect(await organisations.roleOf(org.id, member)).toBeNull()
    expect((await organisations.members(own.id)).map((m) => m.userId)).toEqual([admin])
    expect((await database.db.selectFrom('organisations').select('created_by').where('id', '=', own.id).executeTakeFirstOrThrow()).created_by).toBeNull()
    expect((await templates.get(template.template.id))!.createdBy).toBeNull()

    // A clause version's author is part of the version: deleting that account is refused on both engines.
    await clauses.addVersion(org.id, notice(org, 'Skriven av admin {notice_months}.'), admin)
    const refused = await database.db
      .deleteFrom('users')
      .where('id', '=', admin)
      .execute()
      .catch((e: unknown) => e)
    expect(clauseRuleError(refused)).toBeInstanceOf(ClauseVersionImmutableError)
    expect((await clauses.get(`org:${org.slug}/termination.local_notice`, 1))!.createdBy).toBe(admin)
  })
})
