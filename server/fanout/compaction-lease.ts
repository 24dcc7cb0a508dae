import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import type { AgreementMeta, AgreementStore, StoredState } from '../storage/store.ts'
import type { SharedDocument } from '../sync/shared-document.ts'
import { CompactionFencedError, runFenced } from './fence.ts'
import type { RedisLink } from './redis-link.ts'

/**
 * One compacting instance per agreement: a lease in Redis with a fencing token.
 *
 * Every instance that has an agreement loaded tries to take its lease (`overens:lease:<id>`, value
 * `<instance>:<token>`, expiring after `ttlMs`); the first one gets it, with a token from the
 * agreement's counter (`overens:fence:<id>`, INCR: every new holder's token is larger than any
 * before). The holder renews it every ttl/3 while the agreement is loaded and gives it back when it
 * unloads it; the others keep trying, so when the holder dies its lease runs out and the next one
 * takes over. Only the holder compacts, and it passes its token to the store, which refuses a
 * compaction with an older token than the last one that compacted (a holder that stalled past its
 * lease, then woke up). The others skip compaction: their appends stay in the update log, which the
 * holder's snapshots cover as it receives them (server/storage/coverage.ts).
 *
 * While Redis is away nobody holds a lease and nobody compacts: the log grows, nothing is lost.
 */
const LEASE = 'overens:lease:'
const COUNTER = 'overens:fence:'

/** Renews the lease if this instance holds it, takes it if nobody does; answers the token or -1. */
const ACQUIRE = `
local v = redis.call('GET', KEYS[1])
if v then
  local owner, token = string.match(v, '^([0-9a-f]+):([0-9]+)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(token)
  end
  return -1
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
return token
`
/** Gives the lease back only if it is still this holder's. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`
/** After Redis lost its data: the counter restarts below what the store has seen; move it past. */
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`

export interface CompactionLeasesOptions {
  link: RedisLink
  log: Logger
  ttlMs?: number
}

export class CompactionLeases {
  readonly ttlMs: number
  /** Agreements loaded here (each may hold a lease), with the token of the lease this instance holds. */
  private readonly loaded = new Map<string, number | null>()
  private readonly timer: NodeJS.Timeout
  private warnedAt = 0

  constructor(private readonly options: CompactionLeasesOptions) {
    this.ttlMs = options.ttlMs ?? 30_000
    this.timer = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(this.ttlMs / 3)))
    this.timer.unref()
  }

  /** The token this instance holds for `id`, or null. */
  heldToken(id: string): number | null {
    return this.loaded.get(id) ?? null
  }

  /** Registry seam: follow the lease of a loaded agreement until the copy is gone. */
  readonly onLoaded = (doc: SharedDocument): void => {
    const id = doc.id
    this.loaded.set(id, null)
    void this.acquire(id)
    doc.doc.once('destroy', () => {
      for (const store of this.gated) store.forget(id)
      void this.release(id)
    })
  }

  /** Wraps the document store: compactions run only under this instance's lease, fenced with its token. */
  gate(store: AgreementStore): AgreementStore {
    const gated = new LeasedStore(store, this)
    this.gated.push(gated)
    return gated
  }

  private readonly gated: LeasedStore[] = []

  /** Takes or renews the lease; the token, or null when another instance holds it (or Redis is away). */
  async acquire(id: string): Promise<number | null> {
    let token: number
    try {
      token = Number(await this.options.link.commands.eval(ACQUIRE, 2, LEASE + id, COUNTER + id, this.options.link.instanceHex, String(this.ttlMs)))
    } catch (err) {
      this.warn('redis is away: no compaction until it is back (the update log keeps everything)', err)
      if (this.loaded.has(id)) this.loaded.set(id, null)
      return null
    }
    const held = token > 0 ? token : null
    if (this.loaded.has(id)) this.loaded.set(id, held)
    // Unloaded while this was on its way: give it back rather than make the others wait out the lease.
    else if (held !== null) await this.options.link.commands.eval(RELEASE, 1, LEASE + id, `${this.options.link.instanceHex}:${held}`).catch(() => undefined)
    return held
  }

  /** A compaction under `token` was refused: a newer one compacted. Give up this lease, move the counter past. */
  async fencedOff(id: string, err: CompactionFencedError): Promise<void> {
    this.options.log.warn('compaction refused: another instance compacted with a newer lease', { agreementId: id, token: err.token, stored: err.stored })
    try {
      await this.options.link.commands.eval(RAISE, 1, COUNTER + id, String(err.stored))
      await this.options.link.commands.eval(RELEASE, 1, LEASE + id, `${this.options.link.instanceHex}:${err.token}`)
    } catch (e) {
      this.warn('could not give a fenced-off lease back', e)
    }
    if (this.loaded.has(id)) this.loaded.set(id, null)
  }

  private async release(id: string): Promise<void> {
    const token = this.loaded.get(id)
    this.loaded.delete(id)
    if (token === null || token === undefined) return
    await this.options.link.commands.eval(RELEASE, 1, LEASE + id, `${this.options.link.instanceHex}:${token}`).catch(() => undefined)
  }

  private async renewAll(): Promise<void> {
    if (!this.options.link.ready) return
    await Promise.all([...this.loaded.keys()].map((id) => this.acquire(id)))
  }

  private warn(message: string, err: unknown): void {
    if (Date.now() - this.warnedAt < 60_000) return
    this.warnedAt = Date.now()
    this.options.log.warn(message, errorFields(err))
  }

  close(): void {
    clearInterval(this.timer)
  }
}

/** The document store as the registry sees it with leases on: everything passes, compaction only under the lease. */
class LeasedStore implements AgreementStore {
  /** The highest sequence number of another instance's append each loaded copy has applied. */
  private readonly heldFromPeers = new Map<string, number>()

  constructor(
    private readonly inner: AgreementStore,
    private readonly leases: CompactionLeases,
  ) {}

  compact(id: string, state: Uint8Array, upToSeq: number, canonical: { json: unknown; title: string } | null): Promise<void> {
    // The holder may be a copy that only reads: its own last append says nothing of what it holds from
    // the others. Read now, in the turn `state` was encoded in (everything applied so far is in it);
    // the engine still caps the compaction at what the copy holds without a gap.
    const upTo = Math.max(upToSeq, this.heldFromPeers.get(id) ?? 0)
    return this.compactUnderLease(id, state, upTo, canonical)
  }

  private async compactUnderLease(id: string, state: Uint8Array, upToSeq: number, canonical: { json: unknown; title: string } | null): Promise<void> {
    const token = await this.leases.acquire(id)
    if (token === null) return
    try {
      await runFenced(token, () => this.inner.compact(id, state, upToSeq, canonical))
    } catch (err) {
      if (err instanceof CompactionFencedError) return this.leases.fencedOff(id, err)
      throw err
    }
  }

  createAgreement(meta: AgreementMeta, initialState: Uint8Array, canonicalJson: unknown): Promise<void> {
    return this.inner.createAgreement(meta, initialState, canonicalJson)
  }
  listAgreements(): Promise<AgreementMeta[]> {
    return this.inner.listAgreements()
  }
  getAgreement(id: string): Promise<AgreementMeta | null> {
    return this.inner.getAgreement(id)
  }
  updateAgreement(id: string, patch: Partial<Pick<AgreementMeta, 'title' | 'municipality'>>): Promise<AgreementMeta | null> {
    return this.inner.updateAgreement(id, patch)
  }
  deleteAgreement(id: string): Promise<boolean> {
    this.heldFromPeers.delete(id)
    return this.inner.deleteAgreement(id)
  }
  loadState(id: string): Promise<StoredState> {
    // A new copy: what an earlier one held from peers says nothing about it.
    this.heldFromPeers.delete(id)
    return this.inner.loadState(id)
  }
  appendUpdate(id: string, update: Uint8Array): Promise<number> {
    return this.inner.appendUpdate(id, update)
  }

  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number[]> {
    return this.inner.appendUpdates(id, updates)
  }
  getCanonical(id: string): Promise<unknown | null> {
    return this.inner.getCanonical(id)
  }
  /** The copy of `id` is gone. */
  forget(id: string): void {
    this.heldFromPeers.delete(id)
  }

  markHeld(id: string, seq: number): void {
    if (seq > (this.heldFromPeers.get(id) ?? 0)) this.heldFromPeers.set(id, seq)
    this.inner.markHeld(id, seq)
  }
  ping(): Promise<void> {
    return this.inner.ping()
  }
  close(): Promise<void> {
    return this.inner.close()
  }
}
