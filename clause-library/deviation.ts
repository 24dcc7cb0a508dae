import { diffWords } from 'diff'
import type { Node as PMNode } from 'prosemirror-model'
import { buildClauseNode } from './clause-node.ts'
import type { ClauseLibrary } from './library.ts'
import { approvedMaskedText, hashMaskedText, maskedTextOfNode } from './masked-text.ts'
import { LANGS, type ClauseRecord, type Lang, type ParamValues } from './record.ts'

export type DeviationStatus = 'approved' | 'deviates' | 'unknown_clause' | 'update_available'

export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

export interface DeviationResult {
  status: DeviationStatus
  /** The language of the approved text the node was compared with. */
  lang?: Lang
  /** Approved wording → document wording, word by word, parameter values shown as `{name}`. */
  diff?: DiffPart[]
  /** Set whenever the library holds a newer version than the node's, also when the text deviates. */
  newerVersion?: number
}

/**
 * Compares a `clause` node with the approved wording it was inserted from. Only the wording counts:
 * text under a `param` mark is masked first, so filling in or changing a value stays "approved".
 */
export function detectDeviation(node: PMNode, library: ClauseLibrary): DeviationResult {
  const id: unknown = node.attrs.clauseId
  const latest = typeof id === 'string' ? library.get(id) : undefined
  if (!latest) return { status: 'unknown_clause' }
  const nodeVersion = typeof node.attrs.version === 'number' ? node.attrs.version : null
  // A document from a newer library than ours: we cannot vouch for wording we have never seen.
  if (nodeVersion !== null && nodeVersion > latest.version) return { status: 'unknown_clause' }

  const record = nodeVersion === null ? latest : library.get(latest.id, nodeVersion)
  const newerVersion = latest.version > (nodeVersion ?? latest.version) ? latest.version : undefined
  const current = maskedTextOfNode(node)
  const storedHash = typeof node.attrs.contentHash === 'string' ? node.attrs.contentHash : null
  const withNewer = newerVersion === undefined ? {} : { newerVersion }

  if (record) {
    const lang = LANGS.find((l) => approvedMaskedText(record, l) === current)
    if (lang) return { status: newerVersion === undefined ? 'approved' : 'update_available', lang, ...withNewer }
    const diffLang = closestLang(record, current, storedHash)
    return { status: 'deviates', lang: diffLang, diff: wordDiff(approvedMaskedText(record, diffLang), current), ...withNewer }
  }

  // The node's version was dropped from the library: its stored hash is the only record of that wording.
  if (storedHash !== null && hashMaskedText(current) === storedHash) {
    return { status: 'update_available', ...withNewer }
  }
  const diffLang = closestLang(latest, current, storedHash)
  return { status: 'deviates', lang: diffLang, diff: wordDiff(approvedMaskedText(latest, diffLang), current), ...withNewer }
}

/** The language the node was inserted in if its hash says so, otherwise the one it differs least from. */
function closestLang(record: ClauseRecord, current: string, storedHash: string | null): Lang {
  const byHash = LANGS.find((l) => hashMaskedText(approvedMaskedText(record, l)) === storedHash)
  if (byHash) return byHash
  const changed = (l: Lang) =>
    wordDiff(approvedMaskedText(record, l), current)
      .filter((p) => p.kind !== 'same')
      .reduce((sum, p) => sum + p.text.length, 0)
  return LANGS.reduce((best, l) => (changed(l) < changed(best) ? l : best))
}

function wordDiff(approved: string, current: string): DiffPart[] {
  return diffWords(approved, current).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }))
}

export interface RevertOptions {
  /** Defaults to the language the node was inserted in (by its hash), else the closest one. */
  lang?: Lang
  /** 'latest' also serves as "apply the update" when detectDeviation reports update_available. */
  version?: 'same' | 'latest'
}

/**
 * The approved wording for the node's current parameter values, keeping its uid so review status and
 * comments stay attached. Throws when the library cannot supply that wording.
 */
export function revertToApproved(node: PMNode, library: ClauseLibrary, options: RevertOptions = {}): PMNode {
  const id: unknown = node.attrs.clauseId
  const latest = typeof id === 'string' ? library.get(id) : undefined
  if (!latest) throw new Error(`clause ${String(id)} is not in the library`)
  const record = options.version === 'latest' ? latest : library.get(latest.id, node.attrs.version ?? latest.version)
  if (!record) throw new Error(`clause ${latest.id} version ${String(node.attrs.version)} is not in the library`)
  const storedHash = typeof node.attrs.contentHash === 'string' ? node.attrs.contentHash : null
  const lang = options.lang ?? closestLang(record, maskedTextOfNode(node), storedHash)
  const params = (node.attrs.params ?? {}) as ParamValues
  return buildClauseNode(record, params, lang, node.attrs.uid)
}
