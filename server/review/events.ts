import { EventEmitter } from 'node:events'
import type { NextFunction, Request, Response } from 'express'

export type AgreementEvent = 'comments' | 'reviews' | 'versions' | 'members' | 'suggestions' | 'acks'

/**
 * Tells open editors that something stored beside the text changed, so they refetch it. In-process;
 * a multi-instance deployment fans these out through the same hook as document updates.
 * Several emits of one event for one agreement in the same turn of the event loop (a role change is
 * also an access change) reach listeners once, so no panel refetches the same thing twice.
 */
export class AgreementEvents {
  private readonly emitter = new EventEmitter()
  private readonly pending = new Set<string>()

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  emit(agreementId: string, event: AgreementEvent): void {
    const key = `${event}\u0000${agreementId}`
    if (this.pending.has(key)) return
    this.pending.add(key)
    // setImmediate, not a microtask: a handler that runs after an awaited middleware (identify waits
    // for the database) is itself in a microtask, and the response's 'finish' (whose emit this must
    // meet) comes on the next tick, after that microtask queue has drained.
    setImmediate(() => {
      this.pending.delete(key)
      this.emitter.emit(agreementId, event)
    })
  }

  subscribe(agreementId: string, listener: (event: AgreementEvent) => void): () => void {
    this.emitter.on(agreementId, listener)
    return () => this.emitter.off(agreementId, listener)
  }
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Emits `members` after every successful change of an agreement's writing group: members added,
 * changed (role, party, mandate) or removed, parties added, renamed or removed, and an invitation
 * accepted. It watches the routes rather than living in each handler, so a new route under these
 * paths cannot forget it. Mount it before the member and invitation routes.
 *   /api/agreements/:id/members…, /api/agreements/:id/parties…  → the :id of the path
 *   /api/invitations/:token/accept                              → the agreementId of the answer
 */
export function emitMembersOnChange(events: AgreementEvents) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!CHANGING.has(req.method)) return next()
    const parts = req.path.split('/')
    // req.path is relative to the mount point: "/<id>/members/…" or "/<token>/accept".
    const agreementId = parts[2] === 'members' || parts[2] === 'parties' ? parts[1] : null
    const accepting = parts[2] === 'accept' && parts.length === 3
    if (!agreementId && !accepting) return next()
    let answered: string | null = null
    if (accepting) {
      const json = res.json.bind(res)
      res.json = (body: unknown) => {
        const id = (body as { agreementId?: unknown } | null)?.agreementId
        if (typeof id === 'string') answered = id
        return json(body)
      }
    }
    res.on('finish', () => {
      if (res.statusCode >= 300) return
      const id = agreementId ?? answered
      if (id) events.emit(id, 'members')
    })
    next()
  }
}
