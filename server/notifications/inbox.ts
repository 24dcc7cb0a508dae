import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type Database from 'better-sqlite3'

import type { Notification, NotificationKind } from '../../schema/api-types.ts'

export type { Notification, NotificationKind }

interface Row {
  id: string
  kind: NotificationKind
  agreement_id: string | null
  title: string | null
  actor_name: string
  target: string | null
  excerpt: string
  created_at: string
  read_at: string | null
}

const EXCERPT_MAX = 200
export const LIST_MAX = 50

/**
 * Each person's inbox. Writes tell that person's open pages at once (`subscribe`), so the bell
 * counts up live; reads are per person and per notification.
 */
export class Inbox {
  private readonly emitter = new EventEmitter()

  constructor(private readonly db: Database.Database) {
    this.emitter.setMaxListeners(0)
  }

  /** Adds one notification; with a `dedupeKey` a second one for the same event is not added. */
  add(userId: string, input: { kind: NotificationKind; agreementId: string | null; actorName: string; target?: string | null; excerpt: string; dedupeKey?: string }): boolean {
    const excerpt = input.excerpt.length > EXCERPT_MAX ? `${input.excerpt.slice(0, EXCERPT_MAX - 1)}…` : input.excerpt
    const result = this.db
      .prepare('INSERT OR IGNORE INTO notifications (id, user_id, agreement_id, kind, actor_name, target, excerpt, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), userId, input.agreementId, input.kind, input.actorName, input.target ?? null, excerpt, input.dedupeKey ?? null, new Date().toISOString())
    if (result.changes > 0) this.emitter.emit(userId)
    return result.changes > 0
  }

  list(userId: string): { notifications: Notification[]; unread: number } {
    const rows = this.db
      .prepare(
        `SELECT n.id, n.kind, n.agreement_id, a.title, n.actor_name, n.target, n.excerpt, n.created_at, n.read_at
           FROM notifications n LEFT JOIN agreements a ON a.id = n.agreement_id
          WHERE n.user_id = ? ORDER BY n.created_at DESC, n.rowid DESC LIMIT ?`,
      )
      .all(userId, LIST_MAX) as Row[]
    const unread = (this.db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(userId) as { n: number }).n
    return {
      unread,
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

  /** Marks the person's own notifications read (`ids`), or all of them; others' ids are ignored. */
  markRead(userId: string, ids: string[] | 'all'): void {
    const now = new Date().toISOString()
    if (ids === 'all') this.db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(now, userId)
    else {
      const stmt = this.db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL')
      this.db.transaction(() => {
        for (const id of ids) stmt.run(now, userId, id)
      })()
    }
    this.emitter.emit(userId)
  }

  subscribe(userId: string, listener: () => void): () => void {
    this.emitter.on(userId, listener)
    return () => this.emitter.off(userId, listener)
  }
}
