import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../schema/schema.ts'
import type { BlockValue } from './blocks.ts'
import { effectiveValue, fillParagraphs } from './fill.ts'
import { contentHash } from './masked-text.ts'
import type { ClauseRecord, Lang, ParamValue, ParamValues } from './record.ts'

/**
 * A `clause` node for the document: one paragraph per paragraph of approved text, each parameter
 * value in a text node carrying the `param` mark. Values only ever become text nodes, so no value can
 * inject markup or structure.
 */
export function buildClauseNode(clause: ClauseRecord, params: ParamValues, lang: Lang, uid: string): PMNode {
  const paramMark = schema.marks.param!
  const paragraphs = fillParagraphs(clause, params, lang).flatMap((pieces): PMNode[] => {
    const first = pieces[0]
    if (pieces.length === 1 && first?.kind === 'param' && first.block) return blockNodes(first.name, first.block)
    return [
      schema.nodes.paragraph!.create(
        null,
        pieces.filter((p) => p.text.length > 0).map((p) => (p.kind === 'text' ? schema.text(p.text) : schema.text(p.text, [paramMark.create({ name: p.name })]))),
      ),
    ]
  })
  return schema.nodes.clause!.create(
    {
      clauseId: clause.id,
      version: clause.version,
      contentHash: contentHash(clause, lang),
      params: storedParams(clause, params),
      uid,
      deviationNote: null,
    },
    paragraphs,
  )
}

/**
 * A structured value as document nodes. Every text in it, the column headings and the signature-line
 * labels included, carries the parameter's mark: the whole block is the value, so the deviation check
 * sees it as one `{name}` and filling in another party is never a change of wording.
 */
export function blockNodes(name: string, block: BlockValue): PMNode[] {
  const mark = [schema.marks.param!.create({ name })]
  const para = (text: string): PMNode => schema.nodes.paragraph!.create(null, text ? schema.text(text, mark) : null)
  switch (block.kind) {
    case 'bullets':
      return [
        schema.nodes.bullet_list!.create(
          null,
          block.items.map((item) => schema.nodes.list_item!.create(null, para(item))),
        ),
      ]
    case 'table': {
      const row = (cells: string[], header: boolean) =>
        schema.nodes.table_row!.create(
          null,
          cells.map((c) => schema.nodes.table_cell!.create({ header }, para(c))),
        )
      return [schema.nodes.table!.create(null, [row(block.header, true), ...block.rows.map((r) => row(r, false))])]
    }
    case 'signatures':
      return block.blocks.flatMap((lines) => lines.map(para))
  }
}

/** Only declared, filled values, copied so the node never shares an array with the caller. */
function storedParams(clause: ClauseRecord, params: ParamValues): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const p of clause.parameters) {
    const value = effectiveValue(p, params)
    if (value === null || value === undefined) continue
    out[p.name] = Array.isArray(value) ? value.map(String) : (value as string | number)
  }
  return out
}
