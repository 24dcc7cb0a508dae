import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isForeignKeyViolation, isUniqueViolation, type Database } from '../storage/database.ts'
import type { Tables } from '../storage/tables.ts'
import { binaryOrder } from './binary-order.ts'
import { fold } from '../../clause-library/index.ts'

/**
 * Organisations (a municipality or a non-profit) that own a clause library and templates, and who
 * belongs to them in which role.
 */
export const ORG_ROLES = ['member', 'lawyer', 'admin'] as const
export type OrgRole = (typeof ORG_ROLES)[number]
export type OrgType = 'public' | 'idea_driven'

export type OrgAction =
  | 'read' // see the organisation, its members, clauses and templates
  | 'author' // write clause versions and templates, import packages, start agreements from templates
  | 'approve' // approve a clause version
  | 'manage' // rename or delete the organisation, add, change and remove members

const PERMISSIONS: Record<OrgRole, readonly OrgAction[]> = {
  member: ['read', 'author'],
  lawyer: ['read', 'author', 'approve'],
  admin: ['read', 'author', 'approve', 'manage'],
}

export const canInOrg = (role: OrgRole | null, action: OrgAction): boolean => role !== null && PERMISSIONS[role].includes(action)

export interface Organisation {
  id: string
  /** The namespace of the organisation's clause ids (`org:<slug>/…`); fixed at creation. */
  slug: string
  name: string
  type: OrgType
  createdAt: string
}

export interface OrgMember {
  userId: string
  email: string
  displayName: string
  role: OrgRole
  addedAt: string
}

export class LastAdminError extends Error {}

interface OrgRow {
  id: string
  slug: string
  name: string
  type: OrgType
  created_at: string
}

const toOrg = (r: OrgRow): Organisation => ({ id: r.id, slug: r.slug, name: r.name, type: r.type, createdAt: r.created_at })

/** A slug from a name: "Göteborgs Stad" → "goteborgs-stad". Folding keeps ids typable on any keyboard. */
export function slugify(name: string): string {
  const slug = fold(name)
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '')
  return slug || 'org'
}

/** Queries run on the database itself or inside a caller's transaction. */
type Executor = Kysely<Tables>

/** How many times a create whose free-looking slug was taken meanwhile (by another instance) starts over. */
const CREATE_ATTEMPTS = 10

export class OrganisationRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates the organisation with its creator as admin; the slug gets a number if the name's is taken.
   * On PostgreSQL another instance may take the chosen slug between the check and the insert: the
   * unique index refuses the second, and an automatic slug is then chosen again.
   */
  async create(input: { name: string; type: OrgType; slug?: string }, creatorId: string): Promise<Organisation> {
    const id = randomUUID()
    const at = this.now().toISOString()
    const base = input.slug ?? slugify(input.name)
    for (let attempt = 1; ; attempt++) {
      try {
        await this.database.db.transaction().execute(async (trx) => {
          let slug = base
          for (let n = 2; await slugTaken(trx, slug); n++) {
            if (input.slug) throw new SlugTakenError(`the slug "${slug}" is taken`)
            slug = `${base}-${n}`
          }
          await trx.insertInto('organisations').values({ id, slug, name: input.name, type: input.type, created_by: creatorId, created_at: at }).execute()
          await trx.insertInto('organisation_members').values({ org_id: id, user_id: creatorId, role: 'admin', added_at: at }).execute()
        })
        break
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        if (input.slug) throw new SlugTakenError(`the slug "${input.slug}" is taken`)
        if (attempt >= CREATE_ATTEMPTS) throw err
      }
    }
    return (await this.get(id))!
  }

  async get(id: string): Promise<Organisation | null> {
    const row = await this.database.db.selectFrom('organisations').select(['id', 'slug', 'name', 'type', 'created_at']).where('id', '=', id).executeTakeFirst()
    return row ? toOrg(row) : null
  }

  /** The organisation whose clause namespace is `slug`, if it still exists. */
  async bySlug(slug: string): Promise<Organisation | null> {
    const row = await this.database.db.selectFrom('organisations').select(['id', 'slug', 'name', 'type', 'created_at']).where('slug', '=', slug).executeTakeFirst()
    return row ? toOrg(row) : null
  }

  /** The organisations a person belongs to, with their role in each. */
  async listFor(userId: string): Promise<(Organisation & { role: OrgRole })[]> {
    const rows = await this.database.db
      .selectFrom('organisations as o')
      .innerJoin('organisation_members as m', 'm.org_id', 'o.id')
      .select(['o.id', 'o.slug', 'o.name', 'o.type', 'o.created_at', 'm.role'])
      .where('m.user_id', '=', userId)
      .orderBy(binaryOrder(this.database, 'o.name'))
      .orderBy(binaryOrder(this.database, 'o.id'))
      .execute()
    return rows.map((r) => ({ ...toOrg(r), role: r.role }))
  }

  async update(id: string, patch: { name?: string; type?: OrgType }): Promise<Organisation | null> {
    if (patch.name !== undefined || patch.type !== undefined) {
      await this.database.db
        .updateTable('organisations')
        .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.type !== undefined ? { type: patch.type } : {}) })
        .where('id', '=', id)
        .execute()
    }
    return this.get(id)
  }

  /** Deletes the organisation with its members, clauses and templates; its slug is never given out again. */
  async delete(id: string): Promise<boolean> {
    const retiredAt = this.now().toISOString()
    return this.database.db.transaction().execute(async (trx) => {
      const org = await trx.selectFrom('organisations').select('slug').where('id', '=', id).executeTakeFirst()
      if (!org) return false
      await trx
        .insertInto('retired_slugs')
        .values({ slug: org.slug, retired_at: retiredAt })
        .onConflict((oc) => oc.doNothing())
        .execute()
      const result = await trx.deleteFrom('organisations').where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    })
  }

  async roleOf(orgId: string, userId: string): Promise<OrgRole | null> {
    return roleIn(this.database.db, orgId, userId)
  }

  async members(orgId: string): Promise<OrgMember[]> {
    return membersOf(this.database, orgId)
  }

  async member(orgId: string, userId: string): Promise<OrgMember | null> {
    return (await membersOf(this.database, orgId, userId))[0] ?? null
  }

  /** False when the person already belongs to the organisation. */
  async addMember(orgId: string, userId: string, role: OrgRole): Promise<boolean> {
    const result = await this.database.db
      .insertInto('organisation_members')
      .values({ org_id: orgId, user_id: userId, role, added_at: this.now().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
  }

  /** Refuses to leave an organisation without an admin, who alone can add people back. */
  async setRole(orgId: string, userId: string, role: OrgRole): Promise<boolean> {
    return this.database.db.transaction().execute(async (trx) => {
      await this.lockMembership(trx, orgId)
      const before = await roleIn(trx, orgId, userId)
      if (!before) return false
      if (before === 'admin' && role !== 'admin') await assertAnotherAdmin(trx, orgId)
      await trx.updateTable('organisation_members').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute()
      return true
    })
  }

  async removeMember(orgId: string, userId: string): Promise<boolean> {
    return this.database.db.transaction().execute(async (trx) => {
      await this.lockMembership(trx, orgId)
      const before = await roleIn(trx, orgId, userId)
      if (!before) return false
      if (before === 'admin') await assertAnotherAdmin(trx, orgId)
      await trx.deleteFrom('organisation_members').where('org_id', '=', orgId).where('user_id', '=', userId).execute()
      return true
    })
  }

  /**
   * Orders the membership changes of one organisation: two admins demoting each other at once would
   * otherwise both count two admins and leave none.
   */
  private lockMembership(trx: Executor, orgId: string): Promise<void> {
    return lockOrganisation(this.database, trx, orgId)
  }
}

/**
 * Makes the changes of one organisation that read before they write (membership, clause versions,
 * imports) wait for each other until commit. On SQLite a transaction already runs alone; on PostgreSQL
 * the organisation's row is locked for the rest of the transaction `trx` (FOR NO KEY UPDATE: plain
 * inserts that only refer to the organisation, such as audit entries, need not wait; deleting it does).
 */
export async function lockOrganisation(database: Database, trx: Executor, orgId: string): Promise<void> {
  if (database.engine !== 'postgres') return
  await trx.selectFrom('organisations').select('id').where('id', '=', orgId).forNoKeyUpdate().execute()
}

async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  const live = await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst()
  if (live) return true
  return (await db.selectFrom('retired_slugs').select('slug').where('slug', '=', slug).executeTakeFirst()) !== undefined
}

async function roleIn(db: Executor, orgId: string, userId: string): Promise<OrgRole | null> {
  const row = await db.selectFrom('organisation_members').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst()
  return row?.role ?? null
}

async function membersOf(database: Database, orgId: string, userId?: string): Promise<OrgMember[]> {
  let query = database.db
    .selectFrom('organisation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.display_name', 'm.role', 'm.added_at'])
    .where('m.org_id', '=', orgId)
  if (userId !== undefined) query = query.where('m.user_id', '=', userId)
  const rows = await query.orderBy('m.added_at').orderBy(binaryOrder(database, 'u.display_name')).orderBy(binaryOrder(database, 'm.user_id')).execute()
  return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, role: r.role, addedAt: r.added_at }))
}

async function assertAnotherAdmin(db: Executor, orgId: string): Promise<void> {
  const { n } = await db
    .selectFrom('organisation_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow()
  if (Number(n) <= 1) throw new LastAdminError('an organisation needs at least one admin; make someone else admin first')
}

export class SlugTakenError extends Error {}

/** The organisation was deleted while a change to it was under way (it went between check and write). */
export class OrganisationGoneError extends Error {}

/**
 * A write that referred to an organisation (or a person) that is no longer there: the organisation's
 * own check (OrganisationGoneError) or the foreign key on either engine. Routes answer 404 for it.
 */
export function isGoneError(err: unknown): boolean {
  return err instanceof OrganisationGoneError || isForeignKeyViolation(err)
}
