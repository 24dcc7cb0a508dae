import { describe, expect, it } from 'vitest'
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state'
import { joinBackward, joinForward, setBlockType } from 'prosemirror-commands'
import { newAgreementDoc, schema } from '../../../schema/index.ts'
import { sectionGuard, sectionSafeDeletes } from '../../../client/editor/section-guard.ts'
import { derivedUid, uniqueUids } from '../../../client/editor/unique-uids.ts'
import { deleteSection, findSectionOfKind } from '../../../client/editor/commands.ts'
import { sectionFacts, uidNodes } from '../../../client/editor/section-facts.ts'

/** The section guard and uid plugin on a plain EditorState (no Yjs): what one editor does locally. */

function skeleton(): EditorState {
  let n = 0
  const doc = newAgreementDoc({ title: 'IOP', lang: 'sv', skeleton: true, makeUid: () => `u${++n}` })
  return EditorState.create({ schema, doc, plugins: [sectionGuard(), uniqueUids()] })
}

function at(state: EditorState, pos: number): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)))
}

function sectionStart(state: EditorState, index: number): number {
  return sectionFacts(state.doc)[index]!.pos
}

function run(state: EditorState, command: (s: EditorState, d?: (tr: Transaction) => void) => boolean): { state: EditorState; handled: boolean } {
  let next = state
  const handled = command(state, (tr) => (next = state.apply(tr)))
  return { state: next, handled }
}

describe('section guard', () => {
  it('Backspace at the start of a section heading and Delete at the end of an empty section are handled and change nothing', () => {
    let state = skeleton()
    const keys = sectionSafeDeletes()
    state = at(state, sectionStart(state, 1) + 2)
    const back = run(state, keys.Backspace!)
    expect(back.handled).toBe(true)
    expect(back.state.doc.eq(state.doc)).toBe(true)

    const firstEnd = sectionStart(state, 0) + state.doc.nodeAt(sectionStart(state, 0))!.nodeSize - 2
    state = at(state, firstEnd)
    const del = run(state, keys.Delete!)
    expect(del.handled).toBe(true)
    expect(del.state.doc.eq(state.doc)).toBe(true)
  })

  it('raw joins and turning a section heading into a paragraph are vetoed; typing is not', () => {
    let state = at(skeleton(), sectionStart(skeleton(), 3) + 2)
    expect(run(state, joinBackward).state.doc.eq(state.doc)).toBe(true)
    const before = state.doc
    const asParagraph = state.apply(setBlockTypeTr(state))
    expect(sectionFacts(asParagraph.doc).length).toBe(19)
    expect(asParagraph.doc.eq(before)).toBe(true)
    state = state.apply(state.tr.insertText('Ny rubrik '))
    expect(state.doc.eq(before)).toBe(false)
    state = at(state, sectionStart(state, 3) - 2)
    expect(run(state, joinForward).state.doc.eq(state.doc)).toBe(true)
  })

  it('deleting a whole section is the explicit command, one step, and the others keep their uids', () => {
    let state = skeleton()
    const uids = sectionFacts(state.doc).map((f) => f.uid)
    state = at(state, sectionStart(state, 4) + 3)
    const { state: after, handled } = run(state, deleteSection())
    expect(handled).toBe(true)
    expect(sectionFacts(after.doc).map((f) => f.uid)).toEqual(uids.filter((u) => u !== uids[4]))
    // A confirmation that says no leaves everything as it was.
    expect(
      run(
        state,
        deleteSection(() => false),
      ).state.doc.eq(state.doc),
    ).toBe(true)
    // Deleting the same range without the command is vetoed.
    const section = state.doc.nodeAt(sectionStart(state, 4))!
    const raw = state.apply(state.tr.delete(sectionStart(state, 4), sectionStart(state, 4) + section.nodeSize))
    expect(sectionFacts(raw.doc)).toHaveLength(19)
  })
})

describe('unique uids', () => {
  it('a copy of a section pasted above its source gets a new uid; the source keeps its own', () => {
    const state = skeleton()
    const source = state.doc.nodeAt(sectionStart(state, 5))!
    const next = state.apply(state.tr.insert(sectionStart(state, 2), source))
    const facts = sectionFacts(next.doc)
    expect(facts).toHaveLength(20)
    expect(new Set(facts.map((f) => f.uid)).size).toBe(20)
    expect(facts[6]!.uid).toBe(source.attrs.uid)
    expect(facts[2]!.uid).toBe(derivedUid(source.attrs.uid as string, 1))
  })

  it('clauses with the same uid, or none, are given unique ones', () => {
    const state = skeleton()
    const clause = schema.nodes.clause!.create({ clauseId: 'duration.fixed', uid: 'c1' }, schema.nodes.paragraph!.create())
    const bare = schema.nodes.clause!.create({ clauseId: 'duration.fixed' }, schema.nodes.paragraph!.create())
    const inside = sectionStart(state, 0) + state.doc.nodeAt(sectionStart(state, 0))!.nodeSize - 1
    const next = state.apply(state.tr.insert(inside, [clause, clause, bare]))
    const uids = uidNodes(next.doc)
      .filter((n) => n.node.type.name === 'clause')
      .map((n) => n.uid)
    expect(uids).toHaveLength(3)
    expect(uids[0]).toBe('c1')
    expect(new Set(uids).size).toBe(3)
    expect(uids.every((u) => typeof u === 'string' && u.length > 0)).toBe(true)
    expect(findSectionOfKind(next, 'parties_and_mandates')?.pos).toBe(sectionStart(next, 0))
  })
})

function setBlockTypeTr(state: EditorState): Transaction {
  let made: Transaction | null = null
  setBlockType(schema.nodes.paragraph!)(state, (tr) => (made = tr))
  return made!
}
