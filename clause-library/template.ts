import { z } from 'zod'
import type { Node as PMNode } from 'prosemirror-model'
import { LIMITS } from '../schema/limits.ts'
import { schema } from '../schema/schema.ts'
import { CLAUSE_SECTIONS, type ClauseSectionId } from '../schema/sections.ts'
import { buildClauseNode } from './clause-node.ts'
import type { ClauseLibrary } from './library.ts'
import { LANGS, paramValueSchema, type ClauseRecord, type Lang } from './record.ts'

/** A municipality's or network's starting point: which clauses, in which order, with which values. */
export const templateSchema = z.strictObject({
  id: z.string().trim().min(1),
  name: z.strictObject({ sv: z.string().trim().min(1).max(LIMITS.nameMaxLength), en: z.string().trim().min(1).max(LIMITS.nameMaxLength) }),
  municipality: z.string().trim().min(1).max(LIMITS.municipalityMaxLength).optional(),
  lang: z.enum(LANGS),
  items: z.array(
    z.strictObject({
      clauseId: z.string().min(1),
      /** Omitted: the newest version when the document is built. */
      version: z.number().int().positive().optional(),
      params: z.record(z.string(), paramValueSchema),
    }),
  ),
})
export type Template = z.infer<typeof templateSchema>
export type TemplateItem = Template['items'][number]

export class TemplateClauseMissingError extends Error {
  override readonly name = 'TemplateClauseMissingError'
  constructor(
    readonly itemIndex: number,
    readonly clauseId: string,
    readonly version: number | undefined,
  ) {
    super(`template item ${itemIndex}: clause ${clauseId}${version === undefined ? '' : ` version ${version}`} is not in the library`)
  }
}

/** The clause record each item refers to, failing on the first one the library does not have. */
export function resolveTemplateItems(template: Template, library: ClauseLibrary): ClauseRecord[] {
  return template.items.map((item, i) => {
    const clause = library.get(item.clauseId, item.version)
    if (!clause) throw new TemplateClauseMissingError(i, item.clauseId, item.version)
    return clause
  })
}

export interface BuildDocOptions {
  title: string
  /** Defaults to the template's language. */
  lang?: Lang
  makeUid: () => string
}

/**
 * The first content of an agreement created from a template: the title, then one section per section
 * id the template uses, in the taxonomy's order, each with its heading and its clauses in template
 * order. The server seeds this once into an empty document.
 */
export function buildDocFromTemplate(template: Template, library: ClauseLibrary, options: BuildDocOptions): PMNode {
  const lang = options.lang ?? template.lang
  const clauses = resolveTemplateItems(template, library)
  const bySection = new Map<ClauseSectionId, PMNode[]>()
  const sectionUids = new Map<ClauseSectionId, string>()
  for (const info of CLAUSE_SECTIONS) {
    if (clauses.some((c) => c.sectionId === info.id)) sectionUids.set(info.id, options.makeUid())
  }
  clauses.forEach((clause, i) => {
    const nodes = bySection.get(clause.sectionId) ?? []
    nodes.push(buildClauseNode(clause, template.items[i]!.params, lang, options.makeUid()))
    bySection.set(clause.sectionId, nodes)
  })
  const sections = CLAUSE_SECTIONS.filter((s) => bySection.has(s.id)).map((info) =>
    schema.nodes.section!.create({ kind: info.id, uid: sectionUids.get(info.id)! }, [
      schema.nodes.heading!.create({ level: 2 }, schema.text(info.name[lang])),
      ...bySection.get(info.id)!,
    ]),
  )
  const title = schema.nodes.title!.create(null, options.title ? schema.text(options.title) : null)
  // An empty template still needs somewhere to type.
  const body = sections.length > 0 ? sections : [schema.nodes.paragraph!.create()]
  return schema.nodes.doc!.create(null, [title, ...body])
}
