import { builtinLibrary, clauseRecordSchema, createLibrary, type ClauseLibrary, type ClauseRecord } from '../../clause-library/index.ts'
import { request } from '../api.ts'

interface OrganisationOrigin {
  kind: 'organisation'
  orgName: string
}

interface SearchAnswer {
  hits: { clause: unknown; origin: { kind: string; orgName?: string } }[]
}

/**
 * The clauses the editor offers and compares against: the built-in library, which ships in the bundle
 * so inserting and deviation badges work offline, plus the approved clauses of the person's
 * organisations once the server has answered (GET /api/clauses). Only their newest approved version is
 * known here; a clause inserted from an older version is then compared by its stored hash.
 */
export class EditorClauses {
  private current: ClauseLibrary = builtinLibrary()
  private readonly owners = new Map<string, string>()
  private readonly listeners = new Set<() => void>()

  library(): ClauseLibrary {
    return this.current
  }

  /** The organisation's name for one of its clauses; null for a built-in clause. */
  ownerOf(id: string): string | null {
    return this.owners.get(id) ?? null
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Fetches the organisations' clauses; the built-in library stays in use if that fails (offline). */
  async load(): Promise<void> {
    let answer: SearchAnswer
    try {
      answer = await request<SearchAnswer>('GET', '/api/clauses?status=approved&limit=200')
    } catch {
      return
    }
    const own: ClauseRecord[] = []
    for (const hit of answer.hits) {
      if (hit.origin.kind !== 'organisation') continue
      // Checked with the library's own schema: the editor must never build a node from a bad record.
      const parsed = clauseRecordSchema.safeParse(hit.clause)
      if (!parsed.success) continue
      own.push(parsed.data)
      this.owners.set(parsed.data.id, (hit.origin as OrganisationOrigin).orgName ?? '')
    }
    if (own.length === 0) return
    try {
      this.current = createLibrary([...builtinLibrary().records, ...own])
    } catch {
      return
    }
    for (const listener of this.listeners) listener()
  }
}
