import { describe, expect, it } from 'vitest'
import { schema } from '../../../schema/schema.ts'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { buildClauseNode } from '../../../clause-library/clause-node.ts'
import { fillClause, withDefaults } from '../../../clause-library/fill.ts'
import { formatNumber, parseNumber } from '../../../clause-library/format.ts'
import { contentHash } from '../../../clause-library/masked-text.ts'
import { checkParams } from '../../../clause-library/params-check.ts'
import type { ClauseRecord } from '../../../clause-library/record.ts'
import { clause } from './helpers.ts'

const NBSP = '\u00a0'
const lib = builtinLibrary()
const get = (id: string): ClauseRecord => {
  const c = lib.get(id)
  if (!c) throw new Error(`missing ${id}`)
  return c
}

/** The runs of a clause node as [text, param name or null], across all paragraphs. */
function runs(node: ReturnType<typeof buildClauseNode>): [string, string | null][] {
  const out: [string, string | null][] = []
  node.descendants((n) => {
    if (n.isText) out.push([n.text!, (n.marks.find((m) => m.type.name === 'param')?.attrs.name as string) ?? null])
    return true
  })
  return out
}

describe('fillClause', () => {
  it('fills values in Swedish and English with typed formatting', () => {
    const c = get('follow_up_evaluation.external')
    const params = { year: '2028', evaluator_type: 'en forskare', budget: 250000, cost_split: 'lika' }
    expect(fillClause(c, params, 'sv')).toBe(
      `Under 2028 genomförs en extern utvärdering av en forskare. Kostnaden, högst 250${NBSP}000${NBSP}kr, delas enligt följande: lika.`,
    )
    expect(fillClause(c, params, 'en')).toContain(`may not exceed SEK${NBSP}250,000,`)
  })

  it('reads numbers the way people type them', () => {
    expect(parseNumber('250 000')).toBe(250000)
    expect(parseNumber('250,000')).toBe(250000)
    expect(parseNumber('1,5')).toBe(1.5)
    expect(parseNumber('sex')).toBeNull()
    expect(formatNumber(1234567.5, 'sv')).toBe(`1${NBSP}234${NBSP}567,5`)
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5')
    const c = get('follow_up_evaluation.external')
    expect(fillClause(c, { budget: '1 200 000' }, 'sv')).toContain(`högst 1${NBSP}200${NBSP}000${NBSP}kr`)
  })

  it('formats months as a number (the unit is inflected by the text) and keeps ISO dates', () => {
    const c = get('termination.gradual_winddown')
    expect(fillClause(c, { notice_months: 6, plan_weeks: 4 }, 'sv')).toContain('med 6 månaders varsel')
    expect(fillClause(c, { notice_months: '6', plan_weeks: 4 }, 'en')).toContain('written notice of 6 months')
    const d = get('duration.fixed_term')
    expect(fillClause(d, { start_date: '2027-01-01', end_date: '2029-12-31' }, 'sv')).toBe(
      'Överenskommelsen gäller från och med 2027-01-01 till och med 2029-12-31. Ingen tyst förlängning sker; vill parterna fortsätta fattar var och en ett nytt beslut i god tid före slutdatum.',
    )
  })

  it('joins list values in the language of the text', () => {
    const c = get('governance.all_affected_units')
    expect(fillClause(c, { unit_list: ['IFO', 'Skolan', 'Fritid'] }, 'sv')).toContain(': IFO, Skolan och Fritid.')
    expect(fillClause(c, { unit_list: ['IFO', 'Schools'] }, 'en')).toContain(': IFO and Schools.')
    // Items that contain commas are kept apart with semicolons.
    const g = get('purpose_and_goals.purpose_with_measurable_goals')
    const goals = ['Fler i arbete, andel, 40 %, 2027-12-31', 'Färre avhopp, antal, 10, 2028-06-30']
    expect(fillClause(g, { goal_list: goals }, 'sv')).toContain(`${goals[0]}; ${goals[1]}.`)
    // A newline-separated string is a list as well; empty items are dropped.
    expect(fillClause(c, { unit_list: 'IFO\n\nSkolan' }, 'sv')).toContain(': IFO och Skolan.')
  })

  it('leaves unfilled parameters visible as their {name} token', () => {
    const c = get('termination.gradual_winddown')
    const text = fillClause(c, { notice_months: 3 }, 'sv')
    expect(text).toContain('Inom {plan_weeks} veckor')
    expect(fillClause(c, { notice_months: '  ', plan_weeks: [] }, 'sv')).toContain('med {notice_months} månaders varsel')
    expect(fillClause(c, {}, 'sv')).toBe(c.text.sv)
  })

  it('keeps values literal: markup and brace tokens are never interpreted', () => {
    const c = clause()
    const text = fillClause(c, { party: '<script>alert(1)</script> {notice_months}', notice_months: 2 }, 'sv')
    expect(text).toBe('<script>alert(1)</script> {notice_months} får säga upp överenskommelsen med 2 månaders varsel. Uppsägningen ska vara skriftlig.')
  })

  it('applies defaults only when asked', () => {
    const c = clause()
    expect(withDefaults(c, { party: 'Föreningen' })).toEqual({ party: 'Föreningen', notice_months: 6 })
    expect(withDefaults(c, { notice_months: 2 })).toEqual({ notice_months: 2 })
    expect(fillClause(c, {}, 'en')).toContain('{notice_months}')
  })

  it('reports what the form must still ask for', () => {
    const c = get('duration.with_extension')
    expect(checkParams(c, { start_date: '2027-02-30', end_date: '2029-12-31', extension_months: 'tolv', max_extensions: 1, other: 'x' })).toEqual([
      { name: 'start_date', code: 'not_a_date' },
      { name: 'extension_months', code: 'not_a_number' },
      { name: 'decision_months_before_end', code: 'missing' },
      { name: 'other', code: 'unknown_parameter' },
    ])
    expect(checkParams(c, { ...withDefaults(c, {}), start_date: '2027-01-01', end_date: '2029-12-31' })).toEqual([])
  })
})

describe('buildClauseNode', () => {
  it('builds a valid clause node with provenance attrs and each value in a param mark', () => {
    const c = get('termination.material_breach')
    const node = buildClauseNode(c, { cure_days: 30, ignored: 'x' }, 'sv', 'uid-1')
    node.check()
    expect(node.type).toBe(schema.nodes.clause)
    expect(node.attrs).toEqual({
      clauseId: 'termination.material_breach',
      version: 1,
      contentHash: contentHash(c, 'sv'),
      params: { cure_days: 30 },
      uid: 'uid-1',
      deviationNote: null,
    })
    expect(node.childCount).toBe(1)
    expect(node.firstChild!.type.name).toBe('paragraph')
    expect(runs(node).filter(([, name]) => name !== null)).toEqual([['30', 'cure_days']])
    expect(node.textContent).toBe(fillClause(c, { cure_days: 30 }, 'sv'))
  })

  it('marks unfilled tokens as parameters too, and survives a JSON round trip', () => {
    const c = clause()
    const node = buildClauseNode(c, { party: 'Exempelby kommun' }, 'en', 'u')
    expect(runs(node)).toEqual([
      ['Exempelby kommun', 'party'],
      [' may terminate this agreement with ', null],
      ['{notice_months}', 'notice_months'],
      [' months’ notice. Notice must be given in writing.', null],
    ])
    expect(schema.nodeFromJSON(node.toJSON()).eq(node)).toBe(true)
  })

  it('turns a markup value into text, never into nodes', () => {
    const node = buildClauseNode(clause(), { party: '<p>x</p><script>y</script>', notice_months: '{party}' }, 'sv', 'u')
    const kinds = new Set<string>()
    node.descendants((n) => {
      kinds.add(n.type.name)
      return true
    })
    expect([...kinds].sort()).toEqual(['paragraph', 'text'])
    expect(runs(node)[0]).toEqual(['<p>x</p><script>y</script>', 'party'])
    expect(runs(node)[2]).toEqual(['{party}', 'notice_months'])
  })

  it('makes one paragraph per blank-line separated paragraph of the approved text', () => {
    const c = clause({ parameters: [], text: { sv: 'Första stycket.\n\nAndra stycket.', en: 'First.\n\nSecond.' } })
    const node = buildClauseNode(c, {}, 'en', 'u')
    expect(node.childCount).toBe(2)
    expect(node.child(1).textContent).toBe('Second.')
  })

  it('builds every built-in clause in both languages', () => {
    for (const c of lib.latest) {
      for (const lang of ['sv', 'en'] as const) buildClauseNode(c, withDefaults(c, {}), lang, 'u').check()
    }
  })

  it('copies list values so the node never shares an array with the caller', () => {
    const units = ['IFO']
    const node = buildClauseNode(get('governance.all_affected_units'), { unit_list: units }, 'sv', 'u')
    units.push('Skolan')
    expect(node.attrs.params.unit_list).toEqual(['IFO'])
  })
})
