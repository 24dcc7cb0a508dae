import mammoth from 'mammoth'
import type { Mark, Node as PMNode } from 'prosemirror-model'
import { schema } from '../../schema/schema.ts'
import { refusals } from './zip-guard.ts'

/**
 * A checked .docx (zip-guard.ts first) to a document of our schema. mammoth parses the Word XML into
 * its own document tree; we walk that tree instead of its HTML, so no HTML parser runs on the server
 * and the mapping is explicit: Title → title, Heading n → heading, numbered paragraphs → lists,
 * tables → tables, bold/italic → marks. Images, comments, footnotes and fields keep no form.
 * Top-level headings open sections (untyped here; section-typing.ts gives them a kind).
 */

// mammoth's document tree (lib/documents.js); only what we read.
interface MElement {
  type: string
  children?: MElement[]
  value?: string
  styleId?: string | null
  styleName?: string | null
  numbering?: { level: string | number; isOrdered: boolean } | null
  isBold?: boolean
  isItalic?: boolean
  isHeader?: boolean
  breakType?: string
}

/** Paragraph text beyond this is cut, so one pathological paragraph cannot make a huge document. */
const MAX_BLOCKS = 20_000

export interface ReadResult {
  doc: PMNode
  /** The document's own title, if it has one (Title style or a first top-level heading). */
  title: string | null
  warnings: string[]
}

export async function readDocx(bytes: Buffer): Promise<ReadResult> {
  let tree: MElement | null = null
  let messages: { type: string; message: string }[] = []
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        externalFileAccess: false,
        includeEmbeddedStyleMap: false,
        // Keep the tree and hand mammoth an empty document: its HTML (and image reading) is not needed.
        transformDocument: (document: MElement) => {
          tree = document
          return { ...document, children: [] }
        },
      },
    )
    messages = result.messages
  } catch {
    throw refusals.broken()
  }
  if (!tree) throw refusals.broken()
  const reader = new TreeReader()
  const doc = reader.read(tree)
  return {
    doc,
    title: reader.title,
    warnings: messages
      .filter((m) => m.type === 'warning')
      .map((m) => m.message)
      .slice(0, 20),
  }
}

/**
 * `plainHeading` is the level a paragraph would have as a heading written by hand (a short bold or
 * upper-case line, Word's numbering or typed "1.1" numbers), used only when the document has no
 * heading styles to go by.
 */
type Block =
  | { kind: 'heading'; level: number; node: PMNode }
  | { kind: 'list'; level: number; ordered: boolean; para: PMNode; plainHeading: number | null }
  | { kind: 'block'; node: PMNode; plainHeading: number | null }

class TreeReader {
  title: string | null = null
  private blocks = 0

  read(root: MElement): PMNode {
    let flat: Block[] = []
    for (const child of root.children ?? []) this.collect(child, flat)
    if (!flat.some((b) => b.kind === 'heading' && b.level >= 1)) flat = promotePlainHeadings(flat)
    // The title: a paragraph in the Title style, else a first block that is a top-level heading.
    const titleAt = flat.findIndex((b) => b.kind === 'heading' && b.level === 0)
    if (titleAt !== -1) {
      this.title = (flat[titleAt] as { node: PMNode }).node.textContent.trim() || null
      flat.splice(titleAt, 1)
    } else if (flat[0]?.kind === 'heading' && flat[0].level === 1 && flat.filter((b) => b.kind === 'heading' && b.level === 1).length === 1) {
      this.title = flat[0].node.textContent.trim() || null
      flat.shift()
    }
    const body = this.nest(flat, sectionLevel(flat))
    const titleNode = schema.nodes.title!.create(null, this.title ? schema.text(this.title.slice(0, 200)) : null)
    const doc = schema.nodes.doc!.create(null, [titleNode, ...(body.length > 0 ? body : [schema.nodes.paragraph!.create()])])
    doc.check()
    return doc
  }

  /** Paragraphs and tables in document order, with heading levels and list levels still flat. */
  private collect(el: MElement, out: Block[]): void {
    if (++this.blocks > MAX_BLOCKS) return
    if (el.type === 'paragraph') {
      const inline = this.inline(el.children ?? [], [])
      const level = headingLevelOf(el)
      if (level !== null) {
        if (inline.length === 0) return
        out.push({ kind: 'heading', level, node: schema.nodes.heading!.create({ level: 2 }, stripMarks(inline)) })
        return
      }
      const para = schema.nodes.paragraph!.create(null, inline)
      if (el.numbering) {
        const level = Math.max(0, Math.min(8, Number(el.numbering.level) || 0))
        out.push({ kind: 'list', level, ordered: el.numbering.isOrdered, para, plainHeading: el.numbering.isOrdered && looksLikeHeading(para) ? level + 1 : null })
        return
      }
      if (inline.length === 0) return
      out.push({ kind: 'block', node: para, plainHeading: looksLikeHeading(para) ? typedNumberDepth(para.textContent) : null })
      return
    }
    if (el.type === 'table') {
      const table = this.table(el)
      if (table) out.push({ kind: 'block', node: table, plainHeading: null })
      return
    }
    // Content controls, text boxes and the like wrap paragraphs of their own.
    for (const child of el.children ?? []) this.collect(child, out)
  }

  private inline(children: MElement[], marks: readonly Mark[]): PMNode[] {
    const out: PMNode[] = []
    for (const el of children) {
      if (el.type === 'text' && el.value) out.push(schema.text(el.value, marks))
      else if (el.type === 'tab') out.push(schema.text(' ', marks))
      else if (el.type === 'break' && (el.breakType ?? 'line') === 'line') out.push(schema.nodes.hard_break!.create())
      else if (el.type === 'run') {
        let runMarks = marks
        if (el.isBold) runMarks = schema.marks.strong!.create().addToSet(runMarks)
        if (el.isItalic) runMarks = schema.marks.em!.create().addToSet(runMarks)
        out.push(...this.inline(el.children ?? [], runMarks))
      } else if (el.type === 'hyperlink' && el.children) out.push(...this.inline(el.children, marks))
    }
    return mergeText(out)
  }

  private table(el: MElement): PMNode | null {
    const rows: PMNode[] = []
    const source = (el.children ?? []).filter((r) => r.type === 'tableRow')
    const flagged = source.some((r) => r.isHeader)
    source.forEach((row, index) => {
      const cellsOfRow = (row.children ?? []).filter((c) => c.type === 'tableCell')
      // Word marks repeated header rows; a table without marks almost always starts with its header.
      const header = flagged ? !!row.isHeader : index === 0 && source.length > 1
      const cells = cellsOfRow.map((cell) => {
        const blocks: Block[] = []
        for (const child of cell.children ?? []) this.collect(child, blocks)
        const content = this.nest(blocks, 1)
          .flatMap((n) => (n.type.name === 'section' ? n.content.content : [n]))
          .map((n) => (n.type.name === 'heading' ? schema.nodes.paragraph!.create(null, n.content) : n))
        return schema.nodes.table_cell!.create({ header }, content.length > 0 ? content : [schema.nodes.paragraph!.create()])
      })
      if (cells.length > 0) rows.push(schema.nodes.table_row!.create(null, cells))
    })
    return rows.length > 0 ? schema.nodes.table!.create(null, rows) : null
  }

  /** Lists nested by level; each top-level heading opens a section holding what follows it. */
  private nest(flat: Block[], base: number): PMNode[] {
    const out: PMNode[] = []
    let section: PMNode[] | null = null
    const push = (node: PMNode) => (section ? section.push(node) : out.push(node))
    const closeSection = () => {
      if (section) out.push(schema.nodes.section!.create({ kind: null, uid: null }, section))
      section = null
    }
    for (let i = 0; i < flat.length; i++) {
      const block = flat[i]!
      if (block.kind === 'heading') {
        const level = Math.max(2, Math.min(4, block.level - base + 2))
        const heading = schema.nodes.heading!.create({ level }, block.node.content)
        if (block.level === base) {
          closeSection()
          section = [heading]
        } else if (block.level < base) {
          // A subtitle above the sections ("Vägen hem – samverkan mot hemlöshet"): a heading of its own.
          closeSection()
          out.push(heading)
        } else push(heading)
      } else if (block.kind === 'list') {
        let end = i
        while (end + 1 < flat.length && flat[end + 1]!.kind === 'list') end++
        for (const list of buildLists(flat.slice(i, end + 1) as Extract<Block, { kind: 'list' }>[])) push(list)
        i = end
      } else push(block.node)
    }
    closeSection()
    return out
  }
}

/**
 * The heading level that opens sections: the shallowest one used at least twice, so a lone subtitle
 * under the title does not swallow the whole agreement as one section.
 */
function sectionLevel(flat: Block[]): number {
  const counts = new Map<number, number>()
  for (const b of flat) if (b.kind === 'heading') counts.set(b.level, (counts.get(b.level) ?? 0) + 1)
  const levels = [...counts.keys()].sort((a, b) => a - b)
  return levels.find((l) => counts.get(l)! >= 2) ?? levels[0] ?? 1
}

/** Longest line read as a heading written by hand; a longer bold line is an emphasised sentence. */
const PLAIN_HEADING_MAX_CHARS = 90

/**
 * A paragraph that reads as a heading written by hand: short, one line, not a sentence (no closing
 * full stop, colon or semicolon), with letters, and all of it bold or all of it upper case.
 */
function looksLikeHeading(para: PMNode): boolean {
  const text = para.textContent.trim()
  if (text.length < 2 || text.length > PLAIN_HEADING_MAX_CHARS) return false
  if ('.:;,'.includes(text[text.length - 1]!)) return false
  let letters = 0
  let lowerCase = 0
  let allBold = true
  let breaks = false
  para.forEach((child) => {
    if (child.type.name === 'hard_break') breaks = true
    if (!child.isText) return
    if (child.text!.trim() && !child.marks.some((m) => m.type.name === 'strong')) allBold = false
    for (const ch of child.text!) {
      if (ch.toLowerCase() !== ch.toUpperCase()) letters++
      if (ch !== ch.toUpperCase()) lowerCase++
    }
  })
  if (breaks || letters < 2) return false
  return allBold || lowerCase === 0
}

/** "3 Avtalstid", "3. Avtalstid", "§ 3" → 1; "3.1 Syfte" → 2; "3.1.2 …" → 3; anything else → 1. */
function typedNumberDepth(text: string): number {
  let i = text.startsWith('§') ? 1 : 0
  while (text[i] === ' ') i++
  let depth = 0
  while (i < text.length && text[i]! >= '0' && text[i]! <= '9') {
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++
    depth++
    if (text[i] !== '.' || !(text[i + 1]! >= '0' && text[i + 1]! <= '9')) break
    i++
  }
  return Math.max(1, Math.min(3, depth))
}

/**
 * A document without heading styles (a draft whose headings are bold lines, capitals or numbered
 * paragraphs): its heading-like paragraphs become headings, the first one the title when it opens
 * the document. Needs at least two, so one bold line in a letter does not cut it into sections. When
 * the headings are numbered, an unnumbered bold line ("För Ekviks kommun" above a signature) is a
 * label inside a section and stays text.
 */
function promotePlainHeadings(flat: Block[]): Block[] {
  const hasTitle = flat.some((o) => o.kind === 'heading' && o.level === 0)
  const opensAsTitle = (index: number): boolean => index === 0 && !hasTitle
  const candidates = flat.map((b, index) => (b.kind !== 'heading' && b.plainHeading !== null && !opensAsTitle(index) ? b : null)).filter((b) => b !== null)
  if (candidates.length < 2) return flat
  const numbered = candidates.filter(isNumbered).length >= 2
  return flat.map((b, index) => {
    if (b.kind === 'heading' || b.plainHeading === null) return b
    if (numbered && !opensAsTitle(index) && !isNumbered(b)) return b
    return { kind: 'heading', level: opensAsTitle(index) ? 0 : b.plainHeading, node: schema.nodes.heading!.create({ level: 2 }, stripMarks([...textOf(b).content.content])) }
  })
}

function textOf(b: Exclude<Block, { kind: 'heading' }>): PMNode {
  return b.kind === 'list' ? b.para : b.node
}

/** Numbered by Word's list numbering or by a typed "3", "3.1" or "§ 3" at its start. */
function isNumbered(b: Exclude<Block, { kind: 'heading' }>): boolean {
  if (b.kind === 'list') return b.ordered
  const text = b.node.textContent.trimStart()
  return text.startsWith('§') || (text[0]! >= '0' && text[0]! <= '9')
}

/** Heading level from the paragraph style: 0 for Title, n for "Heading n" (Swedish Word: "Rubrik n"). */
function headingLevelOf(el: MElement): number | null {
  const names = [el.styleName, el.styleId].filter((n): n is string => typeof n === 'string' && n.length <= 40).map((n) => n.toLowerCase().replaceAll(' ', ''))
  for (const name of names) {
    if (name === 'title' || name === 'rubrik') return 0
    for (const prefix of ['heading', 'rubrik']) {
      if (name.startsWith(prefix)) {
        const n = Number(name.slice(prefix.length))
        if (Number.isInteger(n) && n >= 1 && n <= 9) return n
      }
    }
  }
  return null
}

/** Consecutive list paragraphs to nested lists: a deeper level goes into the previous item. */
function buildLists(items: Extract<Block, { kind: 'list' }>[]): PMNode[] {
  interface Open {
    ordered: boolean
    items: PMNode[][]
  }
  const lists: PMNode[] = []
  const stack: Open[] = []
  const close = (): void => {
    const open = stack.pop()!
    const list = (open.ordered ? schema.nodes.ordered_list! : schema.nodes.bullet_list!).create(
      null,
      open.items.map((content) => schema.nodes.list_item!.create(null, content)),
    )
    const parent = stack[stack.length - 1]
    if (parent) parent.items[parent.items.length - 1]!.push(list)
    else lists.push(list)
  }
  for (const item of items) {
    const depth = Math.min(item.level, stack.length)
    while (stack.length > depth + 1) close()
    if (stack.length === depth + 1 && stack[depth]!.ordered !== item.ordered) close()
    while (stack.length < depth + 1) {
      const parent = stack[stack.length - 1]
      // A list that starts deeper than the previous item has no item to hang from: start one.
      if (parent && parent.items.length === 0) parent.items.push([schema.nodes.paragraph!.create()])
      stack.push({ ordered: item.ordered, items: [] })
    }
    stack[stack.length - 1]!.items.push([item.para])
  }
  while (stack.length > 0) close()
  return lists
}

function stripMarks(nodes: PMNode[]): PMNode[] {
  return nodes.map((n) => (n.isText ? schema.text(n.text!) : n))
}

/** Adjacent text nodes with the same marks as one node (mammoth splits runs at every format change). */
function mergeText(nodes: PMNode[]): PMNode[] {
  const out: PMNode[] = []
  for (const node of nodes) {
    const last = out[out.length - 1]
    if (last?.isText && node.isText && last.sameMarkup(node)) out[out.length - 1] = schema.text(last.text! + node.text!, last.marks)
    else out.push(node)
  }
  return out
}
