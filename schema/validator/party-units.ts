import type { Block } from './blocks.ts'
import type { FactContext } from './facts.ts'
import { unitsOf } from './governance.ts'
import { matchesAnyParty, orgsOf } from './mentions.ts'
import type { Party } from './parties.ts'
import { mentionOf } from './party-defs.ts'
import { u } from './text.ts'

/**
 * A public party's committees, administrations and units act for it: "Socialförvaltningen anordnar
 * föräldraträffar", "För socialnämnden", "The Elderly Care Department wants to learn …". A reader
 * resolves such a unit to the municipality (or region) it belongs to, so each unit the text names becomes
 * an alias of that party: of the public party written just before it ("kommunens näringslivsenhet",
 * "Ekby kommun, genom socialnämnden"), else of the only public party, unless the words before it name
 * another body ("Region Nordmarks kollektivtrafikförvaltning" when the region is no party,
 * "föreningens ungdomsenhet", "regionens vårdförvaltning").
 */

/** A public body's word that is none of the parties' ("regionens …" when the region is not a party). */
const OTHER_PUBLIC = u(/\b(?:kommun\w*|region\w*|landsting\w*|staten\w*|statlig\w*|läns\w*|länsstyrelse\w*|municipal\w*|region\w*|county|council|state|government)\b/)
/** Short unit stems ("enhet" words under six letters) say too little to stand for a party. */
const MIN_STEM = 6
/** No public party has more units in one agreement than this (two forms each). */
const MAX_UNIT_ALIASES = 24
const MAX_UNITS_READ = 200
const READ_IN = ['parties_and_mandates', 'activities', 'ownership_and_costs', 'budget_and_resources', 'learning_goals', 'signatures'] as const
const SWEDISH_UNIT = /(?:nämnd|förvaltning|enhet|mottagning|klinik|avdelning)$/

export function withUnits(ctx: FactContext, parties: Party[]): Party[] {
  const publics = parties.filter((p) => p.type === 'public')
  if (!publics.length) return parties
  const extra = new Map<Party, Set<string>>()
  const seen = new Set<string>()
  // Only where a unit stands for its party matters (who does, pays, learns, signs); reading every block
  // for units would cost the cold validation a few per cent.
  const blocks = new Set<Block>()
  for (const id of READ_IN) for (const b of ctx.scopes[id].all) blocks.add(b)
  for (const b of blocks) {
    if (b.type === 'heading') continue
    for (const unit of unitsOf(b)) {
      if (unit.length < MIN_STEM || seen.has(unit)) continue
      // Each unit is placed once, by its first mention; a text naming thousands of them is not read further.
      if (seen.size >= MAX_UNITS_READ) break
      seen.add(unit)
      const owner = ownerOf(unit, b, parties, publics)
      if (!owner) continue
      const set = extra.get(owner) ?? new Set<string>()
      // Every alias is tried on every sentence: a text naming thousands of units must not multiply that.
      if (set.size >= MAX_UNIT_ALIASES) continue
      set.add(unit)
      if (SWEDISH_UNIT.test(unit)) set.add(unit + 'en')
      extra.set(owner, set)
    }
  }
  if (!extra.size) return parties
  return parties.map((p) => {
    // A unit word that already names another party ("föreningen" never ends in a unit word, but a name might) stays that party's.
    const own = [...(extra.get(p) ?? [])].filter((a) => !p.aliases.includes(a) && !parties.some((o) => o !== p && o.mention.test(a)))
    if (!own.length) return p
    const aliases = [...p.aliases, ...own].sort((a, b) => b.length - a.length)
    return { ...p, aliases, mention: mentionOf(aliases) }
  })
}

/** The public party a unit in this block belongs to, read from the three words before its first mention. */
function ownerOf(unit: string, b: Block, parties: readonly Party[], publics: readonly Party[]): Party | null {
  const at = b.text.indexOf(unit)
  if (at < 0) return null
  const before = b.text
    .slice(Math.max(0, at - 60), at)
    .split(' ')
    .slice(-4)
    .join(' ')
  for (const p of parties) if (p.mention.test(before)) return p.type === 'public' ? p : null
  // "Region Nordmarks kollektivtrafikförvaltning": a body that is no party owns it.
  for (const org of orgsOf(b)) {
    const key = org.name.toLowerCase()
    if (before.includes(key.split(' ')[0]!) && !matchesAnyParty(parties, org.name)) return null
  }
  if (OTHER_PUBLIC.test(before)) return null
  return publics.length === 1 ? publics[0]! : null
}
