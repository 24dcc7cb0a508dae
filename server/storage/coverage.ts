/**
 * Which stored updates the in-memory copy of each agreement holds, so compaction never deletes an
 * update that is not in the snapshot it writes.
 *
 * The caller of `compact(id, state, upToSeq)` passes the sequence number of its own last append. That
 * is only safe if the copy also holds every other update up to it: another instance on the same
 * database may have appended in between (its update reaches this copy later through fan-out, or
 * never), and a copy that was dropped after a failure may still finish appends the reloaded copy
 * never saw. The store therefore records what the current copy holds (the tail it loaded, its own
 * appends, updates a fan-out module reports as applied) and caps every compaction at the last
 * sequence number below which it holds everything.
 *
 * Two ways to know "everything below": with per-document sequence numbers (PostgreSQL) the numbers
 * are dense, so the copy holds everything up to `s` when it holds each of base+1 … s. With one
 * global counter (SQLite, one writer per data folder) the numbers of one agreement have gaps, so
 * the engine passes the sequence numbers that exist in the table and the cap stops below the first
 * one the copy does not hold.
 */
export class Coverage {
  private readonly docs = new Map<string, { generation: number; base: number; held: Set<number> }>()
  private generations = 0

  /** A copy was loaded from the snapshot at `snapshotSeq` plus `tail`; what was known before is void. */
  loaded(id: string, snapshotSeq: number, tail: readonly number[]): void {
    const entry = { generation: ++this.generations, base: snapshotSeq, held: new Set(tail) }
    this.docs.set(id, entry)
    this.advance(entry)
  }

  /** Taken when an append starts: an append begun for an older copy does not count for a newer one. */
  generation(id: string): number {
    return this.docs.get(id)?.generation ?? 0
  }

  /** The copy of generation `generation` holds update `seq` (it appended it, or applied it from a peer). */
  holds(id: string, seq: number, generation = this.generation(id)): void {
    const entry = this.docs.get(id)
    if (!entry || entry.generation !== generation || seq <= entry.base) return
    entry.held.add(seq)
    this.advance(entry)
  }

  /**
   * The highest sequence number ≤ `requested` that compaction may cover. `existing` (sparse numbering
   * only): the sequence numbers ≤ `requested` stored for this agreement, ascending.
   */
  safeUpTo(id: string, requested: number, existing?: readonly number[]): number {
    const entry = this.docs.get(id)
    if (!entry) return 0
    if (existing === undefined) return Math.min(requested, entry.base)
    for (const seq of existing) {
      if (seq > requested) break
      if (seq > entry.base && !entry.held.has(seq)) return seq - 1
    }
    return requested
  }

  /** The snapshot now covers everything ≤ `upTo`; what it covers need not be remembered one by one. */
  compacted(id: string, upTo: number): void {
    const entry = this.docs.get(id)
    if (!entry) return
    for (const seq of entry.held) if (seq <= upTo) entry.held.delete(seq)
    entry.base = Math.max(entry.base, upTo)
    this.advance(entry)
  }

  forget(id: string): void {
    this.docs.delete(id)
  }

  /** Dense numbering: move the base over every held number that directly follows it. */
  private advance(entry: { base: number; held: Set<number> }): void {
    while (entry.held.delete(entry.base + 1)) entry.base++
  }
}
