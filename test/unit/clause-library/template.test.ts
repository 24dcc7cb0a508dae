import { describe, expect, it } from 'vitest'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { detectDeviation } from '../../../clause-library/deviation.ts'
import { buildDocFromTemplate, TemplateClauseMissingError, type Template } from '../../../clause-library/template.ts'
import { exempelbyTemplate } from './helpers.ts'

function makeUids() {
  let n = 0
  return () => `uid-${++n}`
}

describe('buildDocFromTemplate', () => {
  const lib = builtinLibrary()

  it('builds title + one section per used section id, in taxonomy order, with headings and clauses', () => {
    const doc = buildDocFromTemplate(exempelbyTemplate, lib, { title: 'IOP Läxhjälp', makeUid: makeUids() })
    doc.check()
    expect(doc.firstChild!.type.name).toBe('title')
    expect(doc.firstChild!.textContent).toBe('IOP Läxhjälp')
    const sections: { kind: string; heading: string; clauses: string[]; uid: string }[] = []
    doc.forEach((section) => {
      if (section.type.name !== 'section') return
      const clauses: string[] = []
      section.forEach((child) => {
        if (child.type.name === 'clause') clauses.push(child.attrs.clauseId)
      })
      sections.push({ kind: section.attrs.kind, heading: section.firstChild!.textContent, clauses, uid: section.attrs.uid })
    })
    expect(sections.map((s) => [s.kind, s.heading, s.clauses])).toEqual([
      ['parties_and_mandates', 'Parter och mandat', ['parties_and_mandates.two_party']],
      ['duration', 'Avtalstid', ['duration.fixed_term']],
      ['termination', 'Uppsägning och avveckling', ['termination.gradual_winddown', 'termination.supplement_capacity_and_commitments']],
    ])
    const uids: string[] = []
    doc.descendants((n) => {
      if (n.attrs.uid) uids.push(n.attrs.uid)
      return true
    })
    expect(new Set(uids).size).toBe(7)
  })

  it('fills the template values and every clause starts out with the library’s wording', () => {
    const doc = buildDocFromTemplate(exempelbyTemplate, lib, { title: 'T', makeUid: makeUids() })
    expect(doc.textContent).toContain('Denna överenskommelse har ingåtts mellan Exempelby kommun')
    expect(doc.textContent).toContain('{committee}')
    doc.descendants((n) => {
      if (n.type.name !== 'clause') return true
      // The template pins version 1 of one clause, which the library has since replaced.
      expect(detectDeviation(n, lib).status).toBe(n.attrs.version === lib.get(n.attrs.clauseId)!.version ? 'approved' : 'update_available')
      return false
    })
  })

  it('can build in another language than the template', () => {
    const doc = buildDocFromTemplate(exempelbyTemplate, lib, { title: 'T', lang: 'en', makeUid: makeUids() })
    expect(doc.child(1).firstChild!.textContent).toBe('Parties and mandates')
    expect(doc.textContent).toContain('This agreement applies from 2027-01-01 up to and including 2029-12-31.')
  })

  it('gives an empty template an empty paragraph', () => {
    const doc = buildDocFromTemplate({ ...exempelbyTemplate, items: [] }, lib, { title: 'T', makeUid: makeUids() })
    expect(doc.childCount).toBe(2)
    expect(doc.child(1).type.name).toBe('paragraph')
  })

  it('names the item whose clause is missing', () => {
    const broken: Template = { ...exempelbyTemplate, items: [...exempelbyTemplate.items, { clauseId: 'duration.fixed_term', version: 3, params: {} }] }
    expect(() => buildDocFromTemplate(broken, lib, { title: 'T', makeUid: makeUids() })).toThrow(TemplateClauseMissingError)
    expect(() => buildDocFromTemplate(broken, lib, { title: 'T', makeUid: makeUids() })).toThrow(/item 4: clause duration\.fixed_term version 3/)
  })
})
