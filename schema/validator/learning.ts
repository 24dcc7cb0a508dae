/**
 * Shared learning goals and each party's own (LG1, LG2, `learning_goal_per_party`).
 */
import type { Party } from './parties.ts'
import { u } from './text.ts'
import { mentioned, firstMentioned } from './mentions.ts'
import type { FactContext } from './facts.ts'

const LEARN = u(/\b(?:lär\w*|learn\w*|kunskap\w*|förstå\w*|understand\w*)\b/)
const TOGETHER = u(/\b(?:gemensam\w*|tillsammans|partnerskapet\w*|alla parter|samtliga parter|båda parter\w*|shared|joint\w*|common|together|the partnership|all parties|both parties)\b/)
const LABELLED = /^[^:]{1,60}:/

/**
 * A learning goal that names no party, or names parties "together", is shared (LG1); a goal that names
 * one party, or stands under a heading naming one party ("Kommunens lärandemål"), is that party's own (LG2).
 */
export function findLearning(ctx: FactContext, parties: readonly Party[]): { learningShared: boolean; learningPerParty: Set<Party> } {
  let shared = false
  const own = new Set<Party>()
  for (const b of ctx.scopes.learning_goals.content) {
    const headed = mentioned(parties, b.headingText)
    if (headed.length === 1 && !TOGETHER.test(b.headingText)) {
      own.add(headed[0]!)
      continue
    }
    const sharedHeading = TOGETHER.test(b.headingText)
    for (const s of b.sentences) {
      const named = mentioned(parties, s)
      if (named.length && LABELLED.test(s)) {
        const label = mentioned(parties, s.slice(0, s.indexOf(':')))
        for (const p of label.length ? label : named) own.add(p)
        continue
      }
      // "Kommunen vill lära sig … tillsammans med civilsamhället" is still the municipality's own goal.
      if (named.length === 0 || (named.length >= 2 && TOGETHER.test(s))) {
        if (LEARN.test(s) || sharedHeading || b.context.includes('learning_goals')) shared = true
        continue
      }
      // The goal belongs to the parties before the learning verb ("Kommunen vill lära sig … via föreningen").
      const verb = s.search(LEARN)
      const owners = verb > 0 ? mentioned(parties, s.slice(0, verb)) : []
      for (const p of owners.length ? owners : [firstMentioned(parties, s)!]) own.add(p)
    }
  }
  return { learningShared: shared, learningPerParty: own }
}
