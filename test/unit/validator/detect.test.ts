import { describe, expect, it } from 'vitest'
import type { Node as PMNode } from 'prosemirror-model'
import { newAgreementDoc, schema } from '../../../schema/index.ts'
import { SECTION_IDS } from '../../../schema/sections.ts'
import { flatten, headingSections } from '../../../schema/validator/blocks.ts'
import { validateAgreement } from '../../../schema/validator/index.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { section } from './helpers.ts'

/** A tiny test builder in the style of prosemirror-test-builder. */
const n = schema.nodes
const p = (...parts: (string | PMNode)[]) =>
  n.paragraph!.create(
    null,
    parts.filter((x) => x !== '').map((x) => (typeof x === 'string' ? schema.text(x) : x)),
  )
const h = (text: string, level = 2) => n.heading!.create({ level }, schema.text(text))
const sec = (kind: string | null, ...content: PMNode[]) => n.section!.create({ kind, uid: 'u-' + kind }, content)
const param = (name: string, value: string) => schema.text(value, [schema.marks.param!.create({ name })])
const clause = (clauseId: string, params: Record<string, unknown>, ...content: PMNode[]) => n.clause!.create({ clauseId, params, uid: 'c-' + clauseId, version: 1 }, content)
const doc = (...content: PMNode[]) => n.doc!.create(null, [n.title!.create(null, schema.text('IOP')), ...content])

const WINDDOWN = (weeks: PMNode | string) =>
  p(
    'En part som vill lämna ger besked med ',
    param('notice_months', '6'),
    ' månaders varsel. Inom ',
    weeks,
    ' veckor tar parterna fram en avvecklingsplan som visar hur pågående deltagare lotsas vidare. Därefter bär varje part sina egna kostnader för personal och lokaler.',
  )

describe('detection', () => {
  it('knows a section from its kind attr whatever its heading says', () => {
    const d = doc(sec('dispute_resolution', h('Del Q'), p('Meningsskiljaktigheter tas upp i styrgruppen och avgörs slutligen av allmän domstol.')))
    expect(section(validateAgreement(d), 'dispute_resolution').status).toBe('present')
    expect(section(validateAgreement(doc(p('Meningsskiljaktigheter diskuteras.'))), 'dispute_resolution').status).toBe('incomplete')
  })

  it('an empty skeleton is incomplete everywhere, not missing', () => {
    let i = 0
    const report = validateAgreement(newAgreementDoc({ title: 'Ny', lang: 'sv', skeleton: true, makeUid: () => `u${++i}` }))
    expect(report.sections.map((s) => s.status)).toEqual(SECTION_IDS.map(() => 'incomplete'))
    expect(report.sections[0]!.message).toMatch(/tomt eller innehåller bara platshållare/)
    expect(report.warnings.map((w) => w.rule)).toEqual(['value_unknown'])
  })

  it('a title-only document has every section missing', () => {
    const report = validateAgreement(doc())
    expect(report.sections.every((s) => s.status === 'missing')).toBe(true)
    expect(section(report, 'learning_goals').criteria).toEqual(['LG1', 'LG2'])
  })

  it('knows a section from a clause id, and an unfilled clause parameter makes it incomplete', () => {
    const filled = doc(clause('termination.gradual_winddown', { notice_months: 6, plan_weeks: 4 }, WINDDOWN(param('plan_weeks', '4'))))
    expect(section(validateAgreement(filled), 'termination')).toMatchObject({ status: 'present', criteria: [] })
    const emptyParam = doc(clause('termination.gradual_winddown', { notice_months: 6, plan_weeks: '' }, WINDDOWN('')))
    const result = section(validateAgreement(emptyParam, { lang: 'en' }), 'termination')
    expect(result.status).toBe('incomplete')
    expect(result.message).toContain('{plan_weeks}')
    const token = doc(clause('termination.gradual_winddown', { notice_months: 6 }, WINDDOWN('{plan_weeks}')))
    expect(section(validateAgreement(token), 'termination').message).toContain('{plan_weeks}')
  })

  it('reads a free-text section (kind null) by its content', () => {
    const d = doc(sec(null, h('Övriga bestämmelser'), p('Varje part är personuppgiftsansvarig för sin behandling, och föreningens ideella har tystnadsplikt.')))
    expect(section(validateAgreement(d), 'personal_data').status).toBe('present')
  })

  it('a merged heading names both sections; a neutral heading ends the previous scope', () => {
    expect(headingSections('4. Organisation och mötesformer')).toEqual(['governance', 'meeting_cadence'])
    expect(headingSections('Ekonomi, ägarskap och avtalstid')).toEqual(['ownership_and_costs', 'budget_and_resources', 'duration'])
    const blocks = flatten(markdownToDoc('# T\n\n## Lärandemål\n\nText ett.\n\n## Övrigt\n\nText två.\n'))
    expect(blocks.find((b) => b.raw === 'Text ett.')!.context).toEqual(['learning_goals'])
    expect(blocks.find((b) => b.raw === 'Text två.')!.context).toEqual([])
  })

  it('reads an activity table whose header is in English', () => {
    const md =
      '# T\n\n## Parties\n\nThis agreement is entered into between Lakeside Municipality and the Lakeside Chess Club, a non-profit association.\n\n## What we do\n\n| Activity | Delivered by | Cost booked by |\n|---|---|---|\n| Chess lessons | Lakeside Chess Club | Lakeside Chess Club |\n| Teacher time | Lakeside Municipality | |\n'
    const report = validateAgreement(markdownToDoc(md), { lang: 'en' })
    expect(section(report, 'activities').status).toBe('present')
    expect(section(report, 'ownership_and_costs').criteria).toEqual(['OC1'])
  })

  it('accepts a Node, its JSON and the API wrapper, and refuses JSON outside the schema', () => {
    const d = doc(sec('dispute_resolution', h('Tvist'), p('Tvister avgörs av allmän domstol efter att styrgruppen försökt lösa dem.')))
    const fromNode = validateAgreement(d)
    expect(validateAgreement(d.toJSON())).toEqual(fromNode)
    expect(validateAgreement({ id: 'x', title: 'IOP', content: d.toJSON() })).toEqual(fromNode)
    expect(() => validateAgreement({ type: 'doc', content: [{ type: 'banner' }] })).toThrow(/banner/)
    expect(() => validateAgreement('nope')).toThrow()
  })
})
