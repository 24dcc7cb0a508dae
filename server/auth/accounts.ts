import { randomUUID } from 'node:crypto'
import { LIMITS } from '../../schema/limits.ts'
import { isUniqueViolation, type Database } from '../storage/database.ts'
import { hashSecret, newSecret } from './tokens.ts'

export interface User {
  id: string
  email: string
  displayName: string
  isAdmin: boolean
}

export type SecretKind = 'session' | 'access_token'

/** A stored session or access token as its owner may see it: never the secret, only its hash and public id. */
export interface StoredSecret {
  id: string
  credential: string
  kind: SecretKind
  label: string | null
  createdAt: string
  expiresAt: string
}

/**
 * Which of a user's secrets to revoke: all of them, the one with this hash, all but the one with this
 * hash, or the one with this public id (`secretId`).
 */
export type SecretSelection = { all: true } | { only: string } | { except: string } | { id: string }

interface UserRow {
  id: string
  email: string
  display_name: string
  is_admin: number
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, displayName: row.display_name, isAdmin: Number(row.is_admin) === 1 })

export class EmailTakenError extends Error {}

/** The person already holds `LIMITS.maxAccessTokensPerUser` live access tokens. */
export class TooManyTokensError extends Error {}

/** How many live secrets of a kind one person may hold: what one account can make the server store is bounded. */
const MAX_LIVE: Record<SecretKind, number> = { session: LIMITS.maxSessionsPerUser, access_token: LIMITS.maxAccessTokensPerUser }

/**
 * Serialises sign-ups on PostgreSQL for the length of one transaction, so that two parallel first
 * sign-ups cannot both see an empty table and both become administrator. (On SQLite the transaction
 * already runs alone, within one turn of the event loop.) Any constant unique to this use will do.
 */
const FIRST_ACCOUNT_LOCK = 0x4f76_6572_656e

/** A public id is 16 lowercase hex digits; anything else names no secret (and never reaches SQL as a pattern). */
const SECRET_ID = /^[0-9a-f]{16}$/

/** Users, browser sessions and access tokens for non-browser clients, on either storage engine. */
export class AccountRepository {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The first account of an installation becomes its administrator. */
  async createUser(input: { email: string; passwordHash: string; displayName: string }): Promise<User> {
    const id = randomUUID()
    const createdAt = this.now().toISOString()
    try {
      const isAdmin = await this.database.db.transaction().execute(async (trx) => {
        if (this.database.engine === 'postgres') {
          await trx.selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.val(FIRST_ACCOUNT_LOCK)]).as('locked')).execute()
        }
        const isFirst = (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined
        await trx
          .insertInto('users')
          .values({ id, email: input.email, password_hash: input.passwordHash, display_name: input.displayName, is_admin: isFirst ? 1 : 0, created_at: createdAt })
          .execute()
        return isFirst
      })
      return { id, email: input.email, displayName: input.displayName, isAdmin }
    } catch (err) {
      if (isUniqueViolation(err)) throw new EmailTakenError('an account with this email exists')
      throw err
    }
  }

  /**
   * E-mail addresses match whatever their case. The one place the engines differ for users: SQLite's
   * column is `COLLATE NOCASE` (a plain `=` uses its unique index), PostgreSQL's unique index is on
   * `lower(email)`.
   */
  async findByEmail(email: string): Promise<(User & { passwordHash: string }) | null> {
    const row = await this.database.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'is_admin', 'password_hash'])
      .where((eb) => (this.database.engine === 'sqlite' ? eb('email', '=', email) : eb(eb.fn('lower', ['email']), '=', eb.fn('lower', [eb.val(email)]))))
      .executeTakeFirst()
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null
  }

  async getUser(id: string): Promise<User | null> {
    const row = await this.database.db.selectFrom('users').select(['id', 'email', 'display_name', 'is_admin']).where('id', '=', id).executeTakeFirst()
    return row ? toUser(row) : null
  }

  /** The renamed user, or null when there is no such user. */
  async setDisplayName(userId: string, displayName: string): Promise<User | null> {
    const row = await this.database.db.updateTable('users').set({ display_name: displayName }).where('id', '=', userId).returning(['id', 'email', 'display_name', 'is_admin']).executeTakeFirst()
    return row ? toUser(row) : null
  }

  /**
   * A new secret of the user, at most `MAX_LIVE[kind]` live ones of a kind: a new session ends the
   * oldest sessions beyond it (a person logging in always gets in), a new access token is refused
   * (TooManyTokensError). Expired secrets of the user are removed on the way. `ended` are the hashes
   * of the sessions it ended, so that the connections they opened can be closed.
   */
  async issueSecret(userId: string, kind: SecretKind, ttlMs: number, label: string | null = null): Promise<{ secret: string; expiresAt: string; ended: string[] }> {
    const secret = newSecret()
    const at = this.now()
    const now = at.toISOString()
    const expiresAt = new Date(at.getTime() + ttlMs).toISOString()
    const ended = await this.database.db.transaction().execute(async (trx) => {
      // PostgreSQL: parallel issues for one user queue on the user's row, so none counts past the bound.
      if (this.database.engine === 'postgres') await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute()
      await trx.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute()
      const live = await trx.selectFrom('sessions').select('token_hash').where('user_id', '=', userId).where('kind', '=', kind).orderBy('created_at').orderBy('token_hash').execute()
      const excess = live.length - (MAX_LIVE[kind] - 1)
      let ended: string[] = []
      if (excess > 0) {
        if (kind === 'access_token') throw new TooManyTokensError(`at most ${MAX_LIVE[kind]} live access tokens`)
        const oldest = live.slice(0, excess).map((r) => r.token_hash)
        ended = (await trx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', 'in', oldest).returning('token_hash').execute()).map((r) => r.token_hash)
      }
      await trx
        .insertInto('sessions')
        .values({ token_hash: hashSecret(secret), user_id: userId, kind, label, created_at: now, expires_at: expiresAt })
        .execute()
      return ended
    })
    return { secret, expiresAt, ended }
  }

  /** The user behind a live secret, or null for an unknown or expired one (expired ones are removed). */
  async resolveSecret(secret: string, kinds: SecretKind[]): Promise<User | null> {
    const tokenHash = hashSecret(secret)
    // One query on every authenticated request: the secret and its user together.
    const row = await this.database.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.email', 'users.display_name', 'users.is_admin', 'sessions.kind', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst()
    if (!row || !kinds.includes(row.kind)) return null
    const now = this.now().toISOString()
    if (row.expires_at <= now) {
      await this.database.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).where('expires_at', '<=', now).execute()
      return null
    }
    return toUser(row)
  }

  /** Forgets a secret whoever holds it (a logout with a cookie no longer tied to a live user). */
  async revokeSecret(secret: string): Promise<void> {
    await this.database.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(secret)).execute()
  }

  /** The live sessions and access tokens of a user, newest first; `id` is a prefix of the stored hash. */
  async listSecrets(userId: string): Promise<StoredSecret[]> {
    const rows = await this.database.db
      .selectFrom('sessions')
      .select(['token_hash', 'kind', 'label', 'created_at', 'expires_at'])
      .where('user_id', '=', userId)
      .where('expires_at', '>', this.now().toISOString())
      .orderBy('created_at', 'desc')
      .orderBy('token_hash')
      .execute()
    return rows.map((r) => ({ id: secretId(r.token_hash), credential: r.token_hash, kind: r.kind, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at }))
  }

  /**
   * Revokes the user's secrets that `which` selects, in one statement; returns the hashes this call
   * removed (a secret revoked by two parallel calls is reported by one), so that the connections they
   * opened can be closed.
   */
  async revoke(userId: string, which: SecretSelection): Promise<string[]> {
    let query = this.database.db.deleteFrom('sessions').where('user_id', '=', userId)
    if ('only' in which) query = query.where('token_hash', '=', which.only)
    else if ('except' in which) query = query.where('token_hash', '<>', which.except)
    else if ('id' in which) {
      if (!SECRET_ID.test(which.id)) return []
      const id = which.id
      query = query.where((eb) => eb(eb.fn('substr', ['token_hash', eb.lit(1), eb.lit(16)]), '=', id))
    }
    const rows = await query.returning('token_hash').execute()
    return rows.map((r) => r.token_hash)
  }

  async passwordHashOf(userId: string): Promise<string | null> {
    const row = await this.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
    return row?.password_hash ?? null
  }

  /**
   * Replaces the password hash, but only if it is still `expectedHash` (the one the current password
   * was verified against), and revokes every other secret of the user in the same transaction.
   * Returns the revoked hashes, or null when the password changed meanwhile (a parallel change won).
   */
  async changePassword(userId: string, expectedHash: string, newHash: string, keepCredential: string): Promise<string[] | null> {
    return this.database.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('users').set({ password_hash: newHash }).where('id', '=', userId).where('password_hash', '=', expectedHash).executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) return null
      const rows = await trx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '<>', keepCredential).returning('token_hash').execute()
      return rows.map((r) => r.token_hash)
    })
  }
}

/** A public handle of a stored secret: 64 bits of its SHA-256, which reveal nothing of the secret. */
export const secretId = (credential: string): string => credential.slice(0, 16)
