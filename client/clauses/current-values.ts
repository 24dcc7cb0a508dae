import type { Node as PMNode } from 'prosemirror-model'
import { contentHash, formatValue, isBlockParam, type ClauseRecord, type ParamValue } from '../../clause-library/index.ts'

/**
 * The parameter values as the document shows them now: the text under each `param` mark (first
 * occurrence). The node's `params` attr holds the values at insertion; a co-author who later typed a
 * new date into the text changed the value, and restoring the approved wording must keep it.
 *
 * With the clause's record the text is read back into a value of the parameter's type: a choice's
 * sentence becomes its option, "6 månaders" the number 6. Lists, tables and signature blocks span
 * several paragraphs and keep their stored value.
 */
export function currentValues(clause: PMNode, record?: ClauseRecord): Record<string, ParamValue> {
  const seen = new Map<string, string>()
  const spread = new Set<string>()
  let open: string | null = null
  clause.descendants((node, _pos, parent) => {
    if (!node.isTextblock) return true
    open = null
    const inStructure = parent !== null && parent.type.name !== 'clause'
    node.forEach((inline) => {
      const mark = inline.marks.find((m) => m.type.name === 'param')
      const name = mark ? String(mark.attrs.name) : null
      if (name !== null && inline.isText) {
        if (inStructure) spread.add(name)
        if (name === open && seen.has(name)) seen.set(name, seen.get(name)! + inline.text!)
        else if (!seen.has(name)) seen.set(name, inline.text!)
        else if (name !== open) spread.add(name)
      }
      open = name
    })
    return false
  })
  const stored = (clause.attrs.params ?? {}) as Record<string, ParamValue>
  const byName = new Map((record?.parameters ?? []).map((p) => [p.name, p]))
  const lang = record ? detectLang(clause, record) : 'sv'
  const out: Record<string, ParamValue> = { ...stored }
  for (const [name, raw] of seen) {
    const text = raw.trim()
    const param = byName.get(name)
    if (spread.has(name) || (param && isBlockParam(param) && stored[name] !== undefined)) continue
    // `{name}` is how an unfilled value looks; anything else is what the group wrote.
    if (text === '' || text === `{${name}}`) {
      delete out[name]
      continue
    }
    if (!param) {
      out[name] = text
      continue
    }
    if (stored[name] !== undefined && formatValue(param, stored[name], lang) === text) continue
    out[name] = readBack(param, text, lang) ?? text
  }
  return out
}

/** The language the clause was inserted in, known from its stored hash of the approved wording. */
function detectLang(clause: PMNode, record: ClauseRecord): 'sv' | 'en' {
  return clause.attrs.contentHash === contentHash(record, 'en') ? 'en' : 'sv'
}

/** The value behind a displayed text: a choice's option, a number without its unit word. */
function readBack(param: NonNullable<ClauseRecord['parameters'][number]>, text: string, lang: 'sv' | 'en'): ParamValue | null {
  if (param.type === 'choice') {
    const option = param.options?.find((o) => o.text.sv === text || o.text.en === text || o.text[lang] === text)
    return option ? option.value : null
  }
  if ((param.type === 'number' || param.type === 'months') && param.unit) {
    const units = [param.unit.sv.one, param.unit.sv.other, param.unit.en.one, param.unit.en.other]
    for (const u of units.sort((a, b) => b.length - a.length)) {
      if (text.endsWith(u)) return text.slice(0, -u.length).trim()
    }
  }
  return null
}

/** The same clause with its `params` attr brought up to date with the text. */
export function withCurrentValues(clause: PMNode, record?: ClauseRecord): PMNode {
  return clause.type.create({ ...clause.attrs, params: currentValues(clause, record) }, clause.content, clause.marks)
}
