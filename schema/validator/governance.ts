/**
 * Steering membership, units that decide on referrals or budget, outside contributors, signature
 * blocks, the partner's staff and lease commitments.
 */
import { blockHas, memo, type Block } from './blocks.ts'
import { gateWords, mayMatch } from './cue-index.ts'
import { partyKey, unitsIn, type Party } from './parties.ts'
import { affirmed, normalize, u } from './text.ts'
import { orgsOf, mentioned, firstMentioned, matchesAnyParty } from './mentions.ts'
import type { FactContext } from './facts.ts'

// Verbs only: "föreningens anställda" (its employees) is not a commitment taken on for the partnership.
const HEAVY = gateWords(
  u(
    /\b(?:anställer|anställa|anställt|anställs|anställts|anställde|har anställt|has hired|have hired|been hired|nyanställ\w*|hyr|hyra|hyrt|hyrs|hyr in|hyreskontrakt|hyresavtal|employs?|employed|hires?|hired|leases?|leased|rents?|rented|tenancy)\b/,
  ),
)

export function findHeavyCommitments(ctx: FactContext, parties: readonly Party[]): boolean {
  const ideas = parties.filter((p) => p.type === 'idea')
  const blocks = ctx.blocks
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!
    if (!mayMatch(b, HEAVY)) continue
    const heavy = memo(b, findHeavyCommitments, () => b.sentences.filter((s) => HEAVY.test(s) && affirmed(s, HEAVY)))
    for (const s of heavy) {
      const subject = firstMentioned(parties, s)
      if ((subject && subject.type === 'idea') || (!subject && ideas.some((p) => p.mention.test(s)))) return true
      // A list item without a party speaks of the party named last ("Läxhjälpen:" over "- har två anställda …").
      if (!subject && b.inList) {
        for (let j = i - 1; j >= 0 && j >= i - 6 && blocks[j]!.type !== 'heading'; j--) {
          const named = mentioned(parties, blocks[j]!.text)
          if (!named.length) continue
          if (named.length === 1 && named[0]!.type === 'idea') return true
          break
        }
      }
    }
  }
  return false
}

export const STEERING = gateWords(
  u(/\b(?:styrgrupp\w*|ledningsgrupp\w*|partnerskapsråd\w*|samverkansråd\w*|steering (?:group|committee|board)|management (?:group|board)|joint board|partnership board)/),
)
const MEMBERSHIP = u(
  /\b(?:consisting of|made up of|including|består av|bestående av|utgörs av|sammansatt av|ingår|sitter|representant\w*|representer\w*|represented|sits?|sitting|serves? on|företrädare|ledamöter|ledamot|medlemmar|deltar|med (?:en|ett|två|tre|fyra) |consists? of|composed of|comprises?|members?|representatives?|seats?|includes?|with (?:one|two|three|a) )/,
)
const ALL_PARTIES = u(
  /\b(?:(?:samtliga|alla|båda|varje|respektive|var och en av) (?:parter|part|parterna|de två parterna)|från (?:varje|respektive|samtliga|båda) part\w*|each party|all (?:the )?parties|both parties|every party|each of the parties|all partners|each partner)\b/,
)

/** Roles that only a public body has: its committees, administrations, units and their heads. */
const PUBLIC_ROLE = u(
  /\b(?:\w*nämnd\w*|\w*förvaltning\w*|socialchef\w*|kommundirektör\w*|förvaltningschef\w*|socialtjänst\w*|head of social services|social services|(?:committee|department|administration)\b)/,
)

interface Steering {
  steeringFound: boolean
  steeringMembers: Set<Party>
  steeringAllParties: boolean
  steeringText: string
  steeringUnits: Set<string>
}

/** "En styrgrupp med X, Y och Z", "a steering group where X and Y sit", "Styrgrupp: X, Y": the members follow the body's name. */
// "A steering group leads the partnership: the Head of …, the chair of …": the members after a colon later in the sentence.
const STEERING_WITH = u(/\b(?:styrgrupp|ledningsgrupp|steering (?:group|committee|board))\w*(?: (?:med|with|där|where|i vilken|in which) |: \S| (?:leder|leads|styr|runs|governs) [^.:;]{0,40}: \S)/)
/** A sentence after the one naming the body that says who sits in it ("Den består av …", "It consists of …"). */
const PRONOUN_MEMBERS = u(/^(?:den|det|där|dess|i den|i gruppen|gruppen|it|its|there|the group|the committee|the board|members|ledamöter\w*) /)

/**
 * Sentences that say who sits in the steering body ("Styrgruppen består av …", "En styrgrupp med …"),
 * and the sentence after one that introduces the body when it goes on with a pronoun ("En styrgrupp
 * leder partnerskapet. Den består av …").
 */
function membershipSentences(b: Block): string[] {
  return memo(b, membershipSentences, () => {
    if (!blockHas(b, STEERING)) return []
    const out: string[] = []
    b.sentences.forEach((s, i) => {
      if (!STEERING.test(s)) return
      if (MEMBERSHIP.test(s) || STEERING_WITH.test(s)) out.push(s)
      const next = b.sentences[i + 1]
      if (next && !STEERING.test(next) && PRONOUN_MEMBERS.test(next) && MEMBERSHIP.test(next)) out.push(next)
    })
    return out
  })
}

/** Titles only a public body's staff have: heads of services and units ("bibliotekschefen", "the Director of …"). */
const PUBLIC_TITLE = u(/\b(?:\w*chef\w*|\w*direktör\w*|head of|director of|director|\w*nämnd\w*|\w*förvaltning\w*|\w*handläggare|committee|department)\b/)
/** Titles an idea-driven party's people have: its board and its staff ("ordföranden", "verksamhetsledaren", "the Chair"). */
const IDEA_TITLE = u(/\b(?:ordförande\w*|\w*ordföranden|verksamhetsledare\w*|kassör\w*|styrelse\w*|volontär\w*|\w*ideell\w*|chair\w*|board members?|volunteer\w*|treasurer)\b/)
/** A head of an idea-driven organisation's own staff: not a public title. */
const IDEA_CHIEF = u(/\b(?:verksamhetschef\w*|kanslichef\w*|generalsekreterare\w*|chief executive|managing director|executive director|general secretary|ceo)\b/)
const MEMBER_SPLIT = u(/,|;|\s(?:och|and|samt|as well as|plus)\s/)

/** Stems of a party's one-word short forms, so "församlingsföreståndaren" is the parish's and "föreningsordföranden" the association's. */
function compoundStems(p: Party): string[] {
  return p.aliases
    .filter((a) => !a.includes(' '))
    .map((a) => a.replace(/(?:en|et|n)$/, ''))
    .filter((s) => s.length >= 5)
}

/**
 * Parties that the member phrases of a steering text name: by a short form or genitive ("Nattljus
 * ordförande", "for Livlinan"), by a compound of a party's short form ("församlingsföreståndaren"), by a
 * bare title after one that named a party ("Bokbryggans ordförande och verksamhetsledare"), or by the kind
 * of title when only one party can hold it (a "…chef" of the only public party, the chair of the only
 * idea-driven one). A phrase that names an organisation that is no party is not attributed.
 */
function membersByRole(parties: readonly Party[], text: string): Set<Party> {
  const out = new Set<Party>()
  const publics = parties.filter((p) => p.type === 'public')
  const ideas = parties.filter((p) => p.type === 'idea')
  const stems = parties.map((p) => [p, compoundStems(p)] as const)
  let previous: Party[] = []
  for (const phrase of text.split(MEMBER_SPLIT)) {
    if (!phrase.trim()) continue
    let named = mentioned(parties, phrase)
    if (!named.length) named = bracketedType(parties, phrase)
    if (!named.length) {
      const words = phrase.split(/[\s(),.:]+/)
      named = stems.filter(([, st]) => st.some((stem) => words.some((w) => w.length > stem.length + 2 && w.startsWith(stem)))).map(([p]) => p)
    }
    if (!named.length && previous.length === 1 && phrase.trim().split(' ').length <= 2 && !matchesAnyOrg(phrase)) named = previous
    if (!named.length && !matchesAnyOrg(phrase)) {
      if (IDEA_CHIEF.test(phrase) || IDEA_TITLE.test(phrase)) named = ideas.length === 1 ? [ideas[0]!] : []
      else if (PUBLIC_TITLE.test(phrase)) named = publics.length === 1 ? [publics[0]!] : []
    }
    for (const p of named) out.add(p)
    previous = named
  }
  return out
}

const BRACKETED = /\((?:the )?([a-zåäöé -]{3,30})\)/

/** "Head of Elderly Care (Municipality)": a bare type noun in brackets names the one party that carries it as "the municipality". */
function bracketedType(parties: readonly Party[], phrase: string): Party[] {
  const m = BRACKETED.exec(phrase)
  if (!m) return []
  const noun = m[1]!.trim()
  const carriers = parties.filter((p) => p.aliases.includes('the ' + noun) || p.aliases.includes(noun))
  return carriers.length === 1 ? carriers : []
}

/** An organisation other than the parties ("ordföranden i Ekby sparbanksstiftelse", "a representative of the police"). */
const OTHER_ORG = u(
  /\b(?:\w*stiftelse\w*|\w*förening\w*|\w*församling\w*|\w*förbund\w*|\w*allians\w*|\w*kommun\w*|region\w*|\w*myndighet\w*|polis\w*|foundation|association|society|trust|charity|municipality|region|agency|police)\b/,
)

/** Whether a phrase that names no party names some other organisation, in the lower-cased steering text. */
function matchesAnyOrg(phrase: string): boolean {
  return OTHER_ORG.test(phrase)
}

/** Every unit's name holds one of these words, so a block without them names none (a cheap test first). */
// Every unit unitsIn can find holds one of these words (parties.ts UNIT_RE).
const UNIT_WORD = /nämnd|förvaltning|enhet|mottagning|klinik|avdelning|committee|department|administration|unit|clinic/

export function unitsOf(b: Block): string[] {
  return memo(b, unitsOf, () => (UNIT_WORD.test(b.text) ? b.sentences.flatMap((s) => unitsIn(s)) : []))
}

export function findSteering(ctx: FactContext, parties: readonly Party[]): Steering {
  const gov = new Set(ctx.scopes.governance.all)
  const texts: string[] = []
  const units = new Set<string>()
  const blocks = ctx.blocks
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!
    if (!gov.has(b) || !blockHas(b, STEERING)) continue
    const members = membershipSentences(b)
    if (!members.length && !/:\s*$/.test(b.text)) continue
    texts.push(...members)
    for (const m of members) for (const unit of unitsIn(m)) units.add(unit)
    // "Styrgruppen består av:" is usually followed by a list or a table of members.
    for (let j = i + 1; j < blocks.length && j <= i + 10; j++) {
      const next = blocks[j]!
      if (next.type === 'heading' || (!next.inList && next.type !== 'row')) break
      texts.push(next.text)
      for (const unit of unitsOf(next)) units.add(unit)
    }
  }
  const steeringText = texts.join(' ')
  const members = new Set([...mentioned(parties, steeringText), ...membersByRole(parties, steeringText)])
  // A committee or administration in the steering group represents its municipality or region.
  const publics = parties.filter((p) => p.type === 'public')
  if (publics.length === 1 && (units.size || PUBLIC_ROLE.test(steeringText))) members.add(publics[0]!)
  return { steeringFound: texts.length > 0, steeringMembers: members, steeringAllParties: ALL_PARTIES.test(steeringText), steeringText, steeringUnits: units }
}

const AFFECTS = gateWords(u(/\b(?:anvis\w*|placer\w*|remitt\w*|biståndsbeslut|bevilj\w*|budget\w*|hänvis\w*|refer\w*|placement\w*|places|allocat\w*)\b/))
const DECIDES = gateWords(u(/\b(?:beslutar|beslut|fattar|ansvarar|ansvar|bevilj\w*|anvisar|placerar|remitterar|hänvisar|decides?|responsible|responsibility|refers?|places|allocates?|holds?)\b/))

/** Units said to decide on referrals, placements or budget in this block (not negated). */
function affectedUnits(b: Block): string[] {
  return memo(b, affectedUnits, () => {
    if (!b.text || !UNIT_WORD.test(b.text) || !mayMatch(b, AFFECTS) || !mayMatch(b, DECIDES)) return []
    return b.sentences.filter((s) => AFFECTS.test(s) && DECIDES.test(s) && affirmed(s, AFFECTS)).flatMap((s) => unitsIn(s))
  })
}

/** A sentence that goes on to list the body's members by a pronoun ("It consists of …", "I den ingår …"). */
const MEMBERS_AFTER = u(/^(?:it|den|i den|där|they|its members|members|ledamöter\w*)\b[^.]{0,40}\b(?:består|ingår|sitter|consists?|comprises?|includes?|are)\b/)
/** The sentences of the governance scope that name the steering body, each with the one after it ("It consists of …"). */
function steeringSentences(ctx: FactContext): string[] {
  return ctx.scopes.governance.all.flatMap((b) =>
    blockHas(b, STEERING) ? memo(b, steeringSentences, () => b.sentences.filter((x, i) => STEERING.test(x) || (i > 0 && STEERING.test(b.sentences[i - 1]!) && MEMBERS_AFTER.test(x)))) : [],
  )
}

export function findUnitsMissing(ctx: FactContext, steering: Steering, parties: readonly Party[]): string[] {
  const inSteering = steering.steeringUnits
  const actingFor = new Set<string>()
  for (const b of ctx.scopes.parties_and_mandates.content) for (const u of unitsOf(b)) actingFor.add(u)
  const publicInSteering = steering.steeringAllParties || parties.some((p) => p.type === 'public' && steering.steeringMembers.has(p))
  const missing = new Set<string>()
  for (const b of ctx.blocks) {
    for (const u of affectedUnits(b)) {
      if (inSteering.has(u) || [...inSteering].some((x) => x.startsWith(u) || u.startsWith(x))) continue
      // A unit named in the sentence that introduces the steering body ("en styrgrupp med … enhetschefen för arbetsmarknadsenheten") sits in it.
      if (steeringSentences(ctx).some((x) => x.includes(u))) continue
      if (actingFor.has(u) && publicInSteering) continue
      missing.add(u)
    }
  }
  return [...missing]
}

const CONTRIBUTES = gateWords(
  u(
    /\b(?:bidrar|bidra|bidragit|tillskjuter|tillskjuta|finansierar|finansiera|betalar|betala|står för|upplåter|upplåta|ställer|bekostar|bekosta|sponsrar|sponsra|beviljar|beviljat|beviljade|beviljats|skänker|skänkt|delfinansierar|contributes?|contributed|funds?|funded|pays?|provides?|provided|sponsors?|granted|grants|donates?|donated|co-funds?)\b/,
  ),
)

/** What stands between a name and the same organisation's other name in brackets after it. */
const APPOSITION = /^,? ?\((?:the |den |det )?$/
/** Organisations named in a sentence that gives money, premises or staff, or seats in the steering group. */
function contributingOrgs(b: Block): string[] {
  return memo(b, contributingOrgs, () => {
    if (!b.text || b.type === 'heading' || !(blockHas(b, CONTRIBUTES) || blockHas(b, STEERING))) return []
    const out: string[] = []
    let previous = ''
    for (const org of orgsOf(b)) {
      // "Frivården Kronvik (the Swedish Prison and Probation Service)": one organisation, named twice.
      const apposition = previous !== '' && APPOSITION.test(b.raw.slice(b.raw.indexOf(previous) + previous.length, b.raw.indexOf(org.name)))
      previous = org.name
      if (apposition) continue
      const key = partyKey(org.name)
      const sentence = b.sentences.find((s) => s.includes(key)) ?? b.text
      if ((CONTRIBUTES.test(sentence) && affirmed(sentence, CONTRIBUTES)) || STEERING.test(sentence)) out.push(org.name)
    }
    return out
  })
}

export function findNonPartyContributors(ctx: FactContext, parties: readonly Party[], signatureNames: readonly string[]): string[] {
  const out = new Set<string>()
  for (const b of ctx.blocks) {
    for (const name of contributingOrgs(b)) {
      if (matchesAnyParty(parties, name) || signatureNames.some((n) => partyKey(n) === partyKey(name))) continue
      out.add(name)
    }
  }
  return [...out]
}

const SIGN_LEFT_OPEN = u(/(?:[–—:]|\s-)\s?(?:tbd|tbc|to be (?:decided|confirmed|determined|added)|fylls i(?: senare)?|meddelas senare|bestäms senare|ej klart|oklart)\.?$/)

export function findSignatures(ctx: FactContext, parties: readonly Party[]): { signatureParties: Set<Party>; signatureNonParties: string[]; signatureNames: string[] } {
  const scope = ctx.scopes.signatures
  const signed = new Set<Party>()
  const nonParties: string[] = []
  const names: string[] = []
  // The closing table's header row ("| För X kommun | För föreningen |") names the parties that sign.
  const headers = ctx.blocks.filter((b) => b.type === 'header_row' && b.names.includes('signatures'))
  for (const b of [...scope.all, ...headers]) {
    const text = b.type === 'header_row' ? normalize(b.raw) : b.text
    // "For X – TBD": a block left open names no signatory, so X has no signature block yet.
    // Read on the raw text: the placeholder itself is taken out of the block's text.
    if (b.type !== 'header_row' && SIGN_LEFT_OPEN.test(b.raw.toLowerCase().trim())) continue
    for (const p of mentioned(parties, text)) signed.add(p)
    for (const org of orgsOf(b)) {
      names.push(org.name)
      if (!matchesAnyParty(parties, org.name)) nonParties.push(org.name)
    }
  }
  return { signatureParties: signed, signatureNonParties: [...new Set(nonParties)], signatureNames: names }
}
