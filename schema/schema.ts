import { Schema, type Node as PMNode, type NodeSpec, type MarkSpec, type DOMOutputSpec } from 'prosemirror-model'
import { isSectionId } from './sections.ts'

/**
 * The ProseMirror schema of an agreement: the one definition used by the browser editor, the server
 * (seeding, canonical JSON, export), the validator and the clause library.
 *
 * Content expressions are deliberately permissive. y-prosemirror deletes a whole Yjs element when it
 * cannot build a valid node from it, which concurrent edits can produce under a strict expression; a
 * permissive schema means concurrent editing can never make text disappear.
 */

const blockAttrsFromDom = (dom: HTMLElement, name: string): string | null => dom.getAttribute(name)

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'title (block | section)*' },

  /** The agreement's title: plain text, first node, seeded by the server. */
  title: {
    content: 'text*',
    marks: '',
    defining: true,
    parseDOM: [{ tag: 'h1.agreement-title' }],
    toDOM: (): DOMOutputSpec => ['h1', { class: 'agreement-title' }, 0],
  },

  /**
   * A section of the agreement. `kind` is a section id from SECTIONS.md or null for free text the
   * validator has to classify from content; `uid` is a stable id that review status and comments key on.
   * Isolating: Backspace, Delete, join and lift stop at its edges, so two sections never merge.
   */
  section: {
    content: 'block+',
    group: 'section',
    defining: true,
    isolating: true,
    attrs: { kind: { default: null }, uid: { default: null } },
    parseDOM: [
      {
        tag: 'section[data-kind]',
        getAttrs: (dom: HTMLElement) => {
          const kind = blockAttrsFromDom(dom, 'data-kind')
          return { kind: isSectionId(kind) ? kind : null, uid: blockAttrsFromDom(dom, 'data-uid') }
        },
      },
    ],
    toDOM: (node): DOMOutputSpec => ['section', { class: 'agreement-section', 'data-kind': node.attrs.kind ?? '', 'data-uid': node.attrs.uid ?? '' }, 0],
  },

  /**
   * Text inserted from the clause library. Provenance lets the editor show where the text deviates
   * from the approved wording: `contentHash` is the hash of the approved text with parameters filled.
   */
  clause: {
    content: 'block+',
    group: 'block',
    defining: true,
    attrs: {
      clauseId: { default: null },
      version: { default: null },
      contentHash: { default: null },
      params: { default: {} },
      uid: { default: null },
      deviationNote: { default: null },
    },
    parseDOM: [
      {
        tag: 'div.clause[data-clause-id]',
        getAttrs: (dom: HTMLElement) => ({
          clauseId: dom.getAttribute('data-clause-id'),
          version: Number(dom.getAttribute('data-version')) || null,
          contentHash: dom.getAttribute('data-hash'),
          params: safeParseObject(dom.getAttribute('data-params')),
          uid: dom.getAttribute('data-uid'),
          deviationNote: dom.getAttribute('data-note'),
        }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'div',
      {
        class: 'clause',
        'data-clause-id': node.attrs.clauseId ?? '',
        'data-version': String(node.attrs.version ?? ''),
        'data-hash': node.attrs.contentHash ?? '',
        'data-params': JSON.stringify(node.attrs.params ?? {}),
        'data-uid': node.attrs.uid ?? '',
      },
      0,
    ],
  },

  paragraph: {
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },

  heading: {
    content: 'inline*',
    group: 'block',
    defining: true,
    attrs: { level: { default: 2 } },
    parseDOM: [
      { tag: 'h2', attrs: { level: 2 } },
      { tag: 'h3', attrs: { level: 3 } },
      { tag: 'h4', attrs: { level: 4 } },
    ],
    toDOM: (node): DOMOutputSpec => [`h${clampHeadingLevel(node.attrs.level)}`, 0],
  },

  bullet_list: {
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: (): DOMOutputSpec => ['ul', 0],
  },

  ordered_list: {
    content: 'list_item+',
    group: 'block',
    attrs: { order: { default: 1 } },
    parseDOM: [{ tag: 'ol', getAttrs: (dom: HTMLElement) => ({ order: Number(dom.getAttribute('start') ?? 1) || 1 }) }],
    toDOM: (node): DOMOutputSpec => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order }, 0]),
  },

  list_item: {
    content: 'paragraph block*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: (): DOMOutputSpec => ['li', 0],
  },

  /** Simple tables for parties, activities with cost owners, and budgets. */
  table: {
    content: 'table_row+',
    group: 'block',
    isolating: true,
    parseDOM: [{ tag: 'table' }],
    toDOM: (): DOMOutputSpec => ['table', ['tbody', 0]],
  },
  table_row: {
    content: 'table_cell+',
    parseDOM: [{ tag: 'tr' }],
    toDOM: (): DOMOutputSpec => ['tr', 0],
  },
  table_cell: {
    content: 'block+',
    isolating: true,
    attrs: { header: { default: false } },
    parseDOM: [
      { tag: 'th', attrs: { header: true } },
      { tag: 'td', attrs: { header: false } },
    ],
    toDOM: (node): DOMOutputSpec => [node.attrs.header ? 'th' : 'td', 0],
  },

  text: { group: 'inline' },

  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
}

const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
  /** The filled value of a clause parameter; changing it is not a deviation from approved wording. */
  param: {
    attrs: { name: {} },
    inclusive: false,
    parseDOM: [{ tag: 'span.clause-param', getAttrs: (dom: HTMLElement) => ({ name: dom.getAttribute('data-param') }) }],
    toDOM: (mark): DOMOutputSpec => ['span', { class: 'clause-param', 'data-param': mark.attrs.name }, 0],
  },
}

function clampHeadingLevel(level: unknown): 2 | 3 | 4 {
  return level === 3 ? 3 : level === 4 ? 4 : 2
}

function safeParseObject(raw: string | null): Record<string, unknown> {
  if (!raw) return {}
  try {
    const parsed: unknown = JSON.parse(raw)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export const schema = new Schema({ nodes, marks })

export type AgreementNode = PMNode

/** Builds a node from stored JSON, throwing a readable error when it does not fit the schema. */
export function nodeFromJSON(json: unknown): PMNode {
  const node = schema.nodeFromJSON(json)
  node.check()
  return node
}
