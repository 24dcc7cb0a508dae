import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Member, Party, PartyType, Role } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'
import type { AgreementMeta } from '../storage/store.ts'
import type { Tables } from '../storage/tables.ts'

export type { Member, Party, PartyType } from '../../schema/api-types.ts'

export class LastOwnerError extends Error {}

/** The database itself or an open transaction on it: the membership reads and writes other repositories join. */
export type Executor = Kysely<Tables>

/** A person's role in an agreement, or null for a non-member. */
export async function roleIn(db: Executor, agreementId: string, userId: string): Promise<Role | null> {
  const row = await db.selectFrom('members').select('role').where('agreement_id', '=', agreementId).where('user_id', '=', userId).executeTakeFirst()
  return row?.role ?? null
}

/** Adds a member unless they already are one (then nothing changes and the answer is false). */
export async function insertMember(db: Executor, row: { agreementId: string; userId: string; role: Role; partyId?: string | null; mandate?: string | null; at: string }): Promise<boolean> {
  const result = await db
    .insertInto('members')
    .values({ agreement_id: row.agreementId, user_id: row.userId, role: row.role, party_id: row.partyId ?? null, mandate: row.mandate ?? null, added_at: row.at })
    .onConflict((oc) => oc.columns(['agreement_id', 'user_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Who belongs to an agreement, in which role, for which party, with which mandate. */
export class MembershipRepository {
  private lastPartyAt = 0

  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  roleOf(agreementId: string, userId: string): Promise<Role | null> {
    return roleIn(this.database.db, agreementId, userId)
  }

  async agreementIdsOf(userId: string): Promise<Set<string>> {
    const rows = await this.database.db.selectFrom('members').select('agreement_id').where('user_id', '=', userId).execute()
    return new Set(rows.map((r) => r.agreement_id))
  }

  /**
   * The agreements a person is a member of, with their role, most recently changed first. One join:
   * the agreement rows live in the same database as their members on both engines.
   */
  async agreementsOf(userId: string): Promise<(AgreementMeta & { role: Role })[]> {
    const rows = await this.database.db
      .selectFrom('members as m')
      .innerJoin('agreements as a', 'a.id', 'm.agreement_id')
      .select(['a.id', 'a.title', 'a.municipality', 'a.lang', 'a.created_at', 'a.updated_at', 'm.role'])
      .where('m.user_id', '=', userId)
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id')
      .execute()
    return rows.map((r) => ({ id: r.id, title: r.title, municipality: r.municipality, lang: r.lang, createdAt: r.created_at, updatedAt: r.updated_at, role: r.role }))
  }

  async list(agreementId: string): Promise<Member[]> {
    return (await this.members(agreementId).execute()).map(toMember)
  }

  async get(agreementId: string, userId: string): Promise<Member | null> {
    const row = await this.members(agreementId).where('m.user_id', '=', userId).executeTakeFirst()
    return row ? toMember(row) : null
  }

  private members(agreementId: string) {
    return this.database.db
      .selectFrom('members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('parties as p', 'p.id', 'm.party_id')
      .select(['m.user_id', 'u.email', 'u.display_name', 'm.role', 'm.party_id', 'p.name as party_name', 'm.mandate', 'm.added_at'])
      .where('m.agreement_id', '=', agreementId)
      .orderBy('m.added_at')
      .orderBy('u.display_name')
      .orderBy('m.user_id')
  }

  /** Adds or, for an existing member, keeps the membership as it is (returns false). */
  add(agreementId: string, userId: string, role: Role, details: { partyId?: string | null; mandate?: string | null } = {}): Promise<boolean> {
    return insertMember(this.database.db, { agreementId, userId, role, ...details, at: this.now().toISOString() })
  }

  /** Changes a membership; an owner cannot be demoted when no other owner is left (LastOwnerError). */
  async update(agreementId: string, userId: string, patch: { role?: Role; partyId?: string | null; mandate?: string | null }): Promise<void> {
    const set: { role?: Role; party_id?: string | null; mandate?: string | null } = {}
    if (patch.role !== undefined) set.role = patch.role
    if (patch.partyId !== undefined) set.party_id = patch.partyId
    if (patch.mandate !== undefined) set.mandate = patch.mandate
    if (Object.keys(set).length === 0) return
    await this.database.db.transaction().execute(async (trx) => {
      if (patch.role !== undefined && patch.role !== 'owner') await this.assertAnotherOwner(trx, agreementId, userId)
      await trx.updateTable('members').set(set).where('agreement_id', '=', agreementId).where('user_id', '=', userId).execute()
    })
  }

  /** Removes a member (false when they were none); the last owner stays (LastOwnerError). */
  remove(agreementId: string, userId: string): Promise<boolean> {
    return this.database.db.transaction().execute(async (trx) => {
      await this.assertAnotherOwner(trx, agreementId, userId)
      const result = await trx.deleteFrom('members').where('agreement_id', '=', agreementId).where('user_id', '=', userId).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    })
  }

  /**
   * Refuses when `userId` is the agreement's only owner. On PostgreSQL the owners' rows are locked
   * (in one order, so two of these cannot deadlock) until the transaction ends: two owners demoting or
   * removing each other at once then run one after the other, and the second sees that only it is
   * left. SQLite runs one write transaction at a time anyway.
   */
  private async assertAnotherOwner(trx: Executor, agreementId: string, userId: string): Promise<void> {
    const query = trx.selectFrom('members').select('user_id').where('agreement_id', '=', agreementId).where('role', '=', 'owner').orderBy('user_id')
    const rows = await (this.database.engine === 'postgres' ? query.forUpdate() : query).execute()
    const isOwner = rows.some((r) => r.user_id === userId)
    if (isOwner && rows.length < 2) throw new LastOwnerError('an agreement must keep at least one owner')
  }

  async parties(agreementId: string): Promise<Party[]> {
    const rows = await this.database.db
      .selectFrom('parties')
      .select(['id', 'name', 'type', 'org_nr'])
      .where('agreement_id', '=', agreementId)
      .orderBy('created_at')
      .orderBy('name')
      .orderBy('id')
      .execute()
    return rows.map(toParty)
  }

  async addParty(agreementId: string, party: Omit<Party, 'id'>): Promise<Party> {
    const id = randomUUID()
    // Parties list in the order they were added (neither engine has a row order to fall back on), so
    // parties added within one millisecond, as an import does, still get distinct, rising times.
    const at = Math.max(this.now().getTime(), this.lastPartyAt + 1)
    this.lastPartyAt = at
    await this.database.db
      .insertInto('parties')
      .values({ id, agreement_id: agreementId, name: party.name, type: party.type, org_nr: party.orgNr, created_at: new Date(at).toISOString() })
      .execute()
    return { id, ...party }
  }

  /** Changes the given fields of a party; null when the agreement has no such party. */
  async updateParty(agreementId: string, partyId: string, patch: Partial<Omit<Party, 'id'>>): Promise<Party | null> {
    const set: { name?: string; type?: PartyType; org_nr?: string | null } = {}
    if (patch.name !== undefined) set.name = patch.name
    if (patch.type !== undefined) set.type = patch.type
    if (patch.orgNr !== undefined) set.org_nr = patch.orgNr
    const db = this.database.db
    const row =
      Object.keys(set).length > 0
        ? await db.updateTable('parties').set(set).where('id', '=', partyId).where('agreement_id', '=', agreementId).returning(['id', 'name', 'type', 'org_nr']).executeTakeFirst()
        : await db.selectFrom('parties').select(['id', 'name', 'type', 'org_nr']).where('id', '=', partyId).where('agreement_id', '=', agreementId).executeTakeFirst()
    return row ? toParty(row) : null
  }

  async removeParty(agreementId: string, partyId: string): Promise<boolean> {
    const result = await this.database.db.deleteFrom('parties').where('id', '=', partyId).where('agreement_id', '=', agreementId).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}

function toMember(r: { user_id: string; email: string; display_name: string; role: Role; party_id: string | null; party_name: string | null; mandate: string | null; added_at: string }): Member {
  return {
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    partyId: r.party_id,
    partyName: r.party_name,
    mandate: r.mandate,
    addedAt: r.added_at,
  }
}

function toParty(r: { id: string; name: string; type: PartyType; org_nr: string | null }): Party {
  return { id: r.id, name: r.name, type: r.type, orgNr: r.org_nr }
}
