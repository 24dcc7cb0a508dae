import type { Kysely } from 'kysely'
import { builtinLibrary, clauseNamespace, createLibrary, localClauseId, validateClause, type ClauseLibrary, type ClauseParam, type ClauseRecord, type Review } from '../../clause-library/index.ts'
import type { ClauseSectionId as SectionId } from '../../schema/sections.ts'
import { isUniqueViolation, type Database } from '../storage/database.ts'
import type { Tables } from '../storage/tables.ts'
import { binaryOrder } from './binary-order.ts'
import { OrganisationGoneError, lockOrganisation, type Organisation } from './organisations.ts'

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

type Row = Tables['org_clauses'] & { org_slug: string; org_name: string }

/** Queries run on the database itself or inside a caller's transaction. */
type Executor = Kysely<Tables>

const selectRows = (db: Executor) => db.selectFrom('org_clauses as c').innerJoin('organisations as o', 'o.id', 'c.org_id').selectAll('c').select(['o.slug as org_slug', 'o.name as org_name'])

function toRecord(r: Row): ClauseRecord {
  const approved = r.approved_at !== null
  const review: Review | null = approved
    ? { by: r.approved_by_name ?? '', at: r.approved_at!.slice(0, 10), note: r.approval_note ?? '' }
    : r.imported_review
      ? (JSON.parse(r.imported_review) as Review)
      : null
  return {
    id: r.clause_id,
    sectionId: r.section_id as SectionId,
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

/** A write that would change a stored version's wording: only a new version may. */
export class ClauseVersionImmutableError extends Error {}

/**
 * The domain error for a refusal by the database's own rules on clause versions (SQLite's RAISE
 * triggers, PostgreSQL's plpgsql function): the engines word and code it differently, the meaning is
 * the same. Null for any other error.
 */
export function clauseRuleError(err: unknown): ClauseVersionImmutableError | AlreadyApprovedError | null {
  if (!(err instanceof Error)) return null
  const code = (err as { code?: unknown }).code
  if (code !== 'SQLITE_CONSTRAINT_TRIGGER' && code !== 'P0001') return null
  if (err.message.includes('a clause version is never changed')) return new ClauseVersionImmutableError(err.message)
  if (err.message.includes('already approved')) return new AlreadyApprovedError(err.message)
  return null
}

export interface NewVersionInput {
  /** Full namespaced id. */
  id: string
  sectionId: SectionId
  parameters: unknown
  text: unknown
  /** The version the author edited, so two people editing at once do not silently stack versions. */
  basedOn?: number
}

/** Values bound in one `IN (…)` list (SQLite allows 32766 parameters, PostgreSQL 65535). */
const IN_BATCH = 500

export class OrgClauseRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every version of the given organisations' clauses, in the library's record format. */
  async recordsOf(orgIds: readonly string[], db: Executor = this.database.db): Promise<ClauseRecord[]> {
    return this.recordsWhere(db, 'c.org_id', orgIds)
  }

  /**
   * Every version of the clauses in the given namespaces (`org:<slug>/…`), for a reader of an agreement
   * whose text holds them; a namespace whose organisation was deleted has none.
   */
  async recordsOfNamespaces(slugs: readonly string[]): Promise<ClauseRecord[]> {
    return this.recordsWhere(this.database.db, 'o.slug', slugs)
  }

  /**
   * Records whose column is one of `values`, by clause id and version within each batch of values. The
   * list comes from a person's organisations or an agreement's text (which a writer controls), so it is
   * queried in batches that stay far below either engine's limit on bound parameters.
   */
  private async recordsWhere(db: Executor, column: 'c.org_id' | 'o.slug', values: readonly string[]): Promise<ClauseRecord[]> {
    const out: ClauseRecord[] = []
    for (let i = 0; i < values.length; i += IN_BATCH) {
      const rows = await selectRows(db)
        .where(column, 'in', values.slice(i, i + IN_BATCH))
        .orderBy(binaryOrder(this.database, 'c.clause_id'))
        .orderBy('c.version')
        .execute()
      for (const row of rows) out.push(toRecord(row))
    }
    return out
  }

  /** The built-in library plus the given organisations' clauses: what those members may use. */
  async libraryFor(orgIds: readonly string[], db: Executor = this.database.db): Promise<ClauseLibrary> {
    return createLibrary([...builtinLibrary().records, ...(await this.recordsOf(orgIds, db))])
  }

  /** All versions of one clause, oldest first; empty when it is not an organisation clause. */
  async versions(clauseId: string): Promise<ClauseVersionView[]> {
    return (await selectRows(this.database.db).where('c.clause_id', '=', clauseId).orderBy('c.version').execute()).map(toView)
  }

  /** The newest version of each of an organisation's clauses. */
  async latestOf(orgId: string): Promise<ClauseVersionView[]> {
    const rows = await selectRows(this.database.db)
      .where('c.org_id', '=', orgId)
      .where('c.version', '=', (eb) =>
        eb
          .selectFrom('org_clauses as x')
          .select((x) => x.fn.max('x.version').as('v'))
          .whereRef('x.clause_id', '=', 'c.clause_id'),
      )
      .orderBy(binaryOrder(this.database, 'c.clause_id'))
      .execute()
    return rows.map(toView)
  }

  async get(clauseId: string, version: number, db: Executor = this.database.db): Promise<ClauseVersionView | null> {
    const row = await selectRows(db).where('c.clause_id', '=', clauseId).where('c.version', '=', version).executeTakeFirst()
    return row ? toView(row) : null
  }

  /**
   * Writes the next version of a clause (version 1 for a new one) as a draft. Validated with the clause
   * library's own rules, so an organisation clause loads wherever a built-in one does. Throws
   * ClauseLoadError for an invalid record and VersionConflictError when `basedOn` is not the newest.
   * Two authors writing at once take turns (the organisation is locked on PostgreSQL), so the second
   * sees the first's version: a conflict with `basedOn`, the next number without.
   */
  async addVersion(orgId: string, input: NewVersionInput, userId: string): Promise<ClauseVersionView> {
    try {
      return await this.database.db.transaction().execute(async (trx) => {
        await lockOrganisation(this.database, trx, orgId)
        const latest = await this.latestVersion(trx, input.id)
        if (input.basedOn !== undefined && input.basedOn !== latest) throw new VersionConflictError(latest)
        const record = validateClause({
          file: 'request body',
          data: { id: input.id, sectionId: input.sectionId, version: (latest ?? 0) + 1, status: 'draft', review: null, parameters: input.parameters, text: input.text },
        })
        await this.insert(trx, orgId, record, 'authored', userId)
        return (await this.get(record.id, record.version, trx))!
      })
    } catch (err) {
      // Only a writer that skipped the lock could have taken the number; the author then retries on the newest.
      if (isUniqueViolation(err)) throw new VersionConflictError(await this.latestVersion(this.database.db, input.id))
      throw err
    }
  }

  /**
   * Adds records exactly as planned by an import, inside the caller's transaction (`trx`): the clauses
   * and the template are written together or not at all.
   */
  async insertImported(trx: Executor, orgId: string, records: readonly ClauseRecord[], userId: string): Promise<void> {
    for (const record of records) await this.insert(trx, orgId, record, 'imported', userId)
  }

  /**
   * Marks a version approved; null when it does not exist. Approval is final: approving again is
   * refused with AlreadyApprovedError, also when two approvals race (only a still unapproved row is
   * updated, and the database's rule refuses any later change of the approval).
   */
  async approve(clauseId: string, version: number, approver: { id: string; displayName: string }, note: string): Promise<ClauseVersionView | null> {
    let updated: bigint
    try {
      const result = await this.database.db
        .updateTable('org_clauses')
        .set({ approved_by: approver.id, approved_by_name: approver.displayName, approved_at: this.now().toISOString(), approval_note: note })
        .where('clause_id', '=', clauseId)
        .where('version', '=', version)
        .where('approved_at', 'is', null)
        .executeTakeFirst()
      updated = result.numUpdatedRows
    } catch (err) {
      throw clauseRuleError(err) ?? err
    }
    if (updated === 0n) {
      const current = await this.get(clauseId, version)
      if (!current) return null
      throw new AlreadyApprovedError(`version ${version} of ${clauseId} is already approved`)
    }
    return this.get(clauseId, version)
  }

  async count(orgId?: string): Promise<number> {
    let query = this.database.db.selectFrom('org_clauses').select((eb) => eb.fn.countAll().as('n'))
    if (orgId !== undefined) query = query.where('org_id', '=', orgId)
    return Number((await query.executeTakeFirstOrThrow()).n)
  }

  private async latestVersion(db: Executor, clauseId: string): Promise<number | null> {
    const row = await db
      .selectFrom('org_clauses')
      .select((eb) => eb.fn.max('version').as('latest'))
      .where('clause_id', '=', clauseId)
      .executeTakeFirst()
    return row?.latest === null || row?.latest === undefined ? null : Number(row.latest)
  }

  private async insert(db: Executor, orgId: string, record: ClauseRecord, source: 'authored' | 'imported', userId: string): Promise<void> {
    // The namespace is what keeps organisations and built-ins apart; a row without it would break that.
    const slug = clauseNamespace(record.id)
    const owner = await db.selectFrom('organisations').select('slug').where('id', '=', orgId).executeTakeFirst()
    if (!owner) throw new OrganisationGoneError(`organisation ${orgId} no longer exists`)
    if (slug !== owner.slug) throw new Error(`clause ${record.id} is outside the namespace of organisation ${orgId}`)
    await db
      .insertInto('org_clauses')
      .values({
        clause_id: record.id,
        version: record.version,
        org_id: orgId,
        section_id: record.sectionId,
        parameters: JSON.stringify(record.parameters),
        text_sv: record.text.sv,
        text_en: record.text.en,
        source,
        imported_review: source === 'imported' && record.review ? JSON.stringify(record.review) : null,
        created_by: userId,
        created_at: this.now().toISOString(),
      })
      .execute()
  }
}
