import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../schema/schema.ts'
import { fillParagraphs } from './fill.ts'
import { contentHash } from './masked-text.ts'
import type { ClauseRecord, Lang, ParamValue, ParamValues } from './record.ts'

/**
 * A `clause` node for the document: one paragraph per paragraph of approved text, each parameter
 * value in a text node carrying the `param` mark. Values only ever become text nodes, so no value can
 * inject markup or structure.
 */
export function buildClauseNode(clause: ClauseRecord, params: ParamValues, lang: Lang, uid: string): PMNode {
  const paramMark = schema.marks.param!
  const paragraphs = fillParagraphs(clause, params, lang).map((pieces) =>
    schema.nodes.paragraph!.create(
      null,
      pieces
        .filter((p) => p.text.length > 0)
        .map((p) => (p.kind === 'text' ? schema.text(p.text) : schema.text(p.text, [paramMark.create({ name: p.name })]))),
    ),
  )
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

/** Only declared, filled values, copied so the node never shares an array with the caller. */
function storedParams(clause: ClauseRecord, params: ParamValues): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const p of clause.parameters) {
    const value = params[p.name]
    if (value === null || value === undefined) continue
    out[p.name] = Array.isArray(value) ? value.map(String) : (value as string | number)
  }
  return out
}
