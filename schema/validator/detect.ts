import { SECTION_IDS, type SectionId } from '../sections.ts'
import type { Block } from './blocks.ts'

/**
 * Where each section's substance is. `strong` blocks belong to it by construction (section kind, clause
 * id, heading, table header); `cue` blocks belong by their content alone. Rules read `all`.
 */
export interface SectionScope {
  id: SectionId
  /** A heading, section node or clause names this section (even with nothing under it). */
  named: boolean
  strong: Block[]
  cue: Block[]
  all: Block[]
  /** Blocks that carry content (not headings, not placeholder-only). */
  content: Block[]
  /** Sentences of the content blocks. */
  sentences: string[]
  /** Clauses in this section with parameters left unfilled. */
  unfilledParams: { clauseId: string; params: string[] }[]
  /** Position of the first heading, section or clause that names the section. */
  namedTop: number | null
  /** The same, ignoring table header rows: where a reader would go to find the section. */
  headingTop: number | null
  /** Position of the first block that carries the section's content. */
  firstTop: number | null
}

export type Scopes = Record<SectionId, SectionScope>

export function detectSections(blocks: readonly Block[]): Scopes {
  const scopes = {} as Scopes
  for (const id of SECTION_IDS) {
    scopes[id] = { id, named: false, strong: [], cue: [], all: [], content: [], sentences: [], unfilledParams: [], namedTop: null, headingTop: null, firstTop: null }
  }
  const seenClauses = new Set<string>()
  for (const b of blocks) {
    const strong = new Set<SectionId>()
    if (b.explicit) strong.add(b.explicit)
    for (const id of b.context) strong.add(id)
    if (b.type === 'heading' || b.type === 'header_row') {
      // A table's header row ("Part | Insats | Period") names what its columns hold, not where the
      // section is: a heading further on that names it is the place to go.
      const heading = b.type === 'heading'
      for (const id of b.names) {
        const s = scopes[id]
        s.named = true
        s.namedTop ??= b.top
        if (heading) s.headingTop ??= b.top
      }
      if (b.explicit) {
        scopes[b.explicit].named = true
        scopes[b.explicit].namedTop ??= b.top
        if (heading) scopes[b.explicit].headingTop ??= b.top
      }
      continue
    }
    if (b.explicit) {
      scopes[b.explicit].named = true
      scopes[b.explicit].namedTop ??= b.top
      scopes[b.explicit].headingTop ??= b.top
    }
    for (const id of strong) add(scopes[id], b, 'strong')
    for (const id of b.cues) if (!strong.has(id)) add(scopes[id], b, 'cue')
    if (b.clause?.unfilled.length && b.clause.section && !seenClauses.has(b.clause.clauseId + ':' + b.top)) {
      seenClauses.add(b.clause.clauseId + ':' + b.top)
      scopes[b.clause.section].unfilledParams.push({ clauseId: b.clause.clauseId, params: b.clause.unfilled })
    }
  }
  return scopes
}

function add(scope: SectionScope, b: Block, kind: 'strong' | 'cue'): void {
  scope[kind].push(b)
  scope.all.push(b)
  scope.firstTop ??= b.top
  if (!b.placeholderOnly && b.text) {
    scope.content.push(b)
    for (const s of b.sentences) scope.sentences.push(s)
  }
}

/** The section was found at all: named by a heading/kind/clause, or its content cues fire somewhere. */
export function isDetected(scope: SectionScope): boolean {
  return scope.named || scope.all.length > 0
}
