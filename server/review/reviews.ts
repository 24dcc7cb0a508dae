import type Database from 'better-sqlite3'
import { REVIEW_STATUSES, type ReviewRecord, type ReviewStatus } from '../../schema/api-types.ts'

export { REVIEW_STATUSES, type ReviewRecord, type ReviewStatus }

/** The review status of each section and clause of an agreement, keyed by the node's stable uid. */
export class ReviewRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(agreementId: string): ReviewRecord[] {
    return (
      this.db
        .prepare('SELECT r.*, COALESCE(r.by_name, u.display_name) AS display_name FROM reviews r JOIN users u ON u.id = r.by_user WHERE r.agreement_id = ? ORDER BY r.at')
        .all(agreementId) as { target_uid: string; status: ReviewStatus; note: string | null; by_user: string; display_name: string; at: string; approved_hash: string | null }[]
    ).map((r) => ({ targetUid: r.target_uid, status: r.status, note: r.note, by: r.by_user, byName: r.display_name, at: r.at, approvedHash: r.approved_hash }))
  }

  set(agreementId: string, targetUid: string, status: ReviewStatus, by: string, note: string | null, approvedHash: string | null): void {
    this.db
      .prepare(
        `INSERT INTO reviews (agreement_id, target_uid, status, note, by_user, by_name, at, approved_hash)
         VALUES (?, ?, ?, ?, ?, (SELECT display_name FROM users WHERE id = ?), ?, ?)
         ON CONFLICT (agreement_id, target_uid) DO UPDATE SET status = excluded.status, note = excluded.note,
           by_user = excluded.by_user, by_name = excluded.by_name, at = excluded.at, approved_hash = excluded.approved_hash`,
      )
      .run(agreementId, targetUid, status, note, by, by, this.now().toISOString(), approvedHash)
  }
}
