/** The account repository (users, sessions, access tokens) on both engines: the same answers from SQLite and PostgreSQL. */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../schema/limits.ts'
import { AccountRepository, EmailTakenError, secretId, TooManyTokensError } from '../../../server/auth/accounts.ts'
import { isForeignKeyViolation } from '../../../server/storage/database.ts'
import { hashSecret } from '../../../server/auth/tokens.ts'
import { useEngines } from '../../support/engines.ts'

const engines = useEngines()
const HOUR = 3600_000

/** A repository whose clock only moves when the test moves it. */
async function open(engine: (typeof engines)[number]) {
  const opened = await engine.open()
  // Every pooled PostgreSQL connection open first, so parallel calls really overlap (a race test that
  // only ever met one connection at a time could not fail).
  await Promise.all(Array.from({ length: 4 }, () => sql`SELECT 1`.execute(opened.database.db)))
  const clock = { at: Date.UTC(2026, 10, 30, 8) }
  const accounts = new AccountRepository(opened.database, () => new Date(clock.at))
  const user = (email: string, displayName = email.split('@')[0]!) => accounts.createUser({ email, passwordHash: `hash-of-${email}`, displayName })
  const sessionRows = async (userId: string) =>
    Number(
      (
        await opened.database.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return { ...opened, accounts, clock, user, sessionRows }
}

describe.each(engines)('accounts on $name', (engine) => {
  it('makes the first account administrator and no other, and reads users back by id and by e-mail in any case', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('Anna.Berg@Norrby.se', 'Anna Berg')
    const bo = await user('bo@forening.se', 'Bo')
    expect(anna).toMatchObject({ email: 'Anna.Berg@Norrby.se', displayName: 'Anna Berg', isAdmin: true })
    expect(bo.isAdmin).toBe(false)
    expect(anna.id).not.toBe(bo.id)

    expect(await accounts.getUser(anna.id)).toEqual(anna)
    expect(await accounts.getUser(bo.id)).toEqual(bo)
    expect(await accounts.getUser('no-such-id')).toBeNull()

    const found = await accounts.findByEmail('anna.berg@NORRBY.SE')
    expect(found).toEqual({ ...anna, passwordHash: 'hash-of-Anna.Berg@Norrby.se' })
    expect((await accounts.findByEmail('BO@forening.se'))?.id).toBe(bo.id)
    expect(await accounts.findByEmail('anna.berg@norrby.s')).toBeNull()
    // Neither engine may read the address as a pattern.
    expect(await accounts.findByEmail('%')).toBeNull()
    expect(await accounts.findByEmail('anna.berg@norrby._e')).toBeNull()
  })

  it('refuses a second account with the same e-mail in another case, and keeps the first intact', async () => {
    const { accounts, user, database } = await open(engine)
    const anna = await user('anna@norrby.se')
    await expect(user('ANNA@Norrby.SE')).rejects.toBeInstanceOf(EmailTakenError)
    await expect(user('anna@norrby.se')).rejects.toBeInstanceOf(EmailTakenError)
    expect(await accounts.findByEmail('Anna@norrby.se')).toMatchObject({ id: anna.id, passwordHash: 'hash-of-anna@norrby.se', isAdmin: true })
    // The refused attempts left no row behind.
    expect(await database.db.selectFrom('users').select('email').execute()).toEqual([{ email: 'anna@norrby.se' }])
  })

  it('gives exactly one administrator when the first sign-ups arrive in parallel', async () => {
    for (let round = 0; round < 3; round++) {
      const { accounts, user } = await open(engine)
      const created = await Promise.all(Array.from({ length: 8 }, (_, i) => user(`person${i}@norrby.se`)))
      expect(created.filter((u) => u.isAdmin)).toHaveLength(1)
      // What the callers were told is what is stored.
      const stored = await Promise.all(created.map((u) => accounts.getUser(u.id)))
      expect(stored).toEqual(created)
    }
  })

  it('lets exactly one of two parallel sign-ups with the same e-mail (in different case) through', async () => {
    const { accounts, user } = await open(engine)
    const results = await Promise.allSettled([user('lena@forening.se'), user('LENA@forening.se'), user('Lena@Forening.se')])
    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(EmailTakenError)
    expect((await accounts.findByEmail('lena@forening.se'))?.id).toBe((won[0] as PromiseFulfilledResult<{ id: string }>).value.id)
  })

  it('renames a user and says null for an unknown one', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se', 'Anna')
    expect(await accounts.setDisplayName(anna.id, 'Anna Berg (Norrby kommun)')).toEqual({ ...anna, displayName: 'Anna Berg (Norrby kommun)' })
    expect((await accounts.getUser(anna.id))?.displayName).toBe('Anna Berg (Norrby kommun)')
    expect(await accounts.setDisplayName('no-such-id', 'X')).toBeNull()
  })

  it('resolves a live secret only as the kind it was issued as, and never an unknown one', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const session = await accounts.issueSecret(anna.id, 'session', HOUR)
    const token = await accounts.issueSecret(anna.id, 'access_token', 24 * HOUR, 'CI-export')
    expect(session.secret).not.toBe(token.secret)
    expect(session.expiresAt).toBe(new Date(Date.UTC(2026, 10, 30, 9)).toISOString())

    expect(await accounts.resolveSecret(session.secret, ['session'])).toEqual(anna)
    expect(await accounts.resolveSecret(session.secret, ['access_token'])).toBeNull()
    expect(await accounts.resolveSecret(token.secret, ['access_token'])).toEqual(anna)
    expect(await accounts.resolveSecret(token.secret, ['session'])).toBeNull()
    expect(await accounts.resolveSecret(token.secret, ['session', 'access_token'])).toEqual(anna)
    // The stored hash is not a secret: presenting it resolves nothing.
    expect(await accounts.resolveSecret(hashSecret(session.secret), ['session'])).toBeNull()
    expect(await accounts.resolveSecret('', ['session'])).toBeNull()
    // The user as it is now, not as it was when the secret was issued.
    await accounts.setDisplayName(anna.id, 'Anna B')
    expect((await accounts.resolveSecret(session.secret, ['session']))?.displayName).toBe('Anna B')
  })

  it('lets sessions expire: an expired secret resolves to nobody, is removed, and is no longer listed', async () => {
    const { accounts, user, clock, sessionRows } = await open(engine)
    const anna = await user('anna@norrby.se')
    const short = await accounts.issueSecret(anna.id, 'session', HOUR)
    const long = await accounts.issueSecret(anna.id, 'access_token', 3 * HOUR)

    clock.at += HOUR - 1
    expect((await accounts.resolveSecret(short.secret, ['session']))?.id).toBe(anna.id)
    clock.at += 1 // exactly at expiry: expired
    expect((await accounts.listSecrets(anna.id)).map((s) => s.kind)).toEqual(['access_token'])
    expect(await sessionRows(anna.id)).toBe(2)
    expect(await accounts.resolveSecret(short.secret, ['session'])).toBeNull()
    expect(await sessionRows(anna.id)).toBe(1)
    expect((await accounts.resolveSecret(long.secret, ['access_token']))?.id).toBe(anna.id)

    clock.at += 2 * HOUR
    expect(await accounts.listSecrets(anna.id)).toEqual([])
    expect(await accounts.resolveSecret(long.secret, ['access_token'])).toBeNull()
    expect(await sessionRows(anna.id)).toBe(0)
  })

  it('lists a user’s own sessions and tokens newest first, by public id and hash, never with the secret', async () => {
    const { accounts, user, clock } = await open(engine)
    const anna = await user('anna@norrby.se')
    const bo = await user('bo@norrby.se')
    const first = await accounts.issueSecret(anna.id, 'session', 14 * 24 * HOUR)
    clock.at += 1000
    const token = await accounts.issueSecret(anna.id, 'access_token', 30 * 24 * HOUR, 'Exportskript')
    clock.at += 1000
    const second = await accounts.issueSecret(anna.id, 'session', 14 * 24 * HOUR)
    await accounts.issueSecret(bo.id, 'session', 14 * 24 * HOUR)

    const listed = await accounts.listSecrets(anna.id)
    expect(listed).toEqual([
      { id: secretId(hashSecret(second.secret)), credential: hashSecret(second.secret), kind: 'session', label: null, createdAt: '2026-11-30T08:00:02.000Z', expiresAt: second.expiresAt },
      { id: secretId(hashSecret(token.secret)), credential: hashSecret(token.secret), kind: 'access_token', label: 'Exportskript', createdAt: '2026-11-30T08:00:01.000Z', expiresAt: token.expiresAt },
      { id: secretId(hashSecret(first.secret)), credential: hashSecret(first.secret), kind: 'session', label: null, createdAt: '2026-11-30T08:00:00.000Z', expiresAt: first.expiresAt },
    ])
    const text = JSON.stringify(listed)
    for (const s of [first, token, second]) expect(text).not.toContain(s.secret)
    for (const s of listed) expect(s.id).toMatch(/^[0-9a-f]{16}$/)
    expect(await accounts.listSecrets('no-such-id')).toEqual([])
  })

  it('orders secrets issued in the same millisecond the same way on both engines (by hash)', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const issued = await Promise.all(Array.from({ length: 6 }, () => accounts.issueSecret(anna.id, 'session', HOUR)))
    const hashes = issued.map((s) => hashSecret(s.secret)).sort()
    expect((await accounts.listSecrets(anna.id)).map((s) => s.credential)).toEqual(hashes)
  })

  it('revokes one secret, all but the current one, one by public id, or all, and only the user’s own', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const bo = await user('bo@norrby.se')
    const issue = () => accounts.issueSecret(anna.id, 'session', HOUR)
    const [a, b, c, d] = await Promise.all([issue(), issue(), issue(), accounts.issueSecret(anna.id, 'access_token', HOUR, 'CI')])
    const boSession = await accounts.issueSecret(bo.id, 'session', HOUR)
    const h = (s: { secret: string }) => hashSecret(s.secret)

    expect(await accounts.revoke(anna.id, { only: h(a!) })).toEqual([h(a!)])
    expect(await accounts.revoke(anna.id, { only: h(a!) })).toEqual([])
    expect(await accounts.resolveSecret(a!.secret, ['session'])).toBeNull()
    // Another user's secret is not revoked through Anna, by hash or by id.
    expect(await accounts.revoke(anna.id, { only: h(boSession) })).toEqual([])
    expect(await accounts.revoke(anna.id, { id: secretId(h(boSession)) })).toEqual([])
    expect((await accounts.resolveSecret(boSession.secret, ['session']))?.id).toBe(bo.id)

    // Public ids: only 16 hex digits name a secret; patterns, prefixes and full hashes name none.
    for (const id of ['%', '_'.repeat(16), secretId(h(b!)).slice(0, 8), `${secretId(h(b!)).slice(0, 15)}%`, h(b!), secretId(h(b!)).toUpperCase(), '']) {
      expect(await accounts.revoke(anna.id, { id })).toEqual([])
    }
    expect(await accounts.revoke(anna.id, { id: secretId(h(b!)) })).toEqual([h(b!)])

    expect((await accounts.revoke(anna.id, { except: h(c!) })).sort()).toEqual([h(d!)])
    expect((await accounts.listSecrets(anna.id)).map((s) => s.credential)).toEqual([h(c!)])
    expect(await accounts.revoke(anna.id, { all: true })).toEqual([h(c!)])
    expect(await accounts.listSecrets(anna.id)).toEqual([])
    expect((await accounts.listSecrets(bo.id)).map((s) => s.credential)).toEqual([h(boSession)])

    const orphan = await accounts.issueSecret(bo.id, 'session', HOUR)
    await accounts.revokeSecret(orphan.secret)
    expect(await accounts.resolveSecret(orphan.secret, ['session'])).toBeNull()
    await accounts.revokeSecret('never-issued')
  })

  it('reports a secret revoked by two parallel calls to exactly one of them', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const secrets = await Promise.all(Array.from({ length: 4 }, () => accounts.issueSecret(anna.id, 'session', HOUR)))
    const keep = hashSecret(secrets[0]!.secret)
    const [everywhere, allButOne, one] = await Promise.all([
      accounts.revoke(anna.id, { all: true }),
      accounts.revoke(anna.id, { except: keep }),
      accounts.revoke(anna.id, { id: secretId(hashSecret(secrets[1]!.secret)) }),
    ])
    const reported = [...everywhere, ...allButOne, ...one]
    expect(reported.sort()).toEqual(secrets.map((s) => hashSecret(s.secret)).sort())
    expect(await accounts.listSecrets(anna.id)).toEqual([])
  })

  it('changes a password only from the verified hash, revoking every other secret in the same step', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const bo = await user('bo@norrby.se')
    const current = await accounts.issueSecret(anna.id, 'session', HOUR)
    const other = await accounts.issueSecret(anna.id, 'session', HOUR)
    const token = await accounts.issueSecret(anna.id, 'access_token', HOUR)
    const boSession = await accounts.issueSecret(bo.id, 'session', HOUR)

    expect(await accounts.passwordHashOf(anna.id)).toBe('hash-of-anna@norrby.se')
    expect(await accounts.passwordHashOf('no-such-id')).toBeNull()
    // A stale expected hash changes nothing and revokes nothing.
    expect(await accounts.changePassword(anna.id, 'not-the-hash', 'new-hash', hashSecret(current.secret))).toBeNull()
    expect(await accounts.passwordHashOf(anna.id)).toBe('hash-of-anna@norrby.se')
    expect(await accounts.listSecrets(anna.id)).toHaveLength(3)

    const revoked = await accounts.changePassword(anna.id, 'hash-of-anna@norrby.se', 'new-hash', hashSecret(current.secret))
    expect(revoked?.sort()).toEqual([hashSecret(other.secret), hashSecret(token.secret)].sort())
    expect(await accounts.passwordHashOf(anna.id)).toBe('new-hash')
    expect((await accounts.findByEmail('anna@norrby.se'))?.passwordHash).toBe('new-hash')
    expect((await accounts.resolveSecret(current.secret, ['session']))?.id).toBe(anna.id)
    expect(await accounts.resolveSecret(token.secret, ['access_token'])).toBeNull()
    expect((await accounts.resolveSecret(boSession.secret, ['session']))?.id).toBe(bo.id)
  })

  it('lets exactly one of parallel password changes from the same verified hash win', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const sessions = await Promise.all(Array.from({ length: 4 }, () => accounts.issueSecret(anna.id, 'session', HOUR)))
    const results = await Promise.all(sessions.map((s, i) => accounts.changePassword(anna.id, 'hash-of-anna@norrby.se', `new-hash-${i}`, hashSecret(s.secret))))
    const winners = results.flatMap((r, i) => (r ? [i] : []))
    expect(winners).toHaveLength(1)
    const w = winners[0]!
    expect(await accounts.passwordHashOf(anna.id)).toBe(`new-hash-${w}`)
    // Only the winner's session survives: the losers were verified against a password that is gone.
    expect((await accounts.listSecrets(anna.id)).map((s) => s.credential)).toEqual([hashSecret(sessions[w]!.secret)])
  })

  it('refuses a secret for a user that does not exist, and removes a user’s secrets with the user', async () => {
    const { accounts, user, database, sessionRows } = await open(engine)
    const anna = await user('anna@norrby.se')
    const bo = await user('bo@norrby.se')
    const err = await accounts.issueSecret('no-such-id', 'session', HOUR).catch((e: unknown) => e)
    expect(isForeignKeyViolation(err)).toBe(true)

    const session = await accounts.issueSecret(anna.id, 'session', HOUR)
    await accounts.issueSecret(anna.id, 'access_token', HOUR, 'CI')
    const boSession = await accounts.issueSecret(bo.id, 'session', HOUR)
    expect(await sessionRows(anna.id)).toBe(2)

    await database.db.deleteFrom('users').where('id', '=', anna.id).execute()
    expect(await sessionRows(anna.id)).toBe(0)
    expect(await accounts.resolveSecret(session.secret, ['session'])).toBeNull()
    expect(await accounts.getUser(anna.id)).toBeNull()
    expect(await accounts.findByEmail('anna@norrby.se')).toBeNull()
    expect((await accounts.resolveSecret(boSession.secret, ['session']))?.id).toBe(bo.id)
    // The address is free again.
    expect((await user('ANNA@norrby.se')).isAdmin).toBe(false)
  })

  it('keeps at most the bound of live sessions per person, ending the oldest when one more logs in', async () => {
    const { accounts, user, clock, sessionRows } = await open(engine)
    const anna = await user('anna@norrby.se')
    const token = await accounts.issueSecret(anna.id, 'access_token', 30 * 24 * HOUR, 'CI')
    const sessions: string[] = []
    for (let i = 0; i < LIMITS.maxSessionsPerUser; i++) {
      clock.at += 1000
      const issued = await accounts.issueSecret(anna.id, 'session', 14 * 24 * HOUR)
      expect(issued.ended).toEqual([])
      sessions.push(issued.secret)
    }
    clock.at += 1000
    const newest = await accounts.issueSecret(anna.id, 'session', 14 * 24 * HOUR)
    expect(newest.ended).toEqual([hashSecret(sessions[0]!)])
    expect(await accounts.resolveSecret(sessions[0]!, ['session'])).toBeNull()
    expect((await accounts.resolveSecret(sessions[1]!, ['session']))?.id).toBe(anna.id)
    expect((await accounts.resolveSecret(newest.secret, ['session']))?.id).toBe(anna.id)
    expect((await accounts.resolveSecret(token.secret, ['access_token']))?.id).toBe(anna.id)
    expect(await sessionRows(anna.id)).toBe(LIMITS.maxSessionsPerUser + 1)
  })

  it('refuses an access token beyond the bound until one is revoked, also when they are asked for in parallel', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    const bo = await user('bo@norrby.se')
    const tokens: string[] = []
    for (let i = 0; i < LIMITS.maxAccessTokensPerUser - 2; i++) tokens.push((await accounts.issueSecret(anna.id, 'access_token', HOUR, `t${i}`)).secret)
    // Sessions do not count against tokens.
    await accounts.issueSecret(anna.id, 'session', HOUR)
    const parallel = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => accounts.issueSecret(anna.id, 'access_token', HOUR, `p${i}`)))
    expect(parallel.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
    for (const r of parallel) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TooManyTokensError)
    expect((await accounts.listSecrets(anna.id)).filter((s) => s.kind === 'access_token')).toHaveLength(LIMITS.maxAccessTokensPerUser)
    await expect(accounts.issueSecret(anna.id, 'access_token', HOUR)).rejects.toBeInstanceOf(TooManyTokensError)
    // Another person is not affected, and revoking one makes room for one.
    await accounts.issueSecret(bo.id, 'access_token', HOUR)
    await accounts.revoke(anna.id, { only: hashSecret(tokens[0]!) })
    await accounts.issueSecret(anna.id, 'access_token', HOUR)
    await expect(accounts.issueSecret(anna.id, 'access_token', HOUR)).rejects.toBeInstanceOf(TooManyTokensError)
  })

  it('removes a person’s expired secrets when issuing a new one, and they no longer count against the bound', async () => {
    const { accounts, user, clock, sessionRows } = await open(engine)
    const anna = await user('anna@norrby.se')
    const bo = await user('bo@norrby.se')
    for (let i = 0; i < LIMITS.maxAccessTokensPerUser; i++) await accounts.issueSecret(anna.id, 'access_token', HOUR)
    await accounts.issueSecret(bo.id, 'session', HOUR)
    expect(await sessionRows(anna.id)).toBe(LIMITS.maxAccessTokensPerUser)
    clock.at += HOUR
    const fresh = await accounts.issueSecret(anna.id, 'access_token', HOUR)
    expect(await sessionRows(anna.id)).toBe(1)
    expect((await accounts.listSecrets(anna.id)).map((s) => s.credential)).toEqual([hashSecret(fresh.secret)])
    // Someone else's expired secrets are theirs to clean up.
    expect(await sessionRows(bo.id)).toBe(1)
  })

  it('stays consistent under a bounded mix of parallel logins, token mints, revocations, lookups and password changes of one person', async () => {
    const { accounts, user } = await open(engine)
    const anna = await user('anna@norrby.se')
    let hash = 'hash-of-anna@norrby.se'
    const failures: unknown[] = []
    const op = async (i: number) => {
      switch (i % 6) {
        case 0:
          return accounts.issueSecret(anna.id, 'session', HOUR)
        case 1:
          return accounts.issueSecret(anna.id, 'access_token', HOUR).catch((err: unknown) => {
            if (!(err instanceof TooManyTokensError)) throw err
          })
        case 2:
          return accounts.revoke(anna.id, i % 4 === 0 ? { all: true } : { except: 'none' })
        case 3:
          return accounts.listSecrets(anna.id)
        case 4: {
          const next = `hash-${i}`
          if (await accounts.changePassword(anna.id, hash, next, 'none')) hash = next
          return
        }
        default:
          return accounts.findByEmail('ANNA@norrby.se')
      }
    }
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled(Array.from({ length: 36 }, (_, i) => op(i + round)))
      for (const r of results) if (r.status === 'rejected') failures.push(r.reason)
    }
    expect(failures).toEqual([])
    const listed = await accounts.listSecrets(anna.id)
    expect(listed.filter((s) => s.kind === 'session').length).toBeLessThanOrEqual(LIMITS.maxSessionsPerUser)
    expect(listed.filter((s) => s.kind === 'access_token').length).toBeLessThanOrEqual(LIMITS.maxAccessTokensPerUser)
    expect(new Set(listed.map((s) => s.id)).size).toBe(listed.length)
    expect(await accounts.passwordHashOf(anna.id)).toBe(hash)
  })
})
