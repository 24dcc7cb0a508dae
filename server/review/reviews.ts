import { REVIEW_STATUSES, type ReviewRecord, type ReviewStatus } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'

export { REVIEW_STATUSES, type ReviewRecord, type ReviewStatus }

/** The review status of each section and clause of an agreement, keyed by the node's stable uid. */
export class ReviewRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(agreementId: string): Promise<ReviewRecord[]> {
    const rows = await this.database.db
      .selectFrom('reviews as r')
      .innerJoin('users as u', 'u.id', 'r.by_user')
      // The name the reviewer had when deciding; records older than that column fall back to today's.
      .select((eb) => ['r.target_uid', 'r.status', 'r.note', 'r.by_user', eb.fn.coalesce('r.by_name', 'u.display_name').as('display_name'), 'r.at', 'r.approved_hash'])
      .where('r.agreement_id', '=', agreementId)
      .orderBy('r.at')
      .orderBy('r.target_uid')
      .execute()
    return rows.map((r) => ({ targetUid: r.target_uid, status: r.status, note: r.note, by: r.by_user, byName: r.display_name, at: r.at, approvedHash: r.approved_hash }))
  }

  /**
   * Which of these agreements hold at least one approval with its fingerprint: one query for a whole
   * pass of the approval watch (primary-key lookups), instead of one list per loaded agreement.
   */
  async withApprovals(agreementIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>()
    // Bounded IN lists: SQLite caps the number of bound values per statement.
    for (let i = 0; i < agreementIds.length; i += 500) {
      const rows = await this.database.db
        .selectFrom('reviews')
        .select('agreement_id')
        .distinct()
        .where('agreement_id', 'in', agreementIds.slice(i, i + 500))
        .where('status', '=', 'approved')
        .where('approved_hash', 'is not', null)
        .execute()
      for (const row of rows) found.add(row.agreement_id)
    }
    return found
  }

  /** Sets (or replaces) the status of one section or clause, keeping the reviewer's name as it is now. */
  async set(agreementId: string, targetUid: string, status: ReviewStatus, by: string, note: string | null, approvedHash: string | null): Promise<void> {
    await this.database.db
      .insertInto('reviews')
      .values((eb) => ({
        agreement_id: agreementId,
        target_uid: targetUid,
        status,
        note,
        by_user: by,
        by_name: eb.selectFrom('users').select('display_name').where('id', '=', by),
        at: this.now().toISOString(),
        approved_hash: approvedHash,
      }))
      .onConflict((oc) =>
        oc.columns(['agreement_id', 'target_uid']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          note: eb.ref('excluded.note'),
          by_user: eb.ref('excluded.by_user'),
          by_name: eb.ref('excluded.by_name'),
          at: eb.ref('excluded.at'),
          approved_hash: eb.ref('excluded.approved_hash'),
        })),
      )
      .execute()
  }
}
