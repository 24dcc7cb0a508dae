import type { Node as PMNode } from 'prosemirror-model'
import type { PartyType } from '../../schema/api-types.ts'

/**
 * Parties named in an imported text, offered to the person as registered parties: every organisation
 * number (org.nr, "212000-xxxx" with the blanked digits drafts use) and the name written before it
 * ("Granviks kommun, org.nr 212000-1234") or, in a table, the first cell of its row. Scanned by hand,
 * no regex over the text, so a hostile paragraph costs linear time.
 */
export interface FoundParty {
  name: string
  type: PartyType
  orgNr: string | null
}

const MAX_PARTIES = 12
const MAX_NAME = 120
const PUBLIC_WORDS = ['kommun', 'stad', 'staden', 'region', 'regionen', 'landsting', 'municipality', 'city', 'county', 'council']
const IDEA_WORDS = ['förening', 'stiftelse', 'jour', 'association', 'foundation', 'församling']
const LEGAL_FORMS = ['ideell förening', 'ekonomisk förening', 'stiftelse', 'aktiebolag', 'non-profit', 'association', 'foundation']
const ORG_WORDS = ['org.nr', 'org. nr', 'orgnr', 'organisationsnummer', 'reg. no', 'registration number', 'corporate identity number']
const LEAD_WORDS = ['och ', 'and ', 'samt ', 'mellan ', 'between ']

export function findParties(doc: PMNode): FoundParty[] {
  const found = new Map<string, FoundParty>()
  const add = (name: string, orgNr: string | null) => {
    const clean = name.trim()
    if (clean.length < 2 || clean.length > MAX_NAME || found.size >= MAX_PARTIES) return
    const key = clean.toLowerCase()
    if (!found.has(key)) found.set(key, { name: clean, type: typeOf(clean), orgNr })
  }
  doc.descendants((node) => {
    if (node.type.name === 'table_row') {
      const cells = node.children.map((cell) => cell.textContent)
      const withNr = cells.map(orgNumbersIn).find((nrs) => nrs.length > 0)
      if (withNr && cells[0] && orgNumbersIn(cells[0]).length === 0) add(cutAt(cutAt(cells[0], '('), ','), withNr[0]!.value)
      return false
    }
    if (!node.isTextblock) return true
    const text = node.textContent
    let from = 0
    for (const nr of orgNumbersIn(text)) {
      add(nameBefore(text.slice(from, nr.at)), nr.value)
      from = nr.at + nr.value.length
    }
    return false
  })
  return [...found.values()]
}

function cutAt(text: string, ch: string): string {
  const at = text.indexOf(ch)
  return (at === -1 ? text : text.slice(0, at)).trim()
}

/** Whole words only: "Stiftelsen Tallmora stadsmission" is not a city. */
function typeOf(name: string): PartyType {
  const words = name.toLowerCase().split(/[\s,]+/)
  if (words.some((w) => IDEA_WORDS.some((i) => w.startsWith(i)))) return 'idea_driven'
  return words.some((w) => PUBLIC_WORDS.includes(w) || w.endsWith('kommun')) ? 'public' : 'idea_driven'
}

/** The party's name in the words before its number: the last comma-separated piece that is a name. */
function nameBefore(text: string): string {
  let start = 0
  for (const stop of ['. ', '; ', ': ', ' är ', ' is ']) {
    const at = text.lastIndexOf(stop)
    if (at !== -1 && at + stop.length > start) start = at + stop.length
  }
  const pieces = text
    .slice(start)
    .split(',')
    .map((p) => p.trim())
  for (let i = pieces.length - 1; i >= 0; i--) {
    let piece = pieces[i]!
    const lower = piece.toLowerCase()
    const legalForm = LEGAL_FORMS.some((w) => lower === w || lower.startsWith(`${w} med`) || lower.startsWith(`${w} with`))
    if (!piece || ORG_WORDS.some((w) => lower.includes(w)) || legalForm || piece.startsWith('(')) continue
    piece = stripLead(piece)
    if (piece) return piece
  }
  return ''
}

/** Drops list markers ("a)", "1.1") and joining words ("och") in front of a name. */
function stripLead(piece: string): string {
  let out = piece
  for (let changed = true; changed; ) {
    changed = false
    const space = out.indexOf(' ')
    const first = space === -1 ? out : out.slice(0, space)
    if (space !== -1 && first.length <= 5 && [...first].every((c) => '0123456789.)abcdefghij'.includes(c.toLowerCase())) && /[0-9)]/.test(first)) {
      out = out.slice(space + 1).trimStart()
      changed = true
    }
    for (const lead of LEAD_WORDS) {
      if (out.toLowerCase().startsWith(lead)) {
        out = out.slice(lead.length).trimStart()
        changed = true
      }
    }
  }
  return cutAt(out, '(')
}

/** Swedish organisation numbers: six digits (or x), a dash, four digits (or x); the first two digits real. */
function orgNumbersIn(text: string): { at: number; value: string }[] {
  const out: { at: number; value: string }[] = []
  for (let i = text.indexOf('-'); i !== -1; i = text.indexOf('-', i + 1)) {
    if (i < 6 || i + 5 > text.length) continue
    const head = text.slice(i - 6, i)
    const tail = text.slice(i + 1, i + 5)
    const ok = (s: string) => [...s].every((c) => (c >= '0' && c <= '9') || c === 'x' || c === 'X')
    const before = i - 7 >= 0 ? text[i - 7]! : ' '
    const after = text[i + 5] ?? ' '
    if (ok(head) && ok(tail) && head[0]! >= '0' && head[0]! <= '9' && head[1]! >= '0' && head[1]! <= '9' && !isWordChar(before) && !isWordChar(after)) {
      out.push({ at: i - 6, value: `${head}-${tail}` })
    }
  }
  return out
}

function isWordChar(ch: string): boolean {
  return (ch >= '0' && ch <= '9') || ch.toLowerCase() !== ch.toUpperCase()
}
