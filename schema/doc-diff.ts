import { diffArrays, diffWords } from 'diff'

export interface DiffPart {
  text: string
  kind: 'same' | 'added' | 'removed'
}

export interface DiffBlock {
  kind: 'same' | 'added' | 'removed' | 'changed'
  parts: DiffPart[]
}

interface JsonNode {
  type?: string
  text?: string
  content?: JsonNode[]
}

const TEXTBLOCKS = new Set(['title', 'paragraph', 'heading'])

/** The text of every textblock, one entry per block, in document order. */
export function documentBlocks(doc: unknown): string[] {
  const blocks: string[] = []
  const visit = (node: JsonNode) => {
    if (node.type && TEXTBLOCKS.has(node.type)) {
      blocks.push((node.content ?? []).map((child) => child.text ?? (child.type === 'hard_break' ? '\n' : '')).join(''))
      return
    }
    for (const child of node.content ?? []) visit(child)
  }
  visit(doc as JsonNode)
  return blocks
}

/**
 * Differences between two versions of an agreement: blocks first (so a 50-page document stays fast),
 * then words inside a removed block that is directly replaced by an added one.
 */
export function diffDocuments(before: unknown, after: unknown): DiffBlock[] {
  const result: DiffBlock[] = []
  const changes = diffArrays(documentBlocks(before), documentBlocks(after))
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!
    const next = changes[i + 1]
    if (change.removed && next?.added) {
      const pairs = Math.min(change.value.length, next.value.length)
      for (let k = 0; k < pairs; k++) result.push({ kind: 'changed', parts: wordDiff(change.value[k]!, next.value[k]!) })
      for (const text of change.value.slice(pairs)) result.push({ kind: 'removed', parts: [{ text, kind: 'removed' }] })
      for (const text of next.value.slice(pairs)) result.push({ kind: 'added', parts: [{ text, kind: 'added' }] })
      i++
      continue
    }
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    for (const text of change.value) result.push({ kind, parts: [{ text, kind }] })
  }
  return result
}

function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((part) => ({ text: part.value, kind: part.added ? 'added' : part.removed ? 'removed' : 'same' }))
}
