/**
 * Members, parties, invitation links and the audit log on both engines: the same answers from SQLite
 * and PostgreSQL, including under parallel calls where the rules (one owner at least, a link's use
 * count) must hold however the calls interleave.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AuditLog, ORGANISATION_SCOPE } from '../../../server/membership/audit.ts'
import { InvitationRepository } from '../../../server/membership/invitations.ts'
import { LastOwnerError, MembershipRepository } from '../../../server/membership/repository.ts'
import type { Database } from '../../../server/storage/database.ts'
import { useEngines, type OpenEngine } from '../../support/engines.ts'

const engines = useEngines()
const DAY = 24 * 3600 * 1000

/** A clock that moves one second per reading unless told otherwise. */
function clock(start = Date.UTC(2026, 10, 30, 8)) {
  let t = start
  return {
    now: () => new Date((t += 1000)),
    advance(ms: number) {
      t += ms
    },
  }
}

async function user(database: Database, displayName: string): Promise<string> {
  const id = randomUUID()
  await database.db
    .insertInto('users')
    .values({ id, email: `${id.slice(0, 8)}@example.se`, password_hash: 'x', display_name: displayName, is_admin: 0, created_at: new Date().toISOString() })
    .execute()
  return id
}

async function setUp(engine: { open(): Promise<OpenEngine> }) {
  const opened = await engine.open()
  const time = clock()
  return {
    ...opened,
    time,
    members: new MembershipRepository(opened.database, time.now),
    invitations: new InvitationRepository(opened.database, time.now),
    audit: new AuditLog(opened.database, time.now),
    user: (name: string) => user(opened.database, name),
  }
}

/** What each of a set of parallel calls came to: its value, or the class name of its error. */
async function outcomes<T>(calls: Promise<T>[]): Promise<(T | string)[]> {
  return (await Promise.allSettled(calls)).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).constructor.name))
}

describe.each(engines)('members on $name', (engine) => {
  it('adds members once, lists them in the order they came with party and mandate, changes and removes them', async () => {
    const { members, agreement, user } = await setUp(engine)
    const id = await agreement()
    const other = await agreement()
    const anna = await user('Anna Ägare')
    const bo = await user('Bo Skribent')
    const cia = await user('Cia Granskare')
    expect(await members.add(id, anna, 'owner')).toBe(true)
    const party = await members.addParty(id, { name: 'Föreningen Gemenskap', type: 'idea_driven', orgNr: '802000-0000' })
    expect(await members.add(id, bo, 'drafter', { partyId: party.id, mandate: 'Ordförande' })).toBe(true)
    expect(await members.add(id, cia, 'reviewer')).toBe(true)
    // Adding again keeps the membership as it is.
    expect(await members.add(id, bo, 'viewer')).toBe(false)
    expect(await members.add(other, bo, 'viewer')).toBe(true)

    const listed = await members.list(id)
    expect(listed.map((m) => [m.displayName, m.role, m.partyName, m.mandate])).toEqual([
      ['Anna Ägare', 'owner', null, null],
      ['Bo Skribent', 'drafter', 'Föreningen Gemenskap', 'Ordförande'],
      ['Cia Granskare', 'reviewer', null, null],
    ])
    expect(listed[1]!.email).toMatch(/@example\.se$/)
    expect(await members.get(id, bo)).toEqual(listed[1])
    expect(await members.get(id, randomUUID())).toBeNull()
    expect(await members.roleOf(id, cia)).toBe('reviewer')
    expect(await members.roleOf(other, cia)).toBeNull()
    expect(await members.agreementIdsOf(bo)).toEqual(new Set([id, other]))

    await members.update(id, bo, { role: 'reviewer', partyId: null })
    expect(await members.get(id, bo)).toMatchObject({ role: 'reviewer', partyId: null, partyName: null, mandate: 'Ordförande' })
    await members.update(id, bo, { mandate: null })
    expect((await members.get(id, bo))!.mandate).toBeNull()
    await members.update(id, bo, {})
    expect((await members.get(id, bo))!.role).toBe('reviewer')

    expect(await members.remove(id, cia)).toBe(true)
    expect(await members.remove(id, cia)).toBe(false)
    expect((await members.list(id)).map((m) => m.displayName)).toEqual(['Anna Ägare', 'Bo Skribent'])
  })

  it("lists a person's agreements with their role by one join, most recently changed first", async () => {
    const { members, agreement, documents, user } = await setUp(engine)
    const bo = await user('Bo')
    const first = await agreement('Första')
    const second = await agreement('Andra')
    const notMine = await agreement('Annans')
    await members.add(first, bo, 'viewer')
    await members.add(second, bo, 'owner')
    await members.add(notMine, await user('Någon annan'), 'owner')
    await documents.updateAgreement(first, { title: 'Första, omdöpt' })
    const mine = await members.agreementsOf(bo)
    expect(mine.map((a) => [a.title, a.role])).toEqual([
      ['Första, omdöpt', 'viewer'],
      ['Andra', 'owner'],
    ])
    expect(mine[0]).toMatchObject({ id: first, municipality: 'Norrby', lang: 'sv' })
    expect(await members.agreementsOf(randomUUID())).toEqual([])
  })

  it('never lets the last owner go: neither demoted nor removed', async () => {
    const { members, agreement, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    const bo = await user('Bo')
    await members.add(id, anna, 'owner')
    await members.add(id, bo, 'drafter')
    await expect(members.update(id, anna, { role: 'drafter' })).rejects.toBeInstanceOf(LastOwnerError)
    await expect(members.remove(id, anna)).rejects.toBeInstanceOf(LastOwnerError)
    // Details of the last owner may change, and so may the others.
    await members.update(id, anna, { role: 'owner', mandate: 'Förvaltningschef' })
    expect(await members.remove(id, bo)).toBe(true)
    expect(await members.get(id, anna)).toMatchObject({ role: 'owner', mandate: 'Förvaltningschef' })

    // With a second owner the first may step down, and the second then becomes the last.
    await members.add(id, bo, 'owner')
    await members.update(id, anna, { role: 'viewer' })
    await expect(members.remove(id, bo)).rejects.toBeInstanceOf(LastOwnerError)
    expect(await members.roleOf(id, bo)).toBe('owner')
  })

  it('two owners demoting or removing each other at once: exactly one goes, one owner stays', async () => {
    const { members, agreement, user } = await setUp(engine)
    for (let round = 0; round < 6; round++) {
      const id = await agreement()
      const anna = await user('Anna')
      const bo = await user('Bo')
      await members.add(id, anna, 'owner')
      await members.add(id, bo, 'owner')
      const calls = round % 2 === 0 ? [members.update(id, anna, { role: 'drafter' }), members.update(id, bo, { role: 'viewer' })] : [members.remove(id, anna), members.remove(id, bo)]
      const results = await outcomes<unknown>(calls)
      expect(results.filter((r) => r === 'LastOwnerError')).toHaveLength(1)
      const owners = (await members.list(id)).filter((m) => m.role === 'owner')
      expect(owners).toHaveLength(1)
    }
  })

  it('parties: added in order, changed field by field within their agreement, removed (members keep no dangling party)', async () => {
    const { members, agreement, user } = await setUp(engine)
    const id = await agreement()
    const other = await agreement()
    const kommun = await members.addParty(id, { name: 'Norrby kommun', type: 'public', orgNr: '212000-0000' })
    const forening = await members.addParty(id, { name: 'Föreningen Gemenskap', type: 'idea_driven', orgNr: null })
    await members.addParty(other, { name: 'Annat avtals part', type: 'public', orgNr: null })
    expect(await members.parties(id)).toEqual([kommun, forening])

    expect(await members.updateParty(id, forening.id, { orgNr: '802000-0000' })).toEqual({ ...forening, orgNr: '802000-0000' })
    expect(await members.updateParty(id, forening.id, {})).toEqual({ ...forening, orgNr: '802000-0000' })
    expect(await members.updateParty(other, forening.id, { name: 'Kapad' })).toBeNull()
    expect(await members.updateParty(id, randomUUID(), { name: 'Ingen' })).toBeNull()
    expect((await members.parties(id))[1]!.name).toBe('Föreningen Gemenskap')

    const bo = await user('Bo')
    await members.add(id, bo, 'drafter', { partyId: forening.id })
    expect(await members.removeParty(other, forening.id)).toBe(false)
    expect(await members.removeParty(id, forening.id)).toBe(true)
    expect(await members.removeParty(id, forening.id)).toBe(false)
    expect(await members.get(id, bo)).toMatchObject({ partyId: null, partyName: null })
    expect((await members.parties(id)).map((p) => p.name)).toEqual(['Norrby kommun'])
  })

  it('an agreement takes its members, parties and links with it; a deleted account its memberships', async () => {
    const { members, invitations, agreement, documents, database, user } = await setUp(engine)
    const id = await agreement()
    const kept = await agreement()
    const anna = await user('Anna')
    const bo = await user('Bo')
    await members.add(id, anna, 'owner')
    await members.add(kept, anna, 'owner')
    await members.add(kept, bo, 'drafter')
    await members.addParty(id, { name: 'Part', type: 'public', orgNr: null })
    const { secret } = await invitations.create(id, 'viewer', anna, DAY, 1)
    await documents.deleteAgreement(id)
    expect(await members.list(id)).toEqual([])
    expect(await members.parties(id)).toEqual([])
    expect(await invitations.bySecret(secret)).toBeNull()
    expect(await members.agreementIdsOf(anna)).toEqual(new Set([kept]))

    await database.db.deleteFrom('users').where('id', '=', bo).execute()
    expect((await members.list(kept)).map((m) => m.displayName)).toEqual(['Anna'])
  })
})

describe.each(engines)('invitation links on $name', (engine) => {
  it('a link admits as many people as it has uses, in its role, and says why it no longer does', async () => {
    const { members, invitations, agreement, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna Ägare')
    await members.add(id, anna, 'owner')
    const { secret, invitation } = await invitations.create(id, 'drafter', anna, 14 * DAY, 2)
    expect(secret.length).toBeGreaterThanOrEqual(32)
    expect(invitation).toMatchObject({ agreementId: id, role: 'drafter', createdBy: anna, createdByName: 'Anna Ägare', maxUses: 2, uses: 0, status: 'valid' })
    expect(await invitations.bySecret(secret)).toEqual(invitation)
    expect(await invitations.byId(id, invitation.id)).toEqual(invitation)
    expect(await invitations.bySecret(`${secret}x`)).toBeNull()
    expect(await invitations.byId(await agreement(), invitation.id)).toBeNull()

    const bo = await user('Bo')
    const joined = await invitations.accept(secret, bo)
    expect(joined.kind).toBe('joined')
    expect(await members.roleOf(id, bo)).toBe('drafter')
    // Someone already in keeps their role and uses nothing.
    expect(await invitations.accept(secret, anna)).toMatchObject({ kind: 'already_member', role: 'owner' })
    expect(await invitations.accept(secret, bo)).toMatchObject({ kind: 'already_member', role: 'drafter' })
    expect((await invitations.bySecret(secret))!.uses).toBe(1)
    expect((await invitations.accept(secret, await user('Cia'))).kind).toBe('joined')
    expect(await invitations.accept(secret, await user('Dan'))).toEqual({ kind: 'refused', status: 'used' })
    expect((await invitations.bySecret(secret))!).toMatchObject({ uses: 2, status: 'used' })
    expect(await invitations.accept('no-such-secret', bo)).toEqual({ kind: 'refused', status: 'unknown' })
  })

  it('parallel accepts of one link: exactly as many join as it has uses', async () => {
    const { members, invitations, agreement, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    await members.add(id, anna, 'owner')
    const { secret } = await invitations.create(id, 'viewer', anna, DAY, 3)
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => user(`Gäst ${i}`)))
    const results = await Promise.all(people.map((p) => invitations.accept(secret, p)))
    expect(results.filter((r) => r.kind === 'joined')).toHaveLength(3)
    expect(results.filter((r) => r.kind === 'refused' && r.status === 'used')).toHaveLength(5)
    expect((await invitations.bySecret(secret))!.uses).toBe(3)
    expect((await members.list(id)).filter((m) => m.role === 'viewer')).toHaveLength(3)
  })

  it('one person accepting twice at once joins once and uses one use', async () => {
    const { members, invitations, agreement, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    await members.add(id, anna, 'owner')
    const { secret } = await invitations.create(id, 'reviewer', anna, DAY, 5)
    const bo = await user('Bo')
    const results = await Promise.all([invitations.accept(secret, bo), invitations.accept(secret, bo), invitations.accept(secret, bo)])
    expect(results.map((r) => r.kind).sort()).toEqual(['already_member', 'already_member', 'joined'])
    expect((await invitations.bySecret(secret))!.uses).toBe(1)
    expect(await members.roleOf(id, bo)).toBe('reviewer')
  })

  it('expired and revoked links admit no one; only live links are pending, newest first', async () => {
    const { members, invitations, agreement, user, time } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    await members.add(id, anna, 'owner')
    const short = await invitations.create(id, 'viewer', anna, 3600 * 1000, 1)
    const revoked = await invitations.create(id, 'viewer', anna, DAY, 1)
    const live = await invitations.create(id, 'drafter', anna, DAY, 1)
    const newest = await invitations.create(id, 'reviewer', anna, DAY, 1)
    expect(await invitations.revoke(id, revoked.invitation.id, 'revoked_by_owner')).toBe(true)
    expect(await invitations.revoke(id, revoked.invitation.id, 'revoked_by_owner')).toBe(false)
    expect(await invitations.revoke(await agreement(), live.invitation.id, 'revoked_by_owner')).toBe(false)
    time.advance(2 * 3600 * 1000)
    expect((await invitations.pending(id)).map((i) => i.id)).toEqual([newest.invitation.id, live.invitation.id])
    const bo = await user('Bo')
    expect(await invitations.accept(short.secret, bo)).toEqual({ kind: 'refused', status: 'expired' })
    expect(await invitations.accept(revoked.secret, bo)).toEqual({ kind: 'refused', status: 'revoked' })
    expect(await members.roleOf(id, bo)).toBeNull()
    expect((await invitations.bySecret(short.secret))!.uses).toBe(0)
  })

  it("links die with their creator's ownership and with the people who came in through them", async () => {
    const { members, invitations, agreement, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    const bo = await user('Bo')
    await members.add(id, anna, 'owner')
    await members.add(id, bo, 'owner')
    const annas = await invitations.create(id, 'owner', anna, DAY, 5)
    const annasOther = await invitations.create(id, 'viewer', anna, DAY, 5)
    const bos = await invitations.create(id, 'viewer', bo, DAY, 5)

    // Anna is demoted before anyone uses her links: the link itself refuses and is revoked.
    await members.update(id, anna, { role: 'drafter' })
    const cia = await user('Cia')
    expect(await invitations.accept(annas.secret, cia)).toEqual({ kind: 'refused', status: 'revoked' })
    expect((await invitations.bySecret(annas.secret))!.status).toBe('revoked')
    expect(await members.roleOf(id, cia)).toBeNull()
    // The route revokes all her live links at once; the one already revoked is not counted again.
    expect(await invitations.revokeCreatedBy(id, anna, 'creator_not_owner')).toBe(1)
    expect((await invitations.bySecret(annasOther.secret))!.status).toBe('revoked')

    // Someone removed cannot come back through the link they used, nor can others through it.
    expect((await invitations.accept(bos.secret, cia)).kind).toBe('joined')
    expect(await invitations.revokeUsedBy(id, cia, 'member_removed')).toBe(1)
    expect(await invitations.revokeUsedBy(id, cia, 'member_removed')).toBe(0)
    expect(await invitations.accept(bos.secret, await user('Dan'))).toEqual({ kind: 'refused', status: 'revoked' })
    expect((await invitations.pending(id)).length).toBe(0)
  })

  it('a demotion racing an accept of the demoted owner’s link: the link never admits after the demotion is done', async () => {
    const { members, invitations, agreement, user } = await setUp(engine)
    for (let round = 0; round < 4; round++) {
      const id = await agreement()
      const anna = await user('Anna')
      const bo = await user('Bo')
      await members.add(id, anna, 'owner')
      await members.add(id, bo, 'owner')
      const { secret } = await invitations.create(id, 'owner', anna, DAY, 1)
      const guest = await user('Gäst')
      const [accepted] = await Promise.all([invitations.accept(secret, guest), members.update(id, anna, { role: 'viewer' }).then(() => invitations.revokeCreatedBy(id, anna, 'creator_not_owner'))])
      const link = (await invitations.bySecret(secret))!
      // Either the guest came in first (the link is then used), or the link is revoked and admitted no one.
      if (accepted.kind === 'joined') expect(link.uses).toBe(1)
      else expect([link.status, await members.roleOf(id, guest)]).toEqual(['revoked', null])
      expect(await invitations.accept(secret, await user('Sen'))).toMatchObject({ kind: 'refused' })
    }
  })
})

describe.each(engines)('audit log on $name', (engine) => {
  it('keeps entries in order with the actor’s name at the time, newest first, after the agreement is gone', async () => {
    const { audit, agreement, documents, database, user } = await setUp(engine)
    const id = await agreement()
    const other = await agreement()
    const anna = await user('Anna Ägare')
    await audit.record(id, anna, 'agreement_created', { title: 'IOP Fritidsgården' })
    await audit.record(other, anna, 'agreement_created', {})
    await audit.record(id, anna, 'member_added', { role: 'drafter', nested: { list: [1, 2] } })
    await database.db.updateTable('users').set({ display_name: 'Anna Nytt Namn' }).where('id', '=', anna).execute()
    await audit.record(id, anna, 'agreement_renamed', {})
    await audit.record(id, null, 'validator_ack_removed', { code: 'LG1' })

    const entries = await audit.list(id)
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['validator_ack_removed', null],
      ['agreement_renamed', 'Anna Nytt Namn'],
      ['member_added', 'Anna Ägare'],
      ['agreement_created', 'Anna Ägare'],
    ])
    expect(entries[2]!.details).toEqual({ role: 'drafter', nested: { list: [1, 2] } })
    expect(entries[0]!.actorId).toBeNull()
    expect(typeof entries[0]!.seq).toBe('number')
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a))
    expect(entries[3]!.at < entries[0]!.at).toBe(true)
    expect((await audit.list(id, 2)).map((e) => e.action)).toEqual(['validator_ack_removed', 'agreement_renamed'])

    await documents.deleteAgreement(id)
    await audit.record(id, anna, 'agreement_deleted', { title: 'IOP Fritidsgården' })
    expect((await audit.list(id)).map((e) => e.action)).toEqual(['agreement_deleted', 'validator_ack_removed', 'agreement_renamed', 'member_added', 'agreement_created'])
    // A deleted account's entries keep the name it had.
    await database.db.deleteFrom('users').where('id', '=', anna).execute()
    expect((await audit.list(id)).every((e) => e.action === 'validator_ack_removed' || e.actorName !== null)).toBe(true)
    expect((await audit.list(other)).map((e) => e.action)).toEqual(['agreement_created'])
  })

  it('parallel records all land, each with its own sequence number', async () => {
    const { audit, agreement, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(id, anna, 'exported', { n: i })))
    const entries = await audit.list(id)
    expect(entries).toHaveLength(20)
    expect(new Set(entries.map((e) => e.seq)).size).toBe(20)
    expect(new Set(entries.map((e) => (e.details as { n: number }).n)).size).toBe(20)
  })

  it('an entry written within a transaction commits or rolls back with it', async () => {
    const { audit, agreement, database, members, user } = await setUp(engine)
    const id = await agreement()
    const anna = await user('Anna')
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('parties').values({ id: randomUUID(), agreement_id: id, name: 'Part', type: 'public', org_nr: null, created_at: new Date().toISOString() }).execute()
      await audit.within(trx).record(id, anna, 'party_added', { name: 'Part' })
    })
    await expect(
      database.db.transaction().execute(async (trx) => {
        await audit.within(trx).record(id, anna, 'party_removed', {})
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect((await audit.list(id)).map((e) => [e.action, e.actorName])).toEqual([['party_added', 'Anna']])
    expect((await members.parties(id)).map((p) => p.name)).toEqual(['Part'])
  })

  it('an organisation keeps its own trail in the same shape', async () => {
    const { database, user } = await setUp(engine)
    const anna = await user('Anna Jurist')
    const orgId = randomUUID()
    await database.db
      .insertInto('organisations')
      .values({ id: orgId, slug: `org-${orgId.slice(0, 8)}`, name: 'Norrby kommun', type: 'public', created_by: anna, created_at: new Date().toISOString() })
      .execute()
    const orgAudit = new AuditLog(database, () => new Date(), ORGANISATION_SCOPE)
    await orgAudit.record(orgId, anna, 'organisation_created', { name: 'Norrby kommun' })
    await orgAudit.record(orgId, anna, 'clause_version_added', { clauseId: 'x', version: 1 })
    expect((await orgAudit.list(orgId)).map((e) => [e.action, e.actorName])).toEqual([
      ['clause_version_added', 'Anna Jurist'],
      ['organisation_created', 'Anna Jurist'],
    ])
    // The agreement log does not see it.
    expect(await new AuditLog(database).list(orgId)).toEqual([])
  })
})
