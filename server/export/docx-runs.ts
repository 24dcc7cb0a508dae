import { DeletedTextRun, InsertedTextRun, TextRun, type ParagraphChild } from 'docx'
import type { Mark, Node as PMNode } from 'prosemirror-model'

/**
 * The one place where text of the agreement becomes Word runs. Every inline piece of the export goes
 * through `inlineRun`, so a later feature can mark a piece as a tracked change (Word's w:ins / w:del
 * with author and date) by answering `RevisionOf` for it: nothing else in the builder has to change.
 */

/** A tracked change as Word shows it: who, when, inserted or deleted. */
export interface Revision {
  kind: 'insert' | 'delete'
  /** Unique within the document; Word pairs ids with their revision marks. */
  id: number
  author: string
  /** ISO 8601. */
  date: string
}

export interface RunStyle {
  bold?: boolean
  italics?: boolean
}

/**
 * Asked for every text node of the body: the revision it belongs to, or undefined for plain text.
 * The export of today passes none; suggested changes will pass one that reads their marks.
 */
export type RevisionOf = (text: PMNode, parent: PMNode) => Revision | undefined

/**
 * A piece of a paragraph already cut where tracked changes begin and end (a suggestion can start or
 * end inside a text node, so whole nodes cannot be marked): text, style, and optionally its revision.
 */
export interface InlinePiece {
  text: string
  style: RunStyle
  revision?: Revision
  /** A line break (hard_break) comes before the text. */
  breakBefore?: boolean
}

/** Runs from pre-cut pieces. */
export function pieceRuns(pieces: readonly InlinePiece[]): ParagraphChild[] {
  return pieces.map((p) => inlineRun(p.text, p.style, p.revision, p.breakBefore === true))
}

/** One piece of text with its style, optionally wrapped as a tracked insertion or deletion. */
export function inlineRun(text: string, style: RunStyle = {}, revision?: Revision, breakBefore = false): ParagraphChild {
  const options = { text, ...(style.bold ? { bold: true } : {}), ...(style.italics ? { italics: true } : {}), ...(breakBefore ? { break: 1 } : {}) }
  if (!revision) return new TextRun(options)
  const change = { id: revision.id, author: revision.author, date: revision.date }
  return revision.kind === 'insert' ? new InsertedTextRun({ ...options, ...change }) : new DeletedTextRun({ ...options, ...change })
}

/** The style a run gets from ProseMirror marks; a clause parameter's value is plain text on paper. */
export function styleOf(marks: readonly Mark[]): RunStyle {
  const style: RunStyle = {}
  for (const mark of marks) {
    if (mark.type.name === 'strong') style.bold = true
    else if (mark.type.name === 'em') style.italics = true
  }
  return style
}

/** The inline content of a paragraph or heading as runs; hard breaks become line breaks. */
export function inlineRuns(block: PMNode, revisionOf?: RevisionOf, extra: RunStyle = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = []
  let pendingBreak = false
  block.forEach((child) => {
    if (child.type.name === 'hard_break') {
      if (pendingBreak) runs.push(inlineRun('', extra, undefined, true))
      pendingBreak = true
      return
    }
    if (!child.isText || !child.text) return
    runs.push(inlineRun(child.text, { ...extra, ...styleOf(child.marks) }, revisionOf?.(child, block), pendingBreak))
    pendingBreak = false
  })
  if (pendingBreak) runs.push(inlineRun('', extra, undefined, true))
  return runs
}
