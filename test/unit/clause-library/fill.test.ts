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
    const params = { year: '2028', evaluator_type: 'en forskare', commissioner: 'Exempelby kommun', budget: 250000, cost_split: 'lika' }
    expect(fillClause(c, params, 'sv')).toBe(
      `Under 2028 genomför en forskare en extern utvärdering av partnerskapet. Utvärderingen beställs av Exempelby kommun, som ansvarar för att den upphandlas enligt gällande regler när det krävs. Kostnaden, högst 250${NBSP}000${NBSP}kr, fördelas enligt följande: lika.`,
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

  it('writes unit words that agree with the number, and keeps ISO dates', () => {
    const c = get('termination.gradual_winddown')
    expect(fillClause(c, { notice_months: 6, plan_weeks: 4 }, 'sv')).toContain(`med 6${NBSP}månaders uppsägningstid. Inom 4${NBSP}veckor efter`)
    expect(fillClause(c, { notice_months: 1, plan_weeks: 1 }, 'sv')).toContain(`med 1${NBSP}månads uppsägningstid. Inom 1${NBSP}vecka efter`)
    expect(fillClause(c, { notice_months: '6', plan_weeks: 4 }, 'en')).toContain(`in writing with 6${NBSP}months' notice`)
    expect(fillClause(c, { notice_months: 1 }, 'en')).toContain(`with 1${NBSP}month's notice`)
    const m = get('meeting_cadence.dense_start')
    expect(fillClause(m, { steady_meetings_per_year: 1 }, 'sv')).toContain(`därefter 1${NBSP}gång per år`)
    expect(fillClause(m, { steady_meetings_per_year: 4 }, 'sv')).toContain(`därefter 4${NBSP}gånger per år`)
    const d = get('duration.fixed_term')
    expect(fillClause(d, { start_date: '2027-01-01', end_date: '2029-12-31' }, 'sv')).toBe(
      'Överenskommelsen gäller från och med 2027-01-01 till och med 2029-12-31. Överenskommelsen förlängs inte automatiskt. Om parterna vill fortsätta samarbetet ska de i god tid före slutdatum ta ställning till en ny överenskommelse.',
    )
  })

  it('writes months, months of a year, choices and the configured threshold', () => {
    expect(fillClause(get('renegotiation.annual_review'), { review_month: 10 }, 'sv')).toContain('Varje år i oktober prövar')
    expect(fillClause(get('renegotiation.annual_review'), { review_month: 'oktober' }, 'en')).toContain('Every year in October,')
    expect(fillClause(get('renegotiation.midterm_choice'), { midterm_month: '2028-06' }, 'sv')).toContain('I juni 2028 gör parterna')
    const forum = get('dispute_resolution.escalation')
    expect(fillClause(forum, { forum: 'general_court' }, 'sv')).toContain('avgöras av allmän domstol, med tingsrätten')
    // Only the listed answers exist; anything else stays an unfilled token.
    expect(fillClause(forum, { forum: 'skiljenämnd' }, 'sv')).toContain('avgöras {forum}')
    expect(checkParams(forum, { second_level: 'x', forum: 'skiljenämnd' })).toEqual([{ name: 'forum', code: 'not_an_option' }])
    const lou = get('legal_basis.procurement_assessment')
    expect(fillClause(lou, {}, 'sv')).toContain(`(bilaga 2 till LOU) 8${NBSP}109${NBSP}450${NBSP}kr enligt`)
    expect(checkParams(lou, { why_not_purchase: 'x', market_assessment: 'x', public_party: 'x', total_public_value: 1 })).toEqual([])
  })

  it('joins list values inside a sentence in the language of the text', () => {
    const c = get('governance.all_affected_units')
    expect(fillClause(c, { committees: ['socialnämnden', 'kulturnämnden', 'barn- och utbildningsnämnden'] }, 'sv')).toContain(': socialnämnden, kulturnämnden och barn- och utbildningsnämnden.')
    expect(fillClause(c, { committees: ['the social committee', 'the schools committee'] }, 'en')).toContain(': the social committee and the schools committee.')
    // A newline-separated string is a list as well; empty items are dropped.
    expect(fillClause(c, { committees: 'socialnämnden\n\nkulturnämnden' }, 'sv')).toContain(': socialnämnden och kulturnämnden.')
  })

  it('writes a list that stands alone as bullets and rows as a table', () => {
    const goals = get('learning_goals.shared_and_own')
    expect(fillClause(goals, { own_goals_per_party: ['A: lära x', 'B: lära y'] }, 'sv')).toContain('egna lärandemål:\n\n- A: lära x\n- B: lära y\n\n')
    const table = get('activities.table')
    const text = fillClause(table, { activity_rows: ['Läxhjälp\tFöreningen\tbarn\ttre kvällar\tFöreningen', 'Fritid\tStiftelsen'] }, 'sv')
    expect(text).toContain('| Verksamhet | Utförs av | Målgrupp | Omfattning | Kostnaderna bokförs av |\n| Läxhjälp | Föreningen | barn | tre kvällar | Föreningen |\n| Fritid | Stiftelsen |  |  |  |')
  })

  it('leaves unfilled parameters visible as their {name} token', () => {
    const c = get('termination.gradual_winddown')
    const text = fillClause(c, { notice_months: 3 }, 'sv')
    expect(text).toContain('Inom {plan_weeks} efter')
    expect(fillClause(c, { notice_months: '  ', plan_weeks: [] }, 'sv')).toContain('med {notice_months} uppsägningstid')
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
    expect(checkParams(c, { start_date: '2027-01-01', end_date: '2029-12-31', extension_months: 12, max_extensions: 1, decision_months_before_end: 9 })).toEqual([])
    const parties = get('parties_and_mandates.two_party')
    expect(checkParams(parties, { public_orgnr: '212000-0000', ngo_orgnr: '8020001111' }).filter((i) => i.code !== 'missing')).toEqual([{ name: 'ngo_orgnr', code: 'not_an_orgnr' }])
    expect(checkParams(get('renegotiation.annual_review'), { review_month: 13 })).toEqual([{ name: 'review_month', code: 'not_a_month' }])
    expect(checkParams(get('follow_up_evaluation.external'), { year: '28' }).filter((i) => i.code !== 'missing')).toEqual([{ name: 'year', code: 'not_a_year' }])
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
      version: 2,
      contentHash: contentHash(c, 'sv'),
      params: { cure_days: 30 },
      uid: 'uid-1',
      deviationNote: null,
    })
    expect(node.childCount).toBe(1)
    expect(node.firstChild!.type.name).toBe('paragraph')
    expect(runs(node).filter(([, name]) => name !== null)).toEqual([[`30${NBSP}dagar`, 'cure_days']])
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
    const units = ['socialnämnden']
    const node = buildClauseNode(get('governance.all_affected_units'), { committees: units }, 'sv', 'u')
    units.push('kulturnämnden')
    expect(node.attrs.params.committees).toEqual(['socialnämnden'])
  })

  it('builds bullet lists, tables and one signature block per party, every text of them under the value mark', () => {
    const node = buildClauseNode(
      get('signatures.paper'),
      { copies: 3, signatories: ['Exempelby kommun\tsocialnämndens ordförande', 'Föreningen Läxhjälpen\tstyrelsens ordförande', 'Stiftelsen Gården'] },
      'sv',
      'u',
    )
    node.check()
    const texts = runs(node)
      .filter(([, name]) => name === 'signatories')
      .map(([t]) => t)
    expect(texts.filter((t) => t.startsWith('För '))).toEqual(['För Exempelby kommun', 'För Föreningen Läxhjälpen', 'För Stiftelsen Gården'])
    expect(texts).toContain('Befattning: socialnämndens ordförande')
    expect(texts.filter((t) => t.startsWith('Ort och datum:'))).toHaveLength(3)
    const table = buildClauseNode(get('activities.table'), { activity_rows: ['Läxhjälp\tFöreningen Läxhjälpen\tbarn\ttre kvällar\tFöreningen Läxhjälpen'] }, 'sv', 'u')
    table.check()
    const tableNode = table.child(1)
    expect(tableNode.type.name).toBe('table')
    expect(tableNode.childCount).toBe(2)
    expect(tableNode.firstChild!.firstChild!.attrs.header).toBe(true)
    expect(
      runs(table)
        .filter(([, name]) => name === null)
        .map(([t]) => t)
        .join(''),
    ).not.toContain('Läxhjälp')
    const list = buildClauseNode(get('governance.two_level'), { steering_members: ['a', 'b'], operational_members: ['c'] }, 'sv', 'u')
    expect(list.child(1).type.name).toBe('bullet_list')
    expect(list.child(1).childCount).toBe(2)
  })
})
