import type { ClauseLibrary, TemplateOutline } from '../../clause-library/index.ts'
import type { Lang } from '../storage/store.ts'
import type { TemplateBody } from './templates.ts'

export interface SkippedClause {
  clauseId: string | null
  version: number | null
  reason: 'not_in_library'
}

type OutlineBlock = TemplateOutline[number]['blocks'][number]

interface JsonNode {
  type?: string
  attrs?: Record<string, unknown>
  content?: JsonNode[]
}

/**
 * A template from an agreement's content, keeping the agreement's shape: every section (also an empty
 * one) with its heading and free text, and each clause node in its place, pinned to the version it
 * was inserted from with the values filled in there (`items`, with `outline` saying where each goes).
 * Edits made inside a clause are not carried over: the template refers to approved wording. A clause
 * the organisation's library cannot see (another organisation's) is left out and reported.
 */
export function templateFromContent(
  content: unknown,
  library: ClauseLibrary,
  meta: { name: TemplateBody['name']; lang: Lang; municipality: string },
): { body: TemplateBody; skipped: SkippedClause[] } {
  const items: TemplateBody['items'] = []
  const skipped: SkippedClause[] = []
  const outline: TemplateOutline = []

  const clauseBlock = (node: JsonNode): OutlineBlock | null => {
    const clauseId = typeof node.attrs?.clauseId === 'string' ? node.attrs.clauseId : null
    const version = typeof node.attrs?.version === 'number' ? node.attrs.version : null
    const clause = clauseId ? library.get(clauseId, version) : undefined
    if (!clause) {
      skipped.push({ clauseId, version, reason: 'not_in_library' })
      return null
    }
    items.push({
      clauseId: clause.id,
      version: clause.version,
      params: declaredParams(
        node.attrs?.params,
        clause.parameters.map((p) => p.name),
      ),
    })
    return { clause: items.length - 1 }
  }
  // Free text goes in as it is; a clause nested in it (inside a list item) is reported, not copied.
  const textBlock = (node: JsonNode): OutlineBlock | null => {
    let nested = false
    const look = (n: JsonNode): void => {
      if (n.type === 'clause' || n.type === 'section') {
        nested = true
        if (n.type === 'clause')
          skipped.push({ clauseId: typeof n.attrs?.clauseId === 'string' ? n.attrs.clauseId : null, version: typeof n.attrs?.version === 'number' ? n.attrs.version : null, reason: 'not_in_library' })
        return
      }
      for (const child of n.content ?? []) look(child)
    }
    look(node)
    return nested ? null : { text: node as Record<string, unknown> }
  }
  const blockOf = (node: JsonNode): OutlineBlock | null => (node.type === 'clause' ? clauseBlock(node) : textBlock(node))

  for (const node of (content as JsonNode).content ?? []) {
    if (node.type === 'title') continue
    if (node.type === 'section') {
      const blocks = (node.content ?? []).map(blockOf).filter((b): b is OutlineBlock => b !== null)
      outline.push({ kind: typeof node.attrs?.kind === 'string' ? node.attrs.kind : null, blocks })
      continue
    }
    const block = blockOf(node)
    if (!block) continue
    const last = outline[outline.length - 1]
    if (last?.loose) last.blocks.push(block)
    else outline.push({ kind: null, loose: true, blocks: [block] })
  }
  return { body: { name: meta.name, lang: meta.lang, municipality: meta.municipality, items, outline }, skipped }
}

/** Only values of declared parameters, of the shapes a template accepts; anything else is dropped. */
type Params = TemplateBody['items'][number]['params']

function declaredParams(raw: unknown, declared: string[]): Params {
  const out: Params = {}
  if (!raw || typeof raw !== 'object') return out
  for (const name of declared) {
    const value = (raw as Record<string, unknown>)[name]
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) out[name] = value
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[name] = [...(value as string[])]
  }
  return out
}
