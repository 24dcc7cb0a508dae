import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { buildClauseNode, builtinLibrary, detectDeviation, fillClause, revertToApproved } from '../../../clause-library/index.ts'
import { currentValues, withCurrentValues } from '../../../client/clauses/current-values.ts'
import { schema } from '../../../schema/index.ts'

const library = builtinLibrary()
const fixedTerm = library.get('duration.fixed_term')!

/** The clause as the only block of a doc, edited by a transaction like typing would. */
function edit(clause: ReturnType<typeof buildClauseNode>, find: string, offset: number, length: number, insert: string) {
  const doc = schema.nodes.doc!.create(null, [schema.nodes.title!.create(), clause])
  let from = -1
  doc.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text!.includes(find)) from = pos + node.text!.indexOf(find) + offset
  })
  const state = EditorState.create({ schema, doc })
  return state.apply(state.tr.insertText(insert, from, from + length)).doc.child(1)
}

describe('currentValues', () => {
  it('reads a value typed into the text, so restoring the approved wording keeps it', () => {
    const inserted = buildClauseNode(fixedTerm, { start_date: '2027-01-01', end_date: '2029-12-31' }, 'sv', 'u1')
    const newDate = edit(inserted, '2029-12-31', 0, 4, '2030')
    expect(detectDeviation(newDate, library).status).toBe('approved')
    expect(currentValues(newDate)).toEqual({ start_date: '2027-01-01', end_date: '2030-12-31' })

    const reworded = edit(newDate, 'Ingen tyst', 0, 'Ingen'.length, 'Någon')
    expect(detectDeviation(reworded, library).status).toBe('deviates')
    const restored = revertToApproved(withCurrentValues(reworded), library)
    expect(restored.textContent).toBe(fillClause(fixedTerm, { start_date: '2027-01-01', end_date: '2030-12-31' }, 'sv'))
    expect(restored.attrs.uid).toBe('u1')
  })

  it('leaves an unfilled value unfilled', () => {
    const inserted = buildClauseNode(fixedTerm, { start_date: '2027-01-01' }, 'sv', 'u2')
    expect(currentValues(inserted)).toEqual({ start_date: '2027-01-01' })
  })
})

describe('setClauseValues', () => {
  it('rewrites only the values: a wording change stays, no new deviation, the attr follows', async () => {
    const { setClauseValues } = await import('../../../client/clauses/set-values.ts')
    const inserted = buildClauseNode(fixedTerm, { start_date: '2027-01-01' }, 'sv', 'u3')
    const reworded = edit(inserted, 'Ingen tyst', 0, 'Ingen'.length, 'Någon')
    const doc = schema.nodes.doc!.create(null, [schema.nodes.title!.create(), reworded])
    const state = EditorState.create({ schema, doc })
    const pos = doc.child(0).nodeSize
    const next = state.apply(setClauseValues(state.tr, pos, fixedTerm, { start_date: '2028-02-01', end_date: '2030-06-30' }, 'sv')).doc.child(1)
    expect(next.textContent).toContain('från och med 2028-02-01 till och med 2030-06-30. Någon tyst')
    expect(next.attrs.params).toEqual({ start_date: '2028-02-01', end_date: '2030-06-30' })
    expect(next.attrs.uid).toBe('u3')
    expect(detectDeviation(next, library).diff?.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['Ingen', 'Någon'])
    const emptied = state.apply(setClauseValues(state.tr, pos, fixedTerm, {}, 'sv')).doc.child(1)
    expect(emptied.textContent).toContain('från och med {start_date} till och med {end_date}')
  })
})
