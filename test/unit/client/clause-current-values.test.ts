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

    const reworded = edit(newDate, 'förlängs inte', 0, 'förlängs'.length, 'fortsätter')
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
    const reworded = edit(inserted, 'förlängs inte', 0, 'förlängs'.length, 'fortsätter')
    const doc = schema.nodes.doc!.create(null, [schema.nodes.title!.create(), reworded])
    const state = EditorState.create({ schema, doc })
    const pos = doc.child(0).nodeSize
    const next = state.apply(setClauseValues(state.tr, pos, fixedTerm, { start_date: '2028-02-01', end_date: '2030-06-30' }, 'sv')).doc.child(1)
    expect(next.textContent).toContain('från och med 2028-02-01 till och med 2030-06-30. Överenskommelsen fortsätter inte')
    expect(next.attrs.params).toEqual({ start_date: '2028-02-01', end_date: '2030-06-30' })
    expect(next.attrs.uid).toBe('u3')
    expect(
      detectDeviation(next, library)
        .diff?.filter((p) => p.kind !== 'same')
        .map((p) => p.text),
    ).toEqual(['förlängs', 'fortsätter'])
    const emptied = state.apply(setClauseValues(state.tr, pos, fixedTerm, {}, 'sv')).doc.child(1)
    expect(emptied.textContent).toContain('från och med {start_date} till och med {end_date}')
  })
})

describe('values written as structure', () => {
  const paper = library.get('signatures.paper')!
  const goals = library.get('learning_goals.shared_and_own')!
  const inDoc = (clause: ReturnType<typeof buildClauseNode>) => {
    const doc = schema.nodes.doc!.create(null, [schema.nodes.title!.create(), clause])
    return { state: EditorState.create({ schema, doc }), pos: doc.child(0).nodeSize }
  }

  it('reads choices, unit numbers and blocks back into values of their type', () => {
    const forum = library.get('dispute_resolution.escalation')!
    const node = buildClauseNode(forum, { second_level: 'ledningen', forum: 'general_court' }, 'sv', 'f')
    expect(currentValues(node, forum)).toEqual({ second_level: 'ledningen', forum: 'general_court' })
    const notice = library.get('termination.gradual_winddown')!
    const typed = edit(buildClauseNode(notice, { notice_months: 6, plan_weeks: 4 }, 'sv', 'n'), '6', 0, 1, '9')
    expect(currentValues(typed, notice)).toEqual({ notice_months: '9', plan_weeks: 4 })
    const signed = buildClauseNode(paper, { copies: 2, signatories: ['A\tordförande', 'B'] }, 'sv', 's')
    expect(currentValues(signed, paper)).toEqual({ copies: 2, signatories: ['A\tordförande', 'B'] })
  })

  it('rebuilds a signature block or a list whole, also one inserted without a value', async () => {
    const { setClauseValues } = await import('../../../client/clauses/set-values.ts')
    const { state, pos } = inDoc(buildClauseNode(paper, { copies: 2, signatories: ['A\tordförande', 'B'] }, 'sv', 's'))
    const next = state.apply(setClauseValues(state.tr, pos, paper, { copies: 3, signatories: ['A\tordförande', 'B', 'C\tchef'] }, 'sv')).doc.child(1)
    expect(next.textContent).toBe(fillClause(paper, { copies: 3, signatories: ['A\tordförande', 'B', 'C\tchef'] }, 'sv').replace(/\n+/g, ''))
    expect(detectDeviation(next, library).status).toBe('approved')
    const blank = inDoc(buildClauseNode(goals, { shared_goals: 'förstå x' }, 'sv', 'g'))
    const filled = blank.state.apply(setClauseValues(blank.state.tr, blank.pos, goals, { shared_goals: 'förstå x', own_goals_per_party: ['A: a', 'B: b'], forum: 'styrgruppen' }, 'sv')).doc.child(1)
    expect(filled.child(2).type.name).toBe('bullet_list')
    expect(filled.child(2).childCount).toBe(2)
    expect(detectDeviation(filled, library).status).toBe('approved')
  })
})
