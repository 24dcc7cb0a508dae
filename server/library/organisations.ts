import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
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
  const slug = fold(name).replace(/\s+/g, '-').replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '')
  return slug || 'org'
}

export class OrganisationRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates the organisation with its creator as admin; the slug gets a number if the name's is taken. */
  create(input: { name: string; type: OrgType; slug?: string }, creatorId: string): Organisation {
    const id = randomUUID()
    const at = this.now().toISOString()
    this.db.transaction(() => {
      const base = input.slug ?? slugify(input.name)
      let slug = base
      const taken = this.db.prepare('SELECT 1 FROM organisations WHERE slug = @slug UNION ALL SELECT 1 FROM retired_slugs WHERE slug = @slug')
      for (let n = 2; taken.get({ slug }); n++) {
        if (input.slug) throw new SlugTakenError(`the slug "${slug}" is taken`)
        slug = `${base}-${n}`
      }
      this.db
        .prepare('INSERT INTO organisations (id, slug, name, type, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, slug, input.name, input.type, creatorId, at)
      this.db.prepare("INSERT INTO organisation_members (org_id, user_id, role, added_at) VALUES (?, ?, 'admin', ?)").run(id, creatorId, at)
    })()
    return this.get(id)!
  }

  get(id: string): Organisation | null {
    const row = this.db.prepare('SELECT id, slug, name, type, created_at FROM organisations WHERE id = ?').get(id) as OrgRow | undefined
    return row ? toOrg(row) : null
  }

  /** The organisations a person belongs to, with their role in each. */
  listFor(userId: string): (Organisation & { role: OrgRole })[] {
    const rows = this.db
      .prepare(
        `SELECT o.id, o.slug, o.name, o.type, o.created_at, m.role FROM organisations o
         JOIN organisation_members m ON m.org_id = o.id WHERE m.user_id = ? ORDER BY o.name, o.id`,
      )
      .all(userId) as (OrgRow & { role: OrgRole })[]
    return rows.map((r) => ({ ...toOrg(r), role: r.role }))
  }

  update(id: string, patch: { name?: string; type?: OrgType }): Organisation | null {
    this.db
      .prepare('UPDATE organisations SET name = COALESCE(?, name), type = COALESCE(?, type) WHERE id = ?')
      .run(patch.name ?? null, patch.type ?? null, id)
    return this.get(id)
  }

  /** Deletes the organisation with its members, clauses and templates; its slug is never given out again. */
  delete(id: string): boolean {
    return this.db.transaction(() => {
      const org = this.get(id)
      if (!org) return false
      this.db.prepare('INSERT OR IGNORE INTO retired_slugs (slug, retired_at) VALUES (?, ?)').run(org.slug, this.now().toISOString())
      return this.db.prepare('DELETE FROM organisations WHERE id = ?').run(id).changes > 0
    })()
  }

  roleOf(orgId: string, userId: string): OrgRole | null {
    const row = this.db.prepare('SELECT role FROM organisation_members WHERE org_id = ? AND user_id = ?').get(orgId, userId) as
      | { role: OrgRole }
      | undefined
    return row?.role ?? null
  }

  members(orgId: string): OrgMember[] {
    const rows = this.db
      .prepare(
        `SELECT m.user_id, u.email, u.display_name, m.role, m.added_at FROM organisation_members m
         JOIN users u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY m.added_at, u.display_name`,
      )
      .all(orgId) as { user_id: string; email: string; display_name: string; role: OrgRole; added_at: string }[]
    return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, role: r.role, addedAt: r.added_at }))
  }

  member(orgId: string, userId: string): OrgMember | null {
    return this.members(orgId).find((m) => m.userId === userId) ?? null
  }

  /** False when the person already belongs to the organisation. */
  addMember(orgId: string, userId: string, role: OrgRole): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO organisation_members (org_id, user_id, role, added_at) VALUES (?, ?, ?, ?)')
        .run(orgId, userId, role, this.now().toISOString()).changes > 0
    )
  }

  /** Refuses to leave an organisation without an admin, who alone can add people back. */
  setRole(orgId: string, userId: string, role: OrgRole): boolean {
    return this.db.transaction(() => {
      const before = this.roleOf(orgId, userId)
      if (!before) return false
      if (before === 'admin' && role !== 'admin') this.assertAnotherAdmin(orgId)
      this.db.prepare('UPDATE organisation_members SET role = ? WHERE org_id = ? AND user_id = ?').run(role, orgId, userId)
      return true
    })()
  }

  removeMember(orgId: string, userId: string): boolean {
    return this.db.transaction(() => {
      const before = this.roleOf(orgId, userId)
      if (!before) return false
      if (before === 'admin') this.assertAnotherAdmin(orgId)
      this.db.prepare('DELETE FROM organisation_members WHERE org_id = ? AND user_id = ?').run(orgId, userId)
      return true
    })()
  }

  private assertAnotherAdmin(orgId: string): void {
    const { n } = this.db.prepare("SELECT COUNT(*) AS n FROM organisation_members WHERE org_id = ? AND role = 'admin'").get(orgId) as { n: number }
    if (n <= 1) throw new LastAdminError('an organisation needs at least one admin; make someone else admin first')
  }
}

export class SlugTakenError extends Error {}
