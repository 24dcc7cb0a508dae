import type { Block } from './blocks.ts'
import { escapeRe, normalize, u, WORD_CHAR } from './text.ts'

// Hoisted so that they are compiled once, not on every call.
const GENITIVE_TYPE = u(/\b(kommun|stad|region|förening|stiftelse|församling)s\b/)
const ENGLISH_GENITIVE = u(/['’]s\b/g)
const PARTY_HEADER = u(/^(?:part|parter|party|parties|avtalspart|organisation|organization)\b/)

/**
 * Finding the parties: organisation names with their type (public or idea-driven) and the words the
 * text uses for them later ("kommunen", "föreningen", "the association"). Names are read from the raw
 * text because capitalisation is what separates a name from prose.
 */
export type PartyType = 'public' | 'idea' | 'unknown'

export interface Party {
  name: string
  key: string
  type: PartyType
  aliases: string[]
  /** A company (AB, aktiebolag): never idea-driven, whatever its social aims. */
  company?: boolean
  /** Matches a mention of this party in normalised text. */
  mention: RegExp
}

const CAP = String.raw`[A-ZÅÄÖÉ][\p{L}\d'’-]*`
const NAME_TAIL = String.raw`(?:\s(?:${CAP}|i|för|och|&|of|for|and|the)){0,4}`

interface OrgPattern {
  re: RegExp
  type: PartyType
  /**
   * Words of which every match contains one, as written (the patterns are case-sensitive): a text with
   * none of them is not scanned. Only where that is measured faster than the pattern alone (a search
   * per word costs about as much as a cheap pattern); test/unit/validator/org-names.test.ts checks them.
   */
  needs: readonly string[] | null
}

const ORG_PATTERNS: OrgPattern[] = [
  { re: u(new RegExp(String.raw`(${CAP}(?:[ -]${CAP})?\s(?:kommun|stad|Stad|Kommun)s?)(?![\p{L}])`, 'gu')), type: 'public', needs: ['ommun', 'tad'] },
  { re: u(new RegExp(String.raw`(Region\s${CAP}(?:\s(?:${CAP}|län))?)`, 'gu')), type: 'public', needs: ['Region'] },
  { re: u(new RegExp(String.raw`(${CAP}\s(?:läns\s)?landsting)`, 'gu')), type: 'public', needs: ['landsting'] },
  {
    re: u(/(Länsstyrelsen(?:\si)?\s[A-ZÅÄÖ][\p{L}]*(?:\slän)?|Arbetsförmedlingen|Försäkringskassan|Migrationsverket|Kriminalvården|Polismyndigheten)/gu),
    type: 'public',
    needs: ['Länsstyrelsen', 'Arbetsförmedlingen', 'Försäkringskassan', 'Migrationsverket', 'Kriminalvården', 'Polismyndigheten'],
  },
  // State bodies by their short Swedish names, with the local office's place ("Frivården Kronvik").
  {
    re: u(new RegExp(String.raw`((?:Frivården|Kronofogden|Skatteverket|Socialstyrelsen|Polisen|Tullverket|Skolverket)(?:\s${CAP})?)(?![\p{L}])`, 'gu')),
    type: 'public',
    needs: ['Frivården', 'Kronofogden', 'Skatteverket', 'Socialstyrelsen', 'Polisen', 'Tullverket', 'Skolverket'],
  },
  // Study associations and charities by their own names, with the local branch's place ("ABF Kronan", "the Red Cross").
  {
    re: u(
      new RegExp(
        String.raw`((?:ABF|NBV|Sensus|Studiefrämjandet|Medborgarskolan|Folkuniversitetet|(?:Studieförbundet )?Vuxenskolan|Red Cross|Salvation Army|Save the Children)(?:\s${CAP})?)(?![\p{L}])`,
        'gu',
      ),
    ),
    type: 'idea',
    needs: ['ABF', 'NBV', 'Sensus', 'Studiefrämjandet', 'Medborgarskolan', 'Folkuniversitetet', 'Vuxenskolan', 'Red Cross', 'Salvation Army', 'Save the Children'],
  },
  // Companies that lend premises or staff: "Bostadsbolaget Kronanhem", "Kronanhem AB", "the Northfield Housing Company".
  {
    re: u(new RegExp(String.raw`([A-ZÅÄÖ][\p{L}]*bolaget\s${CAP}|${CAP}(?:\s${CAP}){0,2}\sAB|${CAP}(?:\s${CAP}){0,3}\sCompany)(?![\p{L}])`, 'gu')),
    type: 'unknown',
    needs: ['bolaget', ' AB', 'Company'],
  },
  // A state agency by its English name: "the Swedish Prison and Probation Service", "the Public Employment Service".
  {
    re: u(new RegExp(String.raw`(${CAP}(?:\s(?:${CAP}|and|of|for)){0,4}\s(?:Service|Agency|Authority))(?![\p{L}])`, 'gu')),
    type: 'public',
    needs: ['Service', 'Agency', 'Authority'],
  },
  { re: u(new RegExp(String.raw`((?:Municipality|City|County|Region|Borough)\sof\s${CAP}(?:\s${CAP})?)`, 'gu')), type: 'public', needs: ['Municipality', 'City', 'County', 'Region', 'Borough'] },
  {
    re: u(new RegExp(String.raw`(${CAP}(?:\s${CAP})?\s(?:Municipality|Municipal Council|City Council|County Council|Regional Council|Region))(?![\p{L}])`, 'gu')),
    type: 'public',
    needs: ['Municipal', 'Council', 'Region'],
  },
  {
    re: u(
      new RegExp(
        String.raw`((?:Föreningen|Stiftelsen|Kvinnojouren|Tjejjouren|Brottsofferjouren|Ungdomsjouren|Idrottsföreningen|Idrottsklubben|Riksförbundet|Frivilligcentralen|Studieförbundet|Församlingen)\s${CAP}(?:\s${CAP}){0,2})`,
        'gu',
      ),
    ),
    type: 'idea',
    needs: null,
  },
  { re: u(new RegExp(String.raw`([A-ZÅÄÖ][\p{L}]*(?:föreningen|stiftelsen|jouren|missionen|förbundet)\s${CAP}(?:\s${CAP})?)`, 'gu')), type: 'idea', needs: null },
  {
    re: u(new RegExp(String.raw`(${CAP}(?:\s${CAP}){0,2}\s[\p{Ll}]*(?:förening|stiftelse|församling|kvinnojour|tjejjour|stadsmission))(?![\p{L}])`, 'gu')),
    type: 'idea',
    needs: ['förening', 'stiftelse', 'församling', 'jour', 'mission'],
  },
  // A legal form as the head of a capitalised compound: "Ormviks Sparbanksstiftelse", "Fjällgrunds Idrottsallians".
  {
    re: u(new RegExp(String.raw`(${CAP}\s[A-ZÅÄÖ][\p{Ll}]+(?:stiftelse|stiftelsen|förening|föreningen|församling|församlingen|förbund|förbundet|allians|alliansen))(?![\p{L}])`, 'gu')),
    type: 'idea',
    needs: null,
  },
  {
    re: u(
      /((?:[A-ZÅÄÖ][\p{L}]+s\s)?Stadsmission(?:en)?|Frälsningsarmén|Rädda Barnen|Röda Korset|Hela Människan|Räddningsmissionen|Svenska kyrkan(?:\s(?:i\s)?[A-ZÅÄÖ][\p{L}]+)?|Fryshuset|Individuell Människohjälp|Läkarmissionen|Bris)(?![\p{L}])/gu,
    ),
    type: 'idea',
    needs: [
      'Stadsmission',
      'Frälsningsarmén',
      'Rädda Barnen',
      'Röda Korset',
      'Hela Människan',
      'Räddningsmissionen',
      'Svenska kyrkan',
      'Fryshuset',
      'Individuell Människohjälp',
      'Läkarmissionen',
      'Bris',
    ],
  },
  {
    re: u(
      new RegExp(
        String.raw`(${CAP}${NAME_TAIL}),?\s(?:\([^)]{0,40}\),?\s)?(?:en\s|a\s|an\s)?(?:ideell förening|ekonomisk förening|stiftelse|registrerat trossamfund|trossamfund|registrerad idéburen organisation|idéburen organisation|non-profit|registered charity|charity|voluntary organi[sz]ation|idea-driven organi[sz]ation)`,
        'gu',
      ),
    ),
    type: 'idea',
    needs: null,
  },
  {
    re: u(new RegExp(String.raw`(${CAP}(?:\s${CAP}){0,3}\s(?:Association|Foundation|Society|Trust|Charity|Church|Parish|Club|Alliance))(?![\p{L}])`, 'gu')),
    type: 'idea',
    needs: ['Association', 'Foundation', 'Society', 'Trust', 'Charity', 'Church', 'Parish', 'Club', 'Alliance'],
  },
]

const NOT_A_NAME = u(
  /^(?:parter|parterna|denna|detta|den|det|de|the|this|these|that|both|all|och|and|för|for|i|in|mellan|between|överenskommelsen|avtalet|agreement|iop|partnerskapet|partnership|styrgruppen|om|if|när|when|enligt|according|varje|each|every|vi|we|our|vår|våra)\b/i,
)

export interface OrgName {
  name: string
  type: PartyType
}

/** Organisation names in a piece of raw text, longest first where they overlap. */
export function orgNames(raw: string, prefilter = true): OrgName[] {
  const found: { name: string; type: PartyType; start: number; end: number }[] = []
  for (const { re, type, needs } of ORG_PATTERNS) {
    if (prefilter && needs !== null && !containsAny(raw, needs)) continue
    re.lastIndex = 0
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      let name = m[1]!.trim()
      let start = m.index + m[0].indexOf(m[1]!)
      // A sentence-initial capitalised word ("Parter", "Mellan") is not part of the name.
      while (NOT_A_NAME.test(name)) {
        const cut = name.indexOf(' ')
        if (cut < 0) {
          name = ''
          break
        }
        start += cut + 1
        name = name.slice(cut + 1)
      }
      if (name.length < 3) continue
      found.push({ name, type, start, end: start + name.length })
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start))
  const kept: typeof found = []
  // Characters already claimed by a longer name: linear in the text, where comparing every name with
  // every kept one was quadratic in the number of names (a pasted list of thousands).
  const taken = new Uint8Array(raw.length)
  for (const f of found) {
    let free = true
    for (let i = f.start; i < f.end && free; i++) free = taken[i] === 0
    if (!free) continue
    taken.fill(1, f.start, f.end)
    kept.push(f)
  }
  return kept.sort((a, b) => a.start - b.start).map(({ name, type }) => ({ name, type }))
}

function containsAny(text: string, words: readonly string[]): boolean {
  for (const w of words) if (text.includes(w)) return true
  return false
}

/** The organisation patterns with the words they need (for the tests). */
export const ORG_PATTERN_NEEDS: readonly { re: RegExp; needs: readonly string[] | null }[] = ORG_PATTERNS

export function partyKey(name: string): string {
  return normalize(name)
    .replace(/^(?:the|den|det)\s/, '')
    .replace(GENITIVE_TYPE, '$1')
    .replace(ENGLISH_GENITIVE, '')
}

const TYPE_WORDS = u(
  /\b(?:kommun|kommunen|stad|staden|region|regionen|föreningen|förening|stiftelsen|stiftelse|församling|ideell|ideella|the|municipality|city|county|council|of|association|foundation|society|trust|charity|church|parish|club|ekonomisk|landsting|läns?)\b/g,
)

/** A tail that is only a legal form ("ideell förening") says nothing about which party is meant. */
const TYPE_ONLY = /^(?:ideell förening|ekonomisk förening|youth association|association|foundation|förening|stiftelse)$/

const GENERIC_ALIASES: [RegExp, string[]][] = [
  [/kommun|municipality/, ['kommunen', 'the municipality']],
  [u(/\bstad\b|\bcity\b/), ['staden', 'the city']],
  [/region|landsting/, ['regionen', 'the region']],
  [/förening|association/, ['föreningen', 'the association']],
  [/stiftelse|foundation/, ['stiftelsen', 'the foundation']],
  [/jour/, ['jouren']],
  [/församling|parish/, ['församlingen', 'the parish']],
  [/kyrka|church/, ['kyrkan', 'the church']],
  [/mission/, ['missionen']],
  [/society/, ['the society']],
  [/trust/, ['the trust']],
  [/club|klubb/, ['klubben', 'the club']],
]
const TYPE_ALIASES: Record<PartyType, string[]> = {
  public: ['den offentliga parten', 'offentliga parten', 'the public party', 'the public partner'],
  idea: ['den idéburna parten', 'idéburna parten', 'den ideella parten', 'the non-profit party', 'the idea-driven party', 'the non-profit partner', 'the non-profit', 'the ngo'],
  unknown: [],
}

/** Turns names into parties with aliases; a generic alias ("föreningen") is kept only if it is unambiguous. */
/**
 * Parties read from one agreement. An IOP has a handful; each party is matched against every sentence,
 * so a pasted list of thousands of organisation names must not make the validator quadratic.
 */
const MAX_PARTIES = 50

export function buildParties(names: OrgName[]): Party[] {
  const byKey = new Map<string, OrgName & { key: string }>()
  for (const n of names) {
    if (byKey.size >= MAX_PARTIES) break
    const key = partyKey(n.name)
    if (!key || byKey.has(key)) continue
    // "Föreningen Läxhjälpen" and "Föreningen Läxhjälpen Kronan" are one party.
    const overlapping = [...byKey.values()].find((p) => p.key.startsWith(key + ' ') || key.startsWith(p.key + ' '))
    if (overlapping) {
      if (overlapping.type === 'unknown') overlapping.type = n.type
      continue
    }
    byKey.set(key, { ...n, key })
  }
  const list = [...byKey.values()]
  const candidateAliases = list.map((p) => {
    const own = [p.key]
    const distinctive = p.key.replace(TYPE_WORDS, ' ').replace(/\s+/g, ' ').trim()
    // A public body's name minus "kommun" is a place name, used for districts and other bodies too.
    if (p.type !== 'public' && distinctive.length >= 4 && distinctive !== p.key) own.push(distinctive)
    // "Northfield Food Bank" is "the food bank" further on: the name without its leading place name.
    const words = p.key.split(' ')
    if (p.type !== 'public' && words.length >= 3) {
      const tail = words.slice(1).join(' ')
      if (tail.length >= 6 && !TYPE_ONLY.test(tail)) own.push(tail, 'the ' + tail)
    }
    const generic: string[] = []
    for (const [re, aliases] of GENERIC_ALIASES) if (re.test(p.key)) generic.push(...aliases)
    generic.push(...TYPE_ALIASES[p.type])
    return { own, generic }
  })
  const counts = new Map<string, number>()
  for (const c of candidateAliases) for (const g of new Set(c.generic)) counts.set(g, (counts.get(g) ?? 0) + 1)
  return list.map((p, i) => {
    const c = candidateAliases[i]!
    const aliases = [...new Set([...c.own, ...c.generic.filter((g) => counts.get(g) === 1)])].sort((a, b) => b.length - a.length)
    return {
      name: p.name,
      key: p.key,
      type: p.type,
      aliases,
      mention: new RegExp(`(?<!${WORD_CHAR})(?:${aliases.map(escapeRe).join('|')})(?:s|n|ns)?(?!${WORD_CHAR})`),
    }
  })
}

const PUBLIC_WORDS = u(/\b(?:kommun|stad|region|landsting|myndighet|nämnd|förvaltning|länsstyrelse|municipality|city|county|council|authority|public)\b/)
const IDEA_WORDS = u(/\b(?:ideell|idéburen|förening|stiftelse|trossamfund|församling|jour|non-profit|association|foundation|charity|voluntary|society|church|parish)/)

/** A party table: one row per party, the first column names it. */
export function partiesFromTable(rows: readonly Block[]): OrgName[] {
  const out: OrgName[] = []
  for (const row of rows) {
    const first = row.cells?.[0]?.trim()
    if (!first || first.length < 3 || /^(?:totalt|summa|total)$/i.test(first)) continue
    const found = orgNames(first)
    if (found.length) {
      out.push(found[0]!)
      continue
    }
    const text = row.text
    out.push({ name: first, type: PUBLIC_WORDS.test(text) ? 'public' : IDEA_WORDS.test(text) ? 'idea' : 'unknown' })
  }
  return out
}

export function isPartyTable(header: readonly string[] | undefined): boolean {
  return !!header && PARTY_HEADER.test(header[0] ?? '')
}

/** Public units that act for a party ("socialnämnden", "the social services department"). */
// Units by suffix: committees, administrations, and the units, clinics and departments under them ("försörjningsstödsenheten").
const UNIT_RE = u(
  /(?<![\p{L}])([\p{L}-]*(?:nämnd|förvaltning|enhet|mottagning|klinik|avdelning)(?:en|erna|er|arna|na)?|(?:[a-z-]+ )?(?:committee|department|administration|unit|clinic)s?)(?![\p{L}])/gu,
)

export function unitStem(unit: string): string {
  return unit
    .replace(/(nämnd|förvaltning|enhet|mottagning|klinik|avdelning)(?:en|erna|er|arna|na)$/, '$1')
    .replace(/^(?:the|a) /, '')
    .replace(/s$/, '')
}

export function unitsIn(text: string): string[] {
  const out: string[] = []
  UNIT_RE.lastIndex = 0
  for (let m = UNIT_RE.exec(text); m; m = UNIT_RE.exec(text)) {
    const stem = unitStem(m[1]!)
    // A bare "nämnden" is the committee the party acts through, not another unit.
    // "lägenhet", "egenhet" end in -enhet but are no units.
    if (/(?:lägenhet|egenhet|renhet)$/.test(stem)) continue
    if (
      stem.length >= 5 &&
      !/^(?:nämnd|förvaltning|enhet|mottagning|klinik|avdelning|committee|department|administration|unit|clinic)$/.test(stem) &&
      !/^(?:the|a|an|this|that|our|its|their|each|every|per|one|any|cost|price|steering|management)\s/.test(stem)
    )
      out.push(stem)
  }
  return out
}
