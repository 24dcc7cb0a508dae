import type { IncomingMessage } from 'node:http'
import type { AccountRepository, User } from './accounts.ts'

export const SESSION_COOKIE = 'overens_session'

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()))
    } catch {
      // A malformed cookie is ignored, never fatal.
    }
  }
  return cookies
}

/**
 * Who is calling: a browser session cookie, `Authorization: Bearer <access token>`, or, for websocket
 * clients that cannot set headers, `?token=<access token>`.
 */
export function userFromRequest(request: IncomingMessage, accounts: AccountRepository, { allowQueryToken = false } = {}): User | null {
  const session = parseCookies(request.headers.cookie).get(SESSION_COOKIE)
  if (session) {
    const user = accounts.resolveSecret(session, ['session'])
    if (user) return user
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
  if (bearer) return accounts.resolveSecret(bearer, ['access_token', 'session'])
  if (allowQueryToken) {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
    if (token) return accounts.resolveSecret(token, ['access_token'])
  }
  return null
}
