import type { Node as PMNode } from 'prosemirror-model'
import { isSectionId, type SectionId } from '../sections.ts'
import { candidateCues, lastGates, matchContentCues, mayMatch, type GateBits } from './cue-index.ts'
import { CONTENT_CUES, HEADING_CUES, HEADING_SYNONYMS, NEUTRAL_HEADING } from './cues.ts'
import { isContentless, normalize, splitSentences, stripPlaceholders, u } from './text.ts'

/**
 * The document flattened into text blocks (headings, paragraphs, list items, table rows), each with the
 * sections its context and its own content point to. Everything else in the validator reads blocks,
 * never the ProseMirror tree, so the tree walk happens once.
 */
export interface Block extends GateBits {
  type: 'heading' | 'text' | 'row' | 'header_row'
  /** Document position of the top-level node this block sits in (for jumping to it). */
  top: number
  raw: string
  /** Normalised text with placeholder tokens removed. */
  text: string
  sentences: string[]
  /** The block had text, but only placeholders. */
  placeholderOnly: boolean
  /** Section from a `section.kind` attr or a clause id: known without guessing. */
  explicit: SectionId | null
  /** Sections named by the governing heading or table header. */
  context: readonly SectionId[]
  /** Sections whose content cues this block matches. */
  cues: readonly SectionId[]
  /** Sections this heading (or header row) names; only for headings. */
  names: readonly SectionId[]
  /** Table rows: raw cell texts and normalised header texts of the table. */
  cells?: string[]
  header?: string[]
  tableId?: number
  clause?: ClauseRef
  /** Per-node results of rules that depend only on this block's text; shared across validations. */
  memo: Map<unknown, unknown>
  /** Inside a bullet or ordered list. */
  inList: boolean
  /** Normalised text of the innermost heading above this block ("" if none). */
  headingText: string
}

export interface ClauseRef {
  clauseId: string
  section: SectionId | null
  /** Parameters declared in `params` with an empty value, or left as "{name}" in the text. */
  unfilled: string[]
}

const SECTION_IDS_BY_CUE = Object.keys(CONTENT_CUES) as SectionId[]

/** "Clause 2 –", "Article 4:", "Punkt 3", "Avsnitt 3.1" before a heading's title; anchored, so linear. */
const HEADING_NUMBER_WORD = u(/^(?:avsnitt|section|kapitel|chapter|clause|article|artikel|punkt|paragraf|part|del) \d+(?:\.\d+)*[.:)]? ?(?:[–—-] ?)?/)

function stripNumbering(norm: string): string {
  return norm.replace(/^(?:§\s*)?(?:\d+(?:\.\d+)*[.):]?|[ivxlc]+[.)])\s+/, '').replace(HEADING_NUMBER_WORD, '')
}

export function headingSections(text: string): SectionId[] {
  const cleaned = stripNumbering(normalize(text))
  const out: SectionId[] = []
  for (const id of SECTION_IDS_BY_CUE) if (HEADING_CUES[id].test(cleaned) || HEADING_SYNONYMS[id]?.test(cleaned)) out.push(id)
  // The specific word wins over a generic one: "What we want to learn", "Learning objectives" name learning only.
  const purpose = out.indexOf('purpose_and_goals')
  if (purpose >= 0 && out.includes('learning_goals')) {
    const rest = cleaned.replace(LEARNING_PHRASE, ' ')
    if (!HEADING_CUES.purpose_and_goals.test(rest) && !HEADING_SYNONYMS.purpose_and_goals!.test(rest)) out.splice(purpose, 1)
  }
  return out
}

/** Phrases in which a purpose word only qualifies learning. */
const LEARNING_PHRASE = u(
  /\b(?:learning (?:objectives?|goals?|aims?)|(?:what|vad) (?:we want|do we want|vi vill|vill vi|we hope|we aim) (?:to )?(?:lära|learn)\w*|mål för (?:vårt )?lärande|goals for (?:our )?learning)/g,
)

/** What one piece of text contributes, independent of where it stands; cached on the node. */
interface TextAnalysis extends GateBits {
  raw: string
  text: string
  sentences: string[]
  placeholderOnly: boolean
  cues: SectionId[]
  names: SectionId[]
  memo: Map<unknown, unknown>
}

/** Computes once per node what depends only on the block's own text (see `analyse`). */
export function memo<T>(b: Block, key: unknown, compute: () => T): T {
  if (b.memo.has(key)) return b.memo.get(key) as T
  const value = compute()
  b.memo.set(key, value)
  return value
}

/** Whether any sentence of the block matches; remembered per node and pattern. */
export function blockHas(b: Block, re: RegExp): boolean {
  // A gated pattern whose first words the block lacks cannot match (cue-index.ts `gateWords`).
  if (!mayMatch(b, re)) return false
  return memo(b, re, () => b.sentences.some((s) => re.test(s)))
}

const analysisCache = new WeakMap<PMNode, TextAnalysis>()

/**
 * ProseMirror nodes are immutable and an edit shares every untouched node with the previous document,
 * so caching the per-node text analysis makes a keystroke cost one paragraph, not the whole agreement.
 */
function analyse(node: PMNode, readRaw: () => string, isHeading: boolean): TextAnalysis {
  const hit = analysisCache.get(node)
  if (hit) return hit
  const result = analyseText(readRaw(), isHeading)
  analysisCache.set(node, result)
  return result
}

function analyseText(raw: string, isHeading: boolean): TextAnalysis {
  const norm = normalize(raw)
  const notes = isHeading ? { kept: norm, dropped: false } : dropDraftingNotes(norm)
  const stripped = stripPlaceholders(notes.kept)
  const rest = stripped.rest
  const hadPlaceholder = stripped.hadPlaceholder || notes.dropped
  // "XX kr per år" is a placeholder with its unit left around it, not content.
  const contentless = isContentless(rest) || (hadPlaceholder && wordCount(rest) < 3)
  const text = contentless ? '' : rest
  // One pass over the words serves the content cues and the fact patterns' gates.
  const cueBits = candidateCues(text)
  const { gates, gatesKnown } = lastGates()
  const result: TextAnalysis = {
    raw,
    text,
    sentences: contentless ? [] : splitSentences(rest),
    placeholderOnly: contentless && (hadPlaceholder || norm.length > 0),
    cues: isHeading || contentless || rest.length < 3 ? [] : withSignatureLine(matchContentCues(rest, cueBits), rest, stripped.hadPlaceholder),
    names: isHeading ? headingSections(norm) : [],
    memo: new Map(),
    gates,
    gatesKnown,
  }
  return result
}

/**
 * A sentence that only announces text to come ("Sections on risks and disputes still to be written",
 * "Avsnittet om risker skrivs senare", "Details to follow", "TBD"; not "learn to follow up") is a drafting note: its words name sections that are not
 * there, so the whole sentence is dropped, not only the marker, and counts as a placeholder.
 */
const DRAFTING_NOTE = u(
  /\b(?:(?:still |yet )?to be (?:written|added|drafted|completed|inserted|filled in)|to follow(?=[.!)\s]*$)|not yet (?:written|drafted)|coming soon|(?:skrivs|kompletteras|beskrivs|formuleras|läggs till|fylls i|tillkommer) (?:senare|längre fram|i nästa version|efter)|(?:ska|skall) (?:skrivas|kompletteras|fyllas i)|(?:inte|ej) (?:skrivet|skrivna|klart|klara) än|återkommer (?:senare|med (?:text|formulering\w*|skrivning\w*)))\b/,
)
const NOTE_HINT = /to be|to follow|not yet|coming|senare|längre fram|nästa version|tillkommer|skrivas|kompletteras|fyllas|än\b|återkommer/

function dropDraftingNotes(norm: string): { kept: string; dropped: boolean } {
  if (!NOTE_HINT.test(norm)) return { kept: norm, dropped: false }
  const sentences = splitSentences(norm)
  const kept = sentences.filter((s) => !DRAFTING_NOTE.test(s))
  if (kept.length === sentences.length) return { kept: norm, dropped: false }
  return { kept: kept.join(' '), dropped: true }
}

/**
 * "För Lönnby kommun, socialchef: ______" is a signature line wherever it stands: a "för/for <party>"
 * line whose signature was a blank (the blank is stripped as a placeholder, leaving the colon or nothing).
 */
const SIGNATURE_LINE = u(/^(?:för|for) (?!att\b|to\b|the purpose\b|example\b)[^:.]{3,80}:?$/)

function withSignatureLine(cues: SectionId[], rest: string, hadBlank: boolean): SectionId[] {
  if (!hadBlank || cues.includes('signatures') || !SIGNATURE_LINE.test(rest)) return cues
  return [...cues, 'signatures']
}

function wordCount(text: string): number {
  let n = 0
  for (const w of text.split(' ')) if (w.replace(NON_LETTERS, '').length >= 3) n++
  return n
}
const NON_LETTERS = u(/[^\p{L}]/gu)

const NONE: readonly SectionId[] = []
const SIGNATURE_COLUMN = u(/^(?:för|for) \S/)

function memo0<T>(a: TextAnalysis, key: string, compute: () => T): T {
  if (a.memo.has(key)) return a.memo.get(key) as T
  const value = compute()
  a.memo.set(key, value)
  return value
}

interface HeadingFrame {
  level: number
  sections: SectionId[]
  neutral: boolean
  text: string
}

class Flattener {
  blocks: Block[] = []
  private stack: HeadingFrame[] = []
  private tables = 0
  private listDepth = 0

  constructor(
    private readonly explicit: SectionId | null,
    private readonly clause: ClauseRef | undefined,
  ) {}

  withContext(explicit: SectionId | null, clause: ClauseRef | undefined): Flattener {
    const child = new Flattener(explicit, clause)
    child.blocks = this.blocks
    child.stack = explicit ? [{ level: 0, sections: [explicit], neutral: false, text: '' }] : clause ? this.stack.slice() : []
    child.tables = this.tables
    return child
  }

  context(): SectionId[] {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!
      if (frame.neutral) return []
      if (frame.sections.length) return frame.sections
    }
    return []
  }

  push(type: Block['type'], top: number, a: TextAnalysis, cues: readonly SectionId[], names: readonly SectionId[], context?: SectionId[]): Block {
    const frame = this.stack[this.stack.length - 1]
    const block: Block = {
      type,
      top,
      raw: a.raw,
      text: a.text,
      sentences: a.sentences,
      placeholderOnly: a.placeholderOnly,
      explicit: this.explicit,
      context: context ?? this.context(),
      cues,
      names,
      inList: this.listDepth > 0,
      headingText: frame?.text ?? '',
      memo: a.memo,
      gates: a.gates,
      gatesKnown: a.gatesKnown,
    }
    if (this.clause) block.clause = this.clause
    this.blocks.push(block)
    return block
  }

  heading(node: PMNode, top: number, pseudoLevel?: number): void {
    const a = analyse(node, () => node.textContent, true)
    const level = pseudoLevel ?? (typeof node.attrs.level === 'number' ? node.attrs.level : 2)
    while (this.stack.length && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop()
    const neutral = memo0(a, 'neutral', () => a.names.length === 0 && NEUTRAL_HEADING.test(a.text))
    this.stack.push({ level, sections: a.names, neutral, text: memo0(a, 'norm', () => normalize(a.raw)) })
    this.push('heading', top, a, NONE, a.names)
  }

  text(node: PMNode, top: number): void {
    const a = analyse(node, () => textWithBreaks(node), false)
    if (!a.raw.trim()) return
    this.push('text', top, a, a.cues, NONE)
  }

  table(node: PMNode, top: number): void {
    const tableId = ++this.tables
    let header: string[] | undefined
    let headerSections: SectionId[] = []
    node.forEach((row, _o, rowIndex) => {
      const cells = cellsOf(row)
      if (rowIndex === 0 && (cells.allHeader || looksLikeHeader(cells.texts))) {
        const a = analyse(row, () => cells.texts.join(' | '), true)
        header = memo0(a, 'header', () => cells.texts.map((c) => normalize(c)))
        headerSections = memo0(a, 'headerSections', () => {
          const named = new Set(header!.flatMap((h) => headingSections(h)))
          // "| För Exempelby kommun | För föreningen |" is the closing signature table (SECTIONS.md §3.19).
          if (header!.length > 1 && header!.every((h) => SIGNATURE_COLUMN.test(h))) named.add('signatures')
          return [...named]
        })
        const block = this.push('header_row', top, a, NONE, headerSections)
        block.sentences = []
        block.cells = cells.texts
        block.header = header
        block.tableId = tableId
        return
      }
      const a = analyseRow(row, cells.texts, header)
      const context = headerSections.length ? [...new Set([...this.context(), ...headerSections])] : undefined
      const block = this.push('row', top, a, a.cues, NONE, context)
      block.raw = cells.texts.join(' | ')
      block.cells = cells.texts
      block.tableId = tableId
      if (header) block.header = header
    })
  }

  walk(node: PMNode, top: number, next?: PMNode): void {
    switch (node.type.name) {
      case 'heading':
        return this.heading(node, top)
      case 'paragraph': {
        if (this.listDepth > 0) return this.text(node, top)
        if (isPseudoHeading(node)) return this.heading(node, top, 6)
        const level = plainHeadingLevel(node, next)
        if (level) return this.heading(node, top, level)
        return this.text(node, top)
      }
      case 'table':
        return this.table(node, top)
      case 'section': {
        const kind = isSectionId(node.attrs.kind) ? node.attrs.kind : null
        const inner = this.withContext(kind, undefined)
        inner.walkChildren(node, () => top)
        this.tables = inner.tables
        return
      }
      case 'clause': {
        const ref = clauseRef(node)
        const inner = this.withContext(ref.section ?? this.explicit, ref)
        inner.walkChildren(node, () => top)
        this.tables = inner.tables
        return
      }
      case 'ordered_list':
        // A Word paste turns "3. Ändamål" into a one-item ordered list; it is the section's heading.
        if (this.listDepth === 0 && node.childCount === 1 && node.firstChild!.childCount === 1) {
          const para = node.firstChild!.firstChild!
          if (para.type.name === 'paragraph' && isHeadingLine(para.textContent, true)) return this.heading(para, top, PLAIN_LEVEL)
        }
        this.listDepth++
        node.forEach((child) => this.walk(child, top))
        this.listDepth--
        return
      case 'bullet_list':
        this.listDepth++
        node.forEach((child) => this.walk(child, top))
        this.listDepth--
        return
      default:
        if (node.isTextblock) return this.text(node, top)
        this.walkChildren(node, () => top)
    }
  }

  /** Walks the children, each with its next sibling (a plain heading line is known by what follows it). */
  walkChildren(node: PMNode, topOf: (offset: number) => number): void {
    let offset = 0
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i)
      if (child.type.name !== 'title') this.walk(child, topOf(offset), i + 1 < node.childCount ? node.child(i + 1) : undefined)
      offset += child.nodeSize
    }
  }
}

/** Heading levels of recognised plain lines: below Markdown headings (2–4), a numbered sub-title deeper. */
const PLAIN_LEVEL = 5
const SUB_LEVEL = 6
const NUMBERED_LINE = u(/^(?:§ ?\d|\d+(?:\.\d+)*[.):]? \p{L}|[ivx]{1,4}[.)] \p{L}|(?:avsnitt|section|kapitel|chapter|clause|article|artikel|punkt|paragraf) \d)/u)
const SUB_NUMBERED = /^\d+\.\d/
const END_PUNCT = /[.,;!…]\s*$/
const TRAILING_COLON = /:\s*$/
const HAS_LOWER = u(/\p{Ll}/u)
const HAS_LETTER = u(/\p{L}{2}/u)

/**
 * Whether a stand-alone line reads as a heading in a Word conversion or plain-text draft: short, not a
 * sentence (no closing full stop or comma), a few words. `numbered` lines ("3. Ändamål", "§ 3 Ekonomi",
 * "Clause 2 – Background") may end in a colon ("Article 4:").
 */
function isHeadingLine(raw: string, numbered: boolean): boolean {
  const text = raw.trim()
  if (!text || text.length > 90 || text.includes('\n') || END_PUNCT.test(text) || !HAS_LETTER.test(text)) return false
  const words = text.split(' ').length
  // "Article 4:" and "Bakgrund:" are headings; "7.1 Partnerskapet leds av en styrgrupp med följande ledamöter:" a lead-in.
  if (TRAILING_COLON.test(text) && words > 3) return false
  if (words > 10) return false
  // "1. Minst 300 barn deltar varje år" is a goal in a numbered list, not a title: titles carry no figures.
  if (numbered && /\d/.test(stripNumbering(normalize(text)))) return false
  // Placeholders and signature lines ("Lönnby den ______") are not headings.
  return !/_{2,}|\.{4,}/.test(text)
}

/**
 * The level a plain paragraph gets when it is a heading line, or 0: numbered lines and all-caps lines
 * always; an unnumbered short line only when it names a section (or a neutral one) and body text
 * follows it ("Why?", "Vad vi ser", "Money").
 */
function plainHeadingLevel(node: PMNode, next: PMNode | undefined): number {
  // Nodes are immutable and shared across edits: a keystroke elsewhere re-reads no line.
  const hit = headingLineCache.get(node)
  if (hit && hit.next === next) return hit.level
  const level = readHeadingLevel(node, next)
  headingLineCache.set(node, { next, level })
  return level
}
const headingLineCache = new WeakMap<PMNode, { next: PMNode | undefined; level: number }>()

function readHeadingLevel(node: PMNode, next: PMNode | undefined): number {
  if (node.childCount === 0) return 0
  const raw = node.textContent
  if (raw.length > 90) return 0
  const norm = normalize(raw)
  if (NUMBERED_LINE.test(norm)) {
    if (!isHeadingLine(raw, true)) return 0
    return SUB_NUMBERED.test(norm) ? SUB_LEVEL : PLAIN_LEVEL
  }
  if (!isHeadingLine(raw, false)) return 0
  if (!HAS_LOWER.test(raw) && raw.replace(NON_LETTERS, '').length >= 4) return PLAIN_LEVEL
  const words = raw.split(' ').length
  // A title of one to three words ("Underskrifter", "Juridisk bedömning") may stand over a signature
  // block or a drafting comment; a longer line needs body text under it to count as a heading.
  if (!next || (words > 3 ? !isBody(next, raw.length) : next.type.name === 'heading')) return 0
  const asks = raw.trim().endsWith('?')
  // Question headings run longer ("Hur får kvinnorna och tjejerna själva vara med?").
  if (words > (asks ? 10 : 6)) return 0
  // "Kommunen bokför kostnaderna" is a sentence that lost its full stop, not a title: a line that opens
  // with a subject and carries a section's content is text ("Sekretess och personuppgifter" is a title).
  if (words >= 2 && !asks && SUBJECT_START.test(norm) && matchContentCues(norm, candidateCues(norm)).length > 0) return 0
  return headingSections(norm).length > 0 || NEUTRAL_HEADING.test(norm) ? SUB_LEVEL : 0
}

const SUBJECT_START = u(
  /^(?:kommunen|regionen|föreningen|stiftelsen|förbundet|församlingen|parterna|parten|båda parter\w*|varje part|vi|de|den|det|styrgruppen|we|they|it|each|both|the (?:municipality|association|foundation|region|council|parties|party|steering \w+|partnership))\b/,
)

/** Body text after a heading line: a longer paragraph, a list or a table. */
function isBody(node: PMNode, headingLength: number): boolean {
  if (node.type.name === 'paragraph') {
    const t = node.textContent.trim()
    return t.length > headingLength && (END_PUNCT.test(t) || TRAILING_COLON.test(t) || t.split(' ').length > 8)
  }
  return node.type.name === 'bullet_list' || node.type.name === 'ordered_list' || node.type.name === 'table'
}

/**
 * A short paragraph set wholly in bold that names a section ("**Uppsägning**") is how many drafts write
 * headings; it governs the blocks under it like the deepest heading level.
 */
function isPseudoHeading(node: PMNode): boolean {
  // The bold test first: it reads the children's marks, where the text would be joined from them for
  // every paragraph, and almost no paragraph is bold throughout.
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)
    if (!child.isText || !child.marks.some((m) => m.type.name === 'strong')) return false
  }
  const text = node.textContent
  if (!text || text.length > 80 || /[.:;,]\s*$/.test(text.trim())) return false
  // One that names nothing ("**För Ekviks kommun**" over a signature line) stays text.
  const norm = normalize(text)
  return headingSections(norm).length > 0 || NEUTRAL_HEADING.test(norm)
}

const cellCache = new WeakMap<PMNode, { texts: string[]; allHeader: boolean }>()

function cellsOf(row: PMNode): { texts: string[]; allHeader: boolean } {
  const hit = cellCache.get(row)
  if (hit) return hit
  const texts: string[] = []
  let allHeader = true
  row.forEach((cell) => {
    texts.push(textWithBreaks(cell))
    if (!cell.attrs.header) allHeader = false
  })
  const result = { texts, allHeader }
  cellCache.set(row, result)
  return result
}

const rowCache = new WeakMap<PMNode, { headerKey: string; analysis: TextAnalysis }>()

/**
 * Labelling each cell with its column header lets sentence rules read "företrädare: socialchef". The
 * label lives in another row, so the cache entry is keyed by the header as well.
 */
function analyseRow(row: PMNode, cells: string[], header: string[] | undefined): TextAnalysis {
  const headerKey = header ? header.join('|') : ''
  const hit = rowCache.get(row)
  if (hit && hit.headerKey === headerKey) return hit.analysis
  // An empty cell gets no label, or the header word ("Mandat") would stand in for missing content.
  const labelled = header ? cells.map((c, i) => (header[i] && c.trim() ? `${header[i]}: ${c}` : c)).join(' | ') : cells.join(' | ')
  const analysis = analyseText(labelled, false)
  analysis.sentences = analysis.text ? [analysis.text] : []
  rowCache.set(row, { headerKey, analysis })
  return analysis
}

function looksLikeHeader(cells: string[]): boolean {
  return (
    cells.length > 1 &&
    cells.every((c) => c.length > 0 && c.length < 40) &&
    cells.some((c) => headingSections(normalize(c)).length > 0 || /^(?:part|party|namn|name|roll|role|verksamhet|activity|aktivitet|insats|risk|åtgärd|ansvar|belopp|amount)/i.test(c.trim()))
  )
}

function textWithBreaks(node: PMNode): string {
  if (node.isTextblock) {
    // A plain loop: this runs for every block of a cold run, and `forEach` costs a closure call per child.
    if (node.childCount === 1 && node.firstChild!.isText) return node.firstChild!.text!
    let out = ''
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i)
      out += child.isText ? child.text : child.type.name === 'hard_break' ? '\n' : ''
    }
    return out
  }
  const parts: string[] = []
  node.forEach((child) => parts.push(textWithBreaks(child)))
  return parts.join(' ')
}

function clauseRef(node: PMNode): ClauseRef {
  const clauseId = typeof node.attrs.clauseId === 'string' ? node.attrs.clauseId : ''
  const prefix = clauseId.split('.')[0]
  const unfilled = new Set<string>()
  const params = node.attrs.params
  if (params && typeof params === 'object') {
    for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) unfilled.add(name)
    }
  }
  const text = node.textContent
  for (const m of text.matchAll(/\{([a-z_][a-z0-9_]*)\}/gi)) unfilled.add(m[1]!)
  return { clauseId, section: isSectionId(prefix) ? prefix : null, unfilled: [...unfilled] }
}

export function flatten(doc: PMNode): Block[] {
  const root = new Flattener(null, undefined)
  root.walkChildren(doc, (offset) => offset)
  return root.blocks
}
