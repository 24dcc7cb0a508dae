import { EventEmitter } from 'node:events'
import type { NextFunction, Request, Response } from 'express'

export type AgreementEvent = 'comments' | 'reviews' | 'versions' | 'members' | 'suggestions' | 'acks'

export const AGREEMENT_EVENTS: readonly AgreementEvent[] = ['comments', 'reviews', 'versions', 'members', 'suggestions', 'acks']

/**
 * Tells open editors that something stored beside the text changed, so they refetch it. In-process;
 * with several instances a relay (server/fanout/control.ts) sends each event emitted here to the
 * others, which deliver it to their own listeners without sending it on, so every listener anywhere
 * hears it once.
 * Several emits of one event for one agreement in the same turn of the event loop (a role change is
 * also an access change) reach listeners once, so no panel refetches the same thing twice.
 */
export class AgreementEvents {
  private readonly emitter = new EventEmitter()
  /** Events waiting for the end of this tick; true when one of them was emitted here (so it is relayed). */
  private readonly pending = new Map<string, boolean>()
  private relay: ((agreementId: string, event: AgreementEvent) => void) | null = null

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  /** Sends every event emitted on this instance to the other instances too. */
  relayTo(relay: (agreementId: string, event: AgreementEvent) => void): void {
    this.relay = relay
  }

  emit(agreementId: string, event: AgreementEvent): void {
    this.queue(agreementId, event, true)
  }

  /** An event another instance emitted: delivered to the listeners here, never relayed again. */
  deliver(agreementId: string, event: AgreementEvent): void {
    this.queue(agreementId, event, false)
  }

  private queue(agreementId: string, event: AgreementEvent, local: boolean): void {
    const key = `${event}\u0000${agreementId}`
    const queued = this.pending.get(key)
    if (queued !== undefined) {
      if (local && !queued) this.pending.set(key, true)
      return
    }
    this.pending.set(key, local)
    // After the I/O of this turn, not in a microtask: an async handler emits from a microtask, and its
    // response's 'finish' (which emits again) comes in a later tick of the same turn.
    setImmediate(() => {
      const relay = this.pending.get(key) === true
      this.pending.delete(key)
      this.emitter.emit(agreementId, event)
      if (relay) this.relay?.(agreementId, event)
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
