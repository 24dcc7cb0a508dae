import { describe, expect, it } from 'vitest'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { fillClause } from '../../../clause-library/fill.ts'
import { clauseSectionInfo } from '../../../schema/sections.ts'
import type { ClauseParam, ClauseRecord, ParamValue } from '../../../clause-library/record.ts'

/**
 * Every clause's Swedish as a reader reviews it, in one markdown file: with the realistic examples
 * (plural), with edge values (1, a single item, a single row) and with long lists, and each answer
 * of each choice. A change of wording or of how values are written shows up as a diff of that file.
 */

type Values = Record<string, ParamValue>

const example = (p: ClauseParam): ParamValue | undefined => p.example?.sv

function edge(p: ClauseParam): ParamValue | undefined {
  const ex = example(p)
  if (ex === undefined) return undefined
  if (p.type === 'number' || p.type === 'months') return 1
  if (Array.isArray(ex)) return ex.slice(0, 1)
  return ex
}

function long(p: ClauseParam): ParamValue | undefined {
  const ex = example(p)
  if (!Array.isArray(ex)) return ex
  return Array.from({ length: 7 }, (_, i) => {
    const base = ex[i % ex.length]!
    // Rows keep their cells; the first cell is numbered so the seven rows differ.
    return i < ex.length ? base : base.replace(/^([^\t]*)/, `$1 (${i + 1})`)
  })
}

function values(c: ClauseRecord, pick: (p: ClauseParam) => ParamValue | undefined): Values {
  const out: Values = {}
  for (const p of c.parameters) {
    const v = pick(p)
    if (v !== undefined) out[p.name] = v
  }
  return out
}

function render(c: ClauseRecord): string {
  const parts = [
    `## ${c.id} (version ${c.version}) — ${c.title?.sv ?? ''}`,
    '',
    `*${clauseSectionInfo(c.sectionId).name.sv}; ${c.role === 'addon' ? 'tillägg' : 'grundklausul'}${c.caseByCase ? '; kräver bedömning i varje enskilt fall' : ''}.* ${c.summary?.sv ?? ''}`,
    '',
  ]
  if (c.changes) parts.push(`Ändrat: ${c.changes}`, '')
  const variants: [string, Values][] = [['Exempel', values(c, example)]]
  const hasEdge = c.parameters.some((p) => p.type === 'number' || p.type === 'months' || Array.isArray(example(p)))
  if (hasEdge) variants.push(['Gränsvärden (1, en punkt, en rad)', values(c, edge)])
  if (c.parameters.some((p) => Array.isArray(example(p)))) variants.push(['Långa listor', values(c, long)])
  for (const p of c.parameters.filter((x) => x.type === 'choice')) {
    for (const o of p.options!.slice(1)) variants.push([`Val ${p.name} = ${o.value}`, { ...values(c, example), [p.name]: o.value }])
  }
  if (c.parameters.length > 0) variants.push(['Utan värden', {}])
  for (const [name, v] of variants) parts.push(`### ${name}`, '', fillClause(c, v, 'sv').replace(/\u00a0/g, ' '), '')
  return parts.join('\n')
}

describe('rendered Swedish of every clause', () => {
  it('matches the reviewed snapshot', async () => {
    const lib = builtinLibrary()
    const text = [
      '# Klausulbiblioteket återgivet med exempelvärden och gränsvärden',
      '',
      'Genereras av test/unit/clause-library/rendered.test.ts (`npx vitest run test/unit/clause-library/rendered.test.ts -u`). Alla klausuler är bibliotekets förslag – inte juridiskt granskade.',
      '',
      ...lib.latest.map(render),
    ].join('\n')
    await expect(text).toMatchFileSnapshot('./__snapshots__/clauses.sv.md')
  })
})
