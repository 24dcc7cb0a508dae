import type { Node as PMNode } from 'prosemirror-model'
import { LIMITS } from '../../schema/limits.ts'
import { validateAgreement, type ValidationReport } from '../../schema/validator/index.ts'
import { schema } from '../../schema/schema.ts'
import { readDocx } from './docx-read.ts'
import { findParties, type FoundParty } from './parties-found.ts'
import { typeSections, type TypedSection } from './section-typing.ts'
import { checkDocx } from './zip-guard.ts'

/**
 * A Word file to an agreement that is not stored yet: checked (zip-guard), read (mammoth), sections
 * typed where the validator is confident, parties found, and the validator's report. The route shows
 * this as a preview or stores it; nothing here writes anything.
 */
export interface ImportPlan {
  doc: PMNode
  title: string
  sections: TypedSection[]
  parties: FoundParty[]
  validation: ValidationReport
  /** The municipality the text names as a party, to prefill the form. */
  suggestedMunicipality: string | null
  warnings: string[]
}

export async function planImport(bytes: Buffer, options: { lang: 'sv' | 'en'; title?: string; fileName?: string }): Promise<ImportPlan> {
  await checkDocx(bytes)
  const read = await readDocx(bytes)
  const title = (options.title?.trim() || read.title || fileTitle(options.fileName) || (options.lang === 'sv' ? 'Importerat avtal' : 'Imported agreement')).slice(0, LIMITS.titleMaxLength)
  const withTitle = replaceTitle(read.doc, title)
  const typed = typeSections(withTitle)
  const parties = findParties(typed.doc)
  const municipality = parties.find((p) => p.type === 'public')?.name ?? null
  return {
    doc: typed.doc,
    title,
    sections: typed.sections,
    parties,
    validation: validateAgreement(typed.doc, { lang: options.lang }),
    suggestedMunicipality: municipality ? municipality.slice(0, LIMITS.municipalityMaxLength) : null,
    warnings: read.warnings,
  }
}

function replaceTitle(doc: PMNode, title: string): PMNode {
  const rest: PMNode[] = []
  doc.forEach((node, _offset, index) => {
    if (index > 0 || node.type.name !== 'title') rest.push(node)
  })
  return schema.nodes.doc!.create(null, [schema.nodes.title!.create(null, schema.text(title)), ...rest])
}

function fileTitle(name: string | undefined): string | null {
  if (!name) return null
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim()
  return stem || null
}
