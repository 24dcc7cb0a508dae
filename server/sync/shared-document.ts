import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import type { AgreementStore } from '../storage/store.ts'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import type { Peer } from './peer.ts'
import { stampAwarenessUpdate } from './awareness-stamp.ts'
import { carriesNothingNew, checkUpdate, rulesFromSchema } from './update-check.ts'
import { schema } from '../../schema/schema.ts'
import { YJS_ROOT } from '../../schema/version.ts'
import { encodeAwareness, encodeAwarenessUpdate, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MalformedMessageError, type IncomingMessage } from './protocol.ts'

const UPDATE_RULES = rulesFromSchema(schema, YJS_ROOT)
const UPDATED_AT_EVERY_MS = 10_000
/** At most this many updates, and about this many bytes, per append to the store. */
const APPEND_BATCH_UPDATES = 256
const APPEND_BATCH_BYTES = 4 * 1024 * 1024

/** Takes the oldest waiting updates off `queue`, bounded in count and bytes (always at least one). */
function takeBatch<T extends { update: Uint8Array }>(queue: T[]): T[] {
  let bytes = 0
  let n = 0
  while (n < queue.length && n < APPEND_BATCH_UPDATES && (n === 0 || bytes + queue[n]!.update.byteLength <= APPEND_BATCH_BYTES)) {
    bytes += queue[n]!.update.byteLength
    n++
  }
  return queue.splice(0, n)
}

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
  /** Updates applied here and waiting for the store, in the order they were applied. */
  private unstored: { update: Uint8Array; origin: unknown }[] = []
  /** The loop that stores `unstored`, while it runs; one per document, so appends stay in order. */
  private writing: Promise<void> | null = null
  private lastSeq: number
  private updatesSinceSnapshot = 0
  private storedBytes: number
  private failed = false
  private compacting: Promise<void> | null = null
  /** Updates Yjs emitted while a peer's update is being applied; stored only if it applied whole. */
  private holding: Uint8Array[] | null = null
  private lastTouched = 0
  /** Set by a fan-out: a client id announced by a connection on another instance, not to be taken over. */
  ownedElsewhere: ((clientId: number, peer: Peer) => boolean) | null = null

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
        this.receiveUpdate(peer, message.update)
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

  /**
   * One update from a peer, accepted or refused whole. A read-only peer's update that holds nothing
   * new (its offline copy, its answer to our step 1) is dropped silently; anything new from it is
   * refused. A writer's update must fit the agreement schema, and is stored only if Yjs took all of it.
   */
  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    if (peer.access !== 'write') {
      let nothingNew: boolean
      try {
        nothingNew = carriesNothingNew(this.doc, update)
      } catch (err) {
        throw new MalformedMessageError(`undecodable update: ${err instanceof Error ? err.message : String(err)}`)
      }
      if (nothingNew) return
      // Filtering parts of an update is no security boundary: anything new closes the connection.
      peer.close(CloseCode.Forbidden, 'your role may not change the text')
      return
    }
    if (this.storedBytes + update.byteLength > LIMITS.maxDocumentBytes) {
      peer.close(CloseCode.DocumentTooLarge, 'the agreement would exceed its size limit')
      return
    }
    const verdict = checkUpdate(this.doc, update, UPDATE_RULES)
    if (!verdict.ok) {
      this.log.warn('update refused', { agreementId: this.id, peer: peer.id, bytes: update.byteLength, reason: verdict.reason })
      peer.close(verdict.kind === 'schema' ? CloseCode.SchemaViolation : CloseCode.MalformedMessage, verdict.reason.slice(0, 120))
      return
    }
    // Yjs emits the transaction's update even when applying throws half-way; it is held here and
    // stored (then broadcast) only once the whole update went in.
    const held: Uint8Array[] = []
    this.holding = held
    try {
      Y.applyUpdate(this.doc, update, peer)
    } catch (err) {
      this.holding = null
      // The checks above refuse every case we know of; should Yjs still fail, its in-memory copy may
      // hold part of the update. Nothing of it is stored or sent; the copy is reloaded from storage.
      peer.close(CloseCode.MalformedMessage, 'update could not be applied')
      this.abandon(CloseCode.LoadFailed, 'the agreement is being reloaded, reconnecting', 'an update failed half-way; reloading the agreement from storage', err)
      return
    }
    this.holding = null
    for (const stored of held) this.handleDocUpdate(stored, peer)
  }

  private ownedByOther(clientId: number, peer: Peer): boolean {
    for (const other of this.peers) if (other !== peer && other.awarenessClients.has(clientId)) return true
    return this.ownedElsewhere?.(clientId, peer) ?? false
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.failed) return
    if (this.holding) {
      this.holding.push(update)
      return
    }
    this.storedBytes += update.byteLength
    if ((origin as Partial<StoredElsewhere> | null)?.storedElsewhere === true) {
      this.broadcast(encodeUpdate(update), origin)
      // Appends of another instance grow the log too; with several instances a lease decides who compacts.
      if (++this.updatesSinceSnapshot >= LIMITS.compactAfterUpdates) void this.compact()
      return
    }
    this.unstored.push({ update, origin })
    this.writing ??= this.storeUnstored()
  }

  /**
   * Stores what waits, then broadcasts it, until nothing waits. The first update goes to the store at
   * once; those that arrive while an append is in flight go together in the next one (one transaction,
   * one round trip), so a busy agreement's queue cannot grow by a round trip per keystroke. Each
   * update still reaches the peers only after its own commit.
   */
  private async storeUnstored(): Promise<void> {
    try {
      while (this.unstored.length > 0 && !this.failed) {
        const batch = takeBatch(this.unstored)
        let seqs: number[]
        try {
          seqs = await this.store.appendUpdates(
            this.id,
            batch.map((b) => b.update),
          )
        } catch (err) {
          this.failStorage(err)
          return
        }
        if (this.failed) {
          // Stored before the failure was known: the other instances still get it; here nobody is left.
          batch.forEach((b, i) => this.options.onStored?.(this, b.update, seqs[i]!))
          return
        }
        batch.forEach((b, i) => {
          this.lastSeq = seqs[i]!
          this.updatesSinceSnapshot++
          this.broadcast(encodeUpdate(b.update), b.origin)
          this.options.onStored?.(this, b.update, seqs[i]!)
        })
        this.touchUpdatedAt()
        if (this.updatesSinceSnapshot >= LIMITS.compactAfterUpdates) void this.compact()
      }
    } catch (err) {
      // A listener threw after a commit: this copy can no longer promise "stored, then sent".
      this.failStorage(err)
    } finally {
      // Once this copy is dropped, what still waits is not stored: it may depend on the update the
      // store refused, and the clients resend all of it to the reloaded copy, whose own appends these
      // would otherwise race.
      if (this.failed) this.unstored = []
      this.writing = null
    }
  }

  /** Resolves once everything applied so far is stored (or the store failed). */
  private async allStored(): Promise<void> {
    for (let writing = this.writing; writing; writing = this.writing === writing ? null : this.writing) await writing
  }

  /**
   * The agreement's "changed" time (the list's "Ändrat") follows editing, at most once per
   * UPDATED_AT_EVERY_MS: compaction alone would move it only every few hundred updates.
   */
  private touchUpdatedAt(): void {
    const now = Date.now()
    if (now - this.lastTouched < UPDATED_AT_EVERY_MS) return
    this.lastTouched = now
    this.store.updateAgreement(this.id, {}).catch((err: unknown) => this.log.warn('could not record the change time', { agreementId: this.id, ...errorFields(err) }))
  }

  private readonly handleAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
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
    this.abandon(CloseCode.StorageUnavailable, 'storage unavailable, reconnect later', 'storage refused a write; closing the agreement so clients keep their edits and resend them', err)
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
    await this.allStored()
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
        await this.allStored()
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
