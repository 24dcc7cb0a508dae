import type { Node as PMNode } from 'prosemirror-model'
import type { Evidence } from '../../schema/validator/types.ts'

/** Where a criterion's quoted words stand in the document: pure, so it is tested against every draft in Node. */

/** Document position of a character offset inside a textblock's text (inline leaves count as zero characters). */
function posAt(block: PMNode, blockPos: number, offset: number): number {
  let pos = blockPos + 1
  let left = offset
  for (let i = 0; i < block.childCount; i++) {
    const child = block.child(i)
    const len = child.isText ? child.text!.length : 0
    if (left <= len && child.isText) return pos + left
    left -= len
    pos += child.nodeSize
  }
  return pos
}

/**
 * Selects the quoted words in the current document: first in the top-level node the report named, then
 * anywhere (the text may have moved since the run). A quote cut short ("…") matches by its start; a
 * table row's quote, spread over cells, falls back to the block holding its first words.
 */
export function findQuote(doc: PMNode, evidence: Evidence): { from: number; to: number } | null {
  const quote = evidence.quote.replace(/…$/, '').trim()
  if (!quote) return null
  // A table row is quoted as its cells joined by " | ": its first cell finds the row.
  const firstCell = quote.split(' | ')[0]!.trim()
  const probes = [...new Set([quote, quote.slice(0, 40), firstCell.slice(0, 40)])].filter((p) => p.length >= 3)
  const search = (root: PMNode, offset: number): { from: number; to: number } | null => {
    for (const probe of probes) {
      let found: { from: number; to: number } | null = null
      root.descendants((node, pos) => {
        if (found) return false
        if (!node.isTextblock) return true
        const at = node.textContent.indexOf(probe)
        if (at >= 0) {
          const start = offset + pos
          found = { from: posAt(node, start, at), to: posAt(node, start, at + (probe === quote ? quote.length : node.textContent.length - at)) }
        }
        return false
      })
      if (found) return found
    }
    return null
  }
  const top = evidence.top >= 0 && evidence.top < doc.content.size ? doc.nodeAt(evidence.top) : null
  if (top && !top.isText) {
    const hit = top.isTextblock ? search(wrap(top), evidence.top) : search(top, evidence.top + 1)
    if (hit) return hit
  }
  return search(doc, 0)
}

/** `descendants` visits children only; a textblock at the top is searched through a one-child stand-in. */
function wrap(node: PMNode): PMNode {
  return node.type.schema.topNodeType.create(null, node)
}
