import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Suggestion, SuggestionKind, SuggestionStatus } from '../../schema/suggestion-types.ts'

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
  applied_start: string | null
  applied_end: string | null
}

const SELECT = `SELECT s.*, u.display_name AS author_name, p.name AS author_party, d.display_name AS decided_by_name
  FROM suggestions s
  JOIN users u ON u.id = s.author_id
  LEFT JOIN members m ON m.agreement_id = s.agreement_id AND m.user_id = s.author_id
  LEFT JOIN parties p ON p.id = m.party_id
  LEFT JOIN users d ON d.id = s.decided_by`

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
 */
export class SuggestionRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Open suggestions first-come first, then the decided ones, newest decision first (bounded). */
  list(agreementId: string, { decidedLimit = 200 } = {}): StoredSuggestion[] {
    const open = this.db.prepare(`${SELECT} WHERE s.agreement_id = ? AND s.status = 'open' ORDER BY s.created_at, s.id`).all(agreementId) as Row[]
    const decided = this.db
      .prepare(`${SELECT} WHERE s.agreement_id = ? AND s.status <> 'open' ORDER BY s.decided_at DESC, s.id LIMIT ?`)
      .all(agreementId, decidedLimit) as Row[]
    return [...open, ...decided].map(toSuggestion)
  }

  get(agreementId: string, id: string): StoredSuggestion | null {
    const row = this.db.prepare(`${SELECT} WHERE s.agreement_id = ? AND s.id = ?`).get(agreementId, id) as Row | undefined
    return row ? toSuggestion(row) : null
  }

  countOpen(agreementId: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM suggestions WHERE agreement_id = ? AND status = 'open'").get(agreementId) as { n: number }).n
  }

  create(
    agreementId: string,
    authorId: string,
    input: { kind: SuggestionKind; anchor: { start: string; end: string }; originalText: string; text: string },
  ): StoredSuggestion {
    const id = randomUUID()
    this.db
      .prepare(
        `INSERT INTO suggestions (id, agreement_id, author_id, kind, anchor_start, anchor_end, original_text, text, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, agreementId, authorId, input.kind, input.anchor.start, input.anchor.end, input.originalText, input.text, this.now().toISOString())
    return this.get(agreementId, id)!
  }

  /** Where the text an accepted suggestion put in is, for undoing the acceptance. */
  appliedAnchor(agreementId: string, id: string): { start: string; end: string } | null {
    const row = this.db.prepare("SELECT applied_start, applied_end FROM suggestions WHERE agreement_id = ? AND id = ? AND status = 'accepted'").get(agreementId, id) as
      | { applied_start: string | null; applied_end: string | null }
      | undefined
    return row?.applied_start && row.applied_end ? { start: row.applied_start, end: row.applied_end } : null
  }

  markAccepted(agreementId: string, id: string, by: string, applied: { start: string; end: string }): boolean {
    return (
      this.db
        .prepare(
          "UPDATE suggestions SET status = 'accepted', decided_by = ?, decided_at = ?, applied_start = ?, applied_end = ? WHERE agreement_id = ? AND id = ? AND status = 'open'",
        )
        .run(by, this.now().toISOString(), applied.start, applied.end, agreementId, id).changes > 0
    )
  }

  /** An accepted suggestion open again, anchored on the original text that was put back. */
  reopen(agreementId: string, id: string, anchor: { start: string; end: string }): boolean {
    return (
      this.db
        .prepare(
          `UPDATE suggestions SET status = 'open', decided_by = NULL, decided_at = NULL, applied_start = NULL, applied_end = NULL, anchor_start = ?, anchor_end = ?
           WHERE agreement_id = ? AND id = ? AND status = 'accepted'`,
        )
        .run(anchor.start, anchor.end, agreementId, id).changes > 0
    )
  }

  /** Closes an open suggestion; false when it was no longer open (someone decided first). */
  close(agreementId: string, id: string, status: Exclude<SuggestionStatus, 'open'>, by: string): boolean {
    return (
      this.db
        .prepare("UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE agreement_id = ? AND id = ? AND status = 'open'")
        .run(status, by, this.now().toISOString(), agreementId, id).changes > 0
    )
  }
}
