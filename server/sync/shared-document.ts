import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import type { AgreementStore } from '../storage/store.ts'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import type { Peer } from './peer.ts'
import { stampAwarenessUpdate } from './awareness-stamp.ts'
import { encodeAwareness, encodeAwarenessUpdate, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MalformedMessageError, type IncomingMessage } from './protocol.ts'

export interface SharedDocumentOptions {
  id: string
  doc: Y.Doc
  store: AgreementStore
  log: Logger
  /** Sequence number of the last update already in the store. */
  lastSeq: number
  /** Bytes of snapshot plus tail in the store, the running estimate of the document's size. */
  storedBytes: number
  /** Updates already in the store after its snapshot (the tail that was loaded). */
  tailLength: number
  /** Builds the canonical form stored beside the Yjs state at compaction. */
  canonicalize: (doc: Y.Doc) => { json: unknown; title: string } | null
  /** Called once when this copy must leave memory unstored (storage refused a write, or a bad update). */
  onAbandoned: (doc: SharedDocument) => void
  /** Listeners that react to applied changes (validation, fan-out); run after the update is stored. */
  onStored?: (doc: SharedDocument, update: Uint8Array, seq: number) => void
}

/** Origin of an update another instance already stored: it is broadcast here, never stored again. */
export interface StoredElsewhere {
  storedElsewhere: true
}

/**
 * One loaded agreement: its Y.Doc, awareness and peers. Owns the order "apply → store → broadcast":
 * an update reaches other peers only after the store has it, so whatever anyone saw survives a crash.
 */
export class SharedDocument {
  readonly id: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<Peer>()
  private readonly store: AgreementStore
  private readonly log: Logger
  private writeChain: Promise<void> = Promise.resolve()
  private lastSeq: number
  private updatesSinceSnapshot = 0
  private storedBytes: number
  private failed = false
  private compacting: Promise<void> | null = null

  constructor(private readonly options: SharedDocumentOptions) {
    this.id = options.id
    this.doc = options.doc
    this.store = options.store
    this.log = options.log
    this.lastSeq = options.lastSeq
    this.storedBytes = options.storedBytes
    this.updatesSinceSnapshot = options.tailLength
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server is not a participant; without this it would announce an empty presence of its own.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.handleDocUpdate)
    this.awareness.on('update', this.handleAwarenessUpdate)
  }

  get isFailed(): boolean {
    return this.failed
  }

  addPeer(peer: Peer): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.doc))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states))
  }

  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    if (peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null)
    }
  }

  /** Applies one decoded message from a peer. Throws only for malformed content (the caller closes). */
  receive(peer: Peer, message: IncomingMessage): void {
    switch (message.type) {
      case 'sync-step1':
        peer.send(encodeSyncStep2(this.doc, message.stateVector))
        return
      case 'sync-step2':
      case 'sync-update':
        if (peer.access !== 'write') {
          // Every client answers our step 1 with its own step 2; from a read-only peer that holds
          // nothing new it is dropped whole. Anything carrying new content is refused: filtering parts
          // of an update is no security boundary.
          if (message.type === 'sync-step2' && !this.bringsNewContent(message.update)) return
          peer.close(CloseCode.Forbidden, 'your role may not change the text')
          return
        }
        if (this.storedBytes + message.update.byteLength > LIMITS.maxDocumentBytes) {
          peer.close(CloseCode.DocumentTooLarge, 'the agreement would exceed its size limit')
          return
        }
        try {
          // Decoding first refuses a malformed update before Yjs has taken any of it in.
          Y.decodeUpdate(message.update)
        } catch (err) {
          throw new MalformedMessageError(`undecodable update: ${err instanceof Error ? err.message : String(err)}`)
        }
        try {
          Y.applyUpdate(this.doc, message.update, peer)
        } catch (err) {
          // Yjs may already hold part of it as pending structs, which would poison every later sync and
          // snapshot: drop this copy and let the next connection load the clean stored state.
          this.abandon(CloseCode.LoadFailed, 'the agreement is being reloaded, reconnecting', 'an update failed half-way; reloading the agreement from storage', err)
          throw new MalformedMessageError('update could not be applied')
        }
        return
      case 'awareness': {
        const stamped = stampAwarenessUpdate(message.update, peer, (clientId) => this.ownedByOther(clientId, peer))
        awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, peer)
        return
      }
      case 'query-awareness':
        peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
        return
    }
  }

  /** Whether an update holds structs this document does not have yet (its deletions are not looked at). */
  private bringsNewContent(update: Uint8Array): boolean {
    const { to } = Y.parseUpdateMeta(update)
    const known = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    for (const [client, clock] of to) if (clock > (known.get(client) ?? 0)) return true
    return false
  }

  private ownedByOther(clientId: number, peer: Peer): boolean {
    for (const other of this.peers) if (other !== peer && other.awarenessClients.has(clientId)) return true
    return false
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.failed) return
    this.storedBytes += update.byteLength
    if ((origin as Partial<StoredElsewhere> | null)?.storedElsewhere === true) return this.broadcast(encodeUpdate(update), origin)
    this.writeChain = this.writeChain
      .then(() => this.store.appendUpdate(this.id, update))
      .then(
        (seq) => {
          this.lastSeq = seq
          this.updatesSinceSnapshot++
          this.broadcast(encodeUpdate(update), origin)
          this.options.onStored?.(this, update, seq)
          if (this.updatesSinceSnapshot >= LIMITS.compactAfterUpdates) void this.compact()
        },
        (err: unknown) => this.failStorage(err),
      )
  }

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    if (origin && typeof origin === 'object' && 'awarenessClients' in origin) {
      const peer = origin as Peer
      for (const id of added) peer.awarenessClients.add(id)
      for (const id of removed) peer.awarenessClients.delete(id)
    }
    const message = encodeAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const peer of this.peers) peer.send(message)
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message)
  }

  private failStorage(err: unknown): void {
    this.abandon(
      CloseCode.StorageUnavailable,
      'storage unavailable, reconnect later',
      'storage refused a write; closing the agreement so clients keep their edits and resend them',
      err,
    )
  }

  /**
   * Takes this in-memory copy out of service without storing it: the store keeps its last good state,
   * and the clients, which still hold their edits, resend them to a fresh copy when they reconnect.
   */
  private abandon(code: CloseCode, reason: string, logMessage: string, err: unknown): void {
    if (this.failed) return
    this.failed = true
    this.log.error(logMessage, { agreementId: this.id, ...errorFields(err) })
    for (const peer of [...this.peers]) peer.close(code, reason)
    this.options.onAbandoned(this)
  }

  /** Waits until every update applied so far is stored (or the store has failed). */
  async settled(): Promise<void> {
    await this.writeChain
    if (this.compacting) await this.compacting
  }

  /** Replaces snapshot + tail with one snapshot of the current state and stores the canonical JSON. */
  compact(): Promise<void> {
    // Nothing appended since the snapshot: re-encoding an unchanged document would only burn CPU
    // (hundreds of ms for a long history) and rewrite the same bytes.
    if (this.failed || (this.updatesSinceSnapshot === 0 && !this.compacting)) return this.compacting ?? Promise.resolve()
    if (this.compacting) return this.compacting
    this.compacting = (async () => {
      try {
        await this.writeChain
        if (this.failed) return
        const state = Y.encodeStateAsUpdate(this.doc)
        const upToSeq = this.lastSeq
        const pendingAtStart = this.updatesSinceSnapshot
        await this.store.compact(this.id, state, upToSeq, this.options.canonicalize(this.doc))
        this.updatesSinceSnapshot -= pendingAtStart
        this.storedBytes = state.byteLength
      } catch (err) {
        this.log.error('compaction failed; the update log is kept as it is', { agreementId: this.id, ...errorFields(err) })
      } finally {
        this.compacting = null
      }
    })()
    return this.compacting
  }

  closeAll(code: CloseCode, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason)
  }

  destroy(): void {
    this.doc.off('update', this.handleDocUpdate)
    this.awareness.off('update', this.handleAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
