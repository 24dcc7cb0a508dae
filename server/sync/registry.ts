import * as Y from 'yjs'
import type { AgreementStore } from '../storage/store.ts'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import { SharedDocument } from './shared-document.ts'
import type { Peer } from './peer.ts'

export class AgreementNotFoundError extends Error {}
export class LoadFailedError extends Error {}

export interface RegistryOptions {
  store: AgreementStore
  log: Logger
  canonicalize: (doc: Y.Doc) => { json: unknown; title: string } | null
  onStored?: (doc: SharedDocument, update: Uint8Array, seq: number) => void
  /** A document was loaded into memory (fan-out follows its awareness from here). */
  onLoaded?: (doc: SharedDocument) => void
  /**
   * Starts following an agreement's changes made elsewhere (the fan-out subscribes to its channel)
   * before its stored state is read; the returned function stops it once this copy is gone.
   */
  follow?: (id: string) => Promise<() => void>
  /** An agreement's connections are being closed (it was deleted): other instances close theirs too. */
  onCloseDocument?: (id: string, code: Parameters<SharedDocument['closeAll']>[0], reason: string) => void
}

/**
 * Loads each agreement once, shares it between its peers and unloads it after the last one leaves and
 * its state is stored. One registry per server instance (no module-level state), so tests can run
 * several servers in one process.
 */
export class DocumentRegistry {
  private readonly loaded = new Map<string, Promise<SharedDocument>>()
  /** Unloads in progress; a new open of the same id waits for them so it reads the stored state. */
  private readonly unloading = new Map<string, Promise<void>>()
  /** Holds that keep a document loaded without a peer (an HTTP edit, a seed). */
  private readonly holds = new Map<string, number>()

  constructor(private readonly options: RegistryOptions) {}

  get loadedCount(): number {
    return this.loaded.size
  }

  /** The loaded document, if any, without loading it. */
  async peek(id: string): Promise<SharedDocument | null> {
    const entry = this.loaded.get(id)
    return entry ? entry.catch(() => null) : null
  }

  /** Every document in memory now, for changes that concern all of a person's connections. */
  async loadedDocuments(): Promise<SharedDocument[]> {
    const docs = await Promise.all([...this.loaded.values()].map((p) => p.catch(() => null)))
    return docs.filter((d): d is SharedDocument => d !== null)
  }

  async join(id: string, peer: Peer): Promise<SharedDocument> {
    const doc = await this.open(id)
    doc.addPeer(peer)
    return doc
  }

  leave(doc: SharedDocument, peer: Peer): void {
    doc.removePeer(peer)
    this.unloadIfIdle(doc)
  }

  /** Runs `fn` on the loaded document (loading it if needed) and unloads it again if nobody is in it. */
  async withDocument<T>(id: string, fn: (doc: SharedDocument) => T | Promise<T>): Promise<T> {
    this.holds.set(id, (this.holds.get(id) ?? 0) + 1)
    let doc: SharedDocument | null = null
    try {
      doc = await this.open(id)
      const result = await fn(doc)
      await doc.settled()
      return result
    } finally {
      const remaining = (this.holds.get(id) ?? 1) - 1
      if (remaining > 0) this.holds.set(id, remaining)
      else this.holds.delete(id)
      if (doc) this.unloadIfIdle(doc)
    }
  }

  private async open(id: string): Promise<SharedDocument> {
    const pendingUnload = this.unloading.get(id)
    if (pendingUnload) await pendingUnload
    let entry = this.loaded.get(id)
    if (!entry) {
      entry = this.load(id)
      this.loaded.set(id, entry)
      // A failed load must not stay cached: the next connection tries again from the store.
      entry.catch(() => {
        if (this.loaded.get(id) === entry) this.loaded.delete(id)
      })
    }
    return entry
  }

  private async load(id: string): Promise<SharedDocument> {
    const unfollow = this.options.follow ? await this.options.follow(id) : null
    try {
      const doc = await this.loadStored(id)
      if (unfollow) doc.doc.once('destroy', unfollow)
      return doc
    } catch (err) {
      unfollow?.()
      throw err
    }
  }

  private async loadStored(id: string): Promise<SharedDocument> {
    const { store, log } = this.options
    const meta = await store.getAgreement(id)
    if (!meta) throw new AgreementNotFoundError(`agreement ${id} does not exist`)
    let stored
    try {
      stored = await store.loadState(id)
    } catch (err) {
      throw new LoadFailedError(`agreement ${id} could not be read: ${err instanceof Error ? err.message : String(err)}`)
    }
    const doc = new Y.Doc({ gc: true })
    let storedBytes = 0
    if (stored.snapshot) {
      try {
        Y.applyUpdate(doc, stored.snapshot)
        storedBytes += stored.snapshot.byteLength
      } catch (err) {
        // Never hand out an empty document in place of one that failed to load: it would be saved over the real one.
        doc.destroy()
        throw new LoadFailedError(`agreement ${id} has an unreadable snapshot: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
    let lastSeq = 0
    let skipped = 0
    Y.transact(doc, () => {
      for (const { seq, update } of stored.updates) {
        lastSeq = seq
        try {
          Y.applyUpdate(doc, update)
          storedBytes += update.byteLength
        } catch (err) {
          // A torn or corrupt write is skipped, not fatal: everything stored before and after it is kept.
          skipped++
          log.warn('skipped an unreadable stored update', { agreementId: id, seq, bytes: update.byteLength, ...errorFields(err) })
        }
      }
    })
    if (skipped > 0) log.warn('agreement loaded with unreadable updates skipped', { agreementId: id, skipped })
    const shared = new SharedDocument({
      id,
      doc,
      store,
      log,
      lastSeq,
      storedBytes,
      tailLength: stored.updates.length,
      canonicalize: this.options.canonicalize,
      onStored: this.options.onStored,
      onAbandoned: (abandoned) => this.evict(abandoned),
    })
    this.options.onLoaded?.(shared)
    return shared
  }

  private unloadIfIdle(doc: SharedDocument): void {
    if (doc.peers.size > 0 || (this.holds.get(doc.id) ?? 0) > 0) return
    void this.unload(doc)
  }

  /** `force` unloads even with peers still attached: at shutdown their sockets close after we are done. */
  private async unload(doc: SharedDocument, force = false): Promise<void> {
    const current = this.loaded.get(doc.id)
    if (!current || (await current.catch(() => null)) !== doc) return
    if (!force && (doc.peers.size > 0 || (this.holds.get(doc.id) ?? 0) > 0)) return
    this.loaded.delete(doc.id)
    const done = (async () => {
      try {
        await doc.compact()
      } finally {
        doc.destroy()
      }
    })()
    this.unloading.set(doc.id, done)
    try {
      await done
    } catch (err) {
      this.options.log.error('unloading an agreement failed', { agreementId: doc.id, ...errorFields(err) })
    } finally {
      if (this.unloading.get(doc.id) === done) this.unloading.delete(doc.id)
    }
  }

  /** Drops a document without storing it, so the store keeps its last good state. */
  evict(doc: SharedDocument): void {
    void this.loaded.get(doc.id)?.then((current) => {
      if (current === doc) this.loaded.delete(doc.id)
    })
    doc.destroy()
  }

  /**
   * Closes the peers of one agreement (deleted, or shut down) and unloads it; on every instance unless
   * `locally` (the request came from another instance).
   */
  async closeDocument(id: string, code: Parameters<SharedDocument['closeAll']>[0], reason: string, { locally = false } = {}): Promise<void> {
    if (!locally) this.options.onCloseDocument?.(id, code, reason)
    const doc = await this.peek(id)
    if (!doc) return
    doc.closeAll(code, reason)
    await doc.settled()
  }

  /** Stores every loaded document and unloads it; used on shutdown. */
  async flushAll(code: Parameters<SharedDocument['closeAll']>[0], reason: string): Promise<void> {
    const docs = await this.loadedDocuments()
    for (const doc of docs) doc.closeAll(code, reason)
    await Promise.all(docs.map((doc) => this.unload(doc, true)))
    await Promise.all([...this.unloading.values()].map((p) => p.catch(() => undefined)))
  }
}
