import { Mapping } from 'prosemirror-transform'
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'
import { uidNodes } from './section-facts.ts'

export const uniqueUidsKey = new PluginKey('uniqueUids')

/**
 * A uid derived from `base` and a counter: the same on every replica that sees the same document, so
 * replicas that resolve the same duplicate concurrently write the same value and Yjs has nothing to
 * choose between. 128 bits from four FNV-1a rounds, printed like a UUID.
 */
export function derivedUid(base: string, n: number): string {
  const input = `${base}#${n}`
  let hex = ''
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ (round * 0x9e3779b9)
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h ^= h >>> 15
    h = Math.imul(h, 0x2c1b3c6d)
    h ^= h >>> 12
    hex += (h >>> 0).toString(16).padStart(8, '0')
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/**
 * Keeps section and clause uids unique and present, whatever produced the duplicate: a paste of a
 * copied section, a split that copies attributes, two people inserting concurrently. Review status and
 * comments key on uids, so the node that had the uid keeps it and the newcomer gets a new one:
 * - after a local edit (appendTransaction, same undo step), the node the old one maps to keeps its
 *   uid: a section pasted above its source does not take the source's identity;
 * - after a remote change (y-prosemirror replaces the whole doc, so positions say nothing), the first
 *   in document order keeps it, which every replica decides alike; the fix is dispatched right after,
 *   as a local change, because y-prosemirror does not write changes made while it applies remote ones.
 * Sections and clauses without a uid get one, derived the same way. A read-only editor's fix is
 * vetoed by its guard; a writer's reaches everyone.
 */
export function uniqueUids(): Plugin {
  return new Plugin({
    key: uniqueUidsKey,
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged)) return null
      if (transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined)) return null
      return reissueDuplicates(newState.tr, { transactions, oldDoc: oldState.doc })
    },
    view() {
      let alive = true
      let scheduled = false
      return {
        update(view, prevState) {
          if (view.state.doc === prevState.doc || scheduled) return
          scheduled = true
          queueMicrotask(() => {
            scheduled = false
            if (!alive) return
            const tr = reissueDuplicates(view.state.tr, null)
            // Not an undo step of whoever happens to hold this replica.
            if (tr) view.dispatch(tr.setMeta('addToHistory', false))
          })
        },
        destroy() {
          alive = false
        },
      }
    },
  })
}

/** Re-issues duplicate or missing uids in `tr.doc`; returns `tr` with the changes, or null if none were needed. */
export function reissueDuplicates(tr: Transaction, local: { transactions: readonly Transaction[]; oldDoc: Transaction['doc'] } | null): Transaction | null {
  const nodes = uidNodes(tr.doc)
  const groups = new Map<string, number[]>()
  const missing: number[] = []
  nodes.forEach((entry, index) => {
    if (entry.uid === null) {
      missing.push(index)
      return
    }
    const group = groups.get(entry.uid)
    if (group) group.push(index)
    else groups.set(entry.uid, [index])
  })
  const duplicated = [...groups.values()].filter((g) => g.length > 1)
  if (duplicated.length === 0 && missing.length === 0) return null

  let keeperPos: Map<string, number> | null = null
  if (local) {
    const mapping = new Mapping(local.transactions.flatMap((t) => t.mapping.maps))
    keeperPos = new Map()
    for (const entry of uidNodes(local.oldDoc)) {
      if (entry.uid === null || keeperPos.has(entry.uid)) continue
      const mapped = mapping.mapResult(entry.pos, 1)
      if (!mapped.deleted) keeperPos.set(entry.uid, mapped.pos)
    }
  }

  const taken = new Set(groups.keys())
  const fresh = (base: string): string => {
    for (let n = 1; ; n++) {
      const candidate = derivedUid(base, n)
      if (!taken.has(candidate)) {
        taken.add(candidate)
        return candidate
      }
    }
  }
  const changes: { pos: number; uid: string }[] = []
  for (const group of duplicated) {
    const uid = nodes[group[0]!]!.uid!
    const wanted = keeperPos?.get(uid)
    const keeper = group.find((i) => nodes[i]!.pos === wanted) ?? group[0]!
    for (const index of group) if (index !== keeper) changes.push({ pos: nodes[index]!.pos, uid: fresh(uid) })
  }
  for (const index of missing) {
    const node = nodes[index]!
    changes.push({ pos: node.pos, uid: fresh(`${node.node.type.name}:${String(node.node.attrs.kind ?? node.node.attrs.clauseId ?? '')}:${index}`) })
  }
  for (const { pos, uid } of changes) tr.setNodeAttribute(pos, 'uid', uid)
  return tr.setMeta(uniqueUidsKey, true)
}
