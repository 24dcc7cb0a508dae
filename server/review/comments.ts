import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Comment, CommentThread } from '../../schema/api-types.ts'

export type { Comment, CommentThread }

/**
 * Comment threads live in the database, not in the agreement's Y.Doc: reviewers may comment without
 * any write access to the text, and the server decides who wrote what.
 */
export class CommentRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(agreementId: string): CommentThread[] {
    const threads = this.db
      .prepare('SELECT * FROM comment_threads WHERE agreement_id = ? ORDER BY created_at, id')
      .all(agreementId) as {
      id: string
      anchor_start: string
      anchor_end: string
      quote: string
      created_by: string
      created_at: string
      resolved_by: string | null
      resolved_at: string | null
    }[]
    const comments = this.db
      .prepare(
        `SELECT c.*, u.display_name FROM comments c JOIN comment_threads t ON t.id = c.thread_id JOIN users u ON u.id = c.author_id
         WHERE t.agreement_id = ? ORDER BY c.created_at, c.id`,
      )
      .all(agreementId) as { id: string; thread_id: string; author_id: string; display_name: string; body: string; mentions: string; created_at: string }[]
    const byThread = new Map<string, Comment[]>()
    for (const c of comments) {
      const list = byThread.get(c.thread_id) ?? []
      list.push({ id: c.id, authorId: c.author_id, authorName: c.display_name, body: c.body, mentions: JSON.parse(c.mentions) as string[], createdAt: c.created_at })
      byThread.set(c.thread_id, list)
    }
    return threads.map((t) => ({
      id: t.id,
      anchor: { start: t.anchor_start, end: t.anchor_end },
      quote: t.quote,
      createdBy: t.created_by,
      createdAt: t.created_at,
      resolvedBy: t.resolved_by,
      resolvedAt: t.resolved_at,
      comments: byThread.get(t.id) ?? [],
    }))
  }

  openThread(agreementId: string, authorId: string, input: { anchor: { start: string; end: string }; quote: string; body: string; mentions: string[] }): string {
    const threadId = randomUUID()
    const at = this.now().toISOString()
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO comment_threads (id, agreement_id, anchor_start, anchor_end, quote, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(threadId, agreementId, input.anchor.start, input.anchor.end, input.quote, authorId, at)
      this.insertComment(threadId, authorId, input.body, input.mentions, at)
    })()
    return threadId
  }

  /** Adds a reply; false when the thread does not belong to this agreement. */
  reply(agreementId: string, threadId: string, authorId: string, body: string, mentions: string[]): boolean {
    if (!this.threadBelongs(agreementId, threadId)) return false
    this.insertComment(threadId, authorId, body, mentions, this.now().toISOString())
    return true
  }

  setResolved(agreementId: string, threadId: string, userId: string, resolved: boolean): boolean {
    if (!this.threadBelongs(agreementId, threadId)) return false
    this.db
      .prepare('UPDATE comment_threads SET resolved_by = ?, resolved_at = ? WHERE id = ?')
      .run(resolved ? userId : null, resolved ? this.now().toISOString() : null, threadId)
    return true
  }

  private threadBelongs(agreementId: string, threadId: string): boolean {
    return this.db.prepare('SELECT 1 FROM comment_threads WHERE id = ? AND agreement_id = ?').get(threadId, agreementId) !== undefined
  }

  private insertComment(threadId: string, authorId: string, body: string, mentions: string[], at: string): void {
    this.db
      .prepare('INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), threadId, authorId, body, JSON.stringify(mentions), at)
  }
}
