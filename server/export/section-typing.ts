import { randomUUID } from 'node:crypto'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../schema/schema.ts'
import type { SectionId } from '../../schema/sections.ts'
import { locateSections } from '../../schema/validator/index.ts'

/**
 * Gives imported sections their `kind` where the validator is confident, through its public entry
 * point only (`locateSections`): a section is typed X when the validator places X at that section in
 * the whole document AND its heading on its own names X and nothing else. A heading that names two
 * sections ("Organisation och mötesformer") or none stays untyped; the validator still reads it.
 * Every section gets a uid, as sections made in the editor have.
 */
export interface TypedSection {
  heading: string
  kind: SectionId | null
}

export function typeSections(doc: PMNode, makeUid: () => string = randomUUID): { doc: PMNode; sections: TypedSection[] } {
  const located = new Map<number, SectionId[]>()
  for (const [id, pos] of locateSections(doc)) located.set(pos, [...(located.get(pos) ?? []), id])

  const sections: TypedSection[] = []
  const children: PMNode[] = []
  doc.forEach((node, offset) => {
    if (node.type.name !== 'section') {
      children.push(node)
      return
    }
    const heading = node.firstChild?.type.name === 'heading' ? node.firstChild : null
    const here = located.get(offset) ?? []
    const named = heading ? namedBy(heading) : []
    const kind = named.length === 1 && here.includes(named[0]!) ? named[0]! : null
    sections.push({ heading: heading?.textContent ?? '', kind })
    children.push(schema.nodes.section!.create({ kind, uid: makeUid() }, node.content))
  })
  return { doc: schema.nodes.doc!.create(null, children), sections }
}

/** The sections a heading names when it stands alone in a document. */
function namedBy(heading: PMNode): SectionId[] {
  const probe = schema.nodes.doc!.create(null, [schema.nodes.title!.create(), schema.nodes.section!.create(null, [heading])])
  return [...locateSections(probe).keys()]
}
