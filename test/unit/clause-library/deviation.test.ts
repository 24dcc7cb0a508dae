import type { Node as PMNode } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { schema } from '../../../schema/schema.ts'
import { buildClauseNode } from '../../../clause-library/clause-node.ts'
import { detectDeviation, revertToApproved } from '../../../clause-library/deviation.ts'
import { fnv1a64 } from '../../../schema/hash.ts'
import { createLibrary } from '../../../clause-library/library.ts'
import { contentHash, maskedTextOfNode } from '../../../clause-library/masked-text.ts'
import { clause } from './helpers.ts'

type Json = { type: string; text?: string; marks?: { type: string; attrs?: Record<string, unknown> }[]; content?: Json[]; attrs?: Record<string, unknown> }

/** Rewrites the text runs of a node through JSON, the way a collaborator's edit arrives. */
function editRuns(node: PMNode, edit: (run: Json) => void): PMNode {
  const json = node.toJSON() as Json
  const walk = (n: Json) => {
    if (n.type === 'text') edit(n)
    n.content?.forEach(walk)
  }
  walk(json)
  return schema.nodeFromJSON(json)
}

const isParam = (run: Json, name?: string) => run.marks?.some((m) => m.type === 'param' && (name === undefined || m.attrs?.name === name)) ?? false

const v1 = clause()
const lib = createLibrary([v1])
const params = { party: 'Exempelby kommun', notice_months: 6 }

describe('contentHash', () => {
  it('is FNV-1a 64 of the masked approved text, stable across value changes', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325')
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c')
    expect(contentHash(v1, 'sv')).toBe(`fnv1a64:${fnv1a64(v1.text.sv)}`)
    expect(buildClauseNode(v1, params, 'sv', 'u').attrs.contentHash).toBe(buildClauseNode(v1, { party: 'X' }, 'sv', 'u').attrs.contentHash)
    expect(contentHash(v1, 'sv')).not.toBe(contentHash(v1, 'en'))
  })
})

describe('detectDeviation', () => {
  it('reports a freshly inserted clause as approved, in the language it was inserted in', () => {
    expect(detectDeviation(buildClauseNode(v1, params, 'sv', 'u'), lib)).toEqual({ status: 'approved', lang: 'sv' })
    expect(detectDeviation(buildClauseNode(v1, {}, 'en', 'u'), lib)).toEqual({ status: 'approved', lang: 'en' })
  })

  it('stays approved when only a parameter value changes, even split over several runs', () => {
    const node = buildClauseNode(v1, params, 'sv', 'u')
    const changed = editRuns(node, (run) => {
      if (isParam(run, 'party')) run.text = 'Föreningen Läxhjälpen, med <b>markup</b>'
    })
    expect(detectDeviation(changed, lib).status).toBe('approved')
    // A value partly made bold is split into several text nodes under the same param mark.
    const json = changed.toJSON() as Json
    const para = json.content![0]!
    const [first, ...rest] = para.content!
    para.content = [{ ...first!, text: 'Föreningen ' }, { ...first!, text: 'Läxhjälpen', marks: [...first!.marks!, { type: 'strong' }] }, ...rest]
    expect(detectDeviation(schema.nodeFromJSON(json), lib).status).toBe('approved')
  })

  it('ignores whitespace runs and empty paragraphs', () => {
    const node = buildClauseNode(v1, params, 'sv', 'u')
    const spaced = editRuns(node, (run) => {
      if (!isParam(run)) run.text = run.text!.replace(' säga ', '  säga ')
    })
    const json = spaced.toJSON() as Json
    json.content!.push({ type: 'paragraph' })
    expect(detectDeviation(schema.nodeFromJSON(json), lib).status).toBe('approved')
  })

  it('reports an edited word as a deviation with a word diff', () => {
    const node = buildClauseNode(v1, params, 'sv', 'u')
    const edited = editRuns(node, (run) => {
      if (!isParam(run)) run.text = run.text!.replace('skriftlig', 'muntlig')
    })
    const result = detectDeviation(edited, lib)
    expect(result.status).toBe('deviates')
    expect(result.lang).toBe('sv')
    expect(result.diff!.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'skriftlig' },
      { kind: 'added', text: 'muntlig' },
    ])
    // Values are masked in the diff too, so a diff never reports a filled value as a change.
    expect(result.diff!.map((p) => p.text).join('')).toContain('{party}')
  })

  it('treats text typed next to a value (outside the mark) as a deviation', () => {
    const node = buildClauseNode(v1, params, 'en', 'u')
    const json = node.toJSON() as Json
    json.content![0]!.content!.splice(1, 0, { type: 'text', text: ' and its board' })
    const result = detectDeviation(schema.nodeFromJSON(json), lib)
    expect(result.status).toBe('deviates')
    expect(result.diff!.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['and its board'])
  })

  it('treats deleting a value together with its mark as a deviation', () => {
    const node = buildClauseNode(v1, params, 'sv', 'u')
    const json = node.toJSON() as Json
    json.content![0]!.content!.shift()
    expect(detectDeviation(schema.nodeFromJSON(json), lib).status).toBe('deviates')
  })

  it('reports update_available when the library has a newer version, and deviates + newerVersion when edited', () => {
    const v2 = clause({ version: 2, text: { ...v1.text, sv: v1.text.sv.replace('skriftlig', 'skriftlig och motiverad') } })
    const lib2 = createLibrary([v1, v2])
    const old = buildClauseNode(v1, params, 'sv', 'u')
    expect(detectDeviation(old, lib2)).toEqual({ status: 'update_available', lang: 'sv', newerVersion: 2 })
    expect(detectDeviation(buildClauseNode(v2, params, 'sv', 'u'), lib2)).toEqual({ status: 'approved', lang: 'sv' })
    const edited = editRuns(old, (run) => {
      if (!isParam(run)) run.text = run.text!.replace('säga upp', 'avsluta')
    })
    const result = detectDeviation(edited, lib2)
    expect(result.status).toBe('deviates')
    expect(result.newerVersion).toBe(2)
    // Compared with the version it came from, not with the newer wording.
    expect(result.diff!.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['säga upp'])
  })

  it('falls back on the stored hash when the old version is no longer in the library', () => {
    const v2 = clause({ version: 2, text: { ...v1.text, en: v1.text.en.replace('in writing', 'in writing with reasons') } })
    const onlyV2 = createLibrary([v2])
    const old = buildClauseNode(v1, params, 'en', 'u')
    expect(detectDeviation(old, onlyV2)).toEqual({ status: 'update_available', newerVersion: 2 })
    const edited = editRuns(old, (run) => {
      if (!isParam(run)) run.text = run.text!.replace('terminate', 'end')
    })
    const result = detectDeviation(edited, onlyV2)
    expect(result.status).toBe('deviates')
    expect(result.lang).toBe('en')
    expect(result.newerVersion).toBe(2)
  })

  it('reports unknown clauses', () => {
    const node = buildClauseNode(v1, params, 'sv', 'u')
    expect(detectDeviation(node, createLibrary([])).status).toBe('unknown_clause')
    const orphan = schema.nodes.clause!.create({ clauseId: null }, schema.nodes.paragraph!.create(null, schema.text('Fri text.')))
    expect(detectDeviation(orphan, lib).status).toBe('unknown_clause')
    const fromTheFuture = schema.nodeFromJSON({ ...(node.toJSON() as Json), attrs: { ...node.attrs, version: 9 } })
    expect(detectDeviation(fromTheFuture, lib).status).toBe('unknown_clause')
  })

  it('masks every value, so the masked text equals the approved template text', () => {
    expect(maskedTextOfNode(buildClauseNode(v1, params, 'sv', 'u'))).toBe(v1.text.sv)
  })
})

describe('revertToApproved', () => {
  it('restores the approved wording with the current values and the same uid', () => {
    const node = buildClauseNode(v1, params, 'sv', 'uid-7')
    const edited = editRuns(node, (run) => {
      if (!isParam(run)) run.text = run.text!.replace('skriftlig', 'muntlig')
    })
    const reverted = revertToApproved(edited, lib)
    expect(reverted.eq(node)).toBe(true)
    expect(detectDeviation(reverted, lib).status).toBe('approved')
  })

  it('applies an update to the newest version and can switch language', () => {
    const v2 = clause({ version: 2, text: { ...v1.text, sv: v1.text.sv.replace('skriftlig', 'skriftlig och motiverad') } })
    const lib2 = createLibrary([v1, v2])
    const updated = revertToApproved(buildClauseNode(v1, params, 'sv', 'u'), lib2, { version: 'latest' })
    expect(updated.attrs.version).toBe(2)
    expect(updated.textContent).toContain('skriftlig och motiverad')
    expect(detectDeviation(updated, lib2)).toEqual({ status: 'approved', lang: 'sv' })
    const english = revertToApproved(buildClauseNode(v1, params, 'sv', 'u'), lib2, { lang: 'en' })
    expect(english.textContent).toBe('Exempelby kommun may terminate this agreement with 6 months’ notice. Notice must be given in writing.')
  })

  it('throws for a clause the library does not know', () => {
    expect(() => revertToApproved(buildClauseNode(v1, params, 'sv', 'u'), createLibrary([]))).toThrow(/not in the library/)
  })
})
