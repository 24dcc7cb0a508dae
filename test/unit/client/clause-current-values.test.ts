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
