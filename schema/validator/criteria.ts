import type { SectionId } from '../sections.ts'
import { blockHas, memo } from './blocks.ts'
import type { Scopes, SectionScope } from './detect.ts'
import type { Facts } from './facts.ts'
import { STEERING } from './governance.ts'
import { affirmed, datesIn, frequencyMonths, monthName, normalize, u } from './text.ts'
import type { Evidence, Verdict } from './types.ts'
import { quoteOf } from './evidence.ts'
import { CHANNEL, SURVEY, VOICE_WORDS } from './involvement.ts'

export { quoteOf }

/**
 * The MUST criteria of SECTIONS.md §3, one predicate per code. Error-level cross-cutting rules
 * (§4: party_mix, learning_goal_per_party, activity_cost_owner, affected_units_in_governance,
 * signature_per_party, co_financing) are the predicates of the criterion they feed, so a section and
 * its rule can never disagree.
 */
export interface CriterionContext {
  scopes: Scopes
  facts: Facts
}

/** A criterion's answer: met, unmet or unknown, with the words it rests on. Only "unmet" makes a section incomplete. */
export interface Judgement {
  verdict: Verdict
  evidence: Evidence[]
  params?: Record<string, string | number>
}

type Check = (scope: SectionScope, ctx: CriterionContext) => Judgement

export const met = (...evidence: (Evidence | null | undefined)[]): Judgement => ({ verdict: 'met', evidence: evidence.filter((e): e is Evidence => !!e) })
export const unmet = (...evidence: (Evidence | null | undefined)[]): Judgement => ({ verdict: 'unmet', evidence: evidence.filter((e): e is Evidence => !!e) })
export const unknown = (...evidence: (Evidence | null | undefined)[]): Judgement => ({ verdict: 'unknown', evidence: evidence.filter((e): e is Evidence => !!e) })
const bool = (ok: boolean, ev?: Evidence | null): Judgement => (ok ? met(ev) : unmet())

/** The first sentence of the scope that passes `test`, as quotable evidence. */
export function findSentence(scope: SectionScope, key: string, test: (sentence: string) => boolean): Evidence | null {
  for (const b of scope.content) {
    const hit = memo(b, key, () => b.sentences.find(test) ?? null)
    if (hit) return { quote: quoteOf(b.raw, hit), top: b.top }
  }
  return null
}
const findRe = (scope: SectionScope, re: RegExp): Evidence | null => {
  for (const b of scope.content) if (blockHas(b, re)) return { quote: quoteOf(b.raw, b.sentences.find((x) => re.test(x)) ?? b.text), top: b.top }
  return null
}

// Sentence tests are remembered per node (blocks.ts `memo`), so an edit re-tests one paragraph only.
const REP = u(
  /\b(?:företräd\w*|represent\w*|firmatecknare|undertecknar|undertecknas av|skriver under|skriver på|tecknar|signerar|kyrkoherde\w*|verksamhetsledare\w*|signatory|signs|signed by|shall sign|will sign|vicar|ordförande\w*|chair\w*|direktör\w*|director\w*|\w*chef\w*|generalsekreterare|secretary|ceo|manager|kommunstyrelse\w*|\w*nämnd\w*|board)\b/,
)
const MANDATE = u(
  /\b(?:delegation\w*|delegerad|\w*beslut\w*|mandat\w*|uppdrag(?:et)? (?:av|från)|årsmöte\w*|protokoll\w*|dnr|minutes?|general meeting|mandate\w*|decision\w*|resolution|bemyndig\w*|authori[sz]\w*|stadgar|statutes|fullmakt\w*|power of attorney)\b/,
)
/** A decision reference: a minute paragraph ("§ 61") or a case number ("dnr KS 2025/112"). */
const DECISION_REF = /§ ?\d|\bdnr\b|\bdiarienr\w*|\bref\. ?no\b/
const TARGET_GROUP = u(
  /\b(?:målgrupp\w*|target group\w*|riktar sig (?:till|mot)|aimed at|unga|ungdomar|barn|kvinnor|äldre|nyanlända|ensamkommande|familjer|föräldrar|elever|personer (?:med|som|i)|vuxna|deltagare|young people|youth|children|women|elderly|older people|families|parents|pupils|people (?:with|who|in)|residents|newly arrived|refugees|migrants)\b/,
)
const PURPOSE = u(/\b(?:vi vill|we want|our aim|vår ambition|ambition\w*|syfte\w*|syftar|ändamål\w*|purpose\w*|aims? (?:to|of|is)|the aim|vision)\b/)
const MEASURE = u(
  /\d|%|\b(?:procent|percent|andel|antal|indikator\w*|indicator\w*|nyckeltal|mått\w*|senast|share of|number of|by the end of|minska|öka|halvera|fördubbla|reduce|increase|halve|double)\b/,
)
/** A clause's own number ("3.2", "§ 4", "(a)") and numbers that name rather than count ("årskurs 5", "linje 214"). */
const CLAUSE_NUMBER = /^(?:§ ?)?(?:\d{1,3}(?:\.\d{1,3})*[.):]?|\(?[a-z]\)) /
const NAMING_NUMBER = u(
  /\b(?:mål|delmål|goal|objective|target|aim) \d{1,2}(?=[:.)])|\b(?:årskurs|åk|klass|grade|linje|line|route|punkt|point|paragraph|section|avsnitt|article|artikel|kapitel|chapter|bilaga|annex|appendix|nr|no) \d{1,4}\b|§ ?\d{1,4}/g,
)
/** The sentence with those numbers taken out, so that a goal without a figure of its own is not read as measurable. */
const figuresOf = (x: string): string => (/\d/.test(x) ? x.replace(CLAUSE_NUMBER, '').replace(NAMING_NUMBER, ' ') : x)
const GOAL = u(/\b(?:mål\w*|goal\w*|objective\w*|target\w*|ska\b|skall\b|shall|will)\b/)
const OPERATIONAL = u(
  /\b(?:(?!styr|lednings|mål|referens|fokus|brukar|ålders|risk)\w{3,}grupp(?:en|er|erna)?|planning (?:group|team)|delivery (?:group|team)|samverkansgrupp\w*|arbetsgrupp\w*|samordn\w*|projektgrupp\w*|operativ\w* grupp|verksamhetsgrupp\w*|kontaktperson\w*|koordinator\w*|working group|coordination group|coordinat\w*|operational (?:group|team|level)|contact persons?|project group|team leaders?)\b/,
)
const DECISION_RULE = u(
  /\b(?:konsensus|samförstånd|enig\w*|enhällig\w*|gemensamma beslut|beslutar gemensamt|beslutas gemensamt|fattas gemensamt|fattar gemensamt|gemensamt beslut|consensus|unanim\w*|jointly decid\w*|decided jointly|decide jointly|joint decisions?|each party decides|varje part (?:beslutar|bestämmer)|(?:beslutar|bestämmer) (?:var och en|varje part|respektive part) (?:själv|över)|(?:tar|fattar) (?:besluten|beslut|beslutet) tillsammans|(?:beslutar|bestämmer|beslutas|bestäms) tillsammans|(?:beslutar|bestämmer) själv över|(?:decide|decides|decided|take decisions|make decisions|takes decisions|makes decisions) together)\b/,
)
// A bare "underlaget", "data" or "resultaten" names no indicator; "underlag om väntetider" does.
const FOLLOW_WHAT = u(
  /\b(?:närvaro|attendance|siffror|figures|(?:resultat\w*|results|data|underlag\w*) (?:om|kring|för|från|av|on|about|for|from|of|per)|numbers|indikator\w*|nyckeltal|mått\w*|mäta|mäts|mäter|målen|målet|måluppfyllelse|enkät\w*|statistik|antal\w*|andel\w*|räkna\w*|räknas|mål(?:en|et)?|indicator\w*|measure\w*|metric\w*|survey\w*|goals?|objectives?|targets|outcomes?|statistics|numbers? of|share of|count(?:s|ed|ing)?|proportion\w*|rate of)\b/,
)
const FOLLOW_WHEN = u(
  /\b(?:varje|varannan|årlig\w*|årligen|halvår\w*|kvartal\w*|termin\w*|månad\w*|per år|gång(?:er)? per|före|inför|senast|i samband med|annual\w*|yearly|every|each|quarter\w*|month\w*|twice|once|per year|before|by)\b/,
)
/** A label for when follow-up happens ("När:", "When:", "How often:", "Tidplan:"). */
const WHEN_LABEL = u(/^(?:[-*•] )?(?:när|when|hur ofta|how often|tidpunkt\w*|tidplan|tider|schedule|timing|frequency|intervall?)\s?:/)
const JOINT = u(/\b(?:gemensam\w*|tillsammans|jointly|together|joint|alla parter|samtliga parter|both parties|all parties)\b/)
const COMPILER = u(/\b(?:sammanställer|sammanställs|sammanställa|samlar in|ansvarar för (?:att )?(?:samla|sammanställa|ta fram)|tar fram|compiles?|compiled|collects?|gathers?|prepares?)\b/)
const FORUM = u(/\b(?:styrgrupp\w*|samverkansgrupp\w*|ledningsgrupp\w*|möte\w*|forum|meeting\w*|steering|workshop\w*|dialog\w*)\b/)
const COUNCIL = u(
  /\b(?:\w*panel\w*|fokussamtal|ungdomssektion\w*|brukargrupp\w*|user groups?|(?:representant\w*|ledamot|ledamöter|members?|representatives?)\b[^.]{0,60}\b(?:deltar i|sitter i|ingår i|attend|take part in|sit on|sits on)|\w*råd(?:et|en)?\b|referensgrupp\w*|fokusgrupp\w*|dialogmöte\w*|workshop\w*|platser? i (?:styrgrupp\w*|samverkansgrupp\w*)|representant\w* (?:för|från) (?:målgruppen|deltagarna|brukarna|ungdomarna)|council\w*|focus groups?|reference groups?|seats? (?:in|on)|representatives? (?:of|from) (?:the )?(?:participants|target group|users|young people)|consultation\w*|co-design|samråd\w*|bjuds? (?:\w+ )?in|bjuder in|inbjud\w*|in till (?:ett |en )?(?:samtal|möte|träff|dialog)\w*|tycker till|tillfrågas|intervjuas|invited|invites?|(?:are|is|will be|shall be) (?:consulted|asked|interviewed)|consults?|advise on|give feedback)\b/,
)
/** Seats, own meetings or a say for the people themselves (involvement.ts); an outcome survey alone is follow-up. */
const peopleChannel = (x: string): boolean =>
  !(SURVEY.test(x) && !COUNCIL.test(x)) &&
  ((CHANNEL.test(x) && affirmed(x, CHANNEL)) || (VOICE_WORDS.test(x) && affirmed(x, VOICE_WORDS) && (frequencyMonths(x) !== null || WHEN.test(x) || MEETS.test(x) || FORUM.test(x))))
/** TG1's test, also asked by TG2 (same memo key, same function): a council, or a channel of the people's own. */
const isChannel = (x: string): boolean => (COUNCIL.test(x) && affirmed(x, COUNCIL)) || peopleChannel(x)
/**
 * A rhythm whose count is left open ("Rådet träffas [XX] gånger per termin", "meets [X] times a year"): the
 * sentence text has the placeholder taken out, so the meeting verb stands right before "gånger".
 */
const COUNT_PLACEHOLDER = u(/\b(?:träffas|möts|ses|sammanträder|samlas|meets?|convenes?|gathers?) (?:gånger|gång|ggr|times)\b/)
const MEETS = u(/\b(?:möts|träffas|ses|sammanträder|sammankallas|möte\w*|meets?|meetings?|convenes?|gathers?)\b/)
const COUNCIL_RHYTHM = u(/\b(?:\w*råd(?:et)?|council|\w*panel\w*)\b/)
const WHEN = u(
  /\b(?:höst|hösten|våren|autumn|spring|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|varje|varannan|gång(?:er)?|inför|vid varje|i samband med|årlig\w*|termin\w*|månad\w*|kvartal\w*|every|each|times|before|at every|annual\w*|monthly|quarterly|once|twice)\b/,
)
const RISK_HANDLING = u(
  /\b(?:hanter\w*|överens|inform\w*|agree\w*|meets?|möts|träffas|kommer överens|enas|recruit\w*|rekryter\w*|söker|seeks?|ersätt\w*|replac\w*|prioriter(?:ar|as|a|ade|ad)|prioriti\w*|åtgärd\w*|genom att|därför|minska|minskar|motverka\w*|förebygg\w*|plan\w*|beredskap|tas upp|lyfts|kallar|bevakar|följer|tar (?:då |vi |parterna |styrgruppen )?upp|behandla\w*|förstärk\w*|slår (?:vi |parterna )?ihop|fördela\w*|omfördela\w*|anpassa\w*|tillhandahåll\w*|erbjud\w*|adjust\w*|adapt\w*|reallocat\w*|discuss\w*|reinforc\w*|merge\w*|mitigat\w*|handl(?:e|es|ed|ing)|respon\w*|reduce|reduces|prevent\w*|address\w*|monitor\w*|we will|will be|shall|ska|skall|kommer att)\b/,
)
const RISK_EXTERNAL = u(
  /\b(?:regler\w*|regelverk\w*|rules|regulations?|konjunktur\w*|lågkonjunktur\w*|recession|economy|besparing\w*|savings|ökar snabbare|fler än|more than expected|kulturbudget\w*|lag\w*|färre|fewer|decline\w*|minskat antal|politisk\w*|politik\w*|finansiering\w*|statsbidrag\w*|budget\w*|nedskärning\w*|besparing\w*|målgrupp\w*|volym\w*|omvärld\w*|migration\w*|policy|polic\w*|law\w*|legislat\w*|regulat\w*|funding|political|grants?|cuts?|size of the target group|demand|election\w*|val\b|ram(?:en|ar|arna)?|\w*(?:budget|nämnds|ekonomi|kommun|region)ram\w*|\w*fullmäktige\w*|spara|sparar|sparkrav\w*|antal\w*|\w*kull\w*|befolkning\w*|demografi\w*|inflyttning\w*|number of|population\w*|demograph\w*|budget frame\w*|council decision\w*|government\w*|regering\w*|staten|valet|drar in|dras in|withdraw\w*|detaljplan\w*|översiktsplan\w*|development plan\w*|zoning|land use)\b/,
)
const WHY_FORM = u(/\b(?:iop|idéburet offentligt partnerskap|partnerskap\w*|partnership|samverkansform\w*|this form)\b/)
const REASON = u(/\b(?:eftersom|därför att|för att|då (?:det|parterna|verksamheten|ingen)|skäl\w*|motiv\w*|because|since|as (?:the|it|there|no|both)|given that|in order to|reasons?)\b/)
const PREFERENCE_ONLY = u(
  /^\S+ (?:det |it |this )?(?:är|is) (?:den (?:form|samverkansform) som |the form that |what )?(?:passar |fits |suits )?(?:bäst|lämpligast|most suitable|best|the best|the most appropriate)\b[^,;]{0,60}$/,
)
/** The choice named and what it rests on: "Valet av IOP grundar sig på …", "The choice of an IOP rests on …". */
const CHOICE = u(/\b(?:valet av|val av|valt|valts|valdes|choice of|chosen|chose|opted for)\b/)
const BASIS = u(/\b(?:grundar sig på|bygger på|vilar på|beror på|motiveras (?:av|med)|rests? on|is based on|builds? on|depends? on|relies on|is (?:justified|motivated) by)\b/)
/** The form weighed against procurement or a grant: "vilket varken en upphandling eller ett bidrag gör", "unlike a grant". */
const COMPARED = u(
  /\b(?:varken (?:en |ett )?(?:upphandling|bidrag|föreningsbidrag)|till skillnad från (?:en |ett )?(?:upphandling|bidrag|föreningsbidrag)|i stället för (?:en |ett )?(?:upphandling|bidrag|föreningsbidrag)|neither (?:a )?(?:procurement|grant|contract)|unlike (?:a )?(?:procurement|grant|contract)|instead of (?:a )?(?:procurement|grant|contract))\b/,
)
/** "Varför IOP:", "Why an IOP?", "Skäl till valet av IOP:" leading a point, with at least six words of answer after it. */
const WHY_LABEL = u(/^(?:varför|why|skäl(?:en)? (?:till|för)|reasons? for|motiv(?:ering)? (?:till|för))\b[^:?.]{0,40}[:?] /)
function whyAnswered(text: string): boolean {
  const label = WHY_LABEL.exec(text)
  return label !== null && WHY_FORM.test(label[0]) && text.slice(label[0].length).split(' ').length >= 6 && !PREFERENCE_ONLY.test(text.slice(label[0].length))
}
const WHY_HEADING = u(/\b(?:varför|därför|why|skäl|reasons?|val av samverkansform|choice of)\b/)
const PROCUREMENT = u(
  /\b(?:köper (?:en |någon |ingen |inga )?tjänst\w*|köp av|buys? (?:a |any )?services?|purchas\w*|offentligt kontrakt|upphandl\w*|lou\b|lagen om offentlig upphandling|köp av tjänst\w*|inte (?:ett|något) köp|tjänsteköp|procure\w*|purchase\w*|public contract\w*)\b/,
)
const PROC_REASON = u(/\b(?:eftersom|då|inte|ej|bedöm\w*|because|since|not|assess\w*|therefore|därför|marknad\w*|market\w*|ersättning\w*|samfinansi\w*|medfinansi\w*|co-financ\w*)\b/)
const STATE_AID = u(
  /\b(?:statsstöd\w*|state aid|de minimis|stöd av mindre betydelse|försumbart stöd|icke-ekonomisk\w*|inte (?:av )?ekonomisk karaktär|non-economic|sgei|tjänst\w* av allmänt ekonomiskt intresse|services? of general economic interest)\b/,
)
const ESCALATION = u(
  /\b(?:styrgrupp\w*|ledningsgrupp\w*|ledning\w*|chef\w*|förvaltningschef\w*|ordförande|kommundirektör|styrelse\w*|parternas företrädare|steering|management|senior|executives?|leadership|chairs?|escalat\w*|lyfts)\b/,
)
// Arbitration is not a final forum SECTIONS.md accepts (general court, or mediation followed by court).
const FORUM_FINAL = u(/\b(?:allmän domstol|tingsrätt\w*|domstol\w*|court\w*)\b/)
const MEDIATION = u(/\b(?:medling\w*|medlare|mediat\w*)\b/)
const ARBITRATION = u(/\b(?:skiljenämnd\w*|skiljeförfarande\w*|skiljedom\w*|skiljeman|arbitrat\w*)\b/)
const CONTROLLER = u(/\b(?:personuppgiftsansvar\w*|personuppgiftsbiträd\w*|data controller\w*|controller\w*|ansvarig för (?:behandlingen|personuppgifterna))\b/)
const CONFIDENTIAL = u(
  /\b(?:sekretess\w*|tystnadsplikt\w*|tystnadsförbindelse\w*|tystnadslöfte\w*|offentlighets- och sekretesslag\w*|osl\b|konfidentiell\w*|confidential\w*|secrecy|non-disclosure|duty of confidentiality|inte föra vidare)\b/,
)
const SIGN_ROLE = u(
  /\b(?:ordförande|\w*chef|direktör\w*|firmatecknare|namnförtydligande|underskrift|befattning|titel|roll|generalsekreterare|kommunstyrelse\w*|\w*nämnd\w*|chair\w*|director|signatory|title|role|name in print|printed name|ceo|manager|secretary|mayor)\b/,
)
const SIGN_DATE = u(/\b(?:datum|date|ort och datum|place and date|\d{4}-\d\d-\d\d)\b/)

/** A whole block (a table row, a list item) as evidence. */
const quoteBlock = (b: { raw: string; text: string; top: number }): Evidence => ({ quote: quoteOf(b.raw, b.text), top: b.top })

/** The section's first block of its own content, for a criterion met by there being content at all. */
function firstOwn(scope: SectionScope): Evidence | null {
  const b = scope.content.find((x) => scope.strong.includes(x)) ?? scope.content[0]
  return b ? { quote: quoteOf(b.raw, b.sentences[0] ?? b.text), top: b.top } : null
}

/** The scope without the cue blocks that stand under another section's heading, when the section has content of its own. */
function outsideOtherSections(scope: SectionScope): SectionScope {
  if (!scope.named || !scope.content.some((b) => scope.strong.includes(b))) return scope
  const content = scope.content.filter((b) => scope.strong.includes(b) || b.context.length === 0)
  return content.length === scope.content.length ? scope : { ...scope, content }
}

/** A section that is named somewhere must carry content there; cue matches elsewhere do not fill it. */
export function hasOwnContent(scope: SectionScope): boolean {
  return scope.named ? scope.strong.some((b) => !b.placeholderOnly && b.text.length > 0) : scope.content.length > 0
}

/**
 * Parties for which no sentence says who represents them, or none says with what mandate (PM3). A
 * sentence that names no party speaks of the party named last before it ("- Föreningen X …" followed by
 * "  - Företräds av ordföranden enligt styrelsens beslut").
 */
export function partiesWithoutMandate(scope: SectionScope, facts: Facts): Facts['parties'] {
  // Asked twice per validation (the criterion and the names behind a failed one), same answer both times.
  const hit = withoutMandate.get(facts)
  if (hit && hit.scope === scope) return hit.parties
  const parties = readMandates(scope, facts)
  withoutMandate.set(facts, { scope, parties })
  return parties
}
const withoutMandate = new WeakMap<Facts, { scope: SectionScope; parties: Facts['parties'] }>()

function readMandates(scope: SectionScope, facts: Facts): Facts['parties'] {
  const rep = new Set<Facts['parties'][number]>()
  const mandate = new Set<Facts['parties'][number]>()
  let last: Facts['parties'] = []
  for (const b of scope.content) {
    for (const x of b.sentences) {
      // A label with nothing after it ("Firmatecknare och mandat: [fylls i]") states nothing.
      if (/:[\s.]*$/.test(x)) continue
      const named = facts.parties.filter((p) => p.mention.test(x))
      const about = named.length ? named : last
      if (named.length) last = named
      const saysRep = REP.test(x)
      const saysMandate = MANDATE.test(x) || DECISION_REF.test(x)
      for (const p of about) {
        if (saysRep) rep.add(p)
        if (saysMandate) mandate.add(p)
      }
    }
  }
  return facts.parties.filter((p) => !(rep.has(p) && mandate.has(p)))
}

function wordsAtLeast(scope: SectionScope, n: number): boolean {
  let total = 0
  for (const b of scope.content) if ((total += memo(b, wordsAtLeast, () => b.text.split(' ').length)) >= n) return true
  return false
}

const PEOPLE = u(
  /\b(?:gäst\w*|besökar\w*|deltagar\w*|brukar\w*|barn\w*|elev\w*|ungdom\w*|unga|ung person|kvinnor\w*|boende|anhörig\w*|famil\w*|föräldr\w*|hushåll\w*|resenär\w*|patient\w*|medlem\w*|invånare\w*|pensionär\w*|senior\w*|klient\w*|hyresgäst\w*|personer|person som|de som|den som|guests?|visitors?|attendees?|participants?|users?|clients?|residents?|households?|passengers?|travell?ers?|riders?|patients?|members?|tenants?|seniors?|young people|children|pupils|families|parents|women|people|persons?|those who|anyone who)\b/,
)
/** Where a draft names its target group: the people nouns that follow are the participants TE2 asks about. */
const TARGET_CUE = u(
  /\b(?:målgrupp(?:en)?(?: för \w+)? (?:är|utgörs av|består av)|målgrupp(?:en)?:|riktar sig (?:till|mot)|(?:the )?target groups? (?:is|are|consists of)|target groups?:|(?:is|are) aimed at|intended for)\s/,
)
const NOT_PEOPLE = new Set([
  'alla',
  'både',
  'dels',
  'främst',
  'särskilt',
  'framför',
  'också',
  'även',
  'those',
  'people',
  'personer',
  'mainly',
  'especially',
  'both',
  'some',
  'many',
  'många',
  'unga',
  'young',
  'över',
  'under',
  'mellan',
  'aged',
  'från',
  'from',
  'with',
  'över',
  'inom',
  'inte',
  'dessa',
  'these',
  'their',
  'deras',
  'sina',
])
/** Swedish and English inflection endings, longest first: "hushållet" and "hushållen" share "hushåll". */
const ENDINGS = ['ernas', 'arnas', 'ornas', 'erna', 'arna', 'orna', 'ens', 'ets', 'ers', 'ars', 'ors', 'er', 'ar', 'or', 'en', 'et', 'na', 'es', 's', 'a', 'e']
export function stemOf(word: string): string {
  for (const e of ENDINGS) if (word.length - e.length >= 4 && word.endsWith(e)) return word.slice(0, -e.length)
  return word
}

/** Stems of the people nouns the agreement itself names as its target group ("Målgruppen är hushåll i …"). */
function targetStems(ctx: CriterionContext): string[] {
  const stems = new Set<string>()
  for (const scope of [ctx.scopes.societal_challenge, ctx.scopes.purpose_and_goals]) {
    for (const b of scope.content) {
      for (const x of b.sentences) {
        const m = TARGET_CUE.exec(x)
        if (!m) continue
        // The head of the noun phrase right after the cue: up to two content words before a digit or a clause break.
        let taken = 0
        for (const w of x.slice(m.index + m[0].length, m.index + m[0].length + 80).split(/[\s,;:()]+/)) {
          if (!w || /\d/.test(w) || taken >= 2) break
          if (w.length < 4 || NOT_PEOPLE.has(w)) continue
          stems.add(stemOf(w))
          taken++
        }
      }
    }
  }
  return [...stems].sort()
}

const ONGOING = u(/\b(?:pågående|påbörjade|startade|innevarande|ongoing|current|that have started|already started|underway|in progress)\b/)
const CONTINUITY = u(
  /\b(?:slutför\w*|fullfölj\w*|avslutas (?:som )?planer\w*|avslutas planerat|fortsätter|får fortsätta|fortsätta|erbjuds|hänvisas|lotsas|slussas|överlämna\w*|överför\w*|förs över|behåll\w*|får behålla|får (?:en )?kontakt|individuell plan|plan för|övergångsplan|annan verksamhet|annat boende|annat stöd|completed?|finish\w*|continue\w*|are offered|is offered|offered|referred|handed over|transferred|transfer\w*|keep (?:their|the) contact|transition plan|plan for each|another service|other services)\b/,
)
const WIND_COST2 = u(
  /\b(?:kostnad\w*|hyr\w*|lokal\w*|personal\w*|anställ\w*|inventarier\w*|material\w*|utrustning\w*|tomma platser|outnyttjad\w*|beläggning\w*|bidrag\w*|ersättning\w*|löner?|samordnare|costs?|leases?|rent\w*|premises|staff|employees|salar\w*|equipment|materials|assets?|empty places|occupancy|contributions?|grant|redundancy)\b/,
)
const BEARS2 = u(
  /\b(?:bär|bärs|betalar|betalas|står för|ersätter|ersätts|svarar för|ansvarar för|fördelas|delas|behålls|behåller|stannar hos|återgår|tillfaller|bears?|borne|pays?|paid|covers?|covered|responsible for|split|shared|stays? with|kept by|keeps|retains?|reimburses?|returns? to)\b/,
)
/** A goal with a deadline and a figure can be followed up whatever verb it has. */
// Up to four words between the marker and the year: "senast i december 2027", "by the end of 2027".
const DEADLINE = u(/\b(?:senast|by|before|före|innan|until|till och med)(?: \w+){0,4} 20\d\d\b/)
const UNIT_WITH_PERIOD = u(/\b(?:per|och|and|a|i) (?:månad|månaden|år|året|month|year)\b/)
const DEFER = u(
  /\b(?:senare|later|återkommer|oklart|unclear|not yet|ännu inte|inte klart|ej klart|beslutas (?:framöver|senare|av styrgruppen)|will be (?:decided|agreed|settled)|to be (?:decided|agreed|settled)|tbd)\b/,
)
const SUBSTANCE = u(
  /\d|%|\b(?:procent|percent|ökat|ökar|minskat|minskar|saknas|saknar|brist\w*|orsak\w*|eftersom|därför|leder till|cause\w*|because|lack\w*|increase\w*|decrease\w*|growing|fewer|more than|less than)\b/,
)

/** A section named somewhere whose own blocks are empty or only placeholders fails every criterion it can. */
function placeholderOnly(scope: SectionScope): boolean {
  return scope.named && !hasOwnContent(scope)
}

export const CRITERIA: Record<SectionId, [code: string, check: Check][]> = {
  parties_and_mandates: [
    [
      'PM1',
      (s, { facts }) => {
        if (facts.parties.length >= 2) return met(...facts.partyEvidence.slice(0, 4))
        if (facts.partiesRegistered) return unmet()
        // One name found: unmet unless the text lists more (items, rows, "X och Y") we could not read as parties.
        const listed = s.content.filter((b) => b.inList || b.type === 'row').length >= 2 || s.content.some((b) => /\s(?:och|and|samt)\s+[A-ZÅÄÖÉ]/u.test(b.raw))
        return listed ? unknown() : unmet()
      },
    ],
    [
      'PM2',
      (_s, { facts }) => {
        const pub = facts.parties.some((p) => p.type === 'public')
        const idea = facts.parties.some((p) => p.type === 'idea')
        if (pub && idea) return met(...facts.partyEvidence)
        if (facts.parties.length < 2) return unknown()
        // A company or a party of unrecognised form: unmet only when every party's form is known.
        return facts.parties.every((p) => p.type !== 'unknown' || p.company) ? unmet() : unknown()
      },
    ],
    [
      'PM3',
      (s, { facts }) => {
        if (!facts.parties.length) return hasOwnContent(s) ? unknown() : unmet()
        const without = partiesWithoutMandate(s, facts)
        return without.length === 0
          ? met(findSentence(s, 'PM3', (x) => REP.test(x) && MANDATE.test(x)) ?? findRe(s, MANDATE), findRe(s, REP))
          : { ...unmet(), params: { parties: without.map((p) => p.name).join(', ') } }
      },
    ],
  ],
  societal_challenge: [
    ['SC1', (s) => bool(!!findRe(s, TARGET_GROUP), findRe(s, TARGET_GROUP))],
    [
      'SC2',
      (s) => {
        if (!hasOwnContent(s)) return unmet()
        const ev = findSentence(s, 'SC2', (x) => SUBSTANCE.test(x))
        if (s.sentences.length >= 2 && wordsAtLeast(s, 25) && ev) return met(ev)
        // Found only by its content cues, the section may run on under a heading we did not recognise.
        if (!s.named) return unknown()
        if (s.sentences.length < 2 || !wordsAtLeast(s, 20)) return unmet()
        return unknown()
      },
    ],
  ],
  purpose_and_goals: [
    ['PG1', (s) => bool(!!findRe(s, PURPOSE), findRe(s, PURPOSE))],
    [
      'PG2',
      (s) => {
        const ev =
          findSentence(s, 'PG2', (x) => {
            const y = figuresOf(x)
            return (GOAL.test(x) && MEASURE.test(y)) || (DEADLINE.test(y) && /\d/.test(y.replace(DEADLINE, '')))
          }) ?? s.content.filter((b) => (b.inList || b.type === 'row') && MEASURE.test(figuresOf(b.text))).map((b) => ({ quote: quoteOf(b.raw, b.text), top: b.top }))[0]
        return ev ? met(ev) : unmet()
      },
    ],
  ],
  activities: [
    ['AC1', (s, { facts }) => (facts.activities.length ? met(...facts.activities.slice(0, 3).map((a) => a.evidence)) : hasOwnContent(s) ? unknown() : unmet())],
    [
      'AC2',
      (_s, { facts }) => {
        if (!facts.activities.length) return unknown()
        const none = facts.activities.filter((a) => a.performers.length === 0)
        return none.length === 0
          ? met(...facts.activities.slice(0, 3).map((a) => a.evidence))
          : { ...unmet(...none.map((a) => a.evidence)), params: { activities: none.map((a) => a.label).join(', ') } }
      },
    ],
  ],
  ownership_and_costs: [
    [
      'OC1',
      (s, { facts }) => {
        // Nothing anywhere says who books costs: no activity can have its owner.
        if (placeholderOnly(s) || !facts.costStatements) return unmet()
        if (!facts.activities.length) return unknown()
        const bad = facts.activities.filter((a) => a.cost === 'unmet')
        if (bad.length) return { ...unmet(...bad.map((a) => a.evidence)), params: { activities: bad.map((a) => a.label).join(', ') } }
        return facts.activities.every((a) => a.cost === 'met') ? met(...facts.activities.map((a) => a.costEvidence)) : unknown()
      },
    ],
    [
      'OC2',
      (s, { facts }) => {
        if (placeholderOnly(s)) return unmet()
        const outside = facts.activities.filter((a) => a.costOwnerNonParty)
        if (outside.length) return { ...unmet(...outside.map((a) => a.costEvidence)), params: { owners: outside.map((a) => a.costOwnerNonParty).join(', ') } }
        // Met: every named booking entity is a party; the words that name them, else the activities themselves.
        const owners = facts.activities.map((a) => a.costEvidence).filter((e): e is Evidence => !!e)
        return met(...(owners.length ? owners : facts.activities.map((a) => a.evidence)).slice(0, 3), owners.length || facts.activities.length ? null : firstOwn(s))
      },
    ],
  ],
  budget_and_resources: [
    [
      'BR1',
      (_s, { facts }) => {
        // A unit price is a budget only with a period of its own ("9 500 kr per deltagare och månad"), not per day or hour.
        const cash = facts.money.find(
          (m) => m.payer === 'public' && !m.inKind && (m.period === 'year' || m.period === 'month' || m.period === 'total' || (m.period === 'unit' && UNIT_WITH_PERIOD.test(m.sentence))),
        )
        if (cash) return met(cash.evidence)
        // An amount whose payer or period we could not place: ask rather than flag.
        const outsider = (sentence: string) => facts.nonPartyContributors.some((n) => sentence.includes(n.toLowerCase()))
        if (facts.money.some((m) => !m.inKind && m.payer !== 'idea' && m.period !== 'unit' && (m.payer === null || m.period === null) && !outsider(m.sentence))) return unknown()
        return unmet()
      },
    ],
    [
      'BR2',
      (_s, { facts }) =>
        facts.ideaContribution
          ? met(facts.ideaContributionEvidence)
          : facts.parties.some((p) => p.type === 'idea') || facts.parties.every((p) => p.type !== 'unknown' || p.company)
            ? unmet()
            : unknown(),
    ],
    ['BR3', (s) => bool(hasOwnContent(s), firstOwn(s))],
  ],
  governance: [
    [
      'GV1',
      (s, { facts }) => {
        if (!facts.steeringFound) return findRe(s, STEERING) ? unknown() : unmet()
        if (facts.steeringAllParties) return met(facts.steeringEvidence)
        if (!facts.parties.length) return unknown(facts.steeringEvidence)
        const missing = facts.parties.filter((p) => !facts.steeringMembers.has(p))
        return missing.length === 0 ? met(facts.steeringEvidence) : { ...unmet(facts.steeringEvidence), params: { parties: missing.map((p) => p.name).join(', ') } }
      },
    ],
    ['GV2', (s) => bool(!placeholderOnly(s) && !!findRe(s, OPERATIONAL), findRe(s, OPERATIONAL))],
    ['GV3', (s) => bool(!!findRe(s, DECISION_RULE), findRe(s, DECISION_RULE))],
    // Met: no deciding unit is outside the steering body, whose composition is the evidence.
    [
      'GV4',
      (s, { facts }) => (facts.unitsMissingFromSteering.length === 0 ? met(facts.steeringEvidence ?? firstOwn(s)) : { ...unmet(), params: { units: facts.unitsMissingFromSteering.join(', ') } }),
    ],
  ],
  meeting_cadence: [
    [
      'MC1',
      (_s, { scopes }) => {
        const steeringRhythm = (x: string) => {
          if (frequencyMonths(x) === null || !MEETS.test(x)) return false
          // A rhythm is a meeting rhythm only with a meeting word ("styrgruppen analyserar … varje år" is follow-up),
          // and a participants' council's rhythm is target-group involvement: the body named first is the subject.
          const steer = x.search(STEERING)
          const council = Math.min(...[x.search(COUNCIL_RHYTHM), x.search(COUNCIL)].map((i) => (i < 0 ? Infinity : i)))
          if (steer >= 0 && steer < council) return true
          return council === Infinity && !OPERATIONAL.test(x)
        }
        // A rhythm under another section's heading ("Learning is discussed at the steering group meeting each
        // November" under learning goals) says when a topic is taken up, not how often the body meets.
        // Under another section's heading only a sentence led by the body counts ("Styrgruppen träffas varannan månad").
        const led = (x: string) => {
          const at = x.search(STEERING)
          // The body is the subject: at most one word (an article, a possessive) before it.
          return at >= 0 && at < 40 && /^[\d.\s]*(?:\S+\s)?$/.test(x.slice(0, at)) && steeringRhythm(x) && MEETS.test(x.slice(at, at + 50))
        }
        const inScope = (scope: SectionScope, key: string) => {
          for (const b of scope.content) {
            const elsewhere = b.context.length > 0 && !b.context.includes('meeting_cadence') && !b.context.includes('governance')
            const hit = findSentence({ ...scope, content: [b] }, elsewhere ? `${key}led` : key, elsewhere ? led : steeringRhythm)
            if (hit) return hit
          }
          return null
        }
        const ev = inScope(scopes.meeting_cadence, 'MC1') ?? inScope(scopes.governance, 'MC1')
        return ev ? met(ev) : unmet()
      },
    ],
  ],
  learning_goals: [
    ['LG1', (_s, { facts }) => (facts.learningShared ? met(facts.learningEvidence.shared) : unmet())],
    [
      'LG2',
      (_s, { facts }) => {
        if (!facts.parties.length) return unknown()
        const missing = facts.parties.filter((p) => !facts.learningPerParty.has(p))
        return missing.length === 0 ? met(...facts.learningEvidence.own) : { ...unmet(), params: { parties: missing.map((p) => p.name).join(', ') } }
      },
    ],
  ],
  follow_up_evaluation: [
    [
      'FU1',
      (s) => {
        // A survey quoted in the background ("the municipality's 2025 survey found …") is not what the
        // partnership follows up: with a follow-up section of its own, blocks under other headings do not answer.
        const own = outsideOtherSections(s)
        const ev = findRe(own, FOLLOW_WHAT)
        return bool(!placeholderOnly(s) && !!ev, ev)
      },
    ],
    [
      'FU2',
      (s) => {
        if (placeholderOnly(s)) return unmet()
        // "When: TBD" – the draft's own field for the when is left open, whatever other sentences mention months.
        const open = s.strong.find((b) => b.placeholderOnly && WHEN_LABEL.test(normalize(b.raw)))
        if (open) return unmet({ quote: quoteOf(open.raw, open.raw), top: open.top })
        const deferred = findSentence(s, 'FU2d', (x) => WHEN_LABEL.test(x) && DEFER.test(x))
        if (deferred) return unmet(deferred)
        const ev = findSentence(s, 'FU2', (x) => FOLLOW_WHEN.test(x) || frequencyMonths(x) !== null || datesIn(x).length > 0 || monthName(x))
        return ev ? met(ev) : unmet()
      },
    ],
    ['FU3', (s) => (placeholderOnly(s) ? unmet() : findRe(s, JOINT) ? met(findRe(s, JOINT)) : findRe(s, COMPILER) && findRe(s, FORUM) ? met(findRe(s, COMPILER), findRe(s, FORUM)) : unmet())],
  ],
  target_group_involvement: [
    [
      'TG1',
      (s) => {
        const ev = findSentence(s, 'TG1', isChannel)
        return ev ? met(ev) : unmet()
      },
    ],
    [
      'TG2',
      (s) => {
        const ev =
          findSentence(s, 'TG2', (x) => (COUNCIL.test(x) || peopleChannel(x)) && (frequencyMonths(x) !== null || (WHEN.test(x) && !COUNT_PLACEHOLDER.test(x)))) ??
          (findRe(s, COUNCIL) || findSentence(s, 'TG1', isChannel) ? findSentence(s, 'TG2f', (x) => frequencyMonths(x) !== null) : null)
        return ev ? met(ev) : unmet()
      },
    ],
  ],
  risk_and_crunch_questions: [
    [
      'RK1',
      (s) =>
        riskItems(s).length >= 2
          ? met(
              ...riskItems(s)
                .slice(0, 3)
                .map((r) => r.evidence),
            )
          : unmet(),
    ],
    [
      'RK2',
      (s) => {
        const items = riskItems(s)
        return items.length > 0 && items.every((r) => r.handled)
          ? met(...items.slice(0, 3).map((r) => r.evidence))
          : items.some((r) => !r.handled && r.certain) || !items.some((r) => r.handled)
            ? unmet(...items.filter((r) => !r.handled).map((r) => r.evidence))
            : unknown()
      },
    ],
    [
      'RK3',
      (s) => {
        const external = riskItems(s).find((r) => RISK_EXTERNAL.test(r.text))
        return external ? met(external.evidence) : unmet()
      },
    ],
  ],
  renegotiation: [['RN1', (_s, { facts }) => (facts.reviewScheduled ? met(facts.reviewEvidence) : unmet())]],
  duration: [
    ['DU1', (_s, { facts }) => (facts.start !== null && (facts.end !== null || facts.termMonths !== null) ? met(facts.termEvidence) : unmet())],
    [
      'DU2',
      (s, { facts }) => {
        // No extension is provided for: the term as stated is the evidence that none is needed. With no
        // words at all there is nothing to quote, so the question stays open instead of passing unseen.
        if (!facts.extensionPossible) {
          const ev = facts.termEvidence ?? firstOwn(s)
          return ev ? met(ev) : unknown()
        }
        if (facts.extensionMonths !== null && facts.extensionDecided) return met(facts.extensionEvidence)
        return facts.extensionMonths === null && !facts.extensionDecided ? unmet(facts.extensionEvidence) : facts.extensionDecided ? unknown(facts.extensionEvidence) : unmet(facts.extensionEvidence)
      },
    ],
  ],
  termination: [
    ['TE1', (_s, { facts }) => (facts.noticeMonths !== null ? met(facts.noticeEvidence) : unmet())],
    [
      'TE2',
      (s, ctx) => {
        if (!hasOwnContent(s)) return unmet()
        const stems = targetStems(ctx)
        const people = (x: string) => PEOPLE.test(x) || (stems.length > 0 && x.split(' ').some((w) => stems.includes(stemOf(w.replace(/[^\p{L}-]/gu, '')))))
        const key = stems.join(' ')
        const ev = findSentence(s, `TE2 ${key}`, (x) => CONTINUITY.test(x) && (people(x) || ONGOING.test(x)))
        if (ev) return met(ev)
        return findSentence(s, `TE2p ${key}`, (x) => people(x) || ONGOING.test(x)) ? unknown() : unmet()
      },
    ],
    [
      'TE3',
      (s) => {
        if (!hasOwnContent(s)) return unmet()
        const ev = findSentence(s, 'TE3', (x) => WIND_COST2.test(x) && BEARS2.test(x) && !DEFER.test(x))
        if (ev) return met(ev)
        return findSentence(s, 'TE3p', (x) => WIND_COST2.test(x)) ? unknown() : unmet()
      },
    ],
  ],
  legal_basis: [
    [
      'LB1',
      (s) => {
        const ev = findSentence(s, 'LB1', (x) => WHY_FORM.test(x) && ((REASON.test(x) && !PREFERENCE_ONLY.test(x.slice(x.search(REASON)))) || (CHOICE.test(x) && BASIS.test(x)) || COMPARED.test(x)))
        if (ev) return met(ev)
        // Under a heading that asks why ("Varför IOP?", "Därför IOP"), the points are the reasons.
        const why = s.content.find((b) => WHY_HEADING.test(b.headingText) && !PROCUREMENT.test(b.text) && !STATE_AID.test(b.text) && b.text.split(' ').length >= 8)
        if (why) return met({ quote: quoteOf(why.raw, why.text), top: why.top })
        // A point led by the question as its label ("Varför IOP: verksamheten bygger på …"): what follows answers it.
        const answered = s.content.find((b) => whyAnswered(b.text))
        if (answered) return met({ quote: quoteOf(answered.raw, answered.text), top: answered.top })
        return unmet()
      },
    ],
    [
      'LB2',
      (s) => {
        const ev = findSentence(s, 'LB2', (x) => PROCUREMENT.test(x) && PROC_REASON.test(x))
        return ev ? met(ev) : unmet()
      },
    ],
    [
      'LB3',
      (s) => {
        const ev = findRe(s, STATE_AID)
        return ev ? met(ev) : unmet()
      },
    ],
  ],
  dispute_resolution: [
    [
      'DR1',
      (s) => {
        const escalation = findRe(s, ESCALATION)
        const court = findRe(s, FORUM_FINAL)
        if (escalation && court) return met(escalation, court)
        const arbitration = findRe(s, ARBITRATION)
        if (arbitration) return { ...unmet(arbitration), params: { forum: 'arbitration' } }
        // Mediation alone ends nowhere binding; it needs a court after it.
        return findRe(s, MEDIATION) && escalation ? unknown(escalation, findRe(s, MEDIATION)) : unmet()
      },
    ],
  ],
  personal_data: [['PD1', (s) => (findRe(s, CONTROLLER) && findRe(s, CONFIDENTIAL) ? met(findRe(s, CONTROLLER), findRe(s, CONFIDENTIAL)) : unmet())]],
  signatures: [
    [
      'SG1',
      (s, { facts }) => {
        if (!hasOwnContent(s) && !s.all.length) return unmet()
        const missing = facts.parties.filter((p) => !facts.signatureParties.has(p))
        const role = s.all.some((b) => SIGN_ROLE.test(b.text))
        const date = s.all.some((b) => SIGN_DATE.test(b.text) || SIGN_DATE.test(b.raw.toLowerCase()))
        if (!facts.parties.length) return unknown()
        if (missing.length || facts.signatureNonParties.length) return { ...unmet(), params: { parties: [...missing.map((p) => p.name), ...facts.signatureNonParties].join(', ') } }
        return role && date ? met(...facts.signatureEvidence) : unknown()
      },
    ],
  ],
}

interface RiskItem {
  text: string
  /** Where the risk is stated. */
  evidence: Evidence
  handled: boolean
  /** A table row with a handling column: its emptiness is certain, not a reading of prose. */
  certain?: boolean
  /** A numbered or lettered paragraph. */
  numbered?: boolean
}

const riskCache = new WeakMap<SectionScope, RiskItem[]>()
/** A sentence that states a risk: a conditional with a consequence, a named risk or crunch question. */
const RISK_STATEMENT = u(
  /^(?:om|if|should|in case|risk\w*|knäckfråg\w*|crunch question\w*|det finns en risk|there is a risk)\b|\b(?:risk\w*|riskerar|knäckfråg\w*|hot\w*|threat\w*|osäker\w*|uncertain\w*)\b/,
)
/** A modal consequence states a risk too: "X kan innebära att …", "Y could lead to …". */
const MODAL_RISK = u(
  /\b(?:kan|skulle kunna) (?:komma att |behöva |själva |själv )?(?:innebära|leda till|medföra|påverka\w*|variera|minska|öka|försvinna|upphöra|dras in|drabba\w*|utebli|försvåra|hota|äventyra|försena\w*|tröttna|bli trötta|bli för få|ta slut|hoppa av|gå fel|gå snett)\b|\b(?:could|may|might) (?:also )?(?:get tired|burn out|run out|drop out|become too few|go wrong|lead to|mean|result in|affect|be affected|reduce|increase|vary|disappear|end|cease|stop|be cut|be withdrawn|fail|fall|drop|rise|delay|threaten|jeopardi[sz]e)\b/,
)
/** A clause about the risk list itself ("Risklistan gås igenom vid varje styrgruppsmöte") is RK-s2, not a risk. */
const RISK_REVIEW = u(
  /\b(?:risklist\w*|riskerna|riskanalys\w*|riskbedömning\w*|risk list|risk register|the risks|the risk analysis)\b[^.]{0,60}\b(?:gås igenom|går igenom|ses över|följs upp|uppdateras|stäms av|reviewed|updated|revisited|gone through)\b/,
)
/** An explicit handling label in a risk item. */
const HANDLING_LABEL = u(/\b(?:hantering|åtgärd(?:er)?|motåtgärd(?:er)?|mitigation|handling|response|countermeasures?|action)\s?:|→|->/)
/** A sentence that opens by pointing back at the risk before it ("Om det händer", "If this happens", "I så fall"). */
const BACK_REF = u(
  /^(?:om (?:det|detta|så) (?:händer|sker|inträffar|blir fallet)|(?:skulle|om) (?:det|detta) (?:hända|ske|inträffa)|i så fall|if (?:this|that|it|so) (?:happens|occurs|is the case)|should (?:this|that|it) (?:happen|occur)|in that case|in such a case)\b/,
)
/** A lettered or numbered paragraph ("a) …", "2) …", a numbered clause "11.2 …") is an item of a list written without list markup. */
const LETTERED = /^(?:(?:[a-h]|\d{1,2})\)|\d{1,2}\.\d{1,2}\.?) /
const LEAD = u(
  /^(?:parterna har identifierat|följande risk|vi ser följande|the parties have identified|the following risk|we see the following|(?:two|three|four|several|a few|some|två|tre|fyra|flera|några) (?:things|risks|saker|risker) (?:could|can|may|might|kan))/,
)

/** Risks are table rows, list items, or sentences naming a risk; each needs its own handling. */
function riskItems(scope: SectionScope): RiskItem[] {
  const cached = riskCache.get(scope)
  if (cached) return cached
  const items: RiskItem[] = []
  for (const b of scope.content) {
    if (b.type === 'row' && b.cells) {
      const handlingCol = b.header?.findIndex((h) => /hanter|åtgärd|handling|mitigat|response|hur|how|so gör|vad gör/.test(h)) ?? -1
      const filled = b.cells.filter((c) => c.trim().length > 2).length
      items.push({ text: b.text, evidence: quoteBlock(b), handled: handlingCol >= 0 ? (b.cells[handlingCol] ?? '').trim().length > 2 : filled >= 2, certain: true })
    } else if (b.inList || LETTERED.test(b.text)) {
      if (LEAD.test(b.text) || RISK_REVIEW.test(b.text)) continue
      // "Risk. What we do about it." – a second sentence or a handling verb is the handling.
      const body = b.text.replace(/^[^:]{1,40}:\s*/, '')
      items.push({
        text: b.text,
        evidence: quoteBlock(b),
        numbered: LETTERED.test(b.text) && scope.strong.includes(b),
        handled: b.sentences.length >= 2 || RISK_HANDLING.test(body) || /[;:–→]|->/.test(body),
      })
    } else {
      const ss = b.sentences
      for (let i = 0; i < ss.length; i++) {
        const x = ss[i]!
        if (LEAD.test(x) && x.includes(':')) {
          // "Parterna har identifierat följande risker och hur de ska hanteras: A – hantering; B – hantering."
          // Sentences end at ";", so the list runs on over the sentences after it while each ends with ";".
          let list = x.slice(x.indexOf(':') + 1)
          while (list.trimEnd().endsWith(';') && i + 1 < ss.length) list += ' ' + ss[++i]!
          for (const item of list.split(/;|\s\d+\)\s/)) {
            if (item.trim().length < 4) continue
            items.push({ text: item, evidence: { quote: quoteOf(b.raw, x), top: b.top }, handled: /[–:,]|\s-\s/.test(item.trim()) || RISK_HANDLING.test(item) })
          }
          continue
        }
        if (LEAD.test(x) || RISK_REVIEW.test(x) || !(RISK_STATEMENT.test(x) || MODAL_RISK.test(x))) continue
        const rest = x
          .split(/;|:| – /)
          .slice(1)
          .join(' ')
        const next = ss[i + 1] ?? ''
        // "Om det händer tar parterna upp …" points back at the risk before it: its handling, not a new risk.
        if (BACK_REF.test(next)) {
          items.push({ text: x, evidence: { quote: quoteOf(b.raw, x), top: b.top }, handled: RISK_HANDLING.test(next) })
          i++
          continue
        }
        items.push({ text: x, evidence: { quote: quoteOf(b.raw, x), top: b.top }, handled: RISK_HANDLING.test(rest) || (!RISK_STATEMENT.test(next) && RISK_HANDLING.test(next)) })
      }
    }
  }
  // Where the draft labels each handling ("Mitigation:", "Hantering:", "→"), a risk without one has none.
  // Only numbered clauses ("11.2 …") are read so: elsewhere a handling may follow as an item of its own.
  if (items.some((r) => HANDLING_LABEL.test(r.text))) {
    items.forEach((r, i) => {
      if (!r.handled && r.numbered && !HANDLING_LABEL.test((items[i + 1]?.text ?? '').slice(0, 30))) r.certain = true
    })
  }
  riskCache.set(scope, items)
  return items
}
