/**
 * Attempt throttling per key: at most `max` attempts in a sliding window, then refusals until the
 * oldest attempt has left it. An attempt is counted when it starts, before any slow work (a password
 * hash), so parallel requests cannot all slip past the check; a success may hand its attempt back.
 * In memory, per server instance.
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

export interface Throttles {
  /** Failed logins per (email, address) in 15 minutes: someone elsewhere cannot lock a person out. */
  loginFailuresPerPair: number
  /** Login attempts per address in 15 minutes, across all emails (guessing many accounts). */
  loginAttemptsPerAddress: number
  /** Accounts created per address per hour. */
  signupsPerHour: number
}

export const DEFAULT_THROTTLES: Throttles = { loginFailuresPerPair: 10, loginAttemptsPerAddress: 100, signupsPerHour: 20 }
