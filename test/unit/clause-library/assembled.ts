import type { Node as PMNode } from 'prosemirror-model'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { buildDocFromTemplate, type Template } from '../../../clause-library/template.ts'
import type { ClauseRecord, Lang } from '../../../clause-library/record.ts'

/**
 * Agreements assembled from library clauses alone, every value taken from the clauses' own examples:
 * three parties (a municipality, an association and a foundation), amounts, dates. The examples are
 * written to agree with one another, so the assembled text is one realistic agreement.
 */

/** Alternatives of one section: an agreement uses one of them. */
export const ALTERNATIVES: readonly (readonly string[])[] = [
  ['parties_and_mandates.multi_party', 'parties_and_mandates.two_party'],
  ['duration.with_extension', 'duration.fixed_term'],
  ['signatures.paper', 'signatures.electronic'],
  // Two forms of the same rule; an agreement states it once.
  ['ownership_and_costs.booking_party_owns', 'ownership_and_costs.co_delivered'],
  ['purpose_and_goals.joint_ownership', 'ownership_and_costs.shared_field'],
]

export function exampleValues(clause: ClauseRecord, lang: Lang): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {}
  for (const p of clause.parameters) if (p.example) out[p.name] = p.example[lang] as string | number | string[]
  return out
}

/** Every newest built-in clause except the alternatives not chosen (`pick` = index into each alternative). */
export function assembledAgreement(lang: Lang, pick: 0 | 1 = 0, only?: (c: ClauseRecord) => boolean, blank: readonly string[] = []): PMNode {
  const left = new Set(ALTERNATIVES.flatMap((alts) => alts.filter((_, i) => i !== Math.min(pick, alts.length - 1))))
  // two_party names only two of the three parties every other example uses.
  left.add('parties_and_mandates.two_party')
  if (pick === 1) left.delete('parties_and_mandates.multi_party')
  const lib = builtinLibrary()
  const clauses = lib.latest.filter((c) => !left.has(c.id) && (only ? only(c) : true))
  const template: Template = {
    id: 'assembled',
    name: { sv: 'Sammansatt', en: 'Assembled' },
    lang,
    items: clauses.map((c) => ({ clauseId: c.id, params: blank.includes(c.id) ? {} : exampleValues(c, lang) })),
  }
  let n = 0
  return buildDocFromTemplate(template, lib, { title: lang === 'sv' ? 'IOP Läxhjälp och fritid i Norra Exempelby' : 'IOP Homework support and leisure in Norra Exempelby', makeUid: () => `u${++n}` })
}
