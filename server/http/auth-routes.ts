import { Router, type Response } from 'express'
import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'
import { EmailTakenError, type AccountRepository } from '../auth/accounts.ts'
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts'
import { parseCookies, SESSION_COOKIE } from '../auth/principal.ts'
import type { FailureLimiter } from '../auth/rate-limit.ts'
import { HttpError, parseBody } from './errors.ts'
import { requireUser } from './access.ts'

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000
export const ACCESS_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000

const Email = z.string().trim().toLowerCase().email().max(254)
const SignupBody = z.strictObject({
  email: Email,
  password: z.string().min(10, 'use at least 10 characters').max(256),
  displayName: z.string().trim().min(1).max(LIMITS.displayNameMaxLength).optional(),
})
const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) })
const TokenBody = z.strictObject({ label: z.string().trim().max(100).optional() })
const ProfileBody = z.strictObject({ displayName: z.string().trim().min(1).max(LIMITS.displayNameMaxLength) })

export interface AuthRouteOptions {
  accounts: AccountRepository
  /** Lets open connections show the new name without reconnecting. */
  onProfileChanged: (userId: string, displayName: string) => void
  limiter: FailureLimiter
  secureCookies: boolean
}

export function authRoutes({ accounts, limiter, secureCookies, onProfileChanged }: AuthRouteOptions): Router {
  const router = Router()

  const startSession = (res: Response, userId: string) => {
    const { secret, expiresAt } = accounts.issueSecret(userId, 'session', SESSION_TTL_MS)
    res.cookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
      expires: new Date(expiresAt),
    })
  }

  router.post('/signup', async (req, res) => {
    const body = parseBody(SignupBody, req.body)
    const passwordHash = await hashPassword(body.password)
    try {
      const user = accounts.createUser({ email: body.email, passwordHash, displayName: body.displayName ?? body.email.split('@')[0]! })
      startSession(res, user.id)
      res.status(201).json({ user })
    } catch (err) {
      if (err instanceof EmailTakenError) throw new HttpError(409, 'email_taken', 'an account with this email already exists')
      throw err
    }
  })

  router.post('/login', async (req, res) => {
    const body = parseBody(LoginBody, req.body)
    const keys = [`email:${body.email}`, `ip:${req.socket.remoteAddress ?? 'unknown'}`]
    const wait = Math.max(...keys.map((k) => limiter.retryAfterMs(k)))
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)))
      throw new HttpError(429, 'too_many_attempts', 'too many failed logins; try again later')
    }
    const found = accounts.findByEmail(body.email)
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), body.password)
    if (!found || !ok) {
      for (const k of keys) limiter.recordFailure(k)
      throw new HttpError(401, 'invalid_credentials', 'wrong email or password')
    }
    limiter.reset(`email:${body.email}`)
    startSession(res, found.id)
    const { passwordHash: _hidden, ...user } = found
    res.json({ user })
  })

  router.post('/logout', (req, res) => {
    const session = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
    if (session) accounts.revokeSecret(session)
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.status(204).end()
  })

  router.get('/me', requireUser, (_req, res) => {
    res.json({ user: res.locals.user })
  })

  router.patch('/me', requireUser, (req, res) => {
    const body = parseBody(ProfileBody, req.body)
    const user = accounts.setDisplayName(res.locals.user.id, body.displayName)
    onProfileChanged(res.locals.user.id, body.displayName)
    res.json({ user })
  })

  router.post('/tokens', requireUser, (req, res) => {
    const body = parseBody(TokenBody, req.body)
    const { secret, expiresAt } = accounts.issueSecret(res.locals.user.id, 'access_token', ACCESS_TOKEN_TTL_MS, body.label ?? null)
    res.status(201).json({ token: secret, expiresAt })
  })

  return router
}
