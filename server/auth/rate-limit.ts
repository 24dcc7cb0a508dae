/**
 * Failed-login throttling per key (email and client address separately): a fixed number of failures
 * in a window, then refusals until the window has passed. In memory, per server instance.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.maxFailures) return 0
    return recent[0]! + this.windowMs - this.now()
  }

  recordFailure(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now())
    this.failures.set(key, recent)
    if (this.failures.size > 10_000) this.prune()
  }

  reset(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    return (this.failures.get(key) ?? []).filter((t) => t > since)
  }

  private prune(): void {
    for (const key of this.failures.keys()) if (this.recent(key).length === 0) this.failures.delete(key)
  }
}
