import type { Node as PMNode } from 'prosemirror-model'
import { schema } from './schema.ts'
import { SECTIONS, type SectionId } from './sections.ts'

export type Lang = 'sv' | 'en'

export interface NewAgreementContent {
  title: string
  lang: Lang
  /** Adds an empty section for each of the 19 section ids, in the order of SECTIONS.md. */
  skeleton: boolean
  /** Produces the uid for each section; injected so the server decides and tests are deterministic. */
  makeUid: () => string
}

export function emptySection(kind: SectionId, lang: Lang, uid: string): PMNode {
  const info = SECTIONS.find((s) => s.id === kind)
  if (!info) throw new Error(`unknown section id: ${kind}`)
  return schema.nodes.section!.create({ kind, uid }, [schema.nodes.heading!.create({ level: 2 }, schema.text(info.name[lang])), schema.nodes.paragraph!.create()])
}

/** The initial document of a new agreement. Only the server calls this, once, on an empty store. */
export function newAgreementDoc({ title, lang, skeleton, makeUid }: NewAgreementContent): PMNode {
  const titleNode = schema.nodes.title!.create(null, title ? schema.text(title) : null)
  const body = skeleton ? SECTIONS.map((s) => emptySection(s.id, lang, makeUid())) : [schema.nodes.paragraph!.create()]
  return schema.nodes.doc!.create(null, [titleNode, ...body])
}
