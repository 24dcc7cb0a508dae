import { z } from 'zod'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { ROLES, type Role } from '../../schema/api-types.ts'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import { accessFor, type CredentialedPrincipal } from '../auth/ws-auth.ts'
import { AGREEMENT_EVENTS, type AgreementEvent, type AgreementEvents } from '../review/events.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import type { EventStreams } from '../http/event-streams.ts'
import type { Inbox } from '../notifications/inbox.ts'
import type { RedisLink } from './redis-link.ts'

/**
 * Changes of who may do what, applied to the open connections of every instance: a role change
 * (the person reconnects, 4009), a removal (4403), a deleted agreement (4404), revoked credentials
 * (logout, a revoked session or token, a new password: 4401, and their event streams end), a new display name, the change
 * events of server/review/events.ts and changes of a person's inbox.
 *
 * Each change is applied here at once and, with `REDIS_URL`, published on one control channel; every
 * other instance applies it to its own connections. Messages are JSON, at most CONTROL_MAX_BYTES,
 * checked with zod before anything is done; one that does not fit is dropped whole.
 *
 * A role is never taken from the message alone: the receiving instance re-reads it from the membership
 * repository (`roleOf`, which may answer asynchronously). The message carries the role the sender
 * saw, and the stricter of the two wins (removed over changed over unchanged): closing a connection
 * is never an escalation, and while instances still keep members in files of their own the change
 * made on one instance takes effect on the others' connections too.
 */
export const CONTROL_CHANNEL = 'overens:control'
const CONTROL_MAX_BYTES = 16 * 1024
/** Credentials per message; a "log out everywhere" of a person with many sessions sends several. */
const CREDENTIALS_PER_MESSAGE = 100

const Id = z.string().min(1).max(64)
const ControlMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('access'), from: z.string().max(32), agreementId: Id, userId: Id, role: z.enum(ROLES).nullable() }),
  z.object({ kind: z.literal('deleted'), from: z.string().max(32), agreementId: Id }),
  z.object({ kind: z.literal('revoked'), from: z.string().max(32), userId: Id, credentials: z.array(z.string().min(1).max(128)).min(1).max(CREDENTIALS_PER_MESSAGE) }),
  z.object({ kind: z.literal('profile'), from: z.string().max(32), userId: Id, displayName: z.string().max(LIMITS.displayNameMaxLength) }),
  z.object({ kind: z.literal('event'), from: z.string().max(32), agreementId: Id, event: z.enum(AGREEMENT_EVENTS as [AgreementEvent, ...AgreementEvent[]]) }),
  z.object({ kind: z.literal('inbox'), from: z.string().max(32), userId: Id }),
])
export type ControlMessage = z.infer<typeof ControlMessage>
type Outgoing = ControlMessage extends infer M ? (M extends ControlMessage ? Omit<M, 'from'> : never) : never

export interface ConnectionControlOptions {
  registry: DocumentRegistry
  events: AgreementEvents
  log: Logger
  /** The person's role on the agreement now, from the membership repository (sync or async). */
  roleOf: (agreementId: string, userId: string) => Role | null | Promise<Role | null>
  /** With Redis: the other instances hear of every change. */
  link?: RedisLink | null
  /** The event streams open here, ended with the websockets when their credentials are revoked. */
  streams?: EventStreams
}

export class ConnectionControl {
  private inbox: Inbox | null = null

  constructor(private readonly options: ConnectionControlOptions) {
    options.events.relayTo((agreementId, event) => this.publish({ kind: 'event', agreementId, event }))
  }

  /** A person's inbox changed on one instance: their bell counts again on every other. */
  relayInbox(inbox: Inbox): void {
    this.inbox = inbox
    inbox.relayTo((userId) => this.publish({ kind: 'inbox', userId }))
  }

  /** Subscribes to the control channel (with Redis); resolves once Redis confirmed it. */
  async start(): Promise<void> {
    const { link } = this.options
    if (!link) return
    // What was published while Redis was away is lost: re-read the role of every open connection.
    link.onReconnect('subscriber', () => void this.recheckAll().catch((err: unknown) => this.options.log.warn('re-checking roles after a redis outage failed', errorFields(err))))
    await link.listen(CONTROL_CHANNEL, (message) => this.receive(message))
  }

  private async recheckAll(): Promise<void> {
    for (const doc of await this.options.registry.loadedDocuments()) {
      const people = new Set([...doc.peers].flatMap((peer) => (peer.principal.userId === null ? [] : [peer.principal.userId])))
      for (const userId of people) await this.applyAccess(doc.id, userId, [await this.options.roleOf(doc.id, userId)])
    }
  }

  /** A member was added, changed or removed on this instance. */
  async accessChanged(agreementId: string, userId: string): Promise<void> {
    const role = await this.options.roleOf(agreementId, userId)
    this.publish({ kind: 'access', agreementId, userId, role })
    await this.applyAccess(agreementId, userId, [role])
  }

  /** The agreement is gone: its connections here were closed by its deletion; the others' now. */
  agreementDeleted(agreementId: string): void {
    this.publish({ kind: 'deleted', agreementId })
  }

  credentialsRevoked(userId: string, credentials: string[]): void {
    for (let i = 0; i < credentials.length; i += CREDENTIALS_PER_MESSAGE) this.publish({ kind: 'revoked', userId, credentials: credentials.slice(i, i + CREDENTIALS_PER_MESSAGE) })
    void this.applyRevoked(userId, credentials)
  }

  profileChanged(userId: string, displayName: string): void {
    this.publish({ kind: 'profile', userId, displayName })
    void this.applyProfile(userId, displayName)
  }

  /**
   * Closes the connections of `userId` on `agreementId` whose role no longer holds. `roles`: what the
   * instances know of the person's role now; any null removes, any different role reconnects.
   */
  private async applyAccess(agreementId: string, userId: string, roles: readonly (Role | null)[]): Promise<void> {
    const doc = await this.options.registry.peek(agreementId)
    if (!doc) return
    for (const peer of [...doc.peers]) {
      if (peer.principal.userId !== userId) continue
      if (roles.includes(null)) peer.close(CloseCode.Forbidden, 'you are no longer a member of this agreement')
      else if (roles.some((role) => role !== peer.principal.role || accessFor(role!) !== peer.access)) peer.close(CloseCode.RoleChanged, 'your role changed; reconnecting')
    }
  }

  private async applyRevoked(userId: string, credentials: readonly string[]): Promise<void> {
    this.options.streams?.closeRevoked(userId, credentials)
    const revoked = new Set(credentials)
    for (const doc of await this.options.registry.loadedDocuments())
      for (const peer of [...doc.peers]) {
        const principal = peer.principal as CredentialedPrincipal
        if (principal.userId === userId && principal.credential !== undefined && revoked.has(principal.credential)) peer.close(CloseCode.Unauthorized, 'signed out')
      }
  }

  private async applyProfile(userId: string, displayName: string): Promise<void> {
    for (const doc of await this.options.registry.loadedDocuments()) for (const peer of doc.peers) if (peer.principal.userId === userId) peer.principal.name = displayName
  }

  private publish(message: Outgoing): void {
    const { link } = this.options
    if (!link) return
    const json = JSON.stringify({ ...message, from: link.instanceHex })
    if (Buffer.byteLength(json) > CONTROL_MAX_BYTES) {
      this.options.log.error('control message too large; not sent', { kind: message.kind })
      return
    }
    if (!link.publish(CONTROL_CHANNEL, json)) this.options.log.warn('redis is away: a change reaches the connections of this instance only', { kind: message.kind })
  }

  private receive(raw: Buffer): void {
    const { link, log } = this.options
    if (raw.byteLength > CONTROL_MAX_BYTES) return log.warn('dropped an oversized control message', { bytes: raw.byteLength })
    let message: ControlMessage
    try {
      const parsed = ControlMessage.safeParse(JSON.parse(raw.toString('utf8')))
      if (!parsed.success) return log.warn('dropped a control message that does not fit', { issues: parsed.error.issues.length })
      message = parsed.data
    } catch (err) {
      return log.warn('dropped an unreadable control message', errorFields(err))
    }
    if (message.from === link?.instanceHex) return
    void this.apply(message).catch((err: unknown) => log.warn('could not apply a control message', { kind: message.kind, ...errorFields(err) }))
  }

  private async apply(message: ControlMessage): Promise<void> {
    switch (message.kind) {
      case 'access': {
        const here = await this.options.roleOf(message.agreementId, message.userId)
        return this.applyAccess(message.agreementId, message.userId, [here, message.role])
      }
      case 'deleted':
        return this.options.registry.closeDocument(message.agreementId, CloseCode.AgreementNotFound, 'agreement deleted', { locally: true })
      case 'revoked':
        return this.applyRevoked(message.userId, message.credentials)
      case 'profile':
        return this.applyProfile(message.userId, message.displayName)
      case 'event':
        return this.options.events.deliver(message.agreementId, message.event)
      case 'inbox':
        return this.inbox?.deliver(message.userId)
    }
  }
}
