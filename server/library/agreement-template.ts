import type { ClauseLibrary } from '../../clause-library/index.ts'
import type { Lang } from '../storage/store.ts'
import type { TemplateBody } from './templates.ts'

export interface SkippedClause {
  clauseId: string | null
  version: number | null
  reason: 'not_in_library'
}

interface JsonNode {
  type?: string
  attrs?: Record<string, unknown>
  content?: JsonNode[]
}

/**
 * A template from an agreement's content: its clause nodes in document order, each pinned to the
 * version it was inserted from, with the values filled in there. A template refers to approved
 * wording, so free text and edits inside a clause are not carried over; a clause the organisation's
 * library cannot see (another organisation's) is left out and reported.
 */
export function templateFromContent(
  content: unknown,
  library: ClauseLibrary,
  meta: { name: TemplateBody['name']; lang: Lang; municipality: string },
): { body: TemplateBody; skipped: SkippedClause[] } {
  const items: TemplateBody['items'] = []
  const skipped: SkippedClause[] = []
  const walk = (node: JsonNode) => {
    if (node.type === 'clause') {
      const clauseId = typeof node.attrs?.clauseId === 'string' ? node.attrs.clauseId : null
      const version = typeof node.attrs?.version === 'number' ? node.attrs.version : null
      const clause = clauseId ? library.get(clauseId, version) : undefined
      if (!clause) {
        skipped.push({ clauseId, version, reason: 'not_in_library' })
        return
      }
      items.push({ clauseId: clause.id, version: clause.version, params: declaredParams(node.attrs?.params, clause.parameters.map((p) => p.name)) })
      return
    }
    for (const child of node.content ?? []) walk(child)
  }
  walk(content as JsonNode)
  return { body: { name: meta.name, lang: meta.lang, municipality: meta.municipality, items }, skipped }
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
