import { LIMITS } from '../schema/index.ts'
import { onUserChange, setDisplayName, type User } from './account.ts'

/**
 * Who is typing, as the others see it: the account's display name and a colour derived from it, so
 * the same person has the same colour on every device and in every agreement without storing it.
 * The server stamps presence with the account's name, party and role; the colour is ours to choose.
 */
export interface Identity {
  name: string
  color: string
}

/**
 * 6-digit hex only: y-prosemirror's cursor plugin accepts nothing else and appends an alpha suffix
 * for the selection highlight. Chosen to stay readable as white label text.
 */
const PALETTE = ['#1f6feb', '#b35900', '#2e7d32', '#a3308f', '#00796b', '#c62828', '#5e35b1', '#6d4c41', '#0277bd', '#ad1457', '#4a7a29', '#37474f'] as const

export function normalizeName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, LIMITS.displayNameMaxLength)
}

export function colorForName(name: string): string {
  // FNV-1a: tiny, stable across browsers, spreads similar names over the palette.
  let hash = 0x811c9dc5
  for (const ch of name.toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0]
}

export function identityOf(user: User): Identity {
  return { name: user.displayName, color: colorForName(user.displayName) }
}

/** Renames the account. Open agreements follow through onIdentityChange. */
export async function changeIdentity(rawName: string): Promise<Identity> {
  const name = normalizeName(rawName)
  if (!name) throw new Error('empty display name')
  return identityOf(await setDisplayName(name))
}

/** Calls `listener` when the signed-in person's name changes (not on sign-in or sign-out). */
export function onIdentityChange(listener: (identity: Identity) => void): () => void {
  return onUserChange((user, previous) => {
    if (user && previous && user.id === previous.id && user.displayName !== previous.displayName) listener(identityOf(user))
  })
}
