import type { Node as PMNode } from 'prosemirror-model'
import type { PartyType } from '../../schema/api-types.ts'
import type { DocLang } from './words.ts'

/**
 * Everything an exported agreement shows, gathered once from the store so the builders (Word today)
 * are pure functions of it.
 */
export interface ExportParty {
  name: string
  type: PartyType
  orgNr: string | null
  /** Members registered for this party, with the mandate they sign under. */
  signatories: { name: string; mandate: string | null }[]
}

export interface ClauseProvenance {
  clauseId: string
  version: number | null
  approvedBy: string | null
  /** YYYY-MM-DD. */
  approvedAt: string | null
  /** null when the clause is not in this installation's library, so nobody can vouch for its wording. */
  deviates: boolean | null
}

export interface ExportModel {
  title: string
  municipality: string
  lang: DocLang
  parties: ExportParty[]
  diarienummer: string | null
  /** The named version exported, or null for the text as it is now. */
  version: { name: string; createdAt: string } | null
  /** YYYY-MM-DD: the version's date, else the day of the export. */
  date: string
  content: PMNode
  /** The appendix "Klausulförteckning"; null leaves it out. */
  clauses: ClauseProvenance[] | null
}

const DNR_KEYS = ['diarienummer', 'dnr']
const MAX_DNR = 40

/**
 * The reference number (diarienummer) if the first lines of the text carry one ("Dnr SN 2024/318",
 * "Diarienummer: SN 2024/318"). Scanned by hand rather than with a regex over user text.
 */
export function findDiarienummer(doc: PMNode): string | null {
  let found: string | null = null
  let seen = 0
  doc.descendants((node) => {
    if (found !== null || seen > 12) return false
    if (!node.isTextblock) return true
    seen++
    found = dnrIn(node.textContent)
    return false
  })
  return found
}

function dnrIn(text: string): string | null {
  const lower = text.toLowerCase()
  for (const key of DNR_KEYS) {
    let at = lower.indexOf(key)
    while (at !== -1) {
      const before = at === 0 ? ' ' : lower[at - 1]!
      const after = lower[at + key.length] ?? ''
      if (!isLetter(before) && !isLetter(after)) {
        let start = at + key.length
        while (start < text.length && (text[start] === ':' || text[start] === '.' || text[start] === ' ')) start++
        let end = start
        while (end < text.length && end - start < MAX_DNR && !'·|,;\n'.includes(text[end]!)) end++
        const value = referenceTokens(text.slice(start, end))
        if (value) return value
      }
      at = lower.indexOf(key, at + 1)
    }
  }
  return null
}

/**
 * "SN 2024/318 Version: slutligt förslag" → "SN 2024/318": a register prefix, then the tokens with
 * digits; the first word after them ends the number (drafts run the next field on in one line).
 */
function referenceTokens(text: string): string | null {
  const out: string[] = []
  let digits = false
  for (const token of text.split(' ').filter(Boolean).slice(0, 5)) {
    const hasDigit = [...token].some((c) => c >= '0' && c <= '9')
    if (digits && !hasDigit) break
    digits ||= hasDigit
    out.push(token)
  }
  return digits ? out.join(' ') : null
}

function isLetter(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase()
}
