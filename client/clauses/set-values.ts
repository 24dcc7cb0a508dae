import type { Node as PMNode } from 'prosemirror-model'
import type { Transaction } from 'prosemirror-state'
import { blockNodes, blockValue, formatValue, isBlockParam, type ClauseRecord, type Lang, type ParamValue, type ParamValues } from '../../clause-library/index.ts'
import { schema } from '../../schema/index.ts'

interface Edit {
  from: number
  to: number
  nodes: PMNode[]
}

/**
 * Writes new parameter values into a clause already in the document: every run of text under a
 * `param` mark is replaced by the new value (or the `{name}` token when it is emptied), and the
 * node's `params` attr follows. A list, table or signature value is rebuilt whole. The wording around
 * the values is left alone, so a change the group made on purpose survives and changing values never
 * creates a deviation.
 */
export function setClauseValues(tr: Transaction, pos: number, clause: ClauseRecord, values: ParamValues, lang: Lang): Transaction {
  const node = tr.doc.nodeAt(pos)
  if (node?.type.name !== 'clause') return tr
  const byName = new Map(clause.parameters.map((p) => [p.name, p]))
  const edits: Edit[] = []
  const blocks = blockRanges(node, pos, (name) => {
    const p = byName.get(name)
    return p !== undefined && isBlockParam(p)
  })
  for (const range of blocks) {
    const param = byName.get(range.name)
    const block = param && isBlockParam(param) ? blockValue(param, values[range.name], lang) : null
    const nodes = block ? blockNodes(range.name, block) : [schema.nodes.paragraph!.create(null, schema.text(`{${range.name}}`, [schema.marks.param!.create({ name: range.name })]))]
    edits.push({ from: range.from, to: range.to, nodes })
  }
  for (const range of paramRanges(node, pos)) {
    if (blocks.some((b) => range.from >= b.from && range.to <= b.to)) continue
    const param = byName.get(range.name)
    const text = (param ? formatValue(param, values[range.name], lang) : null) ?? `{${range.name}}`
    edits.push({ from: range.from, to: range.to, nodes: [schema.text(text, [schema.marks.param!.create({ name: range.name })])] })
  }
  for (const edit of edits.sort((a, b) => b.from - a.from)) tr.replaceWith(edit.from, edit.to, edit.nodes)
  const stored: Record<string, ParamValue> = {}
  for (const p of clause.parameters) {
    const value = values[p.name]
    if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')) stored[p.name] = value
  }
  return tr.setNodeMarkup(pos, undefined, { ...node.attrs, params: stored })
}

/** The one parameter all text of a block carries, or null when it has unmarked text or several. */
function soleParam(block: PMNode): string | null {
  let name: string | null = null
  let mixed = false
  block.descendants((child) => {
    if (!child.isText) return true
    const mark = child.marks.find((m) => m.type.name === 'param')
    const n = mark ? String(mark.attrs.name) : null
    if (n === null || (name !== null && n !== name)) mixed = true
    name ??= n
    return false
  })
  return mixed ? null : name
}

/**
 * Runs of the clause's top-level blocks that hold only one parameter's value and are structure (a
 * list, a table), more than one paragraph, or the paragraph of a block parameter not filled in yet.
 */
function blockRanges(node: PMNode, pos: number, isBlock: (name: string) => boolean): { from: number; to: number; name: string }[] {
  const out: { from: number; to: number; name: string; count: number; structure: boolean }[] = []
  node.forEach((child, offset) => {
    const name = soleParam(child)
    const from = pos + 1 + offset
    const last = out[out.length - 1]
    if (name !== null && last && last.name === name && last.to === from) {
      last.to = from + child.nodeSize
      last.count++
      last.structure ||= child.type.name !== 'paragraph'
    } else if (name !== null) {
      out.push({ from, to: from + child.nodeSize, name, count: 1, structure: child.type.name !== 'paragraph' })
    }
  })
  return out.filter((r) => r.structure || r.count > 1 || isBlock(r.name)).map(({ from, to, name }) => ({ from, to, name }))
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
