import { Router } from 'express'
import { z } from 'zod'
import type { Inbox } from '../notifications/inbox.ts'
import { requireUser } from './access.ts'
import { parseBody } from './errors.ts'

const MarkRead = z.union([z.strictObject({ ids: z.array(z.string().max(64)).min(1).max(200) }), z.strictObject({ all: z.literal(true) })])

/** The signed-in person's inbox: list, mark read, and a live stream that says when it changed. */
export function notificationRoutes(inbox: Inbox): Router {
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
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    // Counted one after the other, so the last count written is never older than the last change;
    // a failed count skips one tick of the bell, the next change tells again.
    let counting = Promise.resolve()
    const send = (): void => {
      counting = counting
        .then(() => inbox.unread(userId))
        .then((unread) => void res.write(`event: notifications\ndata: ${JSON.stringify({ unread })}\n\n`))
        .catch(() => undefined)
    }
    const unsubscribe = inbox.subscribe(userId, send)
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000)
    res.on('close', () => {
      clearInterval(keepAlive)
      unsubscribe()
    })
  })
  return router
}
