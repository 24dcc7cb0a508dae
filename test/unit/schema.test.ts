import { describe, expect, it } from 'vitest'
import { newAgreementDoc, nodeFromJSON, schema, SECTIONS, SECTION_IDS, isSectionId } from '../../schema/index.ts'

let counter = 0
const makeUid = () => `uid-${++counter}`

describe('agreement schema', () => {
  it('seeds a skeleton with the 19 sections in taxonomy order, headed in the chosen language', () => {
    const doc = newAgreementDoc({ title: 'IOP Läxhjälp', lang: 'sv', skeleton: true, makeUid })
    expect(doc.firstChild?.type.name).toBe('title')
    expect(doc.firstChild?.textContent).toBe('IOP Läxhjälp')
    const sections: { kind: string; heading: string; uid: string }[] = []
    doc.forEach((n) => {
      if (n.type.name === 'section') sections.push({ kind: n.attrs.kind, heading: n.firstChild!.textContent, uid: n.attrs.uid })
    })
    expect(sections.map((s) => s.kind)).toEqual([...SECTION_IDS])
    expect(sections[8]!.heading).toBe('Lärandemål')
    expect(new Set(sections.map((s) => s.uid)).size).toBe(19)
    const en = newAgreementDoc({ title: 'T', lang: 'en', skeleton: true, makeUid })
    expect(en.child(9).firstChild!.textContent).toBe('Learning goals')
  })

  it('seeds only a title and an empty paragraph without the skeleton', () => {
    const doc = newAgreementDoc({ title: '', lang: 'sv', skeleton: false, makeUid })
    expect(doc.childCount).toBe(2)
    expect(doc.child(1).type.name).toBe('paragraph')
    doc.check()
  })

  it('round-trips through JSON, keeping clause provenance and parameter marks', () => {
    const clause = schema.nodes.clause!.create(
      { clauseId: 'termination.gradual_winddown', version: 2, contentHash: 'abc', params: { notice_months: 6 }, uid: 'c1' },
      schema.nodes.paragraph!.create(null, [schema.text('Varsel om '), schema.text('6', [schema.marks.param!.create({ name: 'notice_months' })]), schema.text(' månader.')]),
    )
    const doc = schema.nodes.doc!.create(null, [schema.nodes.title!.create(null, schema.text('X')), clause])
    const back = nodeFromJSON(JSON.parse(JSON.stringify(doc.toJSON())))
    expect(back.eq(doc)).toBe(true)
    expect(back.child(1).attrs.params).toEqual({ notice_months: 6 })
  })

  it('rejects JSON with unknown node types with an error instead of dropping them', () => {
    expect(() => nodeFromJSON({ type: 'doc', content: [{ type: 'title' }, { type: 'banner' }] })).toThrow(/banner/)
  })

  it('knows exactly the taxonomy ids', () => {
    expect(SECTIONS).toHaveLength(19)
    expect(isSectionId('learning_goals')).toBe(true)
    expect(isSectionId('learningGoals')).toBe(false)
    expect(SECTIONS.filter((s) => s.level === 'recommended').map((s) => s.id)).toEqual([
      'meeting_cadence',
      'target_group_involvement',
      'risk_and_crunch_questions',
      'dispute_resolution',
      'personal_data',
    ])
  })
})
