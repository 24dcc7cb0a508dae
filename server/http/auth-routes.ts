import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'
import { EmailTakenError, secretId, TooManyTokensError, type AccountRepository, type SecretSelection } from '../auth/accounts.ts'
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts'
import { sessionFromCookies } from '../auth/principal.ts'
import { takeAll, type Limiter } from '../auth/rate-limit.ts'
import { hashSecret } from '../auth/tokens.ts'
import { DisplayName } from '../membership/names.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { requireUser } from './access.ts'

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000
export const ACCESS_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000

const Email = z.string().trim().toLowerCase().email().max(254)
const Password = z.string().min(10, 'use at least 10 characters').max(256)
const SignupBody = z.strictObject({ email: Email, password: Password, displayName: DisplayName.optional() })
const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) })
const LogoutBody = z.strictObject({ everywhere: z.boolean().default(false) })
const TokenBody = z.strictObject({ label: z.string().trim().max(LIMITS.tokenLabelMaxLength).optional() })
const ProfileBody = z.strictObject({ displayName: DisplayName })
const PasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: Password })

export interface AuthRouteOptions {
  accounts: AccountRepository
  /** Lets open connections show the new name without reconnecting. */
  onProfileChanged: (userId: string, displayName: string) => void
  /** Closes the websockets (and streams) opened with secrets that were just revoked. */
  onCredentialsRevoked: (userId: string, credentials: string[]) => void
  limiters: { loginPair: Limiter; loginAddress: Limiter; signupAddress: Limiter }
  secureCookies: boolean
  cookieName: string
}

/** The client's address: the socket's, or with TRUST_PROXY the one the trusted proxies report. */
const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown'

function tooMany(res: Response, waitMs: number, what: string): never {
  res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)))
  throw new HttpError(429, 'too_many_attempts', `too many ${what}; try again later`)
}

export function authRoutes({ accounts, limiters, secureCookies, cookieName, onProfileChanged, onCredentialsRevoked }: AuthRouteOptions): Router {
  const router = Router()

  const closeRevoked = (userId: string, revoked: string[]) => {
    if (revoked.length > 0) onCredentialsRevoked(userId, revoked)
    return revoked
  }
  const startSession = async (res: Response, userId: string) => {
    const { secret, expiresAt, ended } = await accounts.issueSecret(userId, 'session', SESSION_TTL_MS)
    closeRevoked(userId, ended)
    res.cookie(cookieName, secret, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', expires: new Date(expiresAt) })
    return hashSecret(secret)
  }
  const revoke = async (userId: string, which: SecretSelection) => closeRevoked(userId, await accounts.revoke(userId, which))

  router.post('/signup', async (req, res) => {
    const body = parseBody(SignupBody, req.body)
    // Counted before the (deliberately slow) hash, so parallel sign-ups cannot all pass.
    const wait = await takeAll([[limiters.signupAddress, `ip:${addressOf(req)}`]])
    if (wait > 0) tooMany(res, wait, 'new accounts from this address')
    const passwordHash = await hashPassword(body.password)
    try {
      const user = await accounts.createUser({ email: body.email, passwordHash, displayName: body.displayName ?? body.email.split('@')[0]!.slice(0, LIMITS.displayNameMaxLength) })
      await startSession(res, user.id)
      res.status(201).json({ user })
    } catch (err) {
      if (err instanceof EmailTakenError) throw new HttpError(409, 'email_taken', 'an account with this email already exists')
      throw err
    }
  })

  router.post('/login', async (req, res) => {
    const body = parseBody(LoginBody, req.body)
    const address = addressOf(req)
    const pair = `pair:${body.email}\u0000${address}`
    const ip = `ip:${address}`
    // Checked and counted in one atomic step before the hash: 41 parallel guesses get 10 evaluations.
    const wait = await takeAll([
      [limiters.loginPair, pair],
      [limiters.loginAddress, ip],
    ])
    if (wait > 0) tooMany(res, wait, 'failed logins')
    const found = await accounts.findByEmail(body.email)
    const ok = await verifyPassword(found?.passwordHash ?? (await decoyHash()), body.password)
    if (!found || !ok) throw new HttpError(401, 'invalid_credentials', 'wrong email or password')
    await Promise.all([limiters.loginPair.refund(pair), limiters.loginAddress.refund(ip)])
    await startSession(res, found.id)
    const { passwordHash: _hidden, ...user } = found
    res.json({ user })
  })

  /** Ends this browser's session (and with `everywhere`, every session and access token) and closes what they opened. */
  router.post('/logout', async (req, res) => {
    const body = parseBody(LogoutBody, req.body)
    const session = sessionFromCookies(req.headers.cookie, cookieName)
    const user = res.locals.user
    if (user && body.everywhere) await revoke(user.id, { all: true })
    else if (session) {
      if (user) await revoke(user.id, { only: hashSecret(session) })
      else await accounts.revokeSecret(session)
    }
    res.clearCookie(cookieName, { path: '/', secure: secureCookies, httpOnly: true, sameSite: 'lax' })
    res.status(204).end()
  })

  router.get('/me', requireUser, (_req, res) => {
    res.json({ user: res.locals.user })
  })

  router.patch('/me', requireUser, async (req, res) => {
    const body = parseBody(ProfileBody, req.body)
    const user = await accounts.setDisplayName(res.locals.user.id, body.displayName)
    if (!user) throw new HttpError(401, 'unauthenticated', 'log in first')
    onProfileChanged(res.locals.user.id, body.displayName)
    res.json({ user })
  })

  /** A new password revokes every other session and every access token: whoever knew the old one is out. */
  router.post('/password', requireUser, async (req, res) => {
    const body = parseBody(PasswordBody, req.body)
    const userId = res.locals.user.id
    const pair = `pair:${res.locals.user.email}\u0000${addressOf(req)}`
    const wait = await takeAll([[limiters.loginPair, pair]])
    if (wait > 0) tooMany(res, wait, 'wrong passwords')
    const stored = await accounts.passwordHashOf(userId)
    if (!stored || !(await verifyPassword(stored, body.currentPassword))) throw new HttpError(403, 'wrong_password', 'the current password is wrong')
    await limiters.loginPair.refund(pair)
    const newHash = await hashPassword(body.newPassword)
    // Stored only if the password is still the one just verified: of two parallel changes, one wins.
    const revoked = await accounts.changePassword(userId, stored, newHash, res.locals.credential)
    if (!revoked) throw new HttpError(403, 'wrong_password', 'the current password is wrong')
    res.json({ revoked: closeRevoked(userId, revoked).length })
  })

  router.post('/tokens', requireUser, async (req, res) => {
    const body = parseBody(TokenBody, req.body)
    const { secret, expiresAt } = await accounts.issueSecret(res.locals.user.id, 'access_token', ACCESS_TOKEN_TTL_MS, body.label ?? null).catch((err: unknown) => {
      if (err instanceof TooManyTokensError) throw new HttpError(409, 'too_many_tokens', `at most ${LIMITS.maxAccessTokensPerUser} access tokens; revoke one first`)
      throw err
    })
    res.status(201).json({ id: secretId(hashSecret(secret)), token: secret, expiresAt })
  })

  /** This person's sessions and access tokens (never their secrets); `current` marks the one in use. */
  router.get('/sessions', requireUser, async (_req, res) => {
    const current = res.locals.credential
    res.json({
      sessions: (await accounts.listSecrets(res.locals.user.id)).map(({ credential, ...s }) => ({ ...s, current: credential === current })),
    })
  })

  router.delete('/sessions/:id', requireUser, async (req, res) => {
    const revoked = await revoke(res.locals.user.id, { id: String(req.params.id) })
    if (revoked.length === 0) throw notFound('session')
    if (revoked.includes(res.locals.credential)) res.clearCookie(cookieName, { path: '/', secure: secureCookies, httpOnly: true, sameSite: 'lax' })
    res.status(204).end()
  })

  return router
}
