import type Database from 'better-sqlite3'
import {
  builtinLibrary,
  clauseNamespace,
  createLibrary,
  localClauseId,
  validateClause,
  type ClauseLibrary,
  type ClauseParam,
  type ClauseRecord,
  type Review,
} from '../../clause-library/index.ts'
import type { ClauseSectionId as SectionId } from '../../schema/sections.ts'
import type { Organisation } from './organisations.ts'

/**
 * An organisation's own clauses, one row per version. A version's wording is written once; editing a
 * clause adds the next version, and approval (who, when, note) is recorded on a version afterwards.
 * Records leave this module in the clause library's own format, so search, filling, clause nodes and
 * packages treat them exactly like built-in clauses.
 */

export type ClauseOrigin = { kind: 'builtin' } | { kind: 'organisation'; orgId: string; orgSlug: string; orgName: string }

export interface ClauseVersionView {
  clause: ClauseRecord
  origin: ClauseOrigin
  /** For organisation clauses only: who wrote or imported the version, and who approved it. */
  source?: 'authored' | 'imported'
  createdAt?: string
  createdBy?: string | null
  approval?: { by: string | null; byName: string; at: string; note: string } | null
}

interface Row {
  clause_id: string
  version: number
  org_id: string
  org_slug: string
  org_name: string
  section_id: SectionId
  parameters: string
  text_sv: string
  text_en: string
  source: 'authored' | 'imported'
  imported_review: string | null
  created_by: string | null
  created_at: string
  approved_by: string | null
  approved_by_name: string | null
  approved_at: string | null
  approval_note: string | null
}

const SELECT = `SELECT c.*, o.slug AS org_slug, o.name AS org_name FROM org_clauses c JOIN organisations o ON o.id = c.org_id`

function toRecord(r: Row): ClauseRecord {
  const approved = r.approved_at !== null
  const review: Review | null = approved
    ? { by: r.approved_by_name ?? '', at: r.approved_at!.slice(0, 10), note: r.approval_note ?? '' }
    : r.imported_review
      ? (JSON.parse(r.imported_review) as Review)
      : null
  return {
    id: r.clause_id,
    sectionId: r.section_id,
    version: r.version,
    status: approved ? 'approved' : 'draft',
    review,
    parameters: JSON.parse(r.parameters) as ClauseParam[],
    text: { sv: r.text_sv, en: r.text_en },
  }
}

function toView(r: Row): ClauseVersionView {
  return {
    clause: toRecord(r),
    origin: { kind: 'organisation', orgId: r.org_id, orgSlug: r.org_slug, orgName: r.org_name },
    source: r.source,
    createdAt: r.created_at,
    createdBy: r.created_by,
    approval: r.approved_at ? { by: r.approved_by, byName: r.approved_by_name ?? '', at: r.approved_at, note: r.approval_note ?? '' } : null,
  }
}

export const builtinView = (clause: ClauseRecord): ClauseVersionView => ({ clause, origin: { kind: 'builtin' } })

/** The full id of an organisation clause from what a person typed: with or without the `org:<slug>/` prefix. */
export function orgClauseId(org: Pick<Organisation, 'slug'>, id: string): string {
  return `org:${org.slug}/${localClauseId(id)}`
}

export class VersionConflictError extends Error {
  constructor(readonly latest: number | null) {
    super(latest === null ? 'this clause does not exist yet; leave out basedOn to create it' : `the newest version is ${latest}; base your edit on it`)
  }
}

export class AlreadyApprovedError extends Error {}

export interface NewVersionInput {
  /** Full namespaced id. */
  id: string
  sectionId: SectionId
  parameters: unknown
  text: unknown
  /** The version the author edited, so two people editing at once do not silently stack versions. */
  basedOn?: number
}

export class OrgClauseRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every version of the given organisations' clauses, in the library's record format. */
  recordsOf(orgIds: readonly string[]): ClauseRecord[] {
    if (orgIds.length === 0) return []
    const rows = this.db.prepare(`${SELECT} WHERE c.org_id IN (${orgIds.map(() => '?').join(',')}) ORDER BY c.clause_id, c.version`).all(...orgIds) as Row[]
    return rows.map(toRecord)
  }

  /** The built-in library plus the given organisations' clauses: what those members may use. */
  libraryFor(orgIds: readonly string[]): ClauseLibrary {
    return createLibrary([...builtinLibrary().records, ...this.recordsOf(orgIds)])
  }

  /** All versions of one clause, oldest first; empty when it is not an organisation clause. */
  versions(clauseId: string): ClauseVersionView[] {
    return (this.db.prepare(`${SELECT} WHERE c.clause_id = ? ORDER BY c.version`).all(clauseId) as Row[]).map(toView)
  }

  /** The newest version of each of an organisation's clauses. */
  latestOf(orgId: string): ClauseVersionView[] {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE c.org_id = ? AND c.version = (SELECT MAX(version) FROM org_clauses x WHERE x.clause_id = c.clause_id) ORDER BY c.clause_id`,
      )
      .all(orgId) as Row[]
    return rows.map(toView)
  }

  get(clauseId: string, version: number): ClauseVersionView | null {
    const row = this.db.prepare(`${SELECT} WHERE c.clause_id = ? AND c.version = ?`).get(clauseId, version) as Row | undefined
    return row ? toView(row) : null
  }

  /**
   * Writes the next version of a clause (version 1 for a new one) as a draft. Validated with the clause
   * library's own rules, so an organisation clause loads wherever a built-in one does. Throws
   * ClauseLoadError for an invalid record and VersionConflictError when `basedOn` is not the newest.
   */
  addVersion(orgId: string, input: NewVersionInput, userId: string): ClauseVersionView {
    return this.db.transaction(() => {
      const { latest } = this.db.prepare('SELECT MAX(version) AS latest FROM org_clauses WHERE clause_id = ?').get(input.id) as { latest: number | null }
      if (input.basedOn !== undefined && input.basedOn !== latest) throw new VersionConflictError(latest)
      const record = validateClause({
        file: 'request body',
        data: { id: input.id, sectionId: input.sectionId, version: (latest ?? 0) + 1, status: 'draft', review: null, parameters: input.parameters, text: input.text },
      })
      this.insert(orgId, record, 'authored', userId)
      return this.get(record.id, record.version)!
    })()
  }

  /**
   * Adds records exactly as planned by an import. Not a transaction of its own: the caller writes the
   * clauses and the template in one.
   */
  insertImported(orgId: string, records: readonly ClauseRecord[], userId: string): void {
    for (const record of records) this.insert(orgId, record, 'imported', userId)
  }

  /** Marks a version approved. Approval is final: approving again is refused, and so is a later edit of it. */
  approve(clauseId: string, version: number, approver: { id: string; displayName: string }, note: string): ClauseVersionView | null {
    return this.db.transaction(() => {
      const current = this.get(clauseId, version)
      if (!current) return null
      if (current.approval) throw new AlreadyApprovedError(`version ${version} of ${clauseId} is already approved`)
      this.db
        .prepare('UPDATE org_clauses SET approved_by = ?, approved_by_name = ?, approved_at = ?, approval_note = ? WHERE clause_id = ? AND version = ?')
        .run(approver.id, approver.displayName, this.now().toISOString(), note, clauseId, version)
      return this.get(clauseId, version)
    })()
  }

  count(orgId?: string): number {
    const sql = orgId ? 'SELECT COUNT(*) AS n FROM org_clauses WHERE org_id = ?' : 'SELECT COUNT(*) AS n FROM org_clauses'
    return (this.db.prepare(sql).get(...(orgId ? [orgId] : [])) as { n: number }).n
  }

  private insert(orgId: string, record: ClauseRecord, source: 'authored' | 'imported', userId: string): void {
    // The namespace is what keeps organisations and built-ins apart; a row without it would break that.
    const slug = clauseNamespace(record.id)
    const owner = this.db.prepare('SELECT slug FROM organisations WHERE id = ?').get(orgId) as { slug: string } | undefined
    if (!owner || slug !== owner.slug) throw new Error(`clause ${record.id} is outside the namespace of organisation ${orgId}`)
    this.db
      .prepare(
        `INSERT INTO org_clauses (clause_id, version, org_id, section_id, parameters, text_sv, text_en, source, imported_review, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.version,
        orgId,
        record.sectionId,
        JSON.stringify(record.parameters),
        record.text.sv,
        record.text.en,
        source,
        source === 'imported' && record.review ? JSON.stringify(record.review) : null,
        userId,
        this.now().toISOString(),
      )
  }
}
