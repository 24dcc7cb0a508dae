import { CLAUSE_SECTIONS, type ClauseSectionId } from '../schema/sections.ts'
import { words } from './fold.ts'
import type { ClauseLibrary } from './library.ts'
import { LANGS, type ClauseRecord, type Lang } from './record.ts'

export interface SearchOptions {
  sectionId?: ClauseSectionId
  /** Search only this language's text, labels and section names (ids are language-neutral). */
  lang?: Lang
  limit?: number
}

export interface SearchHit {
  clause: ClauseRecord
  score: number
}

interface Field {
  weight: number
  words: string[]
  folded: string
}

/** An id or section name says what a clause is about; one word deep in the text says less. */
const WEIGHT = { id: 4, title: 4, section: 3, label: 2, text: 1 } as const

const sectionOrder = new Map(CLAUSE_SECTIONS.map((s, i) => [s.id, i]))

/**
 * Full-text search over the newest version of each clause. Every query word must match somewhere
 * (prefix or inside a word, since Swedish compounds hide "mål" in "lärandemålen"); whole-word matches
 * in heavier fields rank first. An empty query lists the clauses in the order of a new agreement.
 */
export function searchClauses(library: ClauseLibrary, query: string, options: SearchOptions = {}): SearchHit[] {
  const terms = [...new Set(words(query))]
  const hits: SearchHit[] = []
  for (const clause of library.latest) {
    if (options.sectionId && clause.sectionId !== options.sectionId) continue
    const fields = indexFields(clause, options.lang)
    let score = 0
    for (const term of terms) {
      const best = Math.max(0, ...fields.map((f) => f.weight * matchStrength(f, term)))
      if (best === 0) {
        score = -1
        break
      }
      score += best
    }
    if (score >= 0) hits.push({ clause, score })
  }
  hits.sort((a, b) => b.score - a.score || byAgreementOrder(a.clause, b.clause))
  return options.limit === undefined ? hits : hits.slice(0, options.limit)
}

function matchStrength(field: Field, term: string): number {
  if (field.words.includes(term)) return 3
  if (field.words.some((w) => w.startsWith(term))) return 2
  return field.folded.includes(term) ? 1 : 0
}

function indexFields(clause: ClauseRecord, lang: Lang | undefined): Field[] {
  const langs = lang ? [lang] : LANGS
  const section = CLAUSE_SECTIONS.find((s) => s.id === clause.sectionId)!
  const field = (weight: number, text: string): Field => {
    const w = words(text)
    return { weight, words: w, folded: w.join(' ') }
  }
  return [
    field(WEIGHT.id, clause.id),
    ...langs.map((l) => field(WEIGHT.section, section.name[l])),
    ...langs.map((l) => field(WEIGHT.title, `${clause.title?.[l] ?? ''} ${clause.summary?.[l] ?? ''}`)),
    ...langs.flatMap((l) => clause.parameters.map((p) => field(WEIGHT.label, p.label[l]))),
    // Placeholders are stripped from the text: "{notice_months}" is already covered by the labels.
    ...langs.map((l) => field(WEIGHT.text, clause.text[l].replace(/\{[a-z0-9_]+\}/g, ' '))),
  ]
}

function byAgreementOrder(a: ClauseRecord, b: ClauseRecord): number {
  const order = (sectionOrder.get(a.sectionId) ?? 0) - (sectionOrder.get(b.sectionId) ?? 0)
  return order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
