import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The fencing token a compaction runs under, handed from the lease holder (compaction-lease.ts) to the
 * store engine without widening the store contract: the engine reads it for the duration of one
 * compact() call. Kept in a module of its own, free of Redis, so the PostgreSQL engine can read it
 * without loading the cluster code.
 */
const fence = new AsyncLocalStorage<number>()

export function runFenced<T>(token: number, fn: () => Promise<T>): Promise<T> {
  return fence.run(token, fn)
}

/** The token of the compaction being run, or undefined (a single instance: no lease, no fence). */
export function currentFence(): number | undefined {
  return fence.getStore()
}

/** The store refused a compaction: one with a newer token already compacted this agreement. */
export class CompactionFencedError extends Error {
  constructor(
    readonly token: number,
    readonly stored: number,
  ) {
    super(`compaction fenced off: token ${token} is older than ${stored}`)
  }
}
