/**
 * Sums of money with payer, period and kind; per-unit payment; the idea-driven party's own contribution
 * (BR, `co_financing`, `threshold_check`, `per_unit_pricing`).
 */
import { blockHas, memo, type Block } from './blocks.ts'
import { gateWords, mayMatch } from './cue-index.ts'
import { quoteOf } from './evidence.ts'
import type { Party } from './parties.ts'
import { affirmed, u } from './text.ts'
import { moneySpans } from './recognise/money.ts'
import { firstMentioned } from './mentions.ts'
import type { MoneyFact, FactContext } from './facts.ts'

const PAY_WORD = u(/\b(?:ersättning|ersätts|betalar|betalas|bidrag|pris|avgift|kr|kronor|sek|payment|paid|pays|rate|fee|compensat|reimburs)/)
const PAY_NEAR_UNIT = u(/\d\s?(?:kr|kronor|sek|eur|€)|\b(?:sek|eur|€) ?\d|\b(?:ersättning|ersätts|ersätter|betalas|betalar|pris|avgift|payment|paid|pays|rate|fee|price|charged|compensat|reimburs)/)
const CONJUNCTION = u(/\b(?:och|and|samt)\b/)

/**
 * Every match ends at a word that ends in a unit ("per plats", "kr/dygn", "a day", "för 12 platser") or
 * is one of the day and hour rates, so it is gated by those endings (it does not begin at a word start).
 */
const PER_UNIT_WORDS =
  '*plats *platser *dygn *dag *deltagare *timme *ärende *elev *brukare *person *säng *sängar *place *places *bed *beds *day *participant *hour *case *pupil *client *natt *nätter *night *gäst *guest *besök *visit *session *tillfälle *träff *samtal *placering *kasse *måltid *meal *parcel *resident *hushåll *household dygnsavgift$ dygnspris$ dygnsersättning$ platspris$ timpris$ styckpris$ daily+rate hourly+rate per+diem'
export const PER_UNIT = gateWords(
  u(
    /\b(?:betalar|betalas|pays?|paid)\b[^.;]{0,60}\b(?:för|for) (?:\d+ |\w+ )?(?:belagda |tomma |reserverade |occupied |empty |reserved )?(?:platser|places|beds|sängar)\b|\b(?:per|\/|för varje|for each|a) ?(?:plats|platser|dygn|vårddygn|dag|deltagare|timme|ärende|elev|brukare|person|säng|place|bed|day|participant|hour|case|pupil|client)\b|\b(?:per|för varje|for each|for every) (?:[\p{L}-]+ )?[\p{L}]*(?:plats|dygn|natt|nätter|deltagare|timme|ärende|elev|brukare|gäst|besök|tillfälle|träff|samtal|placering|kasse|måltid|hushåll|place|bed|night|participant|hour|case|pupil|client|guest|visit|session|meal|parcel|resident|household)\b|\/ ?(?:plats|dygn|dag|deltagare|timme|ärende|elev|brukare|person|besök|place|bed|day|night|participant|hour|case|pupil|client|visit)\b|\b(?:dygnsavgift|dygnspris|dygnsersättning|platspris|timpris|styckpris|daily rate|hourly rate|per-place|per diem)\b/u,
  ),
  PER_UNIT_WORDS,
)
const IN_KIND_BEFORE = /(?:motsvarande|värde(?:rat)?(?: till)?|till ett värde av|valued at|worth|equivalent to|i form av)(?: ett värde av| cirka| ca\.?| about| approximately| roughly| some)?\s*$/
const IN_KIND_AFTER = /^\s*(?:kr|kronor|sek)?\s*(?:i form av|in the form of|in kind|i natura)/
const PARTS = u(/\b(?:varav|därav|fördelat (?:så|på|enligt)|fördelas (?:så|på|enligt)|of which|split (?:as|between)|divided (?:as|between))\b/)
const PUBLIC_PAY_CUE = u(/\b(?:offentlig\w*|bidrag\w*|ersättning\w*|tillskjuter|utbetal|betalar ut|grant|funding|pays|payment|public (?:contribution|money|funds|financing))\b/)
const IDEA_PAY_CUE = u(/\b(?:egen insats|egna medel|own funds|medfinansier|co-financ|egen finansiering)\b/)

/**
 * Sums read per sentence. Each sum's payer is looked for in the text before it, a pass over the
 * sentence; no real sentence names more sums than this, and a pasted wall of amounts must not make
 * the validator quadratic in its length.
 */
const MAX_SUMS_PER_SENTENCE = 20

interface MoneyMarkInText {
  amount: number
  currency: 'SEK' | 'EUR'
  period: MoneyFact['period']
  inKind: boolean
  sentence: string
  /** Text before the amount, where the paying party is named. */
  before: string
  /** Stated as an estimate ("motsvarar cirka 4,8 mnkr per år"). */
  estimate: boolean
}

const THRESHOLD_WORD = u(/\b(?:tröskelvärde\w*|threshold\w*|beloppsgräns\w*|direktupphandlingsgräns\w*|de minimis|ceiling|tak(?:et)? för)\b[^.;]{0,60}$/)
const ESTIMATE = u(/\b(?:motsvarar|motsvarande|cirka|uppskatt\w*|beräkna\w*|corresponds?|equivalent|estimated?|approximately|about)\b/)

export const MAYBE_CURRENCY = /kr|sek|eur|€|:-/

/** Sums with their period and kind; independent of the parties, so remembered per node. */
function moneyMarks(b: Block): MoneyMarkInText[] {
  return memo(b, moneyMarks, () => {
    const out: MoneyMarkInText[] = []
    // Every sum has a digit and a currency ("kr", "sek", "eur", "€", ":-", alone or in "tkr", "msek", "meur");
    // the block's text is lower-case, and without both no sentence of it holds a sum.
    if (b.type === 'heading' || !b.text || !/\d/.test(b.text) || !MAYBE_CURRENCY.test(b.text)) return out
    for (const s of b.sentences) {
      // Bounded: a sentence of thousands of sums is an attack, not an agreement.
      const spans = moneySpans(s)
      if (!spans.length) continue
      // "1 100 000 kr, varav 700 000 kr till …" lists parts of a sum already counted.
      const partsFrom = s.search(PARTS)
      for (const m of spans.slice(0, MAX_SUMS_PER_SENTENCE)) {
        if (partsFrom >= 0 && m.start > partsFrom) continue
        const before = s.slice(Math.max(0, m.start - 60), m.start)
        // The threshold or a ceiling quoted for comparison is not a payment.
        if (THRESHOLD_WORD.test(before)) continue
        const inKind = IN_KIND_BEFORE.test(s.slice(Math.max(0, m.start - 40), m.start)) || IN_KIND_AFTER.test(s.slice(m.end - 4, m.end + 30).replace(/^\S*/, ''))
        out.push({ amount: m.value, currency: m.currency, period: m.period, inKind, sentence: s, before: s.slice(0, m.start), estimate: ESTIMATE.test(before) })
      }
    }
    return out
  })
}

export function findMoney(ctx: FactContext, parties: readonly Party[]): MoneyFact[] {
  const out: MoneyFact[] = []
  const seen = new Set<string>()
  for (const b of ctx.blocks) {
    const marks = moneyMarks(b)
    if (!marks.length) continue
    for (const m of marks) {
      const s = m.sentence
      const payerParty = firstMentioned(parties, m.before) ?? firstMentioned(parties, s)
      const payer = payerParty ? (payerParty.type === 'unknown' ? null : payerParty.type) : IDEA_PAY_CUE.test(s) ? 'idea' : PUBLIC_PAY_CUE.test(s) || m.estimate ? 'public' : null
      const key = `${m.amount}|${m.period}|${payer}|${m.inKind}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({
        sek: m.currency === 'EUR' ? m.amount * ctx.sekPerEur : m.amount,
        raw: m.amount,
        currency: m.currency,
        period: m.period,
        payer,
        inKind: m.inKind,
        sentence: s,
        evidence: { quote: quoteOf(b.raw, s), top: b.top },
        estimate: m.estimate,
      })
    }
  }
  return out
}

export function findPerUnit(ctx: FactContext): string | null {
  for (const b of ctx.blocks) {
    if (!mayMatch(b, PER_UNIT)) continue
    const found = memo(b, findPerUnit, () => b.sentences.find((s) => PAY_WORD.test(s) && PER_UNIT.test(s) && payNearUnit(s)) ?? null)
    if (found) return found
  }
  return null
}

/** "12 platser" or "per år" alone is not per-unit pricing; a sum or a pay word must govern the unit. */
function payNearUnit(s: string): boolean {
  const re = new RegExp(PER_UNIT.source, PER_UNIT.flags + 'g')
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const window = s.slice(Math.max(0, m.index - 60), m.index + m[0].length)
    if (PAY_NEAR_UNIT.test(window) && affirmed(s.slice(Math.max(0, m.index - 60)), PER_UNIT)) return true
  }
  return false
}

const CONTRIB_NOUN = u(
  /\b(?:ideell tid|ideella timmar|ideella krafter|ideella insatser|volontär\w*|frivillig\w*|lokal(?:er|en)?|personal|arbetstid|egen insats|egna medel|egen finansiering|medfinansier\w*|kontantinsats|volunteer\w*|voluntary (?:time|work|hours|effort)|ideellt arbete|ideella (?:ledare|medarbetare|krafter|resurser|volontärer|läxhjälpare|mentorer|chaufförer|rådgivare)|insamla\w*|insamling\w*|medlemsavgift\w*|gåvor|donations?|fundrais\w*|membership fees|premises|staff|own funds|co-financ\w*|in kind|in-kind|venue|rooms?)\b/,
)
const EXPLICIT_OWN = gateWords(u(/\b(?:egen insats|egna insatser|egna medel|ideell tid|ideella timmar|medfinansier\w*|samfinansier\w*|own funds|volunteer hours|co-financ\w*|own contribution)\b/))
const CONTRIB_VERB = u(
  /\b(?:bidrar med|tillför|tillskjuter|skjuter till|medverkar med|finansierar (?:själv|på egen hand)|står för|svarar för|upplåter|ställer|contributes?|provides?|brings?|puts in|funds?|covers?|matches|pays for|meets the costs? of):?\s+[\p{L}\d]{2,}/u,
)
/** The public grant as the means ("finansierar materialet med bidraget", "covers the rent from the grant"): not the partner's own. */
const GRANT_MEANS = u(/\b(?:med|genom|av|från|ur|with|from|using|out of) (?:the |det |hela |kommunens |regionens |the municipality's |the region's )?(?:bidrag\w*|grant|funding|ersättning\w*)\b/)

export function findIdeaContribution(ctx: FactContext, parties: readonly Party[]): string | null {
  const ideas = parties.filter((p) => p.type === 'idea')
  if (!ideas.length) return null
  // Staff or premises named under activities are usually paid for by the grant; only the budget, or an
  // explicit co-financing word anywhere, states the partner's own contribution.
  // Wind-down, risk and review text speaks of costs after the end ("bär sina egna kostnader"), not of
  // what the partner puts in during the partnership.
  const elsewhere = (b: Block) => b.context.some((c) => c === 'termination' || c === 'risk_and_crunch_questions' || c === 'renegotiation' || c === 'duration')
  const explicit = ctx.blocks.filter((b) => !elsewhere(b) && blockHas(b, EXPLICIT_OWN)).flatMap((b) => b.sentences.filter((s) => EXPLICIT_OWN.test(s)))
  const sentences = [...ctx.scopes.budget_and_resources.content.filter((b) => !elsewhere(b)).flatMap((b) => b.sentences), ...explicit]
  for (const s of sentences) {
    if (!ideas.some((p) => p.mention.test(s))) continue
    const subject = firstMentioned(parties, s)
    if (subject && subject.type !== 'idea' && !CONJUNCTION.test(s)) continue
    if (CONTRIB_NOUN.test(s) && affirmed(s, CONTRIB_NOUN)) return s
    if (CONTRIB_VERB.test(s) && affirmed(s, CONTRIB_VERB) && !GRANT_MEANS.test(s)) return s
  }
  return null
}
