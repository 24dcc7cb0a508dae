import type { Express } from 'express'
import { findByUid } from '../../schema/review-hash.ts'
import type { AgreementService } from '../agreements/service.ts'
import type { EventStreams } from '../http/event-streams.ts'
import { notificationRoutes } from '../http/notification-routes.ts'
import type { Logger } from '../log.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { Database } from '../storage/database.ts'
import { ReviewRepository } from '../review/reviews.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import { watchApprovals } from './approval-watch.ts'
import { Inbox } from './inbox.ts'
import { notificationObserver } from './observer.ts'

/** Text of a node's first block: a section's heading, a clause's first words. */
function titleOf(node: { content?: unknown[] } | null): string | null {
  const first = node?.content?.[0] as { content?: { text?: string }[] } | undefined
  const text = (first?.content ?? [])
    .map((c) => c.text ?? '')
    .join('')
    .trim()
  return text ? (text.length > 80 ? `${text.slice(0, 79)}…` : text) : null
}

/**
 * The in-app inbox, mounted in two calls: `observe` before the API routes (it watches their answers),
 * `routes` among them. Returns the stop of the approval watch for the server's close.
 */
export function mountNotifications(
  app: Express,
  deps: { database: Database; memberships: MembershipRepository; service: AgreementService; registry: DocumentRegistry; log: Logger; streams: EventStreams },
): { inbox: Inbox; routes(): void; stop(): void } {
  const inbox = new Inbox(deps.database)
  app.use(
    '/api',
    notificationObserver({
      inbox,
      memberships: deps.memberships,
      log: deps.log,
      targetTitle: async (agreementId, uid) => titleOf(findByUid(await deps.service.content(agreementId), uid)),
    }),
  )
  const stop = watchApprovals({ registry: deps.registry, reviews: new ReviewRepository(deps.database), inbox, log: deps.log })
  return {
    inbox,
    routes: () => app.use('/api/notifications', notificationRoutes(inbox, deps.streams)),
    stop,
  }
}
