/**
 * The storage contract every engine implements (SQLite now; others later behind the same interface).
 * Asynchronous so that a networked engine fits; the SQLite engine resolves at once.
 */
export type Lang = 'sv' | 'en'

export interface AgreementMeta {
  id: string
  title: string
  municipality: string
  lang: Lang
  createdAt: string
  updatedAt: string
}

export interface StoredState {
  /** Compacted Yjs state, or null for an agreement whose updates were never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, in append order. */
  updates: { seq: number; update: Uint8Array }[]
}

export interface AgreementStore {
  /** Creates the agreement with its seeded Yjs state and canonical JSON in one transaction. */
  createAgreement(meta: AgreementMeta, initialState: Uint8Array, canonicalJson: unknown): Promise<void>
  listAgreements(): Promise<AgreementMeta[]>
  getAgreement(id: string): Promise<AgreementMeta | null>
  updateAgreement(id: string, patch: Partial<Pick<AgreementMeta, 'title' | 'municipality'>>): Promise<AgreementMeta | null>
  deleteAgreement(id: string): Promise<boolean>

  loadState(id: string): Promise<StoredState>
  /** Durably appends one update; resolves with its sequence number only once it is stored. */
  appendUpdate(id: string, update: Uint8Array): Promise<number>
  /**
   * Durably appends several updates of one agreement in this order, in one commit where the engine
   * can; resolves with their sequence numbers (ascending, in the same order) once all are stored.
   */
  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number[]>
  /**
   * Replaces the snapshot and the updates up to `upToSeq` with `state`, atomically. The engine covers
   * less when the loaded copy is not known to hold every update up to `upToSeq` (another writer's, or
   * one a dropped copy finished late), so an update missing from `state` always stays in the tail; it
   * never replaces a snapshot that covers more.
   */
  compact(id: string, state: Uint8Array, upToSeq: number, canonical: { json: unknown; title: string } | null): Promise<void>
  getCanonical(id: string): Promise<unknown | null>
  /**
   * The loaded copy of `id` now holds stored update `seq` too (applied from a peer instance), so a
   * compaction may cover it. Appends and the loaded tail are recorded by the engine itself.
   */
  markHeld(id: string, seq: number): void

  /** Resolves when the engine answers a trivial query (the health check); rejects otherwise. */
  ping(): Promise<void>
  close(): Promise<void>
}
