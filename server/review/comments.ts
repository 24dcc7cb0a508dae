import { randomUUID } from 'node:crypto'
import type { Comment, CommentThread } from '../../schema/api-types.ts'
import { sql } from 'kysely'
import type { Database } from '../storage/database.ts'

/** A parameter in a select list, typed: PostgreSQL cannot infer the type of a bare `$1` there. */
const text = (value: string) => sql<string>`cast(${value} as text)`

export type { Comment, CommentThread }

/**
 * Comment threads live in the database, not in the agreement's Y.Doc: reviewers may comment without
 * any write access to the text, and the server decides who wrote what.
 */
export class CommentRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(agreementId: string): Promise<CommentThread[]> {
    const { db } = this.database
    const threads = await db
      .selectFrom('comment_threads')
      .select(['id', 'anchor_start', 'anchor_end', 'quote', 'created_by', 'created_at', 'resolved_by', 'resolved_at'])
      .where('agreement_id', '=', agreementId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    if (threads.length === 0) return []
    const comments = await db
      .selectFrom('comments as c')
      .innerJoin('comment_threads as t', 't.id', 'c.thread_id')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .select(['c.id', 'c.thread_id', 'c.author_id', 'u.display_name', 'c.body', 'c.mentions', 'c.created_at'])
      .where('t.agreement_id', '=', agreementId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute()
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

  /** One thread of the agreement, or null when it has no such thread. */
  async get(agreementId: string, threadId: string): Promise<CommentThread | null> {
    // Threads are few per agreement; one shape of answer for the list and the single thread.
    return (await this.list(agreementId)).find((t) => t.id === threadId) ?? null
  }

  /** A new thread with its first comment, both or neither. */
  async openThread(agreementId: string, authorId: string, input: { anchor: { start: string; end: string }; quote: string; body: string; mentions: string[] }): Promise<string> {
    const threadId = randomUUID()
    const at = this.now().toISOString()
    // Awaits nothing but its own two queries (see Database): one turn of the event loop on SQLite.
    await this.database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('comment_threads')
        .values({ id: threadId, agreement_id: agreementId, anchor_start: input.anchor.start, anchor_end: input.anchor.end, quote: input.quote, created_by: authorId, created_at: at })
        .execute()
      await trx
        .insertInto('comments')
        .values({ id: randomUUID(), thread_id: threadId, author_id: authorId, body: input.body, mentions: JSON.stringify(input.mentions), created_at: at })
        .execute()
    })
    return threadId
  }

  /** Adds a reply; false when the thread does not belong to this agreement. */
  async reply(agreementId: string, threadId: string, authorId: string, body: string, mentions: string[]): Promise<boolean> {
    const at = this.now().toISOString()
    // One statement: the reply is written only if the thread is this agreement's, checked in the same query.
    const result = await this.database.db
      .insertInto('comments')
      .columns(['id', 'thread_id', 'author_id', 'body', 'mentions', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('comment_threads')
          .select([text(randomUUID()).as('id'), 'id as thread_id', text(authorId).as('author_id'), text(body).as('body'), text(JSON.stringify(mentions)).as('mentions'), text(at).as('created_at')])
          .where('id', '=', threadId)
          .where('agreement_id', '=', agreementId),
      )
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async setResolved(agreementId: string, threadId: string, userId: string, resolved: boolean): Promise<boolean> {
    const result = await this.database.db
      .updateTable('comment_threads')
      .set({ resolved_by: resolved ? userId : null, resolved_at: resolved ? this.now().toISOString() : null })
      .where('id', '=', threadId)
      .where('agreement_id', '=', agreementId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }
}
