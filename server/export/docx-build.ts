import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
  type FileChild,
  type INumberingOptions,
} from 'docx'
import type { Node as PMNode } from 'prosemirror-model'
import { inlineRuns, pieceRuns, type RevisionOf, type RunStyle } from './docx-runs.ts'
import type { PiecesOf } from './revisions.ts'
import type { ClauseProvenance, ExportModel, ExportParty } from './model.ts'
import { DOC_WORDS, type DocWords } from './words.ts'

/**
 * The agreement as a Word document (docx): A4 with Swedish margins and language (so Word and
 * LibreOffice hyphenate and spell-check in Swedish), a title block, the body as written in the editor,
 * a signature page with one block per registered party, a header with the title, the footer
 * "Sida X av Y", and optionally the appendix "Klausulförteckning".
 */

export interface BuildOptions {
  /** The seam for tracked changes: which text is a suggested insertion or deletion (see docx-runs.ts). */
  revisionOf?: RevisionOf
  /** Textblocks cut at tracked changes (open suggestions, see revisions.ts); wins over revisionOf where it answers. */
  piecesOf?: PiecesOf
}

const LANG_TAG = { sv: 'sv-SE', en: 'en-GB' } as const
const BODY_FONT = 'Times New Roman'
const HEADING_FONT = 'Arial'
const BULLETS = 'overens-bullets'
const ORDERED = 'overens-ordered'
const LIST_LEVELS = 4

export async function buildDocx(model: ExportModel, options: BuildOptions = {}): Promise<Buffer> {
  const words = DOC_WORDS[model.lang]
  const body = new BodyWriter(options.revisionOf, options.piecesOf)
  body.writeDoc(model.content)

  const children: FileChild[] = [...titleBlock(model, words), ...body.out, ...signaturePage(model.parties, words)]
  if (model.clauses) children.push(...clauseAppendix(model.clauses, words))

  const doc = new Document({
    creator: 'Överens',
    title: model.title,
    description: model.municipality,
    hyphenation: { autoHyphenation: true, hyphenationZone: 357 },
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: 22, language: { value: LANG_TAG[model.lang] } },
          paragraph: { spacing: { after: 120, line: 276 } },
        },
        title: { run: { font: HEADING_FONT, size: 40, bold: true, color: '000000' }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: HEADING_FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true } },
        heading2: { run: { font: HEADING_FONT, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, keepLines: true } },
        heading3: { run: { font: HEADING_FONT, size: 22, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true } },
      },
    },
    numbering: numberingConfig(),
    sections: [
      {
        properties: {
          page: {
            // A4 in twips, exactly as Word writes it (converting millimetres rounds one twip short).
            size: { width: 11906, height: 16838 },
            margin: {
              top: convertMillimetersToTwip(25),
              bottom: convertMillimetersToTwip(25),
              left: convertMillimetersToTwip(25),
              right: convertMillimetersToTwip(25),
              header: convertMillimetersToTwip(12),
              footer: convertMillimetersToTwip(12),
            },
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: model.title, size: 18, color: '555555' })] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ size: 18, children: [`${words.page} `, PageNumber.CURRENT, ` ${words.of} `, PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/** Title, municipality, parties with org.nr, and diarienummer / version / date when there are any. */
function titleBlock(model: ExportModel, words: DocWords): FileChild[] {
  const out: FileChild[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] })]
  const facts: [string, string][] = [[words.municipality, model.municipality]]
  if (model.diarienummer) facts.push([words.diarienummer, model.diarienummer])
  facts.push([words.version, model.version ? model.version.name : words.current])
  facts.push([words.date, model.date])
  for (const [label, value] of facts) {
    out.push(new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }))
  }
  if (model.parties.length > 0) {
    out.push(new Paragraph({ spacing: { before: 200, after: 60 }, children: [new TextRun({ text: words.parties, bold: true })] }))
    for (const party of model.parties) {
      out.push(new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [new TextRun(partyLine(party, words))] }))
    }
  }
  out.push(new Paragraph({ spacing: { after: 240 }, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '888888', space: 4 } }, children: [] }))
  return out
}

const partyLine = (party: ExportParty, words: DocWords): string => (party.orgNr ? `${party.name}, ${words.orgNr} ${party.orgNr}` : party.name)

/** Walks the ProseMirror document and writes Word paragraphs and tables in the same order. */
class BodyWriter {
  readonly out: Block[] = []
  /** Every ordered list gets its own numbering instance, so each starts again at its first number. */
  orderedLists = 0

  constructor(
    private readonly revisionOf?: RevisionOf,
    private readonly piecesOf?: PiecesOf,
  ) {}

  private runs(block: PMNode, extra: RunStyle = {}) {
    const pieces = this.piecesOf?.(block, extra)
    return pieces ? pieceRuns(pieces) : inlineRuns(block, this.revisionOf, extra)
  }

  writeDoc(doc: PMNode): void {
    doc.forEach((node) => {
      if (node.type.name === 'title') return
      this.block(node, this.out)
    })
  }

  private block(node: PMNode, out: Block[], listLevel = -1): void {
    switch (node.type.name) {
      case 'section':
      case 'clause':
        node.forEach((child) => {
          this.block(child, out, listLevel)
        })
        return
      case 'heading':
        out.push(new Paragraph({ heading: headingLevel(node.attrs.level), children: this.runs(node) }))
        return
      case 'paragraph':
        out.push(new Paragraph({ children: this.runs(node) }))
        return
      case 'bullet_list':
      case 'ordered_list':
        this.list(node, out, listLevel + 1)
        return
      case 'table':
        out.push(this.table(node))
        return
      default:
        // A node type added to the schema later still keeps its text on paper.
        if (node.isTextblock) out.push(new Paragraph({ children: this.runs(node) }))
        else
          node.forEach((child) => {
            this.block(child, out, listLevel)
          })
    }
  }

  private list(list: PMNode, out: Block[], level: number): void {
    const ordered = list.type.name === 'ordered_list'
    const instance = ordered ? ++this.orderedLists : 0
    const depth = Math.min(level, LIST_LEVELS - 1)
    list.forEach((item) => {
      let first = true
      item.forEach((child) => {
        if (first && child.type.name === 'paragraph') {
          out.push(
            new Paragraph({
              numbering: ordered ? { reference: ORDERED, level: depth, instance } : { reference: BULLETS, level: depth },
              children: this.runs(child),
            }),
          )
        } else if (child.type.name === 'paragraph') {
          out.push(new Paragraph({ indent: { left: 720 * (depth + 1) }, children: this.runs(child) }))
        } else {
          this.block(child, out, depth)
        }
        first = false
      })
    })
  }

  private table(table: PMNode): Table {
    const rows: TableRow[] = []
    let columns = 1
    table.forEach((row) => {
      columns = Math.max(columns, row.childCount)
    })
    table.forEach((row, _offset, index) => {
      const cells: TableCell[] = []
      let header = index === 0
      row.forEach((cell) => {
        const isHeader = cell.attrs.header === true
        header &&= isHeader
        const content: Block[] = []
        cell.forEach((child) => {
          if (child.type.name === 'paragraph' && isHeader) content.push(new Paragraph({ children: this.runs(child, { bold: true }) }))
          else this.block(child, content)
        })
        // Word refuses a cell without a paragraph ("unreadable content").
        if (content.length === 0 || content[content.length - 1] instanceof Table) content.push(new Paragraph({ children: [] }))
        cells.push(new TableCell({ children: content, width: { size: Math.floor(100 / columns), type: WidthType.PERCENTAGE }, margins: CELL_MARGINS }))
      })
      rows.push(new TableRow({ children: cells, tableHeader: header, cantSplit: true }))
    })
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE }, borders: TABLE_BORDERS })
  }
}

type Block = Paragraph | Table

const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 }
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '777777' }
const TABLE_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE }

function headingLevel(level: unknown): (typeof HeadingLevel)[keyof typeof HeadingLevel] {
  return level === 3 ? HeadingLevel.HEADING_2 : level === 4 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_1
}

/**
 * One block per registered party: the party, who signs and under which mandate, then the lines for
 * place and date, signature and name clarification. Kept together on one page where it fits.
 */
function signaturePage(parties: ExportParty[], words: DocWords): FileChild[] {
  const out: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(words.signaturesHeading)] }),
    new Paragraph({ spacing: { after: 360 }, children: [new TextRun(words.signaturesIntro)] }),
  ]
  const blocks: ExportParty[] = parties.length > 0 ? parties : [1, 2].map((n) => ({ name: `${words.noParties} ${n}`, type: 'public', orgNr: null, signatories: [] }))
  for (const party of blocks) {
    const mandates = party.signatories.filter((s) => s.mandate).map((s) => s.mandate!)
    const keep = { keepNext: true, keepLines: true }
    out.push(new Paragraph({ ...keep, spacing: { before: 360, after: 60 }, children: [new TextRun({ text: partyLine(party, words), bold: true })] }))
    if (mandates.length > 0) out.push(new Paragraph({ ...keep, children: [new TextRun({ text: `${words.signatory}: `, italics: true }), new TextRun(mandates.join('; '))] }))
    else out.push(signatureLine(words.role, keep, 3))
    out.push(signatureLine(words.placeAndDate, keep, 0))
    out.push(signatureLine(words.signature, keep, 1))
    out.push(signatureLine(words.nameClarification, { keepLines: true }, 2))
  }
  return out
}

/**
 * A line to write on, with its label underneath, as on a printed Swedish agreement. Word and
 * LibreOffice merge the borders of consecutive paragraphs whose borders and indents are equal (only
 * the first line would be drawn), so each line of a block differs from the next by a twip of indent.
 */
function signatureLine(label: string, keep: { keepNext?: boolean; keepLines?: boolean }, nth: number): Paragraph {
  return new Paragraph({
    ...keep,
    spacing: { before: 480, after: 0 },
    indent: { right: convertMillimetersToTwip(70) + nth },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 } },
    children: [new TextRun({ text: label, size: 18 })],
  })
}

function clauseAppendix(clauses: ClauseProvenance[], words: DocWords): FileChild[] {
  const out: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(words.appendixHeading)] }),
    new Paragraph({ children: [new TextRun(clauses.length > 0 ? words.appendixIntro : words.appendixEmpty)] }),
  ]
  if (clauses.length === 0) return out
  // Twips of the 160 mm text width: the clause id is the long one and must not break mid-word.
  const widths = [3500, 900, 2100, 1272, 1300]
  const cell = (text: string, column: number, bold = false) =>
    new TableCell({
      margins: CELL_MARGINS,
      width: { size: widths[column]!, type: WidthType.DXA },
      children: [new Paragraph({ children: [new TextRun({ text, size: 18, ...(bold ? { bold: true } : {}) })] })],
    })
  const header = new TableRow({
    tableHeader: true,
    children: [words.colClause, words.colVersion, words.colApprovedBy, words.colApprovedAt, words.colDeviates].map((w, i) => cell(w, i, true)),
  })
  const rows = clauses.map(
    (c) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(c.clauseId || words.unknown, 0),
          cell(c.version === null ? '–' : String(c.version), 1),
          cell(c.approvedBy ?? words.notApproved, 2),
          cell(c.approvedAt ?? '–', 3),
          cell(c.deviates === null ? words.unknown : c.deviates ? words.yes : words.no, 4),
        ],
      }),
  )
  out.push(new Table({ rows: [header, ...rows], columnWidths: widths, width: { size: 100, type: WidthType.PERCENTAGE }, borders: TABLE_BORDERS }))
  return out
}

function numberingConfig(): INumberingOptions {
  const indent = (level: number) => ({ paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } })
  const bullets = ['•', '–', '◦', '▪']
  const ordered = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN, LevelFormat.DECIMAL]
  return {
    config: [
      {
        reference: BULLETS,
        levels: bullets.map((text, level) => ({ level, format: LevelFormat.BULLET, text, alignment: AlignmentType.LEFT, style: indent(level) })),
      },
      {
        reference: ORDERED,
        levels: ordered.map((format, level) => ({ level, format, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: indent(level) })),
      },
    ],
  }
}
