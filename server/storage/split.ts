import type { AgreementMeta, AgreementStore, StoredState } from './store.ts'
import type { SqliteStore } from './sqlite.ts'

/**
 * Documents in PostgreSQL while accounts, members, review and the library still live in the SQLite
 * file (their repositories are synchronous better-sqlite3 code until they move to the async storage
 * layer). Those tables refer to `agreements(id)`, so each agreement also keeps a bare row there: made
 * after the PostgreSQL row, removed before it, so a reference never points at nothing.
 *
 * This is a step, not a multi-instance deployment: each instance still has its own SQLite file for
 * accounts and members.
 */
export class SplitStore implements AgreementStore {
  constructor(
    private readonly documents: AgreementStore,
    private readonly local: SqliteStore,
  ) {}

  async createAgreement(meta: AgreementMeta, initialState: Uint8Array, canonicalJson: unknown): Promise<void> {
    await this.documents.createAgreement(meta, initialState, canonicalJson)
    try {
      this.local.mirrorAgreement(meta)
    } catch (err) {
      await this.documents.deleteAgreement(meta.id).catch(() => undefined)
      throw err
    }
  }

  listAgreements(): Promise<AgreementMeta[]> {
    return this.documents.listAgreements()
  }

  getAgreement(id: string): Promise<AgreementMeta | null> {
    return this.documents.getAgreement(id)
  }

  updateAgreement(id: string, patch: Partial<Pick<AgreementMeta, 'title' | 'municipality'>>): Promise<AgreementMeta | null> {
    return this.documents.updateAgreement(id, patch)
  }

  async deleteAgreement(id: string): Promise<boolean> {
    await this.local.deleteAgreement(id)
    return this.documents.deleteAgreement(id)
  }

  loadState(id: string): Promise<StoredState> {
    return this.documents.loadState(id)
  }

  appendUpdate(id: string, update: Uint8Array): Promise<number> {
    return this.documents.appendUpdate(id, update)
  }

  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<number[]> {
    return this.documents.appendUpdates(id, updates)
  }

  compact(id: string, state: Uint8Array, upToSeq: number, canonical: { json: unknown; title: string } | null): Promise<void> {
    return this.documents.compact(id, state, upToSeq, canonical)
  }

  getCanonical(id: string): Promise<unknown | null> {
    return this.documents.getCanonical(id)
  }

  markHeld(id: string, seq: number): void {
    this.documents.markHeld(id, seq)
  }

  async ping(): Promise<void> {
    await Promise.all([this.documents.ping(), this.local.ping()])
  }

  /** Closes the PostgreSQL side only; the SQLite store belongs to whoever opened it. */
  close(): Promise<void> {
    return this.documents.close()
  }
}

/** The document store the configuration asks for: the SQLite store itself, or PostgreSQL beside it. */
export async function documentStoreFor(databaseUrl: string | null, local: SqliteStore): Promise<AgreementStore> {
  if (!databaseUrl) return local
  // Loaded only when asked for: pg and kysely cost the embedded default half a second of CPU at start.
  const { openPostgresStore } = await import('./postgres.ts')
  return new SplitStore(await openPostgresStore(databaseUrl), local)
}
