import { z } from 'zod'
import type { Node as PMNode } from 'prosemirror-model'
import { LIMITS } from '../schema/limits.ts'
import { schema } from '../schema/schema.ts'
import { CLAUSE_SECTIONS, isClauseSectionId, type ClauseSectionId } from '../schema/sections.ts'
import { buildClauseNode } from './clause-node.ts'
import type { ClauseLibrary } from './library.ts'
import { LANGS, paramValueSchema, type ClauseRecord, type Lang } from './record.ts'

/**
 * One block of a template's outline: a clause (an index into `items`) or any other block as
 * ProseMirror JSON (a heading, free text, a list, a table), checked against the schema when built.
 */
const outlineBlockSchema = z.union([z.strictObject({ clause: z.number().int().nonnegative() }), z.strictObject({ text: z.record(z.string(), z.unknown()) })])

/**
 * The agreement a template was saved from, section by section: every section with its heading and
 * its free text, clauses in their places. `loose` entries are blocks outside any section. Optional:
 * a template without it lays out one section per clause section, in the taxonomy's order.
 */
export const templateOutlineSchema = z.array(z.strictObject({ kind: z.string().max(100).nullable(), loose: z.boolean().optional(), blocks: z.array(outlineBlockSchema).max(2000) })).max(500)
export type TemplateOutline = z.infer<typeof templateOutlineSchema>

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
  outline: templateOutlineSchema.optional(),
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
  if (template.outline) {
    const fromOutline = buildFromOutline(template, template.outline, clauses, lang, options)
    if (fromOutline) return fromOutline
  }
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
    schema.nodes.section!.create({ kind: info.id, uid: sectionUids.get(info.id)! }, [schema.nodes.heading!.create({ level: 2 }, schema.text(info.name[lang])), ...bySection.get(info.id)!]),
  )
  const title = schema.nodes.title!.create(null, options.title ? schema.text(options.title) : null)
  // An empty template still needs somewhere to type.
  const body = sections.length > 0 ? sections : [schema.nodes.paragraph!.create()]
  return schema.nodes.doc!.create(null, [title, ...body])
}

/**
 * The document from a template's outline: the same sections with their headings and free text, each
 * clause rebuilt from the library with its values. `null` when the outline does not fit the schema
 * (a hand-written or foreign template): the caller falls back to the taxonomy layout.
 */
function buildFromOutline(template: Template, outline: TemplateOutline, clauses: ClauseRecord[], lang: Lang, options: BuildDocOptions): PMNode | null {
  try {
    const blocksOf = (blocks: TemplateOutline[number]['blocks']): PMNode[] =>
      blocks.map((block) => {
        if ('clause' in block) {
          const clause = clauses[block.clause]
          const item = template.items[block.clause]
          if (!clause || !item) throw new RangeError(`outline refers to item ${block.clause}`)
          return buildClauseNode(clause, item.params, lang, options.makeUid())
        }
        const node = schema.nodeFromJSON(block.text)
        // Free text only: sections and clauses come from the outline and the library, never from JSON.
        let forbidden = false
        node.descendants((child) => {
          if (child.type.name === 'clause' || child.type.name === 'section') forbidden = true
          return !forbidden
        })
        if (!node.type.isBlock || forbidden || node.type.name === 'clause' || node.type.name === 'section' || node.type.name === 'title') throw new RangeError('outline block is not free text')
        return node
      })
    const body: PMNode[] = []
    for (const entry of outline) {
      const blocks = blocksOf(entry.blocks)
      if (entry.loose) {
        body.push(...blocks)
        continue
      }
      if (blocks.length === 0) continue
      const kind = entry.kind !== null && isClauseSectionId(entry.kind) ? entry.kind : null
      body.push(schema.nodes.section!.create({ kind, uid: options.makeUid() }, blocks))
    }
    const title = schema.nodes.title!.create(null, options.title ? schema.text(options.title) : null)
    const doc = schema.nodes.doc!.create(null, [title, ...(body.length > 0 ? body : [schema.nodes.paragraph!.create()])])
    doc.check()
    return doc
  } catch {
    return null
  }
}
