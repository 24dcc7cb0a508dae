import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { CloseCode, SCHEMA_VERSION, YJS_ROOT } from '../schema/index.ts'
import type { Identity } from './identity.ts'
import { createWriteGate, type WriteGate, type WritePolicy } from './write-gate.ts'

/**
 * One open agreement: the Y.Doc, its copy in IndexedDB and its websocket to the server, plus the
 * facts the connection status is derived from. Nothing here touches the DOM of the page.
 */
export interface SessionState {
  /** The browser believes it has a network (navigator.onLine). */
  online: boolean
  connected: boolean
  /** The server's state has been received on the current connection. */
  synced: boolean
  /** At least one connection has synced since the page opened. */
  everSynced: boolean
  /** Local edits that have not yet left the browser on a synced connection. */
  unsentEdits: boolean
  /** Local edits whose IndexedDB write has not committed yet. */
  unstoredEdits: boolean
  /** Set when the server closed the connection for good (see FINAL_CLOSE_CODES). */
  closed: { code: number; reason: string } | null
  /** This device holds text the person's (read-only) role cannot save; it was never sent. */
  unsavable: boolean
}

/**
 * Close codes after which reconnecting cannot succeed and would only loop: the agreement is gone, the
 * person may not see it, this client's schema is wrong, or the server refuses what we would resend.
 * Everything else (1001 shutdown, 4429 slow consumer, 4500/4503 storage trouble) is retried.
 */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.AgreementNotFound,
  CloseCode.SchemaIncompatible,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.DocumentTooLarge,
  CloseCode.MalformedMessage,
  CloseCode.SchemaViolation,
])

export interface SessionOptions {
  agreementId: string
  identity: Identity
  /** ws(s)://host[:port]; defaults to the page's own origin. */
  wsBase?: string
}

export class CollabSession {
  readonly ydoc = new Y.Doc()
  readonly fragment: Y.XmlFragment = this.ydoc.getXmlFragment(YJS_ROOT)
  readonly persistence: IndexeddbPersistence
  readonly provider: WebsocketProvider
  /** Holds back or drops what this browser would send while the role is unknown or read-only. */
  private readonly gate: WriteGate = createWriteGate()
  private state: SessionState
  private readonly listeners = new Set<(state: SessionState) => void>()
  private localWriteSeq = 0
  private sendCheckTimer: ReturnType<typeof setTimeout> | null = null
  private readonly cleanup: (() => void)[] = []
  private destroyed = false
  private identity: Identity | null = null

  constructor({ agreementId, identity, wsBase = defaultWsBase() }: SessionOptions) {
    // Persistence first: its update listener must run before ours, so the IndexedDB write it starts
    // is queued ahead of the read transaction we use to learn that the write committed.
    this.persistence = new IndexeddbPersistence(`${LOCAL_COPY_PREFIX}${agreementId}`, this.ydoc)
    this.provider = new WebsocketProvider(`${wsBase}/sync`, agreementId, this.ydoc, {
      params: { schema: String(SCHEMA_VERSION) },
      WebSocketPolyfill: this.gate.WebSocket,
      shouldReconnect: (event) => !FINAL_CLOSE_CODES.has(event.code),
    })
    this.state = {
      online: navigator.onLine,
      connected: false,
      synced: false,
      everSynced: false,
      unsentEdits: false,
      unstoredEdits: false,
      closed: null,
      unsavable: false,
    }
    this.cleanup.push(
      this.gate.onChange(() => {
        this.update({ unsavable: this.gate.unsavable() })
        this.checkSent()
      }),
    )
    this.setIdentity(identity)
    this.listen()
  }

  getState(): SessionState {
    return this.state
  }

  /** Calls `listener` on every change of the state; returns the unsubscribe function. */
  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  setIdentity(identity: Identity): void {
    this.identity = identity
    this.provider.awareness.setLocalStateField('user', { name: identity.name, color: identity.color })
  }

  /**
   * What this browser may send: `write` for roles that edit, `read` for reviewers and viewers (they
   * only receive, so nothing on this device is ever refused), `unknown` until the role is known.
   */
  setWritePolicy(policy: WritePolicy): void {
    this.gate.setPolicy(policy)
  }

  /** Resolves once there is something to show: local content, or the server's state (even if empty). */
  whenReady(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.fragment.length > 0 || this.state.synced || this.state.closed) {
          off()
          resolve()
        }
      }
      const off = this.subscribe(check)
      void this.persistence.whenSynced.then(check)
      check()
    })
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    for (const undo of this.cleanup.splice(0)) undo()
    if (this.sendCheckTimer) clearTimeout(this.sendCheckTimer)
    // Tell the others we left now rather than when the server notices the closed socket.
    this.provider.awareness.setLocalState(null)
    this.provider.destroy()
    void this.persistence.destroy()
    this.ydoc.destroy()
    this.listeners.clear()
  }

  private update(patch: Partial<SessionState>): void {
    const next = { ...this.state, ...patch }
    if ((Object.keys(patch) as (keyof SessionState)[]).every((k) => next[k] === this.state[k])) return
    this.state = next
    for (const listener of this.listeners) listener(next)
  }

  private listen(): void {
    const { provider, ydoc } = this

    provider.on('status', ({ status }) => this.update({ connected: status === 'connected' }))
    provider.on('sync', (synced) => {
      this.update(synced ? { synced, everSynced: true } : { synced })
      if (synced) this.checkSent()
    })
    provider.on('closed', (event) => {
      this.update({ closed: event, connected: false, synced: false })
    })

    const onUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (origin === provider) return
      this.update({ unsentEdits: true })
      this.checkSent()
      if (origin !== this.persistence) this.trackLocalWrite()
    }
    ydoc.on('update', onUpdate)
    this.cleanup.push(() => ydoc.off('update', onUpdate))

    // An offline device keeps a dead socket open until the provider's 30 s watchdog fires; the
    // browser's own verdict is faster and also tells us when to try again.
    const goOffline = (): void => {
      this.update({ online: false })
      if (this.state.closed) return
      provider.disconnect()
      // disconnect() also leaves the BroadcastChannel, which still links tabs of this browser offline.
      provider.connectBc()
    }
    const goOnline = (): void => {
      this.update({ online: true })
      if (!this.state.closed) provider.connect()
    }
    addEventListener('offline', goOffline)
    addEventListener('online', goOnline)
    this.cleanup.push(() => {
      removeEventListener('offline', goOffline)
      removeEventListener('online', goOnline)
    })
    if (!navigator.onLine) goOffline()

    const leave = (): void => provider.awareness.setLocalState(null)
    // A page restored from the back/forward cache comes back with the presence it gave up on leaving.
    const back = (event: PageTransitionEvent): void => {
      if (event.persisted && this.identity) this.setIdentity(this.identity)
    }
    addEventListener('pagehide', leave)
    addEventListener('pageshow', back)
    this.cleanup.push(() => {
      removeEventListener('pagehide', leave)
      removeEventListener('pageshow', back)
    })
  }

  /**
   * y-websocket has no acknowledgements. An edit counts as sent once the connection has synced (our
   * sync step 2, which carries everything the server lacked, goes out before the server's step 2 is
   * answered) and the socket's send buffer is empty. A server that then fails to store it closes the
   * connection, which turns the status away from "saved" again.
   */
  private checkSent(): void {
    if (this.sendCheckTimer) return
    const ws = this.provider.ws
    if (!this.provider.synced || !ws || ws.readyState !== WebSocket.OPEN) return
    // Held back until the role is known: not sent yet (a read-only role drops them; nothing to send).
    if (this.gate.pending() > 0) return
    if (ws.bufferedAmount === 0) {
      this.update({ unsentEdits: false })
      return
    }
    this.sendCheckTimer = setTimeout(() => {
      this.sendCheckTimer = null
      this.checkSent()
    }, 50)
  }

  /**
   * IndexedDB runs transactions on the same store in creation order, so a read transaction opened
   * after y-indexeddb's write completes only once that write has committed.
   */
  private trackLocalWrite(): void {
    const seq = ++this.localWriteSeq
    this.update({ unstoredEdits: true })
    const afterWrite = (): void => {
      const db = this.persistence.db
      if (!db) return
      const tx = db.transaction(['updates'], 'readonly')
      tx.oncomplete = () => {
        if (seq === this.localWriteSeq) this.update({ unstoredEdits: false })
      }
    }
    // Before the database is open y-indexeddb skips single updates and stores the whole doc on open.
    if (this.persistence.db) afterWrite()
    else void this.persistence.whenSynced.then(afterWrite)
  }
}

function defaultWsBase(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`
}

/** Prefix of the IndexedDB database holding one agreement's offline copy. */
export const LOCAL_COPY_PREFIX = 'overens-agreement-'

/**
 * Deletes every agreement this browser holds offline (IndexedDB) and its HTTP caches, so the next
 * person on a shared computer finds nothing of the last one's agreements. Call it after the open
 * agreement's session is destroyed: a database still open elsewhere is deleted once it closes.
 */
export async function forgetLocalCopies(): Promise<void> {
  const names = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name ?? '') : []
  await Promise.all(
    names
      .filter((name) => name.startsWith(LOCAL_COPY_PREFIX))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name)
            request.onsuccess = () => resolve()
            request.onerror = () => resolve()
          }),
      ),
  )
  if (typeof caches !== 'undefined') await Promise.all((await caches.keys()).map((key) => caches.delete(key)))
}
