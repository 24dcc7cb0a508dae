import type { Node as PMNode } from 'prosemirror-model'
import type { Transaction } from 'prosemirror-state'
import { formatValue, type ClauseRecord, type Lang, type ParamValue, type ParamValues } from '../../clause-library/index.ts'
import { schema } from '../../schema/index.ts'

/**
 * Writes new parameter values into a clause already in the document: every run of text under a
 * `param` mark is replaced by the new value (or the `{name}` token when it is emptied), and the
 * node's `params` attr follows. The wording around the values is left alone, so a change the group
 * made on purpose survives and changing values never creates a deviation.
 */
export function setClauseValues(tr: Transaction, pos: number, clause: ClauseRecord, values: ParamValues, lang: Lang): Transaction {
  const node = tr.doc.nodeAt(pos)
  if (!node || node.type.name !== 'clause') return tr
  const ranges = paramRanges(node, pos)
  const byName = new Map(clause.parameters.map((p) => [p.name, p]))
  for (const range of ranges.reverse()) {
    const param = byName.get(range.name)
    const text = (param ? formatValue(param, values[range.name], lang) : null) ?? `{${range.name}}`
    tr.replaceWith(range.from, range.to, schema.text(text, [schema.marks.param!.create({ name: range.name })]))
  }
  const stored: Record<string, ParamValue> = {}
  for (const p of clause.parameters) {
    const value = values[p.name]
    if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')) stored[p.name] = value
  }
  return tr.setNodeMarkup(pos, undefined, { ...node.attrs, params: stored })
}

/** Runs of text under one parameter's mark, adjacent pieces (split by other marks) joined. */
function paramRanges(node: PMNode, pos: number): { from: number; to: number; name: string }[] {
  const out: { from: number; to: number; name: string }[] = []
  node.descendants((child, offset) => {
    if (!child.isText) return true
    const mark = child.marks.find((m) => m.type.name === 'param')
    if (!mark) return false
    const from = pos + 1 + offset
    const to = from + child.nodeSize
    const name = String(mark.attrs.name)
    const last = out[out.length - 1]
    if (last && last.name === name && last.to === from) last.to = to
    else out.push({ from, to, name })
    return false
  })
  return out
}
