import type { Node as PMNode } from 'prosemirror-model'
import { styleOf, type InlinePiece, type Revision, type RunStyle } from './docx-runs.ts'

/**
 * Open suggestions as Word revisions. A suggestion can start or end inside a text node, so a
 * paragraph's inline content is cut at suggestion boundaries into pieces: plain text, deleted text
 * (w:del of the original) and inserted text (w:ins of the proposal, placed right after what it
 * replaces). Only what the export needs of a placed suggestion is named here, so this module does not
 * depend on how suggestions are stored.
 */
export interface TrackedSuggestion {
  text: string
  originalText: string
  authorName: string
  createdAt: string
  /** Indices into the `content` arrays from the document down to the textblock. */
  blockPath: readonly number[]
  /** Offsets inside the textblock's content (a character or an inline node counts 1). */
  fromOffset: number
  toOffset: number
}

/** Answers, for a textblock of the body, its pieces when suggestions touch it. */
export type PiecesOf = (block: PMNode, extra: RunStyle) => InlinePiece[] | undefined

/**
 * The pieces function for a whole document. Revision ids are handed out in the order blocks are
 * written, so they stay unique within the document as Word requires.
 */
export function trackedChanges(doc: PMNode, suggestions: readonly TrackedSuggestion[]): PiecesOf {
  const byBlock = new Map<PMNode, TrackedSuggestion[]>()
  for (const s of suggestions) {
    const block = nodeAt(doc, s.blockPath)
    if (!block?.isTextblock) continue
    const list = byBlock.get(block) ?? []
    list.push(s)
    byBlock.set(block, list)
  }
  let id = 0
  const nextId = () => ++id
  return (block, extra) => {
    const list = byBlock.get(block)
    return list ? splitAtSuggestions(block, list, nextId, extra) : undefined
  }
}

function nodeAt(doc: PMNode, path: readonly number[]): PMNode | null {
  let node: PMNode = doc
  for (const index of path) {
    if (!Number.isInteger(index) || index < 0 || index >= node.childCount) return null
    node = node.child(index)
  }
  return node
}

/** Word's w:date is an xsd:dateTime; seconds precision is what Word itself writes. */
export function wordDate(iso: string): string {
  const date = new Date(iso)
  return `${(Number.isNaN(date.getTime()) ? new Date(0) : date).toISOString().slice(0, 19)}Z`
}

/**
 * Cuts a textblock's inline content at the boundaries of its suggestions. A suggestion is left out
 * (its text stays plain) when its offsets do not fit the block, when the block no longer reads its
 * original text there (the content changed between reading it and placing the suggestions), or when
 * it overlaps one already taken: Word cannot delete the same characters twice.
 */
export function splitAtSuggestions(block: PMNode, suggestions: readonly TrackedSuggestion[], nextId: () => number, extra: RunStyle = {}): InlinePiece[] {
  const size = block.content.size
  const taken: TrackedSuggestion[] = []
  const sorted = [...suggestions].sort((a, b) => a.fromOffset - b.fromOffset || a.toOffset - b.toOffset || a.createdAt.localeCompare(b.createdAt))
  for (const s of sorted) {
    if (!Number.isInteger(s.fromOffset) || !Number.isInteger(s.toOffset) || s.fromOffset < 0 || s.toOffset < s.fromOffset || s.toOffset > size) continue
    if (block.textBetween(s.fromOffset, s.toOffset) !== s.originalText) continue
    if (s.fromOffset === s.toOffset && s.text === '') continue
    // Strict overlap of deleted ranges, or an insertion point strictly inside a deleted range.
    if (!taken.some((t) => clash(s, t))) taken.push(s)
  }

  // Every w:ins / w:del needs its own id, also the pieces of one deletion split by formatting (as
  // Word itself writes them): the ids of revision marks must be unique in the document.
  const revision = (s: TrackedSuggestion, kind: Revision['kind']): Revision => ({ kind, id: nextId(), author: s.authorName, date: wordDate(s.createdAt) })
  const pieces: InlinePiece[] = []
  let pendingBreak = false
  const push = (text: string, style: RunStyle, rev?: Revision) => {
    if (text === '') return
    pieces.push({ text, style: { ...extra, ...style }, ...(rev ? { revision: rev } : {}), ...(pendingBreak ? { breakBefore: true } : {}) })
    pendingBreak = false
  }

  // Where each proposal is written: an insertion at its point, a replacement right after the deleted
  // original (Word's own order for typing over a selection).
  const inserts = taken.filter((s) => s.text !== '').map((s) => ({ at: s.toOffset, s }))
  const deletions = taken.filter((s) => s.fromOffset < s.toOffset)
  const deletionAt = (offset: number) => deletions.find((d) => d.fromOffset <= offset && offset < d.toOffset)
  // The style of the proposed text: that of the first replaced character, or of the character before
  // an insertion (after it at the very start).
  const styleAt = (offset: number): RunStyle => {
    let found: RunStyle | undefined
    let first: RunStyle | undefined
    block.forEach((child, pos) => {
      if (!child.isText) return
      const style = styleOf(child.marks)
      first ??= style
      if (pos <= offset && offset < pos + child.nodeSize) found = style
    })
    return found ?? first ?? {}
  }
  const flushInserts = (offset: number) => {
    for (const { at, s } of inserts) {
      if (at !== offset) continue
      const style = s.fromOffset < s.toOffset ? styleAt(s.fromOffset) : styleAt(Math.max(0, s.fromOffset - 1))
      push(s.text, style, revision(s, 'insert'))
    }
  }
  const cuts = new Set<number>()
  for (const s of taken) {
    cuts.add(s.fromOffset)
    cuts.add(s.toOffset)
  }

  block.forEach((child, pos) => {
    flushInserts(pos)
    if (child.type.name === 'hard_break') {
      if (pendingBreak) pieces.push({ text: '', style: { ...extra }, breakBefore: true })
      pendingBreak = true
      return
    }
    if (!child.isText || !child.text) return
    const style = styleOf(child.marks)
    const end = pos + child.nodeSize
    let start = pos
    const inner = [...cuts].filter((c) => c > pos && c < end).sort((a, b) => a - b)
    for (const cut of [...inner, end]) {
      const deletion = deletionAt(start)
      push(child.text.slice(start - pos, cut - pos), style, deletion ? revision(deletion, 'delete') : undefined)
      if (cut < end) flushInserts(cut)
      start = cut
    }
  })
  flushInserts(size)
  if (pendingBreak) pieces.push({ text: '', style: { ...extra }, breakBefore: true })
  return pieces
}

/** Two deletions of the same characters, or an insertion point strictly inside a deleted range. */
function clash(a: TrackedSuggestion, b: TrackedSuggestion): boolean {
  const inside = (point: number, r: TrackedSuggestion) => r.fromOffset < point && point < r.toOffset
  if (a.fromOffset === a.toOffset) return inside(a.fromOffset, b)
  if (b.fromOffset === b.toOffset) return inside(b.fromOffset, a)
  return a.fromOffset < b.toOffset && b.fromOffset < a.toOffset
}
