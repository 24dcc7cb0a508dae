import { forgetLocalCopies } from './session.ts'
import { ApiError, request } from './api.ts'

/**
 * The signed-in account: the one source of who is writing. The server keeps the session in an
 * HttpOnly cookie, so the page only knows whether it is signed in by asking (/api/auth/me) and by
 * the 401s the API answers once the session is gone.
 */
export interface User {
  id: string
  email: string
  displayName: string
  /** The first account of an installation administers it. */
  isAdmin: boolean
}

let current: User | null = null
const listeners = new Set<(user: User | null, previous: User | null) => void>()

export function currentUser(): User | null {
  return current
}

export function setCurrentUser(user: User | null): void {
  const previous = current
  if (previous === user) return
  current = user
  for (const listener of listeners) listener(user, previous)
}

/** Calls `listener` on sign-in, sign-out and profile changes; returns the unsubscribe function. */
export function onUserChange(listener: (user: User | null, previous: User | null) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Asks the server who this browser is; `null` when not signed in. Network failures propagate. */
export async function fetchCurrentUser(): Promise<User | null> {
  try {
    const { user } = await request<{ user: User }>('GET', '/api/auth/me')
    setCurrentUser(user)
    return user
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCurrentUser(null)
      return null
    }
    throw err
  }
}

export async function logIn(email: string, password: string): Promise<User> {
  const { user } = await request<{ user: User }>('POST', '/api/auth/login', { email, password })
  setCurrentUser(user)
  return user
}

export async function signUp(input: { email: string; password: string; displayName: string }): Promise<User> {
  const { user } = await request<{ user: User }>('POST', '/api/auth/signup', input)
  setCurrentUser(user)
  return user
}

export async function logOut(): Promise<void> {
  try {
    // A JSON body: the server takes state changes only as application/json.
    await request<void>('POST', '/api/auth/logout', {})
  } finally {
    // Signing out closes the open agreement first; then its offline copy can be deleted.
    setCurrentUser(null)
    await forgetLocalCopies()
  }
}

/** Renames the account; the server re-stamps open presence with the new name. */
export async function setDisplayName(displayName: string): Promise<User> {
  const { user } = await request<{ user: User }>('PATCH', '/api/auth/me', { displayName })
  setCurrentUser(user)
  return user
}

/** Passwords the server accepts at sign-up (server/http/auth-routes.ts). */
export const MIN_PASSWORD_LENGTH = 10

/** A sign-in or access token of the account, as GET /api/auth/sessions lists it (never its secret). */
export interface AccountSession {
  id: string
  kind: 'session' | 'access_token'
  label: string | null
  createdAt: string
  expiresAt: string
  /** The sign-in this browser uses. */
  current: boolean
}

export const listSessions = (): Promise<AccountSession[]> => request<{ sessions: AccountSession[] }>('GET', '/api/auth/sessions').then((r) => r.sessions)

/** Ends one sign-in or token; its open connections are closed by the server. */
export const revokeSession = (id: string): Promise<void> => request<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`)

/** Needs the current password; every other sign-in and every access token ends. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<number> {
  const { revoked } = await request<{ revoked: number }>('POST', '/api/auth/password', { currentPassword, newPassword })
  return revoked
}

/** Ends every sign-in and access token of the account, this browser's included. */
export async function logOutEverywhere(): Promise<void> {
  await request<void>('POST', '/api/auth/logout', { everywhere: true })
  setCurrentUser(null)
}
