import type { IncomingMessage } from 'node:http'
import { parse as parseCookieHeader } from 'cookie'
import type { AccountRepository, SecretKind, User } from './accounts.ts'
import { hashSecret } from './tokens.ts'

/**
 * The session cookie's name. Over HTTPS it carries the `__Host-` prefix: the browser then only accepts
 * it Secure, for `/`, from this exact host, so a sibling subdomain cannot plant one (cookie tossing).
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-overens_session' : 'overens_session')

/** The session secret of a Cookie header; null when absent or sent twice (an ambiguous, possibly planted session is no session). */
export function sessionFromCookies(header: string | undefined, name: string): string | null {
  if (!header) return null
  let count = 0
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq >= 0 && part.slice(0, eq).trim() === name) count++
  }
  if (count !== 1) return null
  return parseCookieHeader(header)[name] ?? null
}

/** Who is calling, and with which secret (by hash), so that revoking it can close what it opened. */
export interface Caller {
  user: User
  kind: SecretKind
  credential: string
}

export interface CallerOptions {
  cookieName: string
  /** Websocket clients that cannot set headers send `?token=<access token>`. */
  allowQueryToken?: boolean
  /** A session cookie counts only when true (the websocket upgrade allows it only with our own Origin). */
  allowCookie?: boolean
}

/**
 * A browser session cookie, or `Authorization: Bearer <access token>`, or (websocket only)
 * `?token=<access token>`. Bearer and `?token=` take access tokens only: a session secret lives in an
 * HttpOnly cookie and is never accepted anywhere else.
 */
export async function callerFromRequest(request: IncomingMessage, accounts: AccountRepository, options: CallerOptions): Promise<Caller | null> {
  const { cookieName, allowQueryToken = false, allowCookie = true } = options
  const resolve = async (secret: string, kind: SecretKind): Promise<Caller | null> => {
    const user = await accounts.resolveSecret(secret, [kind])
    return user ? { user, kind, credential: hashSecret(secret) } : null
  }
  if (allowCookie) {
    const session = sessionFromCookies(request.headers.cookie, cookieName)
    const caller = session ? await resolve(session, 'session') : null
    if (caller) return caller
  }
  const authorization = request.headers.authorization ?? ''
  if (authorization.length < 600 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    const bearer = authorization.slice(7).trim()
    if (bearer) return resolve(bearer, 'access_token')
  }
  if (allowQueryToken) {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
    if (token && token.length < 600) return resolve(token, 'access_token')
  }
  return null
}
