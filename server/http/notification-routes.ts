import { Router } from 'express'
import { z } from 'zod'
import type { Inbox } from '../notifications/inbox.ts'
import type { EventStreams } from './event-streams.ts'
import { requireUser } from './access.ts'
import { parseBody } from './errors.ts'

const MarkRead = z.union([z.strictObject({ ids: z.array(z.string().max(64)).min(1).max(200) }), z.strictObject({ all: z.literal(true) })])

/** The signed-in person's inbox: list, mark read, and a live stream that says when it changed. */
export function notificationRoutes(inbox: Inbox, streams: EventStreams): Router {
  const router = Router()
  router.use(requireUser)

  router.get('/', async (_req, res) => {
    res.json(await inbox.list(res.locals.user.id))
  })

  router.post('/read', async (req, res) => {
    const body = parseBody(MarkRead, req.body)
    await inbox.markRead(res.locals.user.id, 'all' in body ? 'all' : body.ids)
    res.status(204).end()
  })

  /** Server-sent events: `notifications` with the unread count whenever the inbox changed. */
  router.get('/stream', (_req, res) => {
    const userId = res.locals.user.id
    let unsubscribe = () => {}
    const stream = streams.start(res, () => unsubscribe())
    // Counted one after the other, so the last count written is never older than the last change;
    // a failed count skips one tick of the bell, the next change tells again.
    let counting = Promise.resolve()
    const send = (): void => {
      counting = counting
        .then(() => inbox.unread(userId))
        .then((unread) => stream.send('notifications', { unread }))
        .catch(() => undefined)
    }
    unsubscribe = inbox.subscribe(userId, send)
  })
  return router
}
