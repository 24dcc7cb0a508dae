import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { Notification, NotificationKind } from '../../schema/api-types.ts'
import type { Database } from '../storage/database.ts'

export type { Notification, NotificationKind }

const EXCERPT_MAX = 200
export const LIST_MAX = 50

/**
 * Each person's inbox. Writes tell that person's open pages at once (`subscribe`), on every instance
 * when relayed (`relayTo`), so the bell counts up live; reads are per person and per notification.
 */
export class Inbox {
  private readonly emitter = new EventEmitter()
  private lastAt = 0
  private relay: ((userId: string) => void) | null = null

  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.emitter.setMaxListeners(0)
  }

  /** Adds one notification; with a `dedupeKey` a second one for the same event is not added (false). */
  async add(userId: string, input: { kind: NotificationKind; agreementId: string | null; actorName: string; target?: string | null; excerpt: string; dedupeKey?: string }): Promise<boolean> {
    const excerpt = input.excerpt.length > EXCERPT_MAX ? `${input.excerpt.slice(0, EXCERPT_MAX - 1)}…` : input.excerpt
    const result = await this.database.db
      .insertInto('notifications')
      .values({
        id: randomUUID(),
        user_id: userId,
        agreement_id: input.agreementId,
        kind: input.kind,
        actor_name: input.actorName,
        target: input.target ?? null,
        excerpt,
        dedupe_key: input.dedupeKey ?? null,
        created_at: this.stamp(),
      })
      // The partial unique index (user_id, dedupe_key) is the only one a new random id can meet.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    if (added) this.changed(userId)
    return added
  }

  /** The person's newest notifications (at most LIST_MAX) and how many of all theirs are unread. */
  async list(userId: string): Promise<{ notifications: Notification[]; unread: number }> {
    const rows = await this.database.db
      .selectFrom('notifications as n')
      .leftJoin('agreements as a', 'a.id', 'n.agreement_id')
      .select(['n.id', 'n.kind', 'n.agreement_id', 'a.title', 'n.actor_name', 'n.target', 'n.excerpt', 'n.created_at', 'n.read_at'])
      .where('n.user_id', '=', userId)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(LIST_MAX)
      .execute()
    return {
      unread: await this.unread(userId),
      notifications: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        agreementId: r.agreement_id,
        agreementTitle: r.title,
        actorName: r.actor_name,
        target: r.target,
        excerpt: r.excerpt,
        createdAt: r.created_at,
        read: r.read_at !== null,
      })),
    }
  }

  async unread(userId: string): Promise<number> {
    const row = await this.database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Marks the person's own notifications read (`ids`), or all of them; others' ids are ignored. */
  async markRead(userId: string, ids: string[] | 'all'): Promise<void> {
    if (ids !== 'all' && ids.length === 0) return
    let query = this.database.db.updateTable('notifications').set({ read_at: this.now().toISOString() }).where('user_id', '=', userId).where('read_at', 'is', null)
    if (ids !== 'all') query = query.where('id', 'in', ids)
    await query.execute()
    this.changed(userId)
  }

  /** With several instances: tells the others that a person's inbox changed here. */
  relayTo(relay: (userId: string) => void): void {
    this.relay = relay
  }

  /** A change another instance made: tells the person's streams here, never relayed again. */
  deliver(userId: string): void {
    this.emitter.emit(userId)
  }

  private changed(userId: string): void {
    this.emitter.emit(userId)
    this.relay?.(userId)
  }

  subscribe(userId: string, listener: () => void): () => void {
    this.emitter.on(userId, listener)
    return () => this.emitter.off(userId, listener)
  }

  /**
   * The time of a new notification, never the same as this inbox's previous one: the list is ordered
   * by time, and two written in the same millisecond would otherwise come back in either order.
   */
  private stamp(): string {
    this.lastAt = Math.max(this.now().getTime(), this.lastAt + 1)
    return new Date(this.lastAt).toISOString()
  }
}
