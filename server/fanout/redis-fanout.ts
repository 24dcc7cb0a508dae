import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import type { AgreementStore } from '../storage/store.ts'
import { filterAwarenessUpdate, stampedUserId } from '../sync/awareness-stamp.ts'
import type { Peer } from '../sync/peer.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import type { SharedDocument, StoredElsewhere } from '../sync/shared-document.ts'
import type { RedisLink } from './redis-link.ts'

/**
 * Document updates and awareness between server instances through Redis pub/sub (`REDIS_URL`).
 *
 * An instance publishes each update after its store has committed it (the registry's onStored seam),
 * with its sequence number; every other instance that has the agreement loaded applies it, sends it to
 * its own peers, and tells its store it holds that number, so its compactions may cover it. It is never
 * stored twice. Awareness changes of local peers travel the same way (already stamped with the
 * authenticated name and role by the instance the peer is connected to). A client id announced on one
 * instance belongs to that connection everywhere: another instance drops an entry for a client id one
 * of its own connections owns, and its connections cannot announce one owned elsewhere (except by the
 * same person, whose tab moved to this instance after its old one died).
 *
 * An instance subscribes to the channel of an agreement only while it has it loaded (the registry's
 * follow seam subscribes before the stored state is read, so nothing published after the read is
 * missed), so an instance hears of the agreements it serves, not of all of them. Pub/sub is not a log: a message
 * published while an instance is cut off from Redis is lost to it; on reconnect it rereads the stored
 * state of each loaded agreement, which holds every update (append before publish).
 */
const CHANNEL_PREFIX = 'overens:doc:'
const Kind = {
  Update: 0,
  Awareness: 1,
  /** "Reread this agreement from the store": what this instance published while cut off was lost. */
  Reread: 2,
} as const

/** The origin of what arrives from Redis: not a peer, and already stored (see SharedDocument). */
const FROM_PEER_INSTANCE: StoredElsewhere & { fanout: true } = { storedElsewhere: true, fanout: true }
/** The origin of a presence this instance took back because another person holds its client id. */
const EVICTED = { evicted: true }

/**
 * Who holds a presence client id of an agreement, across instances: `SET` if free, else renewed when it
 * is the same person's, else the holder is returned and nothing changes. One atomic step, so two
 * instances racing for one id cannot both win.
 */
const CLAIM = `local held = redis.call('GET', KEYS[1])
if held == false or held == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return ''
end
return held`
const CLAIM_PREFIX = 'overens:presence:'
/** Longer than y-protocols' 30 s presence timeout; renewed while the person's tab announces itself. */
const CLAIM_SECONDS = 90
const RENEW_AFTER_MS = 30_000

export interface RedisFanoutOptions {
  link: RedisLink
  store: AgreementStore
  log: Logger
}

export class RedisFanout {
  private registry: DocumentRegistry | null = null
  private readonly link: RedisLink

  constructor(private readonly options: RedisFanoutOptions) {
    this.link = options.link
    this.link.onPrefix(CHANNEL_PREFIX, (channel, message) => this.receive(channel, message))
    // Back after an outage: the subscriber missed what others published, the publisher lost what this
    // instance published; both are in the store, so the one reads it and the other asks peers to.
    this.link.onReconnect('subscriber', () => void this.resyncLoaded())
    this.link.onReconnect('commands', () => void this.askPeersToReread())
  }

  get instanceId(): Buffer {
    return this.link.instanceId
  }

  start(registry: DocumentRegistry): void {
    this.registry = registry
  }

  /** Registry seam: subscribe to an agreement's channel before its stored state is read. */
  readonly follow = (agreementId: string): Promise<() => void> => this.link.follow(CHANNEL_PREFIX + agreementId)

  /** Registry seam: an update this instance stored. */
  readonly onStored = (doc: SharedDocument, update: Uint8Array, seq: number): void => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, Kind.Update)
    encoding.writeVarUint8Array(encoder, this.link.instanceId)
    encoding.writeVarUint(encoder, seq)
    encoding.writeVarUint8Array(encoder, update)
    this.publish(doc.id, encoding.toUint8Array(encoder))
  }

  /**
   * Registry seam: a document was loaded; follow its awareness until it is destroyed. A client id a
   * connection here announces for the first time is claimed in Redis before anything of it is
   * published, so an instance that learns the id from us finds it claimed: a connection there that
   * announces it is undone (its presence removed, never published) instead of hiding the real one.
   */
  readonly onLoaded = (doc: SharedDocument): void => {
    const publishAwareness = (ids: number[]): void => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, Kind.Awareness)
      encoding.writeVarUint8Array(encoder, this.link.instanceId)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(doc.awareness, ids))
      this.publish(doc.id, encoding.toUint8Array(encoder))
    }
    // Ids whose claim is on its way (nothing of them is published yet), and when each was last renewed.
    const claiming = new Set<number>()
    const renewed = new Map<number, number>()
    const claim = (id: number, peer: Peer): void => {
      claiming.add(id)
      renewed.set(id, Date.now())
      void this.claimClientId(doc.id, id, holderOf(peer)).then((holder) => {
        claiming.delete(id)
        if (holder === null) {
          if (doc.awareness.meta.has(id)) publishAwareness([id])
          return
        }
        renewed.delete(id)
        this.options.log.warn('presence refused: another person holds its client id', { agreementId: doc.id, peer: peer.id, clientId: id })
        peer.awarenessClients.delete(id)
        if (doc.awareness.getStates().has(id)) awarenessProtocol.removeAwarenessStates(doc.awareness, [id], EVICTED)
        remoteOwners.set(id, holder)
      })
    }
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === FROM_PEER_INSTANCE || origin === EVICTED) return
      const peer = origin && typeof origin === 'object' && 'awarenessClients' in origin ? (origin as Peer) : null
      const now = Date.now()
      if (peer) {
        for (const id of added) claim(id, peer)
        for (const id of updated) if (!claiming.has(id) && now - (renewed.get(id) ?? 0) > RENEW_AFTER_MS) claim(id, peer)
      }
      for (const id of removed) renewed.delete(id)
      const ready = [...added, ...updated, ...removed].filter((id) => !claiming.has(id))
      if (ready.length > 0) publishAwareness(ready)
    }
    // Client ids announced on other instances, with the person each belongs to.
    const remoteOwners = new Map<number, string | null>()
    this.remoteOwners.set(doc, remoteOwners)
    doc.ownedElsewhere = (clientId: number, peer: Peer) => {
      if (!remoteOwners.has(clientId)) return false
      const owner = remoteOwners.get(clientId)
      return owner === null || owner !== peer.principal.userId
    }
    const trackOwners = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      // Gone (left, or timed out after its instance died), or taken by a connection of this instance.
      for (const id of removed) remoteOwners.delete(id)
      if (origin !== FROM_PEER_INSTANCE) for (const id of [...added, ...updated]) remoteOwners.delete(id)
    }
    doc.awareness.on('update', onAwareness)
    doc.awareness.on('update', trackOwners)
    doc.doc.once('destroy', () => {
      doc.awareness.off('update', onAwareness)
      doc.awareness.off('update', trackOwners)
      doc.ownedElsewhere = null
    })
  }

  private readonly remoteOwners = new WeakMap<SharedDocument, Map<number, string | null>>()

  /** null when the id is now this person's; else who holds it. With Redis away, presence stays per instance. */
  private async claimClientId(agreementId: string, clientId: number, holder: string): Promise<string | null> {
    try {
      const held = await this.link.commands.eval(CLAIM, 1, `${CLAIM_PREFIX}${agreementId}:${clientId}`, holder, String(CLAIM_SECONDS))
      return typeof held === 'string' && held !== '' ? held : null
    } catch (err) {
      this.options.log.warn('could not claim a presence client id; presence is checked on this instance only', { agreementId, ...errorFields(err) })
      return null
    }
  }

  private publish(agreementId: string, message: Uint8Array): void {
    this.link.publish(CHANNEL_PREFIX + agreementId, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
  }

  /** Presence from another instance, minus entries for client ids a connection here owns. */
  private applyRemoteAwareness(doc: SharedDocument, update: Uint8Array): void {
    const owners = this.remoteOwners.get(doc)
    const kept = filterAwarenessUpdate(update, (clientId, state) => {
      for (const peer of doc.peers) if (peer.awarenessClients.has(clientId)) return false
      if (state === null) owners?.delete(clientId)
      else owners?.set(clientId, stampedUserId(state))
      return true
    })
    awarenessProtocol.applyAwarenessUpdate(doc.awareness, kept, FROM_PEER_INSTANCE)
  }

  private receive(channel: string, message: Buffer): void {
    if (!this.registry) return
    const agreementId = channel.slice(CHANNEL_PREFIX.length)
    let kind: number
    let from: Uint8Array
    let seq = 0
    let payload: Uint8Array
    try {
      const decoder = decoding.createDecoder(message)
      kind = decoding.readVarUint(decoder)
      from = decoding.readVarUint8Array(decoder)
      if (kind === Kind.Update) seq = decoding.readVarUint(decoder)
      payload = kind === Kind.Reread ? new Uint8Array(0) : decoding.readVarUint8Array(decoder)
    } catch (err) {
      this.options.log.warn('dropped an unreadable fan-out message', { agreementId, ...errorFields(err) })
      return
    }
    if (Buffer.compare(Buffer.from(from), this.link.instanceId) === 0) return
    void this.registry.peek(agreementId).then((doc) => {
      if (!doc || doc.isFailed) return
      try {
        if (kind === Kind.Update) {
          Y.applyUpdate(doc.doc, payload, FROM_PEER_INSTANCE)
          this.options.store.markHeld(agreementId, seq)
        } else if (kind === Kind.Awareness) {
          this.applyRemoteAwareness(doc, payload)
        } else if (kind === Kind.Reread) {
          void this.reread(doc)
        }
      } catch (err) {
        this.options.log.warn('could not apply a fan-out message', { agreementId, kind, ...errorFields(err) })
      }
    })
  }

  /** After Redis was away: what was published meanwhile is lost, but the store holds all of it. */
  private async resyncLoaded(): Promise<void> {
    if (!this.registry) return
    const docs = await this.registry.loadedDocuments()
    this.options.log.info('redis is back: rereading loaded agreements from the store', { agreements: docs.length })
    for (const doc of docs) await this.reread(doc)
  }

  private async askPeersToReread(): Promise<void> {
    if (!this.registry) return
    for (const doc of await this.registry.loadedDocuments()) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, Kind.Reread)
      encoding.writeVarUint8Array(encoder, this.link.instanceId)
      this.publish(doc.id, encoding.toUint8Array(encoder))
    }
  }

  private async reread(doc: SharedDocument): Promise<void> {
    try {
      const stored = await this.options.store.loadState(doc.id)
      if (doc.isFailed) return
      Y.transact(
        doc.doc,
        () => {
          if (stored.snapshot) Y.applyUpdate(doc.doc, stored.snapshot, FROM_PEER_INSTANCE)
          for (const { update } of stored.updates) Y.applyUpdate(doc.doc, update, FROM_PEER_INSTANCE)
        },
        FROM_PEER_INSTANCE,
      )
    } catch (err) {
      this.options.log.warn('rereading an agreement after a redis outage failed', { agreementId: doc.id, ...errorFields(err) })
    }
  }
}

/** The person a claim is held for; a connection without an account holds it for itself alone. */
function holderOf(peer: Peer): string {
  return peer.principal.userId ?? `connection:${peer.id}`
}
