import type { Node as PMNode } from 'prosemirror-model'
import { ReplaceStep } from 'prosemirror-transform'
import type { Transaction } from 'prosemirror-state'

/**
 * The suggestion being typed, before it is sent: ProseMirror positions in the current document (the
 * document itself never changes in suggest mode). The caret sits at `to`, after the struck-through
 * text and the proposed words, so typing goes on where the person expects.
 */
export interface Draft {
  from: number
  to: number
  text: string
}

/**
 * One input turned into an intended change of the text. `backward` and `forward` are a Backspace or
 * Delete at a collapsed caret; `type` is typed text at the caret or over a selection; `replace` any
 * other change (paste, cut, a command).
 */
export interface Edit {
  input: 'type' | 'backward' | 'forward' | 'replace'
  from: number
  to: number
  text: string
}

export interface DraftStep {
  /** A finished draft to send before the new one starts (the person moved elsewhere). */
  flush: Draft | null
  draft: Draft | null
  /** Where the caret goes. */
  caret: number
}

/**
 * Combines an input with the draft, the way track changes in a word processor do: typing at the caret
 * extends the proposed text, Backspace first takes back proposed characters and then strikes out more
 * of the original to the left, Delete strikes out to the right. `bounds` is the textblock's content
 * range: a suggestion never leaves its line of text.
 */
export function applyEdit(draft: Draft | null, edit: Edit, caret: number, bounds: { start: number; end: number }): DraftStep {
  const atDraft = draft !== null && caret === draft.to && edit.from >= bounds.start && edit.to <= bounds.end
  if (draft && atDraft) {
    if (edit.input === 'type' && edit.from === edit.to) return keep({ ...draft, text: draft.text + edit.text })
    if (edit.input === 'backward') {
      if (draft.text) return keep({ ...draft, text: draft.text.slice(0, -1) })
      if (draft.from > bounds.start) return keep({ ...draft, from: draft.from - 1 })
      return { flush: null, draft, caret: draft.to }
    }
    if (edit.input === 'forward') {
      if (draft.to < bounds.end) return keep({ ...draft, to: draft.to + 1 })
      return { flush: null, draft, caret: draft.to }
    }
  }
  const flush = draft && isChange(draft) ? draft : null
  let next: Draft
  if (edit.input === 'backward' && edit.from === edit.to) next = { from: Math.max(bounds.start, caret - 1), to: caret, text: '' }
  else if (edit.input === 'forward' && edit.from === edit.to) next = { from: caret, to: Math.min(bounds.end, caret + 1), text: '' }
  else next = { from: edit.from, to: edit.to, text: edit.text }
  return { flush, draft: isChange(next) ? next : null, caret: next.to }
}

function keep(draft: Draft): DraftStep {
  return { flush: null, draft: isChange(draft) ? draft : null, caret: draft.to }
}

function isChange(draft: Draft): boolean {
  return draft.to > draft.from || draft.text !== ''
}

/**
 * The single change of text a transaction would make, if it is one a suggestion can express: a
 * replacement of plain text inside one textblock by plain text (no line breaks, no new blocks, no
 * formatting). `null` for anything else.
 */
export function textChangeOf(doc: PMNode, tr: Transaction): { from: number; to: number; text: string } | null {
  if (tr.steps.length !== 1) return null
  const step = tr.steps[0]
  if (!(step instanceof ReplaceStep)) return null
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: { openStart: number; openEnd: number; content: PMNode['content'] } }
  // Pasted text arrives as an open slice of one paragraph: unwrap it to its inline content.
  if (slice.openStart !== slice.openEnd) return null
  let content = slice.content
  for (let depth = 0; depth < slice.openStart; depth++) {
    if (content.childCount !== 1 || !content.firstChild) return null
    content = content.firstChild.content
  }
  let text = ''
  let plain = true
  content.forEach((node) => {
    if (!node.isText) plain = false
    else text += node.text
  })
  if (!plain || !isPlainRange(doc, from, to)) return null
  if (from === to && text === '') return null
  return { from, to, text }
}

/** Whether [from, to] lies inside one textblock and covers text only (a suggestion is one text run). */
export function isPlainRange(doc: PMNode, from: number, to: number): boolean {
  if (from < 0 || to > doc.content.size || from > to) return false
  const $from = doc.resolve(from)
  const $to = doc.resolve(to)
  if (!$from.parent.isTextblock || !$from.sameParent($to)) return false
  const start = $from.start()
  let onlyText = true
  $from.parent.forEach((child, offset) => {
    if (!child.isText && start + offset < to && start + offset + child.nodeSize > from) onlyText = false
  })
  if (!onlyText) return false
  // Both ends must be in the same run of text: no line break between them, even at an edge.
  return runBounds(doc, from).start === runBounds(doc, to).start
}

/** The run of text around `pos`: its textblock's content, cut at inline nodes such as line breaks. */
export function runBounds(doc: PMNode, pos: number): { start: number; end: number } {
  const $pos = doc.resolve(pos)
  const blockStart = $pos.start()
  let start = blockStart
  let end = $pos.end()
  $pos.parent.forEach((child, offset) => {
    if (child.isText) return
    const at = blockStart + offset
    if (at < pos) start = Math.max(start, at + child.nodeSize)
    else end = Math.min(end, at)
  })
  return { start, end }
}
