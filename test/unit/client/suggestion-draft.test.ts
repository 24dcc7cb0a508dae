import { Fragment, Slice } from 'prosemirror-model'
import { EditorState, TextSelection } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { schema } from '../../../schema/index.ts'
import { applyEdit, isPlainRange, runBounds, textChangeOf, type Draft } from '../../../client/suggestions/draft.ts'

const bounds = { start: 10, end: 40 }

/** Feeds inputs one by one, each at the caret the previous one left, like a person typing. */
function run(inputs: ({ input: 'type'; text: string } | { input: 'backward' | 'forward' })[], start: { draft: Draft | null; caret: number }) {
  let { draft, caret } = start
  const flushed: Draft[] = []
  for (const i of inputs) {
    const edit = i.input === 'type' ? { input: i.input, from: caret, to: caret, text: i.text } : { input: i.input, from: caret, to: caret, text: '' }
    const step = applyEdit(draft, edit, caret, bounds)
    if (step.flush) flushed.push(step.flush)
    draft = step.draft
    caret = step.caret
  }
  return { draft, caret, flushed }
}

describe('applyEdit', () => {
  it('typing at the caret grows one insertion, Backspace takes proposed characters back first', () => {
    const typed = run(
      [
        { input: 'type', text: 't' },
        { input: 'type', text: 'r' },
        { input: 'type', text: 'e' },
      ],
      { draft: null, caret: 20 },
    )
    expect(typed.draft).toEqual({ from: 20, to: 20, text: 'tre' })
    expect(typed.caret).toBe(20)
    const back = run([{ input: 'backward' }, { input: 'backward' }], typed)
    expect(back.draft).toEqual({ from: 20, to: 20, text: 't' })
    // Taking back every proposed character leaves nothing to suggest.
    expect(run([{ input: 'backward' }], back).draft).toBeNull()
  })

  it('Backspace strikes out to the left and typing then proposes the replacement, as track changes do', () => {
    const r = run([{ input: 'backward' }, { input: 'backward' }, { input: 'backward' }, { input: 'type', text: 'tre' }], { draft: null, caret: 23 })
    expect(r.draft).toEqual({ from: 20, to: 23, text: 'tre' })
    expect(r.flushed).toEqual([])
  })

  it('Delete strikes out to the right; neither leaves the run of text', () => {
    expect(run([{ input: 'forward' }, { input: 'forward' }], { draft: null, caret: 38 }).draft).toEqual({ from: 38, to: 40, text: '' })
    expect(run([{ input: 'forward' }, { input: 'forward' }, { input: 'forward' }], { draft: null, caret: 38 }).draft).toEqual({ from: 38, to: 40, text: '' })
    expect(run([{ input: 'backward' }, { input: 'backward' }], { draft: null, caret: 11 }).draft).toEqual({ from: 10, to: 11, text: '' })
  })

  it('typing over a selection is a replacement; an edit elsewhere sends the draft and starts a new one', () => {
    const first = applyEdit(null, { input: 'type', from: 15, to: 18, text: 'x' }, 18, bounds)
    expect(first).toEqual({ flush: null, draft: { from: 15, to: 18, text: 'x' }, caret: 18 })
    const elsewhere = applyEdit(first.draft, { input: 'type', from: 30, to: 30, text: 'y' }, 30, bounds)
    expect(elsewhere.flush).toEqual({ from: 15, to: 18, text: 'x' })
    expect(elsewhere.draft).toEqual({ from: 30, to: 30, text: 'y' })
    const paste = applyEdit(elsewhere.draft, { input: 'replace', from: 12, to: 14, text: 'klistrat' }, 30, bounds)
    expect(paste.flush).toEqual({ from: 30, to: 30, text: 'y' })
    expect(paste.draft).toEqual({ from: 12, to: 14, text: 'klistrat' })
  })
})

const doc = schema.node('doc', null, [
  schema.node('title', null, [schema.text('Avtal')]),
  schema.node('section', { kind: 'termination', uid: 's' }, [
    schema.node('paragraph', null, [schema.text('Första raden'), schema.node('hard_break'), schema.text('Andra')]),
    schema.node('paragraph', null, [schema.text('Nästa stycke')]),
  ]),
])
// title 0..7; section opens at 7, paragraph at 8, its text starts at 9.
const P1 = 9
const BREAK = P1 + 'Första raden'.length

describe('ranges a suggestion can cover', () => {
  it('is one run of text: not across a line break, not across blocks', () => {
    expect(isPlainRange(doc, P1, P1 + 6)).toBe(true)
    expect(isPlainRange(doc, BREAK, BREAK)).toBe(true)
    expect(isPlainRange(doc, BREAK - 2, BREAK + 2)).toBe(false)
    expect(isPlainRange(doc, BREAK + 1, BREAK + 3)).toBe(true)
    expect(isPlainRange(doc, P1, BREAK + 10)).toBe(false)
    expect(runBounds(doc, P1 + 3)).toEqual({ start: P1, end: BREAK })
    expect(runBounds(doc, BREAK + 2)).toEqual({ start: BREAK + 1, end: BREAK + 1 + 'Andra'.length })
  })

  it('reads typing, deleting and pasting plain text from a transaction, and refuses splits and formatting', () => {
    const state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, P1, P1 + 6) })
    expect(textChangeOf(doc, state.tr.insertText('Den första'))).toEqual({ from: P1, to: P1 + 6, text: 'Den första' })
    expect(textChangeOf(doc, state.tr.deleteSelection())).toEqual({ from: P1, to: P1 + 6, text: '' })
    // Pasting plain text: the clipboard gives an open paragraph slice.
    const pasted = new Slice(Fragment.from(schema.node('paragraph', null, [schema.text('inklistrad')])), 1, 1)
    expect(textChangeOf(doc, state.tr.replaceSelection(pasted))).toEqual({ from: P1, to: P1 + 6, text: 'inklistrad' })
    const twoParagraphs = new Slice(Fragment.from([schema.node('paragraph', null, [schema.text('a')]), schema.node('paragraph', null, [schema.text('b')])]), 1, 1)
    expect(textChangeOf(doc, state.tr.replaceSelection(twoParagraphs))).toBeNull()
    expect(textChangeOf(doc, state.tr.split(P1 + 3))).toBeNull()
    expect(textChangeOf(doc, state.tr.addMark(P1, P1 + 6, schema.marks.strong!.create()))).toBeNull()
    expect(textChangeOf(doc, state.tr.replaceSelectionWith(schema.node('hard_break')))).toBeNull()
    expect(textChangeOf(doc, state.tr.delete(P1 + 2, BREAK + 3))).toBeNull()
  })
})
