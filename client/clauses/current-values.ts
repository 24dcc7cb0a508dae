import type { Node as PMNode } from 'prosemirror-model'
import type { ParamValue } from '../../clause-library/index.ts'

/**
 * The parameter values as the document shows them now: the text under each `param` mark (first
 * occurrence). The node's `params` attr holds the values at insertion; a co-author who later typed a
 * new date into the text changed the value, and restoring the approved wording must keep it.
 */
export function currentValues(clause: PMNode): Record<string, ParamValue> {
  const seen = new Map<string, string>()
  let open: string | null = null
  clause.descendants((node) => {
    if (!node.isTextblock) return true
    open = null
    node.forEach((inline) => {
      const mark = inline.marks.find((m) => m.type.name === 'param')
      const name = mark ? String(mark.attrs.name) : null
      if (name !== null && inline.isText) {
        if (name === open && seen.has(name)) seen.set(name, seen.get(name)! + inline.text!)
        else if (!seen.has(name)) seen.set(name, inline.text!)
      }
      open = name
    })
    return false
  })
  const stored = (clause.attrs.params ?? {}) as Record<string, ParamValue>
  const out: Record<string, ParamValue> = { ...stored }
  for (const [name, text] of seen) {
    // `{name}` is how an unfilled value looks; anything else is what the group wrote.
    if (text.trim() === '' || text.trim() === `{${name}}`) delete out[name]
    else out[name] = text.trim()
  }
  return out
}

/** The same clause with its `params` attr brought up to date with the text. */
export function withCurrentValues(clause: PMNode): PMNode {
  return clause.type.create({ ...clause.attrs, params: currentValues(clause) }, clause.content, clause.marks)
}
