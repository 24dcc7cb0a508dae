import { blockHas, memo, type Block } from './blocks.ts'
import type { Scopes } from './detect.ts'
import { isPartyTable, type OrgName, type Party } from './parties.ts'
import { orgsOf } from './mentions.ts'
import { acronymsWritten } from './acronyms.ts'
import { withUnits } from './party-units.ts'
import { gateWords } from './cue-index.ts'
import { u, type DateMark } from './text.ts'
import type { Evidence, Verdict } from './types.ts'
import { findActivities } from './activities.ts'
import { findMoney, findPerUnit, findIdeaContribution } from './money.ts'
import { findTerm, findNotice, findReview } from './term.ts'
import { findHeavyCommitments, findSteering, findUnitsMissing, findNonPartyContributors, findSignatures } from './governance.ts'
import { findLearning } from './learning.ts'
import { DEFINES_TERM, partiesFrom, partyIntros, resolveListed, shortFormCell, termDefinitions, type PartyIntro, type RegisteredParty } from './party-defs.ts'
import { extensionEvidence, locate, namedIn, noticeEvidence, partyEvidence, reviewEvidence, sharedLearningEvidence, steeringEvidence, termEvidence } from './evidence.ts'

const PLACEHOLDER_AMOUNT = u(/\b(?:xx+|x+ ?x+|\.\.\.|…|_+)\s?(?:kr|kronor|sek|tkr|mkr)\b/i)
const INTRODUCES_PARTIES = gateWords(u(/\b(?:mellan|between|parter|parties|för|for)\b/))

/**
 * The typed model the rules run on: parties, activities and who books them, money, dates and intervals,
 * governance membership, signatures. Built once per validation from the blocks and section scopes.
 */
export interface Activity {
  label: string
  performers: Party[]
  /** The party that books the costs, if one is named. */
  costOwner: Party | null
  /** A booking entity was named but it is not a party (OC2). */
  costOwnerNonParty: string | null
  /** Whether the text settles who books this activity's costs (OC1). */
  cost: Verdict
  /** Where the activity is described. */
  evidence: Evidence
  /** Where its cost owner is stated. */
  costEvidence: Evidence | null
}

export interface MoneyFact {
  /** In SEK (EUR converted at the threshold's own rate). */
  sek: number
  raw: number
  currency: 'SEK' | 'EUR'
  period: 'year' | 'month' | 'total' | 'unit' | null
  payer: 'public' | 'idea' | null
  inKind: boolean
  sentence: string
  evidence: Evidence | null
  /** Stated as an estimate of per-unit payments. */
  estimate?: boolean
}

export interface Facts {
  parties: Party[]
  /** The parties came from the agreement's registration, not from the text. */
  partiesRegistered: boolean
  partyEvidence: Evidence[]
  activities: Activity[]
  /** Some sentence or cost column says who books costs. */
  costStatements: boolean
  /** An amount is left as a placeholder ("XX kr"). */
  placeholderAmount: boolean
  ideaContributionEvidence: Evidence | null
  steeringEvidence: Evidence | null
  reviewEvidence: Evidence | null
  termEvidence: Evidence | null
  extensionEvidence: Evidence | null
  noticeEvidence: Evidence | null
  money: MoneyFact[]
  ideaContribution: boolean
  perUnitSentence: string | null
  start: DateMark | null
  end: DateMark | null
  termMonths: number | null
  extensionPossible: boolean
  extensionMonths: number | null
  extensionDecided: boolean
  noticeMonths: number | null
  reviewIntervalMonths: number | null
  reviewDates: DateMark[]
  reviewScheduled: boolean
  heavyCommitments: boolean
  steeringFound: boolean
  steeringMembers: Set<Party>
  steeringAllParties: boolean
  unitsMissingFromSteering: string[]
  nonPartyContributors: string[]
  signatureParties: Set<Party>
  signatureNonParties: string[]
  learningShared: boolean
  learningPerParty: Set<Party>
  /** Where a shared learning goal (LG1) and each party's own (LG2) are stated. */
  learningEvidence: { shared: Evidence | null; own: Evidence[] }
  /** Where each signing party is named in the signature blocks (SG1). */
  signatureEvidence: Evidence[]
}

export interface FactContext {
  blocks: readonly Block[]
  scopes: Scopes
  /** SEK per EUR, taken from the threshold pair so that no exchange rate has to be configured. */
  sekPerEur: number
  /** The parties the group registered for the agreement, when known; they outrank names found in the text. */
  registeredParties?: readonly RegisteredParty[]
}

export function extractFacts(ctx: FactContext): Facts {
  const parties = findParties(ctx)
  const term = findTerm(ctx)
  const steering = findSteering(ctx, parties)
  const signatures = findSignatures(ctx, parties)
  const learning = findLearning(ctx, parties)
  const review = findReview(ctx, term.termMonths, term.extensionMonths)
  const acts = findActivities(ctx, parties)
  const ideaSentence = findIdeaContribution(ctx, parties)
  const signatureBlocks = [...ctx.scopes.signatures.all, ...ctx.blocks.filter((b) => b.type === 'header_row' && b.names.includes('signatures'))]
  return {
    parties,
    partiesRegistered: !!ctx.registeredParties?.length,
    partyEvidence: partyEvidence(ctx, parties),
    activities: acts.activities,
    costStatements: acts.costStatements,
    placeholderAmount: ctx.blocks.some((b) => PLACEHOLDER_AMOUNT.test(b.raw)),
    ideaContributionEvidence: ideaSentence ? (locate(ctx.blocks, ideaSentence) ?? { quote: ideaSentence, top: -1 }) : null,
    steeringEvidence: steering.steeringFound ? steeringEvidence(ctx) : null,
    reviewEvidence: review.reviewScheduled ? reviewEvidence(ctx) : null,
    termEvidence: termEvidence(ctx),
    extensionEvidence: term.extensionPossible ? extensionEvidence(ctx) : null,
    noticeEvidence: noticeEvidence(ctx),
    money: findMoney(ctx, parties),
    ideaContribution: ideaSentence !== null,
    perUnitSentence: findPerUnit(ctx),
    ...term,
    noticeMonths: findNotice(ctx),
    ...review,
    heavyCommitments: findHeavyCommitments(ctx, parties),
    ...steering,
    unitsMissingFromSteering: findUnitsMissing(ctx, steering, parties),
    nonPartyContributors: findNonPartyContributors(ctx, parties, signatures.signatureNames),
    signatureParties: signatures.signatureParties,
    signatureNonParties: signatures.signatureNonParties,
    ...learning,
    learningEvidence: {
      shared: learning.learningShared ? sharedLearningEvidence(ctx, parties) : null,
      own: namedIn(ctx.scopes.learning_goals.content, learning.learningPerParty),
    },
    signatureEvidence: namedIn(signatureBlocks, signatures.signatureParties),
  }
}

// ---------------------------------------------------------------- parties

const ORG_NR_RE = gateWords(u(/\b(?:org\.? ?(?:nr|no)\.?|organisationsnummer|organisation number)/))
/** A Swedish organisation number written without its label ("SeniorNet Skärsund, a non-profit association (802xxx-xxxx)"). */
const ORG_NR_SHAPE = /\d{3}[\dx]{3}-[\dx]{4}/
const hasOrgNr = (b: Block): boolean => blockHas(b, ORG_NR_RE) || memo(b, ORG_NR_SHAPE, () => ORG_NR_SHAPE.test(b.raw))
/** A paragraph that opens by naming the parties, wherever it stands ("Vi är …", "This agreement is made between …"). */
const INTRO_OPENING = u(
  /^\W{0,4}(?:vi är|we are|this agreement is (?:made|entered into|concluded|signed) (?:by|between)|(?:denna|den här) överenskommelse (?:ingås|har ingåtts|tecknas) (?:mellan|av)|överenskommelsen ingås mellan|avtalet (?:ingås|tecknas) (?:mellan|av))\s/i,
)
const opensWithParties = (b: Block): boolean => memo(b, INTRO_OPENING, () => INTRO_OPENING.test(b.raw))
const INTRO_CUE = gateWords(u(/\b(?:nedan|hereinafter|i det följande|i texten|in this text|kallad|benämnd|referred to as)\b/))
/** A definitions clause ("\"the Municipality\" means …", "Med \"kommunen\" avses …"), wherever it stands. */
const DEFINES_CUE = gateWords(DEFINES_TERM)

/**
 * Parties: registered ones first, then the introductions in the text (definitions such as "nedan
 * kallad", org.nr lines, party-table rows), and only when those give fewer than two, organisation names.
 */
function findParties(ctx: FactContext): Party[] {
  const scope = ctx.scopes.parties_and_mandates
  const intros: PartyIntro[] = []
  const seen = new Set<Block>()
  const inScope = new Set(scope.content)
  // Definitions come first: a definitions clause usually opens the agreement and names every party.
  for (const b of ctx.blocks) if (b.type !== 'heading' && blockHas(b, DEFINES_CUE)) intros.push(...memo(b, termDefinitions, () => termDefinitions(b.raw)))
  const candidates = [...scope.content, ...ctx.blocks.filter((b) => b.type !== 'heading' && (hasOrgNr(b) || blockHas(b, INTRO_CUE) || opensWithParties(b)))]
  for (const b of candidates) {
    if (seen.has(b)) continue
    seen.add(b)
    if (b.type === 'row' && b.cells) {
      if (!isPartyTable(b.header)) continue
      const cell = b.cells[0] ?? ''
      // Per node, like every other per-block reading: a keystroke elsewhere does not re-read the parties.
      intros.push(
        ...memo(b, partyIntros, () =>
          partyIntros(cell, { tableRow: true })
            .map((i) => (i.type === 'unknown' ? { ...i, type: partyIntros(b.cells!.join(', '), { tableRow: true })[0]?.type ?? 'unknown' } : i))
            .map((i) => ({ ...i, aliases: [...i.aliases, ...shortFormCell(b.header, b.cells!, i.name)] })),
        ),
      )
      continue
    }
    if (inScope.has(b) || opensWithParties(b)) intros.push(...memo(b, partyIntros, () => partyIntros(b.raw, { inScope: true })))
    else if (hasOrgNr(b)) intros.push(...memo(b, hasOrgNr, () => partyIntros(b.raw)))
  }
  const acronyms = acronymsWritten(ctx.blocks)
  let parties = partiesFrom(resolveListed(intros), ctx.registeredParties ?? [], acronyms)
  if (parties.length >= 2) return withUnits(ctx, parties)
  const names: OrgName[] = []
  for (const b of scope.content) names.push(...orgsOf(b))
  if (names.length < 2) {
    // No parties section at all: the opening lines ("mellan X och Y") or the signature blocks name them.
    for (const b of ctx.blocks) {
      if (b.type === 'heading' || !b.text) continue
      if (blockHas(b, INTRODUCES_PARTIES)) names.push(...orgsOf(b))
    }
  }
  parties = partiesFrom(
    [...resolveListed(intros), ...names.filter((n) => n.type !== 'unknown' || names.length <= 4).map((n) => ({ name: n.name, aliases: [], type: n.type }))],
    ctx.registeredParties ?? [],
    acronyms,
  )
  return withUnits(ctx, parties)
}
