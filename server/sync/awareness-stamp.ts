import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { LIMITS } from '../../schema/limits.ts'
import type { Peer } from './peer.ts'

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

/** A stable, readable colour per person, for peers whose client sent none. */
export function colourFor(userId: string): string {
  let h = 0
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0
  return `hsl(${h % 360}, 65%, 40%)`
}

/**
 * Rewrites an awareness update so that every state a peer announces carries the identity the server
 * authenticated, never one the client claims, and drops entries for client ids another peer owns.
 * Presence is relayed to everyone who joins, so it is bounded: one client id per connection (a tab
 * has one), only the fields the editor shows (`user`, y-prosemirror's `cursor`), and a state larger
 * than LIMITS.maxAwarenessStateBytes is dropped (the peer keeps its previous one).
 * Format (y-protocols/awareness): varUint(count) { varUint(clientID) varUint(clock) varString(JSON state) }.
 */
export function stampAwarenessUpdate(update: Uint8Array, peer: Peer, ownedByOther: (clientId: number) => boolean): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  const entries: { clientId: number; clock: number; state: string }[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const raw = decoding.readVarString(decoder)
    if (ownedByOther(clientId)) continue
    if (!mayAnnounce(peer, clientId, entries.length > 0 ? entries[0]!.clientId : null)) continue
    const state = stamp(raw, peer)
    if (state === null) continue
    entries.push({ clientId, clock, state })
  }
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}

/** One client id per connection: a new one only once the previous one has left (sent null). */
function mayAnnounce(peer: Peer, clientId: number, earlierInThisUpdate: number | null): boolean {
  if (earlierInThisUpdate !== null) return earlierInThisUpdate === clientId
  if (peer.awarenessClients.has(clientId)) return true
  return peer.awarenessClients.size < LIMITS.maxAwarenessClientsPerConnection
}

/** The stamped state as JSON, or null to drop the entry. */
function stamp(raw: string, peer: Peer): string | null {
  // A legitimate state is a few hundred bytes; a huge one is not even parsed.
  if (raw.length > LIMITS.maxAwarenessStateBytes * 4) return null
  const state: unknown = JSON.parse(raw)
  // null means "this client left"; it carries no identity to stamp.
  if (state === null) return raw
  if (typeof state !== 'object' || Array.isArray(state)) throw new Error('awareness state must be an object or null')
  const kept: Record<string, unknown> = {}
  const cursor = (state as { cursor?: unknown }).cursor
  if (cursor === null || (typeof cursor === 'object' && !Array.isArray(cursor))) kept.cursor = cursor
  if (peer.principal.userId === null) {
    const user = (state as { user?: unknown }).user
    if (user !== undefined) kept.user = user
  } else {
    const claimed = (state as { user?: { color?: unknown } }).user
    const colour = typeof claimed?.color === 'string' && HEX_COLOUR.test(claimed.color) ? claimed.color : colourFor(peer.principal.userId)
    const { userId, name, party, role } = peer.principal
    kept.user = { userId, name, party, role, color: colour }
  }
  const json = JSON.stringify(kept)
  return new TextEncoder().encode(json).byteLength > LIMITS.maxAwarenessStateBytes ? null : json
}

/**
 * The entries of an awareness update that `keep` accepts, re-encoded (same format as above). Used for
 * presence arriving from another instance: an entry for a client id a connection here owns is dropped,
 * so no instance can take over a client id announced on another one. `state` is the parsed JSON
 * (null: the client left).
 */
export function filterAwarenessUpdate(update: Uint8Array, keep: (clientId: number, state: unknown) => boolean): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: { clientId: number; clock: number; raw: string }[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const raw = decoding.readVarString(decoder)
    if (raw.length > LIMITS.maxAwarenessStateBytes * 4) continue
    if (keep(clientId, JSON.parse(raw) as unknown)) entries.push({ clientId, clock, raw })
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, raw } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, raw)
  }
  return encoding.toUint8Array(encoder)
}

/** The person a stamped awareness state belongs to (`user.userId`), or null (anonymous, or none). */
export function stampedUserId(state: unknown): string | null {
  const user = state !== null && typeof state === 'object' ? (state as { user?: unknown }).user : undefined
  const userId = user !== null && typeof user === 'object' ? (user as { userId?: unknown }).userId : undefined
  return typeof userId === 'string' ? userId : null
}
