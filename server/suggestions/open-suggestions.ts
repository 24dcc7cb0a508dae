import * as Y from 'yjs'
import { schema } from '../../schema/schema.ts'
import { YJS_ROOT } from '../../schema/version.ts'
import type { Suggestion, SuggestionKind } from '../../schema/suggestion-types.ts'
import { rangeText, resolveRange, type ResolvedRange } from './yjs-range.ts'

/**
 * An open suggestion placed in the agreement's current content, for renderers outside the editor
 * (the Word export writes each as a tracked change: w:del of `originalText`, w:ins of `text`).
 */
export interface PlacedSuggestion {
  id: string
  kind: SuggestionKind
  /** Proposed text ('' for a deletion). */
  text: string
  /** The text it replaces or deletes, as it reads now and as it read when the suggestion was made. */
  originalText: string
  authorId: string
  authorName: string
  authorParty: string | null
  createdAt: string
  /**
   * Indices into the `content` arrays of the canonical ProseMirror JSON, from the document down to the
   * textblock (paragraph, heading) holding the range: `[2, 0, 1]` is content[2].content[0].content[1].
   */
  blockPath: number[]
  /** Offsets inside that textblock's content: a character counts 1, an inline node (line break) 1. */
  fromOffset: number
  toOffset: number
  /** The same range as absolute ProseMirror positions in the canonical document. */
  from: number
  to: number
}

/**
 * The open suggestions that can still be applied as made, in document order. Suggestions whose text
 * changed since (outdated) or whose text is gone are left out: they can only be rejected, and a
 * tracked change built from them would delete words the suggester never saw.
 */
export function placeOpenSuggestions(doc: Y.Doc, suggestions: readonly Suggestion[]): PlacedSuggestion[] {
  const placed: PlacedSuggestion[] = []
  for (const s of suggestions) {
    if (s.status !== 'open') continue
    const range = resolveRange(doc, s.anchor)
    if (!range || rangeText(range) !== s.originalText) continue
    const where = locate(doc, range)
    if (!where) continue
    placed.push({
      id: s.id,
      kind: s.kind,
      text: s.text,
      originalText: s.originalText,
      authorId: s.authorId,
      authorName: s.authorName,
      authorParty: s.authorParty,
      createdAt: s.createdAt,
      ...where,
    })
  }
  return placed.sort((a, b) => a.from - b.from || a.to - b.to || a.createdAt.localeCompare(b.createdAt))
}

type YNode = Y.XmlElement | Y.XmlText

/** The textblock path, offsets inside it and absolute positions of a resolved range. */
export function locate(doc: Y.Doc, range: ResolvedRange): Pick<PlacedSuggestion, 'blockPath' | 'fromOffset' | 'toOffset' | 'from' | 'to'> | null {
  const root = doc.getXmlFragment(YJS_ROOT)
  let block: Y.XmlElement
  let base = 0
  if (range.type instanceof Y.XmlText) {
    const parent = range.type.parent
    if (!(parent instanceof Y.XmlElement)) return null
    block = parent
    for (const sibling of parent.toArray() as YNode[]) {
      if (sibling === range.type) break
      base += nodeSize(sibling)
    }
  } else {
    block = range.type
  }
  // Walk up to the root, collecting the index of each element in its parent and the position where
  // its content starts.
  const path: number[] = []
  let contentStart = 0
  let node: Y.XmlElement = block
  for (;;) {
    const parent = node.parent
    if (!(parent instanceof Y.XmlElement) && parent !== root) return null
    const siblings = (parent as Y.XmlElement | Y.XmlFragment).toArray() as YNode[]
    const index = siblings.indexOf(node)
    if (index < 0) return null
    path.unshift(index)
    contentStart += 1 + siblings.slice(0, index).reduce((sum, s) => sum + nodeSize(s), 0)
    if (parent === root) break
    node = parent as Y.XmlElement
  }
  // One opening token per level plus the sizes of the earlier siblings at every level: exactly
  // ProseMirror's position of the block's content start.
  return { blockPath: path, fromOffset: base + range.from, toOffset: base + range.to, from: contentStart + base + range.from, to: contentStart + base + range.to }
}

function nodeSize(node: YNode): number {
  if (node instanceof Y.XmlText) return node.length
  if (schema.nodes[node.nodeName]?.isLeaf) return 1
  return 2 + (node.toArray() as YNode[]).reduce((sum, child) => sum + nodeSize(child), 0)
}
