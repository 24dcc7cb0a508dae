import { listItems, rowsOf } from './format.ts'
import type { ClauseParam, Lang, ParamValue } from './record.ts'

/**
 * Parameters that stand alone in their paragraph and hold several items are written as structure the
 * reader and the validator can both count: a list as a bullet list, rows as a table, signatories as one
 * signature block per party. Inline in a sentence, a list stays "A, B och C".
 */
export type BlockValue = { kind: 'bullets'; items: string[] } | { kind: 'table'; header: string[]; rows: string[][] } | { kind: 'signatures'; blocks: string[][] }

const BLOCK_TYPES = new Set<ClauseParam['type']>(['list', 'rows', 'signatories'])

/** Types that must stand alone in their paragraph (a table or a signature block cannot sit in a sentence). */
export const STANDALONE_TYPES = new Set<ClauseParam['type']>(['rows', 'signatories'])

export function isBlockParam(param: ClauseParam): boolean {
  return BLOCK_TYPES.has(param.type)
}

const SIGNATURE_LINES: Record<Lang, { for: string; place: string; sign: string; print: string; role: string }> = {
  sv: { for: 'För', place: 'Ort och datum', sign: 'Namnteckning', print: 'Namnförtydligande', role: 'Befattning' },
  en: { for: 'For', place: 'Place and date', sign: 'Signature', print: 'Name in print', role: 'Position' },
}

/** A blank line to sign or write on; blank fields are expected in a draft and are not placeholders. */
const BLANK = '____________________'

/** The structured value, or null when nothing is filled in (the caller then shows `{name}`). */
export function blockValue(param: ClauseParam, value: ParamValue | null | undefined, lang: Lang): BlockValue | null {
  if (value === null || value === undefined) return null
  switch (param.type) {
    case 'list': {
      const items = listItems(value)
      return items.length === 0 ? null : { kind: 'bullets', items }
    }
    case 'rows': {
      const columns = param.columns ?? []
      const rows = rowsOf(value).map((cells) => columns.map((_, i) => cells[i] ?? ''))
      return rows.length === 0 ? null : { kind: 'table', header: columns.map((c) => c.label[lang]), rows }
    }
    case 'signatories': {
      const l = SIGNATURE_LINES[lang]
      const blocks = rowsOf(value)
        .filter((cells) => cells[0])
        .map(([party, role]) => [`${l.for} ${party}`, `${l.place}: ${BLANK}`, `${l.sign}: ${BLANK}`, `${l.print}: ${BLANK}`, `${l.role}: ${role && role.length > 0 ? role : BLANK}`])
      return blocks.length === 0 ? null : { kind: 'signatures', blocks }
    }
    default:
      return null
  }
}

/** The block as plain text lines, for `fillClause` and previews without a DOM. */
export function blockText(block: BlockValue): string {
  switch (block.kind) {
    case 'bullets':
      return block.items.map((i) => `- ${i}`).join('\n')
    case 'table':
      return [block.header, ...block.rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
    case 'signatures':
      return block.blocks.map((lines) => lines.join('\n')).join('\n\n')
  }
}
