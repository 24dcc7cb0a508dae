import type { ClauseRecord } from './record.ts'

/**
 * A loaded set of clauses. An id may exist in several versions, so that a document inserted from an
 * older version can still be compared with the exact text it was inserted from.
 */
export interface ClauseLibrary {
  /** Every record, sorted by id and then version. */
  readonly records: readonly ClauseRecord[]
  /** The newest version of each id, sorted by id. */
  readonly latest: readonly ClauseRecord[]
  /** A given version, or the newest one when `version` is omitted. */
  get(id: string, version?: number | null): ClauseRecord | undefined
  has(id: string): boolean
}

export function createLibrary(records: readonly ClauseRecord[]): ClauseLibrary {
  const sorted = [...records].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1))
  const byId = new Map<string, ClauseRecord[]>()
  for (const r of sorted) {
    const versions = byId.get(r.id) ?? []
    if (versions.some((v) => v.version === r.version)) throw new Error(`duplicate clause ${r.id} version ${r.version}`)
    versions.push(r)
    byId.set(r.id, versions)
  }
  const latest = [...byId.values()].map((v) => v[v.length - 1]!)
  return {
    records: sorted,
    latest,
    get(id, version) {
      const versions = byId.get(id)
      if (!versions) return undefined
      if (version === undefined || version === null) return versions[versions.length - 1]
      return versions.find((v) => v.version === version)
    },
    has: (id) => byId.has(id),
  }
}
