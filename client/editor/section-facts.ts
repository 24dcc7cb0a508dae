import type { Node as PMNode } from 'prosemirror-model'

/**
 * What the section structure of an agreement is made of, read from a ProseMirror doc: the sections
 * (always top-level children of the doc) with their uid, kind and whether their heading is still their
 * first child. The guard that keeps the structure through editing and the tests that fuzz it share it.
 */
export interface SectionFact {
  uid: string | null
  kind: string | null
  /** Position of the section node in the doc. */
  pos: number
  headingFirst: boolean
}

export function sectionFacts(doc: PMNode): SectionFact[] {
  const facts: SectionFact[] = []
  doc.forEach((node, offset) => {
    if (node.type.name !== 'section') return
    facts.push({
      uid: typeof node.attrs.uid === 'string' && node.attrs.uid !== '' ? node.attrs.uid : null,
      kind: typeof node.attrs.kind === 'string' ? node.attrs.kind : null,
      pos: offset,
      headingFirst: node.firstChild?.type.name === 'heading',
    })
  })
  return facts
}

/**
 * Why `after` is a broken version of `before`'s structure, or null when it is not: a section that
 * disappeared (merged into another or deleted) other than the ones in `mayRemove`, or a section whose
 * heading stopped being its first child (it became a plain heading inside the section before it).
 */
export function structureBroken(before: PMNode, after: PMNode, mayRemove: ReadonlySet<string> = new Set()): string | null {
  const old = sectionFacts(before)
  const now = sectionFacts(after)
  const removable = old.filter((f) => f.uid !== null && mayRemove.has(f.uid)).length
  if (now.length < old.length - removable) return 'a section was merged or removed'
  const firstByUid = new Map<string, SectionFact>()
  for (const fact of now) if (fact.uid !== null && !firstByUid.has(fact.uid)) firstByUid.set(fact.uid, fact)
  for (const fact of old) {
    if (fact.uid === null || mayRemove.has(fact.uid)) continue
    const still = firstByUid.get(fact.uid)
    if (!still) return `section ${fact.uid} was merged or removed`
    if (fact.headingFirst && !still.headingFirst) return `section ${fact.uid} lost its heading`
  }
  return null
}

/** Every section and clause uid in document order (clauses may sit inside sections, lists, tables). */
export function uidNodes(doc: PMNode): { pos: number; node: PMNode; uid: string | null }[] {
  const found: { pos: number; node: PMNode; uid: string | null }[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) return false
    const name = node.type.name
    if (name === 'section' || name === 'clause') {
      const uid = node.attrs.uid
      found.push({ pos, node, uid: typeof uid === 'string' && uid !== '' ? uid : null })
    }
    return true
  })
  return found
}
