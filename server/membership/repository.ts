import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Member, Party, PartyType, Role } from '../../schema/api-types.ts'

export type { Member, Party, PartyType } from '../../schema/api-types.ts'

export class LastOwnerError extends Error {}

/** Who belongs to an agreement, in which role, for which party, with which mandate. */
export class MembershipRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  roleOf(agreementId: string, userId: string): Role | null {
    const row = this.db.prepare('SELECT role FROM members WHERE agreement_id = ? AND user_id = ?').get(agreementId, userId) as
      | { role: Role }
      | undefined
    return row?.role ?? null
  }

  agreementIdsOf(userId: string): Set<string> {
    const rows = this.db.prepare('SELECT agreement_id FROM members WHERE user_id = ?').all(userId) as { agreement_id: string }[]
    return new Set(rows.map((r) => r.agreement_id))
  }

  list(agreementId: string): Member[] {
    return (
      this.db
        .prepare(
          `SELECT m.user_id, u.email, u.display_name, m.role, m.party_id, p.name AS party_name, m.mandate, m.added_at
           FROM members m JOIN users u ON u.id = m.user_id LEFT JOIN parties p ON p.id = m.party_id
           WHERE m.agreement_id = ? ORDER BY m.added_at, u.display_name`,
        )
        .all(agreementId) as {
        user_id: string
        email: string
        display_name: string
        role: Role
        party_id: string | null
        party_name: string | null
        mandate: string | null
        added_at: string
      }[]
    ).map((r) => ({
      userId: r.user_id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      partyId: r.party_id,
      partyName: r.party_name,
      mandate: r.mandate,
      addedAt: r.added_at,
    }))
  }

  get(agreementId: string, userId: string): Member | null {
    return this.list(agreementId).find((m) => m.userId === userId) ?? null
  }

  /** Adds or, for an existing member, keeps the membership as it is (returns false). */
  add(agreementId: string, userId: string, role: Role, details: { partyId?: string | null; mandate?: string | null } = {}): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO members (agreement_id, user_id, role, party_id, mandate, added_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (agreement_id, user_id) DO NOTHING`,
      )
      .run(agreementId, userId, role, details.partyId ?? null, details.mandate ?? null, this.now().toISOString())
    return result.changes > 0
  }

  update(agreementId: string, userId: string, patch: { role?: Role; partyId?: string | null; mandate?: string | null }): void {
    this.db.transaction(() => {
      const current = this.roleOf(agreementId, userId)
      if (current === 'owner' && patch.role !== undefined && patch.role !== 'owner') this.assertAnotherOwner(agreementId, userId)
      if (patch.role !== undefined) this.db.prepare('UPDATE members SET role = ? WHERE agreement_id = ? AND user_id = ?').run(patch.role, agreementId, userId)
      if (patch.partyId !== undefined)
        this.db.prepare('UPDATE members SET party_id = ? WHERE agreement_id = ? AND user_id = ?').run(patch.partyId, agreementId, userId)
      if (patch.mandate !== undefined)
        this.db.prepare('UPDATE members SET mandate = ? WHERE agreement_id = ? AND user_id = ?').run(patch.mandate, agreementId, userId)
    })()
  }

  remove(agreementId: string, userId: string): boolean {
    return this.db.transaction(() => {
      if (this.roleOf(agreementId, userId) === 'owner') this.assertAnotherOwner(agreementId, userId)
      return this.db.prepare('DELETE FROM members WHERE agreement_id = ? AND user_id = ?').run(agreementId, userId).changes > 0
    })()
  }

  private assertAnotherOwner(agreementId: string, userId: string): void {
    const others = this.db
      .prepare("SELECT COUNT(*) AS n FROM members WHERE agreement_id = ? AND role = 'owner' AND user_id != ?")
      .get(agreementId, userId) as { n: number }
    if (others.n === 0) throw new LastOwnerError('an agreement must keep at least one owner')
  }

  parties(agreementId: string): Party[] {
    return (
      this.db.prepare('SELECT id, name, type, org_nr FROM parties WHERE agreement_id = ? ORDER BY created_at, name').all(agreementId) as {
        id: string
        name: string
        type: PartyType
        org_nr: string | null
      }[]
    ).map((r) => ({ id: r.id, name: r.name, type: r.type, orgNr: r.org_nr }))
  }

  addParty(agreementId: string, party: Omit<Party, 'id'>): Party {
    const id = randomUUID()
    this.db
      .prepare('INSERT INTO parties (id, agreement_id, name, type, org_nr, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, agreementId, party.name, party.type, party.orgNr, this.now().toISOString())
    return { id, ...party }
  }

  updateParty(agreementId: string, partyId: string, patch: Partial<Omit<Party, 'id'>>): Party | null {
    const current = this.parties(agreementId).find((p) => p.id === partyId)
    if (!current) return null
    const next = { ...current, ...patch }
    this.db.prepare('UPDATE parties SET name = ?, type = ?, org_nr = ? WHERE id = ? AND agreement_id = ?').run(next.name, next.type, next.orgNr, partyId, agreementId)
    return next
  }

  removeParty(agreementId: string, partyId: string): boolean {
    return this.db.prepare('DELETE FROM parties WHERE id = ? AND agreement_id = ?').run(partyId, agreementId).changes > 0
  }
}
