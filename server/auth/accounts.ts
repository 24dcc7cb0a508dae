import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import { hashSecret, newSecret } from './tokens.ts'

export interface User {
  id: string
  email: string
  displayName: string
  isAdmin: boolean
}

export type SecretKind = 'session' | 'access_token'

interface UserRow {
  id: string
  email: string
  display_name: string
  is_admin: number
  password_hash: string
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, displayName: row.display_name, isAdmin: row.is_admin === 1 })

export class EmailTakenError extends Error {}

/** Users, browser sessions and access tokens for non-browser clients, in the embedded database. */
export class AccountRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The first account of an installation becomes its administrator. */
  createUser(input: { email: string; passwordHash: string; displayName: string }): User {
    const id = randomUUID()
    try {
      this.db.transaction(() => {
        const isFirst = (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n === 0
        this.db
          .prepare('INSERT INTO users (id, email, password_hash, display_name, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(id, input.email, input.passwordHash, input.displayName, isFirst ? 1 : 0, this.now().toISOString())
      })()
    } catch (err) {
      if (err instanceof Error && /UNIQUE/.test(err.message)) throw new EmailTakenError('an account with this email exists')
      throw err
    }
    return this.getUser(id)!
  }

  findByEmail(email: string): (User & { passwordHash: string }) | null {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null
  }

  getUser(id: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    return row ? toUser(row) : null
  }

  setDisplayName(userId: string, displayName: string): User | null {
    this.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(displayName, userId)
    return this.getUser(userId)
  }

  issueSecret(userId: string, kind: SecretKind, ttlMs: number, label: string | null = null): { secret: string; expiresAt: string } {
    const secret = newSecret()
    const now = this.now()
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString()
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashSecret(secret), userId, kind, label, now.toISOString(), expiresAt)
    return { secret, expiresAt }
  }

  /** The user behind a live secret, or null for an unknown or expired one (expired ones are removed). */
  resolveSecret(secret: string, kinds: SecretKind[]): User | null {
    const row = this.db.prepare('SELECT user_id, kind, expires_at FROM sessions WHERE token_hash = ?').get(hashSecret(secret)) as
      | { user_id: string; kind: SecretKind; expires_at: string }
      | undefined
    if (!row || !kinds.includes(row.kind)) return null
    if (row.expires_at <= this.now().toISOString()) {
      this.revokeSecret(secret)
      return null
    }
    return this.getUser(row.user_id)
  }

  revokeSecret(secret: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashSecret(secret))
  }

  /** The live sessions and access tokens of a user, newest first; `id` is a prefix of the stored hash. */
  listSecrets(userId: string): { id: string; credential: string; kind: SecretKind; label: string | null; createdAt: string; expiresAt: string }[] {
    return (
      this.db
        .prepare('SELECT token_hash, kind, label, created_at, expires_at FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC')
        .all(userId, this.now().toISOString()) as { token_hash: string; kind: SecretKind; label: string | null; created_at: string; expires_at: string }[]
    ).map((r) => ({ id: secretId(r.token_hash), credential: r.token_hash, kind: r.kind, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at }))
  }

  /**
   * Revokes the user's secrets that `select` picks (by stored hash); returns the hashes revoked, so
   * the connections they opened can be closed.
   */
  revokeWhere(userId: string, select: (secret: { credential: string; kind: SecretKind }) => boolean): string[] {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT token_hash, kind FROM sessions WHERE user_id = ?').all(userId) as { token_hash: string; kind: SecretKind }[]
      const chosen = rows.filter((r) => select({ credential: r.token_hash, kind: r.kind })).map((r) => r.token_hash)
      const del = this.db.prepare('DELETE FROM sessions WHERE token_hash = ?')
      for (const hash of chosen) del.run(hash)
      return chosen
    })()
  }

  passwordHashOf(userId: string): string | null {
    const row = this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as { password_hash: string } | undefined
    return row?.password_hash ?? null
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId)
  }
}

/** A public handle of a stored secret: 64 bits of its SHA-256, which reveal nothing of the secret. */
export const secretId = (credential: string): string => credential.slice(0, 16)
