/**
 * Attempt throttling per key: at most `max` attempts in a sliding window, then refusals until the
 * oldest attempt has left it. An attempt is counted when it starts, before any slow work (a password
 * hash), so parallel requests cannot all slip past the check; a success may hand its attempt back.
 * In memory, per server instance; SharedAttemptLimiter counts across instances.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>()

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.max) return 0
    return Math.max(1, recent[recent.length - this.max]! + this.windowMs - this.now())
  }

  /** Counts an attempt for every key, or for none when any of them must wait (returns the wait). */
  take(keys: readonly string[]): number {
    const wait = Math.max(0, ...keys.map((k) => this.retryAfterMs(k)))
    if (wait > 0) return wait
    const at = this.now()
    for (const key of keys) this.attempts.set(key, [...this.recent(key), at])
    if (this.attempts.size > 10_000) this.prune()
    return 0
  }

  /** Hands back the newest attempt of `key` (a successful login does not count against anyone). */
  refund(key: string): void {
    const recent = this.recent(key)
    recent.pop()
    if (recent.length === 0) this.attempts.delete(key)
    else this.attempts.set(key, recent)
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    return (this.attempts.get(key) ?? []).filter((t) => t > since)
  }

  private prune(): void {
    for (const key of [...this.attempts.keys()]) if (this.recent(key).length === 0) this.attempts.delete(key)
  }
}

/**
 * Where instances count attempts together (Redis, server/fanout/redis-throttle.ts). `take` is one
 * atomic step: if every entry has had fewer than `max` attempts in its last `windowMs`, one attempt is
 * counted for each and it answers 0; otherwise none is counted and it answers the wait in ms.
 */
export interface SharedCounter {
  take(entries: readonly { key: string; max: number; windowMs: number }[]): Promise<number>
  /** Hands back the newest attempt of `key`. */
  refund(key: string): Promise<void>
}

/**
 * An AttemptLimiter whose counts live in a SharedCounter, so an attacker gains nothing by spreading
 * guesses over instances. When the counter cannot be reached (Redis down), it falls back to counting
 * in this process and logs a warning: logins keep working, throttled per instance as without Redis,
 * rather than every login failing while Redis is away.
 */
export class SharedAttemptLimiter {
  readonly local: AttemptLimiter

  constructor(
    readonly name: string,
    readonly max: number,
    readonly windowMs: number,
    readonly counter: SharedCounter,
    private readonly onFallback: (err: unknown) => void,
  ) {
    this.local = new AttemptLimiter(max, windowMs)
  }

  async take(keys: readonly string[]): Promise<number> {
    return takeAll(keys.map((key) => [this, key] as const))
  }

  async refund(key: string): Promise<void> {
    this.local.refund(key)
    await this.counter.refund(`${this.name}:${key}`).catch((err: unknown) => this.onFallback(err))
  }

  fallBack(err: unknown): void {
    this.onFallback(err)
  }
}

export type Limiter = AttemptLimiter | SharedAttemptLimiter

/**
 * Counts one attempt under each (limiter, key), or none when any of them must wait (answers the wait).
 * In memory this is one synchronous step; shared limiters (all on one counter) take one atomic step
 * in the counter, so parallel requests on any instances cannot all slip past.
 */
export async function takeAll(entries: readonly (readonly [Limiter, string])[]): Promise<number> {
  const shared = entries.filter((e): e is readonly [SharedAttemptLimiter, string] => e[0] instanceof SharedAttemptLimiter)
  if (shared.length === 0) return takeLocally(entries as readonly (readonly [AttemptLimiter, string])[])
  if (shared.length !== entries.length || shared.some(([l]) => l.counter !== shared[0]![0].counter)) throw new Error('takeAll needs limiters of one kind')
  try {
    return await shared[0]![0].counter.take(shared.map(([l, key]) => ({ key: `${l.name}:${key}`, max: l.max, windowMs: l.windowMs })))
  } catch (err) {
    shared[0]![0].fallBack(err)
    return takeLocally(shared.map(([l, key]) => [l.local, key] as const))
  }
}

function takeLocally(entries: readonly (readonly [AttemptLimiter, string])[]): number {
  const wait = Math.max(0, ...entries.map(([l, key]) => l.retryAfterMs(key)))
  if (wait > 0) return wait
  for (const [l, key] of entries) l.take([key])
  return 0
}

export interface Throttles {
  /** Failed logins per (email, address) in 15 minutes: someone elsewhere cannot lock a person out. */
  loginFailuresPerPair: number
  /** Login attempts per address in 15 minutes, across all emails (guessing many accounts). */
  loginAttemptsPerAddress: number
  /** Accounts created per address per hour. */
  signupsPerHour: number
}

export const DEFAULT_THROTTLES: Throttles = { loginFailuresPerPair: 10, loginAttemptsPerAddress: 100, signupsPerHour: 20 }
