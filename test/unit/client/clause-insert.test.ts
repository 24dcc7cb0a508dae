import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { buildClauseNode, builtinLibrary, detectDeviation } from '../../../clause-library/index.ts'
import { insertClauseTransaction, newSectionPosition } from '../../../client/clauses/insert.ts'
import { newAgreementDoc, schema } from '../../../schema/index.ts'
import { validateAgreement } from '../../../schema/validator/index.ts'

const library = builtinLibrary()
let n = 0
const uid = () => `uid-${n++}`
const state = (skeleton: boolean) => EditorState.create({ schema, doc: newAgreementDoc({ title: 'IOP', lang: 'sv', skeleton, makeUid: uid }) })
const sections = (s: EditorState) => {
  const out: string[] = []
  s.doc.forEach((node) => {
    if (node.type.name === 'section') out.push(`${node.attrs.kind}:${node.childCount}`)
  })
  return out
}
const winddown = () => buildClauseNode(library.get('termination.gradual_winddown')!, { notice_months: 9, plan_weeks: 4 }, 'sv', uid())

describe('insertClauseTransaction', () => {
  it('takes the place of the empty paragraph of the skeleton section, and the section is then complete', () => {
    const before = state(true)
    const termination = () => validateAgreement(after.doc).sections.find((s) => s.id === 'termination')!.status
    const tr = insertClauseTransaction(before, winddown(), 'termination', 'sv', uid)!
    const after = before.apply(tr)
    expect(sections(after)).toEqual(sections(before))
    let inserted = null as null | ReturnType<typeof winddown>
    after.doc.forEach((node) => {
      if (node.attrs.kind === 'termination') inserted = node.lastChild
    })
    expect(inserted!.type.name).toBe('clause')
    expect(detectDeviation(inserted!, library).status).toBe('approved')
    expect(termination()).toBe('present')
    // The cursor ends up inside the clause, so the view scrolls to what was inserted.
    expect(after.selection.$from.node(2).type.name).toBe('clause')
  })

  it('appends after text the section already has', () => {
    const first = state(true)
    const once = first.apply(insertClauseTransaction(first, winddown(), 'termination', 'sv', uid)!)
    const twice = once.apply(insertClauseTransaction(once, buildClauseNode(library.get('termination.material_breach')!, {}, 'sv', uid()), 'termination', 'sv', uid)!)
    let kinds: string[] = []
    twice.doc.forEach((node) => {
      if (node.attrs.kind === 'termination') kinds = node.content.content.map((c) => String(c.attrs.clauseId ?? c.type.name))
    })
    expect(kinds).toEqual(['heading', 'termination.gradual_winddown', 'termination.material_breach'])
  })

  it('creates the section with its heading in the agreement language, in taxonomy order', () => {
    const empty = state(false)
    const a = empty.apply(insertClauseTransaction(empty, winddown(), 'termination', 'en', uid)!)
    const fixed = buildClauseNode(library.get('duration.fixed_term')!, {}, 'en', uid())
    const b = a.apply(insertClauseTransaction(a, fixed, 'duration', 'en', uid)!)
    expect(sections(b)).toEqual(['duration:2', 'termination:2'])
    const headings: string[] = []
    b.doc.forEach((node) => {
      if (node.type.name === 'section') headings.push(node.firstChild!.textContent)
    })
    expect(headings).toEqual(['Duration', 'Termination and wind-down'])
    // Unfilled values are allowed: the validator flags the section as incomplete instead.
    expect(validateAgreement(b.doc).sections.find((s) => s.id === 'duration')!.status).toBe('incomplete')
  })

  it('places a new section after the sections that come before it', () => {
    const doc = state(true).doc
    const positions: Record<string, number> = {}
    doc.forEach((node, pos) => {
      if (node.type.name === 'section') positions[String(node.attrs.kind)] = pos + node.nodeSize
    })
    expect(newSectionPosition(doc, 'signatures')).toBe(positions.personal_data)
  })
})

describe('neutral headings', () => {
  it('puts a clause under a neutral heading in its own section where drafters expect it, and the validator ignores it', () => {
    const before = state(true)
    const clause = buildClauseNode(library.get('other.force_majeure')!, { max_months: 3 }, 'sv', uid())
    const after = before.apply(insertClauseTransaction(before, clause, 'other', 'sv', uid)!)
    const kinds = sections(after).map((s) => s.split(':')[0])
    expect(kinds.indexOf('other')).toBe(kinds.indexOf('personal_data') + 1)
    expect(kinds.indexOf('signatures')).toBe(kinds.indexOf('other') + 1)
    const heading = (() => {
      let text = ''
      after.doc.forEach((n) => {
        if (n.attrs.kind === 'other') text = n.firstChild!.textContent
      })
      return text
    })()
    expect(heading).toBe('Övrigt')
    const report = validateAgreement(after.doc)
    expect(report.sections.map((s) => s.id)).not.toContain('other')
    // The force-majeure clause says nothing the checked sections would count as theirs.
    expect(report.sections.find((s) => s.id === 'termination')!.status).toBe(validateAgreement(before.doc).sections.find((s) => s.id === 'termination')!.status)
  })
})
