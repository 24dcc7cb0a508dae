import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
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
    entries.push({ clientId, clock, state: stamp(raw, peer) })
  }
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}

function stamp(raw: string, peer: Peer): string {
  const state: unknown = JSON.parse(raw)
  // null means "this client left"; it carries no identity to stamp.
  if (state === null || peer.principal.userId === null) return raw
  if (typeof state !== 'object' || Array.isArray(state)) throw new Error('awareness state must be an object or null')
  const claimed = (state as { user?: { color?: unknown } }).user
  const colour = typeof claimed?.color === 'string' && HEX_COLOUR.test(claimed.color) ? claimed.color : colourFor(peer.principal.userId)
  const { userId, name, party, role } = peer.principal
  return JSON.stringify({ ...state, user: { userId, name, party, role, color: colour } })
}
