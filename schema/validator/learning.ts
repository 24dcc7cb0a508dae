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
/** The parties as learners: "vi vill lära oss", "the parties want to learn", "partnerskapet ska utveckla kunskap". */
const WE_LEARN = u(/\b(?:vi|we|oss|us|our|vår|vårt|våra|parterna|the parties|partnerskapet|the partnership|båda parter\w*|both parties|alla parter|all parties)\b/)
const PURPOSE = u(/\b(?:syftet|syftar|ändamål\w*|purpose|aims? (?:is|are|to)|the aim)\b/)

/** The goals as a thing still to be written: "TBD – we will have a workshop about learning goals in March". */
const GOALS_NOUN = u(/\b(?:lärandemål\w*|learning (?:goals?|objectives?|aims?))\b/g)
// Words of writing the goals later, not of pursuing them: "vi ska tillsammans utveckla metoder" stays a goal.
const TO_COME = u(
  /\b(?:workshop\w*|senare|later|återkommer|tas fram|formuleras|arbetas fram|utarbetas|(?:ska|skall|kommer att) (?:tas fram|formuleras|skrivas|bestämmas|beslutas)|(?:to|will) be (?:set|agreed|decided|written|developed|worked out)|(?:we|the parties) will (?:have|hold|set|write|agree|decide))\b/,
)
function aboutGoalsToCome(s: string): boolean {
  if (!s.includes('lärandemål') && !s.includes('learning')) return false
  const rest = s.replace(GOALS_NOUN, ' ')
  return rest !== s && !LEARN.test(rest) && TO_COME.test(rest)
}

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
      if (aboutGoalsToCome(s)) continue
      const named = mentioned(parties, s)
      if (named.length && LABELLED.test(s)) {
        // "Shared learning goal: together we want to learn how a municipality and an association …"
        if (TOGETHER.test(s.slice(0, s.indexOf(':')))) {
          shared = true
          continue
        }
        const label = mentioned(parties, s.slice(0, s.indexOf(':')))
        for (const p of label.length ? label : named) own.add(p)
        continue
      }
      // "Kommunen vill lära sig … tillsammans med civilsamhället" is still the municipality's own goal.
      if (named.length === 0 || (named.length >= 2 && TOGETHER.test(s))) {
        if (sharedHeading || b.context.includes('learning_goals')) shared = true
        // Found by its words alone, a sentence is a shared goal only when the parties are the learners:
        // "the purpose is to give every child the chance to learn" is about the target group.
        else if (LEARN.test(s) && !PURPOSE.test(s) && (named.length >= 2 || WE_LEARN.test(s))) shared = true
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
