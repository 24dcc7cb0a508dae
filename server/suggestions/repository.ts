import { randomUUID } from 'node:crypto'
import type { Suggestion, SuggestionKind, SuggestionStatus } from '../../schema/suggestion-types.ts'
import { sql } from 'kysely'
import { LIMITS } from '../../schema/limits.ts'
import type { Database } from '../storage/database.ts'

/** A suggestion as stored; `outdated` is a property of the live text, added by whoever resolves it. */
export type StoredSuggestion = Omit<Suggestion, 'outdated'>

interface Row {
  id: string
  author_id: string
  author_name: string
  author_party: string | null
  kind: SuggestionKind
  anchor_start: string
  anchor_end: string
  original_text: string
  text: string
  created_at: string
  status: SuggestionStatus
  decided_by: string | null
  decided_by_name: string | null
  decided_at: string | null
}

const toSuggestion = (r: Row): StoredSuggestion => ({
  id: r.id,
  kind: r.kind,
  anchor: { start: r.anchor_start, end: r.anchor_end },
  originalText: r.original_text,
  text: r.text,
  authorId: r.author_id,
  authorName: r.author_name,
  authorParty: r.author_party,
  createdAt: r.created_at,
  status: r.status,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
})

/**
 * Suggested changes live in the database, not in the agreement's Y.Doc: a reviewer proposes wording
 * without write access to the text, and the server knows who proposed what and who decided it.
 * Every change of status is one conditional update (`WHERE status = …`), so of two people deciding
 * the same suggestion at once exactly one succeeds, on either engine and across server instances.
 */
export class SuggestionRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Open suggestions first-come first, then the decided ones, newest decision first (bounded). */
  async list(agreementId: string, { decidedLimit = 200 } = {}): Promise<StoredSuggestion[]> {
    const open = await this.select(agreementId).where('s.status', '=', 'open').orderBy('s.created_at').orderBy('s.id').execute()
    const decided = decidedLimit > 0 ? await this.select(agreementId).where('s.status', '<>', 'open').orderBy('s.decided_at', 'desc').orderBy('s.id').limit(decidedLimit).execute() : []
    return [...open, ...decided].map(toSuggestion)
  }

  async get(agreementId: string, id: string): Promise<StoredSuggestion | null> {
    const row = await this.select(agreementId).where('s.id', '=', id).executeTakeFirst()
    return row ? toSuggestion(row) : null
  }

  countOpen(agreementId: string): Promise<number> {
    return countOpen(this.database.db, agreementId)
  }

  /**
   * Adds an open suggestion, or answers null when the agreement already holds `maxOpen` open ones.
   * Counted and written in one transaction, one writer per agreement at a time (on PostgreSQL a lock
   * per agreement; on SQLite the transaction holds the only connection), so two suggestions made at
   * once cannot both take the last place.
   */
  async create(
    agreementId: string,
    authorId: string,
    input: { kind: SuggestionKind; anchor: { start: string; end: string }; originalText: string; text: string },
    maxOpen = LIMITS.maxOpenSuggestions,
  ): Promise<StoredSuggestion | null> {
    const id = randomUUID()
    const added = await this.database.db.transaction().execute(async (trx) => {
      if (this.database.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`suggestions:${agreementId}`}))`.execute(trx)
      if ((await countOpen(trx, agreementId)) >= maxOpen) return false
      await trx
        .insertInto('suggestions')
        .values({
          id,
          agreement_id: agreementId,
          author_id: authorId,
          kind: input.kind,
          anchor_start: input.anchor.start,
          anchor_end: input.anchor.end,
          original_text: input.originalText,
          text: input.text,
          created_at: this.now().toISOString(),
        })
        .execute()
      return true
    })
    return added ? this.get(agreementId, id) : null
  }

  /** Where the text an accepted suggestion put in is, for undoing the acceptance. */
  async appliedAnchor(agreementId: string, id: string): Promise<{ start: string; end: string } | null> {
    const row = await this.database.db
      .selectFrom('suggestions')
      .select(['applied_start', 'applied_end'])
      .where('agreement_id', '=', agreementId)
      .where('id', '=', id)
      .where('status', '=', 'accepted')
      .executeTakeFirst()
    return row?.applied_start && row.applied_end ? { start: row.applied_start, end: row.applied_end } : null
  }

  /**
   * Takes an open suggestion for acceptance before its change is applied to the text; false when it
   * was no longer open (someone decided first). `recordApplied` completes it, `releaseAcceptance`
   * gives it back when the text turned out to have changed.
   */
  async claimAcceptance(agreementId: string, id: string, by: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('suggestions')
      .set({ status: 'accepted', decided_by: by, decided_at: this.now().toISOString(), applied_start: null, applied_end: null })
      .where('agreement_id', '=', agreementId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Where the accepted text now is, for undoing the acceptance. */
  async recordApplied(agreementId: string, id: string, applied: { start: string; end: string }): Promise<boolean> {
    const result = await this.database.db
      .updateTable('suggestions')
      .set({ applied_start: applied.start, applied_end: applied.end })
      .where('agreement_id', '=', agreementId)
      .where('id', '=', id)
      .where('status', '=', 'accepted')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** A claimed acceptance that was never applied: the suggestion is open again, as it was. */
  async releaseAcceptance(agreementId: string, id: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('suggestions')
      .set({ status: 'open', decided_by: null, decided_at: null })
      .where('agreement_id', '=', agreementId)
      .where('id', '=', id)
      .where('status', '=', 'accepted')
      .where('applied_start', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** An accepted suggestion open again, anchored on the original text that was put back. */
  async reopen(agreementId: string, id: string, anchor: { start: string; end: string }): Promise<boolean> {
    const result = await this.database.db
      .updateTable('suggestions')
      .set({ status: 'open', decided_by: null, decided_at: null, applied_start: null, applied_end: null, anchor_start: anchor.start, anchor_end: anchor.end })
      .where('agreement_id', '=', agreementId)
      .where('id', '=', id)
      .where('status', '=', 'accepted')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Closes an open suggestion; false when it was no longer open (someone decided first). */
  async close(agreementId: string, id: string, status: Exclude<SuggestionStatus, 'open' | 'accepted'>, by: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('suggestions')
      .set({ status, decided_by: by, decided_at: this.now().toISOString() })
      .where('agreement_id', '=', agreementId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  private select(agreementId: string) {
    return this.database.db
      .selectFrom('suggestions as s')
      .innerJoin('users as u', 'u.id', 's.author_id')
      .leftJoin('members as m', (join) => join.onRef('m.agreement_id', '=', 's.agreement_id').onRef('m.user_id', '=', 's.author_id'))
      .leftJoin('parties as p', 'p.id', 'm.party_id')
      .leftJoin('users as d', 'd.id', 's.decided_by')
      .select([
        's.id',
        's.author_id',
        'u.display_name as author_name',
        'p.name as author_party',
        's.kind',
        's.anchor_start',
        's.anchor_end',
        's.original_text',
        's.text',
        's.created_at',
        's.status',
        's.decided_by',
        'd.display_name as decided_by_name',
        's.decided_at',
      ])
      .where('s.agreement_id', '=', agreementId)
  }
}

async function countOpen(db: Database['db'], agreementId: string): Promise<number> {
  const row = await db
    .selectFrom('suggestions')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('agreement_id', '=', agreementId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow()
  // PostgreSQL answers a count as text (bigint).
  return Number(row.n)
}
