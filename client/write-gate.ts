import * as Y from 'yjs'

/**
 * Whether this browser may send document content to the server. y-websocket sends three kinds of sync
 * message: step 1 (our state vector: a question), step 2 (what the server lacks, answering its step
 * 1) and updates (every change of the local Y.Doc, including an offline copy loading from IndexedDB).
 * A read-only person (reviewer, viewer) only receives: the last two are never sent, so nothing on this
 * device can get them refused and thrown out. While the role is not known yet they wait.
 *
 * - `write`: everything is sent; what waited goes out in order.
 * - `read`: content messages are dropped. If what was dropped holds text the server does not have
 *   (compared with the server's state vector from its sync step 1, plus everything it sent since),
 *   this device has changes the person's role cannot save (`unsavable`). An offline copy that only
 *   repeats what the server has is not such a change.
 * - `unknown`: content messages wait (the editor takes no input meanwhile).
 */
export type WritePolicy = 'write' | 'read' | 'unknown'

export interface WriteGate {
  policy(): WritePolicy
  setPolicy(policy: WritePolicy): void
  /** Content messages waiting for the role; they count as not sent. */
  pending(): number
  /** A dropped message carried text the server does not have. */
  unsavable(): boolean
  /** Called when `unsavable` or `pending` changes. */
  onChange(listener: () => void): () => void
  /** The WebSocket class to give y-websocket (`WebSocketPolyfill`). */
  readonly WebSocket: typeof WebSocket
}

const SYNC = 0
const STEP1 = 0

/** The payload of a sync frame: varUint(0) varUint(step) varUint8Array(payload); null if cut short. */
function payloadOf(data: Uint8Array): Uint8Array | null {
  let offset = 2
  let length = 0
  let shift = 0
  for (;;) {
    const byte = data[offset++]
    if (byte === undefined) return null
    length += (byte & 0x7f) * 2 ** shift
    shift += 7
    if (byte < 0x80) break
  }
  return offset + length <= data.length ? data.subarray(offset, offset + length) : null
}

/** Whether a y-websocket frame carries document content (sync step 2 or update), and its update. */
export function carriesContent(data: Uint8Array): { content: boolean; update: Uint8Array | null } {
  // Frames start with varUint(type) varUint(step): both fit in one byte for the types that exist.
  if (data.length < 2 || data[0] !== SYNC || data[1] === STEP1) return { content: false, update: null }
  return { content: true, update: payloadOf(data) }
}

/** The end clock per client of the structs in an update (empty for one without structs). */
function structEnds(update: Uint8Array | null): Map<number, number> {
  if (!update) return new Map()
  try {
    return Y.parseUpdateMeta(update).to
  } catch {
    return new Map()
  }
}

function mergeMax(into: Map<number, number>, from: Map<number, number>): void {
  for (const [client, clock] of from) if (clock > (into.get(client) ?? 0)) into.set(client, clock)
}

/** What the server has, as far as its messages tell: its step 1 state vector and every struct it sent. */
function observeIncoming(data: unknown, known: Map<number, number>): boolean {
  if (!(data instanceof ArrayBuffer)) return false
  const bytes = new Uint8Array(data)
  if (bytes.length < 2 || bytes[0] !== SYNC) return false
  const payload = payloadOf(bytes)
  if (!payload) return false
  if (bytes[1] === STEP1) {
    try {
      mergeMax(known, Y.decodeStateVector(payload))
      return true
    } catch {
      return false
    }
  }
  mergeMax(known, structEnds(payload))
  return false
}

export function createWriteGate(Base: typeof WebSocket = WebSocket): WriteGate {
  let policy: WritePolicy = 'unknown'
  let unsavable = false
  const listeners = new Set<() => void>()
  const sockets = new Set<GatedSocket>()
  const changed = (): void => listeners.forEach((l) => l())
  /** Struct ends of what was dropped, and of what the server is known to have. */
  const heldBack = new Map<number, number>()
  const serverHas = new Map<number, number>()
  let serverStateSeen = false

  const evaluate = (): void => {
    let now = false
    if (serverStateSeen) for (const [client, clock] of heldBack) if (clock > (serverHas.get(client) ?? 0)) now = true
    if (now !== unsavable) {
      unsavable = now
      changed()
    }
  }
  const drop = (data: Uint8Array): void => {
    mergeMax(heldBack, structEnds(carriesContent(data).update))
    evaluate()
  }

  class GatedSocket extends Base {
    readonly waiting: Uint8Array[] = []

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      sockets.add(this)
      this.addEventListener('message', (event: MessageEvent) => {
        if (observeIncoming(event.data, serverHas)) serverStateSeen = true
        if (heldBack.size > 0) evaluate()
      })
      this.addEventListener('close', () => {
        // What waited is not lost: the next connection's step 2 carries everything the server lacks.
        sockets.delete(this)
        if (this.waiting.splice(0).length > 0) changed()
      })
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
      if (!bytes || !carriesContent(bytes).content || policy === 'write') return super.send(data)
      if (policy === 'read') return drop(bytes)
      this.waiting.push(bytes)
      changed()
    }

    release(): void {
      const waiting = this.waiting.splice(0)
      if (waiting.length === 0) return
      for (const bytes of waiting) {
        if (policy === 'write' && this.readyState === Base.OPEN) super.send(bytes)
        else if (policy === 'read') drop(bytes)
      }
      changed()
    }
  }

  return {
    policy: () => policy,
    setPolicy(next) {
      if (next === policy) return
      policy = next
      if (next === 'write') {
        heldBack.clear()
        evaluate()
      }
      if (next !== 'unknown') for (const socket of sockets) socket.release()
    },
    pending: () => [...sockets].reduce((n, s) => n + s.waiting.length, 0),
    unsavable: () => unsavable,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    WebSocket: GatedSocket as unknown as typeof WebSocket,
  }
}
