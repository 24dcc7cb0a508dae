/**
 * Which party a piece of text speaks of, and which organisations it names; shared by the fact finders.
 */
import { memo, type Block } from './blocks.ts'
import { orgNames, partyKey, type OrgName, type Party } from './parties.ts'

/** Organisation names in a block's raw text, remembered per node. */
export function orgsOf(b: Block): OrgName[] {
  return memo(b, orgsOf, () => orgNames(b.raw))
}

export function mentioned(parties: readonly Party[], text: string): Party[] {
  return parties.filter((p) => p.mention.test(text))
}

export function firstMentioned(parties: readonly Party[], text: string): Party | null {
  let best: Party | null = null
  let bestAt = Infinity
  for (const p of parties) {
    const m = p.mention.exec(text)
    if (m && m.index < bestAt) {
      best = p
      bestAt = m.index
    }
  }
  return best
}

const GENERIC_REF = /^(?:the )?(?:municipality|kommunen|kommun|city|staden|region|regionen|county|association|föreningen|foundation|stiftelsen|parish|församlingen|congregation|club|klubben)$/

export function matchesAnyParty(parties: readonly Party[], name: string): boolean {
  const key = partyKey(name)
  // "the Municipality" alone is a short form of a party, not another organisation.
  if (GENERIC_REF.test(key)) return parties.length > 0
  if (parties.some((p) => p.mention.test(key))) return true
  return parties.some((p) => p.aliases.includes(key) || key.startsWith(p.key) || p.key.startsWith(key))
}
