import { LIMITS } from '../schema/index.ts'

/**
 * Who is typing, until accounts arrive: a display name the person picks on the first visit, kept in
 * localStorage. The colour is derived from the name so the same person has the same colour on every
 * device and in every agreement without storing it.
 */
export interface Identity {
  name: string
  color: string
}

const STORAGE_KEY = 'overens.displayName'

/**
 * 6-digit hex only: y-prosemirror's cursor plugin accepts nothing else and appends an alpha suffix
 * for the selection highlight. Chosen to stay readable as white label text.
 */
const PALETTE = [
  '#1f6feb', '#b35900', '#2e7d32', '#a3308f', '#00796b', '#c62828',
  '#5e35b1', '#6d4c41', '#0277bd', '#ad1457', '#558b2f', '#37474f',
] as const

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

export function loadIdentity(): Identity | null {
  let stored: string | null = null
  try {
    stored = localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
  const name = stored ? normalizeName(stored) : ''
  return name ? { name, color: colorForName(name) } : null
}

export function saveIdentity(rawName: string): Identity {
  const name = normalizeName(rawName)
  if (!name) throw new Error('empty display name')
  try {
    localStorage.setItem(STORAGE_KEY, name)
  } catch {
    // Kept for this page only; the person is asked again next visit.
  }
  return { name, color: colorForName(name) }
}

const listeners = new Set<(identity: Identity) => void>()

/** Announces a name change so the open agreement can update what the others see. */
export function changeIdentity(rawName: string): Identity {
  const identity = saveIdentity(rawName)
  // The server stamps presence with the account's name, so the account learns it before others are told.
  void fetch('/api/auth/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ displayName: identity.name }) })
    .catch(() => undefined)
    .finally(() => {
      for (const listener of listeners) listener(identity)
    })
  return identity
}

export function onIdentityChange(listener: (identity: Identity) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
