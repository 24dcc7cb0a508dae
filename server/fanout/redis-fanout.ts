import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import type { AgreementStore } from '../storage/store.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import type { SharedDocument, StoredElsewhere } from '../sync/shared-document.ts'

/**
 * Document updates and awareness between server instances through Redis pub/sub (`REDIS_URL`).
 *
 * An instance publishes each update after its store has committed it (the registry's onStored seam),
 * with its sequence number; every other instance that has the agreement loaded applies it, sends it to
 * its own peers, and tells its store it holds that number, so its compactions may cover it. It is never
 * stored twice. Awareness changes of local peers travel the same way (already stamped with the
 * authenticated name and role by the instance the peer is connected to).
 *
 * Every instance subscribes to every agreement's channel and drops messages for agreements it has not
 * loaded: simple, and right for tens of instances, not for thousands. Pub/sub is not a log: a message
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

export interface RedisFanoutOptions {
  url: string
  store: AgreementStore
  log: Logger
}

export class RedisFanout {
  readonly instanceId = randomBytes(8)
  private readonly pub: Redis
  private readonly sub: Redis
  private registry: DocumentRegistry | null = null
  private subscribedOnce = false
  private publishedOnce = false
  private closed = false

  constructor(private readonly options: RedisFanoutOptions) {
    // No offline queue on the publisher: an update published while Redis is away is dropped at once
    // (peers reread the store when Redis is back) instead of piling up in memory.
    this.pub = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true })
    this.sub = new Redis(options.url, { lazyConnect: true })
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (err: unknown) => {
        if (!this.closed) options.log.warn('redis connection error', { client: name, ...errorFields(err) })
      })
    }
    this.sub.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => this.receive(channel.toString('utf8'), message))
    // Back after an outage: the subscriber missed what others published, the publisher lost what this
    // instance published; both are in the store, so the one reads it and the other asks peers to.
    this.sub.on('ready', () => {
      if (this.subscribedOnce) void this.resyncLoaded()
      this.subscribedOnce = true
    })
    this.pub.on('ready', () => {
      if (this.publishedOnce) void this.askPeersToReread()
      this.publishedOnce = true
    })
  }

  /** Connects both clients and subscribes; rejects if Redis cannot be reached at start. */
  async start(registry: DocumentRegistry): Promise<void> {
    this.registry = registry
    await Promise.all([this.pub.connect(), this.sub.connect()])
    await this.sub.psubscribe(`${CHANNEL_PREFIX}*`)
  }

  /** Registry seam: an update this instance stored. */
  readonly onStored = (doc: SharedDocument, update: Uint8Array, seq: number): void => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, Kind.Update)
    encoding.writeVarUint8Array(encoder, this.instanceId)
    encoding.writeVarUint(encoder, seq)
    encoding.writeVarUint8Array(encoder, update)
    this.publish(doc.id, encoding.toUint8Array(encoder))
  }

  /** Registry seam: a document was loaded; follow its awareness until it is destroyed. */
  readonly onLoaded = (doc: SharedDocument): void => {
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === FROM_PEER_INSTANCE) return
      const changed = [...added, ...updated, ...removed]
      if (changed.length === 0) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, Kind.Awareness)
      encoding.writeVarUint8Array(encoder, this.instanceId)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(doc.awareness, changed))
      this.publish(doc.id, encoding.toUint8Array(encoder))
    }
    doc.awareness.on('update', onAwareness)
    doc.doc.once('destroy', () => doc.awareness.off('update', onAwareness))
  }

  async ping(): Promise<void> {
    const answer = await this.pub.ping()
    if (answer !== 'PONG') throw new Error(`redis answered ${answer}`)
  }

  async close(): Promise<void> {
    this.closed = true
    // QUIT politely when connected; while Redis is away, waiting for it would only hold up the shutdown.
    await Promise.allSettled([this.sub, this.pub].map((client) => (client.status === 'ready' ? client.quit() : undefined)))
    this.sub.disconnect()
    this.pub.disconnect()
  }

  private publish(agreementId: string, message: Uint8Array): void {
    if (this.pub.status !== 'ready') return
    this.pub.publish(CHANNEL_PREFIX + agreementId, Buffer.from(message.buffer, message.byteOffset, message.byteLength)).catch((err: unknown) => {
      this.options.log.warn('fan-out publish failed; peers on other instances catch up from the store', { agreementId, ...errorFields(err) })
    })
  }

  private receive(channel: string, message: Buffer): void {
    if (!this.registry || !channel.startsWith(CHANNEL_PREFIX)) return
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
    if (Buffer.compare(Buffer.from(from), this.instanceId) === 0) return
    void this.registry.peek(agreementId).then((doc) => {
      if (!doc || doc.isFailed) return
      try {
        if (kind === Kind.Update) {
          Y.applyUpdate(doc.doc, payload, FROM_PEER_INSTANCE)
          this.options.store.markHeld(agreementId, seq)
        } else if (kind === Kind.Awareness) {
          awarenessProtocol.applyAwarenessUpdate(doc.awareness, payload, FROM_PEER_INSTANCE)
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
      encoding.writeVarUint8Array(encoder, this.instanceId)
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
