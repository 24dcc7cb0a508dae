import * as Y from 'yjs'
import { YJS_ROOT } from '../../schema/version.ts'

/**
 * Where a suggestion's anchors are in the agreement's Y.Doc now, and the one edit that applies it.
 *
 * A suggestion covers characters of one text run: a Y.XmlText (the inline text of a paragraph or
 * heading; y-prosemirror keeps marks as formatting attributes on it), or an empty textblock element
 * for an insertion into an empty paragraph. Anything else (across a line break, across blocks) is
 * refused when the suggestion is made, so accepting it is always one delete plus one insert.
 */
export interface ResolvedRange {
  type: Y.XmlText | Y.XmlElement
  from: number
  to: number
}

/** Decodes a base64 relative position; null unless it is exactly what Yjs encodes (no trailing bytes). */
export function decodeAnchor(b64: string): Y.RelativePosition | null {
  try {
    const bytes = Buffer.from(b64, 'base64')
    const decoded = Y.decodeRelativePosition(bytes)
    return Buffer.from(Y.encodeRelativePosition(decoded)).equals(bytes) ? decoded : null
  } catch {
    return null
  }
}

/** The live range of an anchor, or null when its text or block is gone or it does not fit one text run. */
export function resolveRange(doc: Y.Doc, anchor: { start: string; end: string }): ResolvedRange | null {
  const startRel = decodeAnchor(anchor.start)
  const endRel = anchor.end === anchor.start ? startRel : decodeAnchor(anchor.end)
  if (!startRel || !endRel) return null
  let start: Y.AbsolutePosition | null
  let end: Y.AbsolutePosition | null
  try {
    start = Y.createAbsolutePositionFromRelativePosition(startRel, doc)
    end = endRel === startRel ? start : Y.createAbsolutePositionFromRelativePosition(endRel, doc)
  } catch {
    return null
  }
  if (!start || !end || start.type !== end.type || start.index > end.index) return null
  const type = start.type
  if (!isLive(doc, type)) return null
  if (type instanceof Y.XmlText) return { type, from: start.index, to: end.index }
  // An empty textblock: only an insertion can point into it.
  if (type instanceof Y.XmlElement && type.length === 0 && start.index === 0 && end.index === 0) return { type, from: 0, to: 0 }
  return null
}

/** Whether the type is still part of the agreement's body (neither it nor any ancestor was deleted). */
function isLive(doc: Y.Doc, type: Y.AbstractType<unknown>): boolean {
  const root = doc.getXmlFragment(YJS_ROOT)
  let current: Y.AbstractType<unknown> = type
  while (current._item) {
    if (current._item.deleted) return false
    current = current._item.parent as Y.AbstractType<unknown>
  }
  return current === root
}

interface DeltaOp {
  insert: unknown
  attributes?: Record<string, unknown>
}

/** The plain characters of the range (formatting ignored). */
export function rangeText(range: ResolvedRange): string {
  if (!(range.type instanceof Y.XmlText)) return ''
  return plainText(range.type).slice(range.from, range.to)
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('')
}

/** The formatting attributes (ProseMirror marks) of the character at `index`, if any. */
function attributesAt(text: Y.XmlText, index: number): Record<string, unknown> | null {
  if (index < 0) return null
  let at = 0
  for (const op of text.toDelta() as DeltaOp[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    if (index < at + length) return op.attributes ?? {}
    at += length
  }
  return null
}

/**
 * Marks the proposed text takes: those of the first replaced character, as typing over a selection
 * would; for an insertion those of the character before, minus a clause parameter's mark unless the
 * insertion lies inside that parameter (the mark is not inclusive in the schema).
 */
function marksFor(text: Y.XmlText, from: number, to: number): Record<string, unknown> {
  if (to > from) return { ...(attributesAt(text, from) ?? {}) }
  const before = { ...(attributesAt(text, from - 1) ?? {}) }
  const after = attributesAt(text, from) ?? {}
  if ('param' in before && JSON.stringify(before.param) !== JSON.stringify(after.param)) delete before.param
  return before
}

/** Anchors for `length` characters from `from` in the range's text run, as the browser encodes them. */
export function anchorsFor(range: ResolvedRange, from: number, length: number): { start: string; end: string } {
  const encode = (index: number): string => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(range.type, index))).toString('base64')
  const start = encode(from)
  return { start, end: length === 0 ? start : encode(from + length) }
}

/**
 * Replaces the range with `insert` in one Yjs transaction, so every replica sees the accepted wording
 * as one change. Unset marks are passed as null so the new text does not inherit them from its left.
 */
export function applyToRange(doc: Y.Doc, range: ResolvedRange, insert: string, origin: unknown): ResolvedRange {
  doc.transact(() => {
    if (range.type instanceof Y.XmlText) {
      const text = range.type
      const marks = marksFor(text, range.from, range.to)
      if (range.to > range.from) text.delete(range.from, range.to - range.from)
      if (insert) {
        const all: Record<string, unknown> = {}
        for (const [key] of Object.entries(attributesAt(text, range.from - 1) ?? {})) all[key] = null
        text.insert(range.from, insert, { ...all, ...marks })
      }
    } else if (insert) {
      range.type.insert(0, [new Y.XmlText(insert)])
    }
  }, origin)
  // Where the new text is now: in an empty block, the text run just created.
  const type = range.type instanceof Y.XmlElement && insert ? (range.type.get(0) as Y.XmlText) : range.type
  return { type, from: range.from, to: range.from + insert.length }
}

/** The section and library clause a range lies in, for the audit trail and for grouping. */
export function enclosingBlocks(range: ResolvedRange): { sectionUid: string | null; sectionKind: string | null; clauseId: string | null; clauseUid: string | null } {
  const found = { sectionUid: null as string | null, sectionKind: null as string | null, clauseId: null as string | null, clauseUid: null as string | null }
  // biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any walks text and elements alike
  let node: Y.AbstractType<any> | null = range.type
  while (node) {
    if (node instanceof Y.XmlElement) {
      if (node.nodeName === 'section' && found.sectionUid === null) {
        found.sectionUid = stringAttr(node, 'uid')
        found.sectionKind = stringAttr(node, 'kind')
      }
      if (node.nodeName === 'clause' && found.clauseId === null) {
        found.clauseId = stringAttr(node, 'clauseId')
        found.clauseUid = stringAttr(node, 'uid')
      }
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above
    node = node._item ? (node._item.parent as Y.AbstractType<any>) : null
  }
  return found
}

function stringAttr(element: Y.XmlElement, name: string): string | null {
  const value: unknown = element.getAttribute(name)
  return typeof value === 'string' ? value : null
}
