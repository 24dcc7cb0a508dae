import { escapeRe, normalize, u, WORD_CHAR } from './text.ts'
import { orgNames, type Party, type PartyType } from './parties.ts'
import { isShortForm, readShortForms, type ShortFormItem } from './short-forms.ts'
import { acronymsOf } from './acronyms.ts'

/**
 * Parties as the agreement defines them. Drafts introduce each party once, in a list item, a table row,
 * a numbered clause or a sentence ("Tallmora kommun, org.nr …, genom socialnämnden, nedan kallad
 * *kommunen*"), and from then on use the defined short form. So a party is: the name that opens such an
 * introduction, the short forms it defines, and the type its legal form or name says. Registered parties
 * (the Parter panel) come first; the text only adds their short forms.
 */

export interface RegisteredParty {
  name: string
  /** 'public' | 'idea' | anything else (company, unknown). */
  type?: string
  orgNr?: string
}

export interface PartyIntro {
  name: string
  aliases: string[]
  type: PartyType
  company?: boolean
  /** Short forms for the parties introduced just before, in their order ("Nedan skriver vi "kommunen" och "alliansen""); no name of its own. */
  listed?: ShortFormItem[]
  /** The legal form stated beside the name ("Läsvännerna i Åsby, ideell förening"), which the text may call it by ("föreningen"). */
  form?: string
}

// Markers after which a party's short form is defined; `readShortForms` reads what follows them, so a
// marker followed by no name-like token ("se nedan.", "Nedan skriver vi …" without a name) defines nothing.
// ", below X" needs its comma: "below" alone is also "the table below".
const DEFINE_KEY = String.raw`(?:nedan|i det följande|härefter|hädanefter|fortsättningsvis|(?:i (?:texten|det här dokumentet|detta dokument|denna överenskommelse)|in this (?:text|agreement|document))\s*:?|hereinafter|hereafter|henceforth|in the following|referred to (?:below )?as|kallad|kallat|kallade|benämnd|benämnt|kallas här|benämns här|called here|called|kallas)`
const DEFINE = u(new RegExp(String.raw`(?:\(\s*)?(?:\b${DEFINE_KEY}\b|[,(]\s*below\b)|\s[–—]\s*(?=[*"“”])`, 'giu'))
/** A parenthesis after a party's name, anywhere in its introduction: `("Livlinan")`, "(BUN)", "(the Club)". */
const PAREN = /\(([^()\n]{1,60})\)/g
const PAREN_IS_DEFINE = u(new RegExp(String.raw`^\s*(?:${DEFINE_KEY})`, 'iu'))
const QUOTE_CHARS = /^[*"“”‘’'_«»]+|[*"“”‘’'_«»]+$/g
const SENTENCE_START = u(
  /^(?:denna|detta|den|det|de|this|these|the|parter\w*|parties|överenskommelsen|avtalet|agreement|iop|partnerskapet|partnership|vi|we|om|if|när|when|enligt|under|in|i|sedan|since)\b/iu,
)

const PUBLIC_FORM = u(
  /\b(?:kommun|kommunen|stad|staden|region|regionen|landsting\w*|länsstyrelse\w*|myndighet\w*|municipality|city|county|council|authority|arbetsförmedlingen|försäkringskassan|polis\w*|kommunalförbund\w*|samordningsförbund\w*|\w*nämnd(?:en)?|\w*förvaltning(?:en)?|committee)\b/i,
)
const IDEA_FORM = u(
  /\b(?:ideell förening|ideella föreningen|idéburen|idéburna|stiftelse\w*|foundation|trossamfund|religious community|församling\w*|congregation|parish|non-profit|nonprofit|charity|voluntary organi[sz]ation|ngo|non-governmental|civil society organi[sz]ation|association|förening\w*|\w*förbund(?:et)?|\w*allians(?:en)?|\w+förening(?:en)?|\w*jour(?:en)?|stadsmission\w*|frivilligcentral\w*|kfum|kfuk|rfsl|röda korset|rädda barnen|frälsningsarmén|svenska kyrkan)\b/i,
)
const COMPANY_FORM = u(/\b(?:ab|aktiebolag\w*|handelsbolag\w*|ltd|limited|inc|gmbh|company|företag\w*)\b|\binte ansökt om registrering\b|\bnot registered\b/i)
// A Swedish organisation number is six digits, a dash and four ("802xxx-xxxx" while still blank).
const ORG_NR = u(/\b(?:org\.? ?(?:nr|no)\.?|organisationsnummer|organisation number|corporate id|corp\. id|reg\. no)|\b\d{3}[\dx]{3}-[\dx]{4}\b/i)
/** Leading numbering and list markers that are not part of a name. */
const LEADING = u(/^\s*(?:§\s*)?(?:\d+(?:\.\d+)*[.)]?|[a-h][.)]|\(?[ivx]+[.)]|[-–•*])\s+/iu)
const INTRO_WORDS = u(
  /^(?:(?:parter|parterna|parties|the parties|vi|we)\s?[:,]|parter(?:na)?(?: i (?:överenskommelsen|avtalet))? är|överenskommelsen ingås mellan|denna överenskommelse ingås mellan|this agreement is (?:entered into|made|concluded|signed) (?:by|between)|the parties are|vi är|we are|mellan|between|och|and|samt)\s+(?:\([a-h1-9ivx]{1,4}\)\s+)?/iu,
)
const NAME_STOP = u(
  /,|;|:|\s\(|\s(?:genom|acting through|through|represented by|företräds|som företräds|org\.|org\.nr|org\. no|ideell förening|a non-profit|a foundation|a registered|registrerat|hereinafter|nedan|i texten|in this text|kallad)\b/iu,
)
const CAP_RUN = u(/(?:^|[\s(])([A-ZÅÄÖÉ][\p{L}\d&’'-]*(?:\s(?:[A-ZÅÄÖÉ][\p{L}\d&’'-]*|i|för|och|inom|på|of|for|and|the|vänner|kommun|stad|stadsmission|församling|förening|AB)){0,6})/u)

function typeOf(text: string): PartyType {
  // A company is never idea-driven, whatever else the text says about its social aims.
  if (COMPANY_FORM.test(text) && !IDEA_FORM.test(text.replace(/\b(?:social\w*|arbetsintegrerande)\b/gi, ''))) return 'unknown'
  if (COMPANY_FORM.test(text)) return 'unknown'
  const pub = PUBLIC_FORM.exec(text)
  const idea = IDEA_FORM.exec(text)
  if (pub && idea) return pub.index <= idea.index ? 'public' : 'idea'
  if (pub) return 'public'
  if (idea) return 'idea'
  return 'unknown'
}

function cleanName(s: string): string {
  return s
    .replace(/[*_“”"«»]/g, '')
    .replace(LEADING, '')
    .replace(INTRO_WORDS, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** "föreningen Spelfritt Västerå": the legal-form noun before a name is not part of it. */
const LEADING_FORM_NOUN = u(/^(?:föreningen|stiftelsen|församlingen|organisationen|the association|the foundation|the charity|the organi[sz]ation|the parish)\s+(?=[A-ZÅÄÖÉ])/u)

function nameBefore(segment: string): string | null {
  let s = cleanName(segment.replace(/^[\s,;.)]*(?:(?:och|and|samt|as well as)\s+)?/iu, ''))
    .replace(/^(?:the|den|det)\s+(?=[A-ZÅÄÖÉ])/u, '')
    .replace(LEADING_FORM_NOUN, '')
  if (!/^[A-ZÅÄÖÉ\d]/u.test(s) || SENTENCE_START.test(s)) {
    // Prose: the name follows the last "mellan", "för", "between", "och" before the definition.
    const at = Math.max(...[...s.matchAll(/\s(?:mellan|between|för|for|och|and|samt)\s(?=[A-ZÅÄÖÉ])/gu)].map((m) => m.index! + m[0].length), -1)
    if (at < 0) {
      const found = orgNames(segment)
      return found.length ? found[found.length - 1]!.name : null
    }
    s = s.slice(at)
  }
  const stop = NAME_STOP.exec(s)
  if (stop) s = s.slice(0, stop.index)
  s = s.trim()
  if (s.length >= 3 && /^[A-ZÅÄÖÉ\d]/u.test(s) && s.split(' ').length <= 8) return s
  const found = orgNames(segment)
  if (found.length) return found[found.length - 1]!.name
  const cap = CAP_RUN.exec(s)
  return cap && cap[1]!.length >= 3 ? cap[1]!.trim() : null
}

function aliasOf(raw: string): string {
  return normalize(raw.replace(/[*_“”"«»‘’']/g, ''))
    .replace(/[.,;:]+$/, '')
    .trim()
}

/** Short forms in parentheses after a party's name, wherever they stand in its introduction. */
function parenShortForms(after: string, name: string): string[] {
  const out: string[] = []
  const re = new RegExp(PAREN.source, 'g')
  for (let m = re.exec(after); m; m = re.exec(after)) {
    const body = m[1]!.trim()
    // "(nedan kallad …)" is read as a definition; "(org.nr …)", "(802xxx-xxxx)" name no one.
    if (PAREN_IS_DEFINE.test(body) || ORG_NR.test(body) || /\d/.test(body)) continue
    const quoted = /^(?:(?:the|den|det) )?[*"“”‘’'_«»]/.test(body) && /[*"“”‘’'_«»]$/.test(body)
    // `(the "Municipality")`: the article may stand outside the quotes.
    const text = body.replace(QUOTE_CHARS, '').replace(/[*"“”_«»]/g, '')
    if (isShortForm(text, quoted, normalize(name))) out.push(aliasOf(text))
  }
  return out
}

/** A legal form that the text may later use as a party's generic name ("föreningen", "the foundation"). */
// Lower case only: a capitalised "Föreningen Matbanken" opens the next party's name, it is no form.
const LEGAL_FORM = u(/\b(?:förening|föreningen|association|stiftelse|stiftelsen|foundation|församling|parish|congregation|klubb|club)\b/)

/** The legal form stated in the clause right after a name that does not itself say it. */
function formBeside(name: string, after: string): string | undefined {
  if (LEGAL_FORM.test(name.toLowerCase()) || PUBLIC_FORM.test(name)) return undefined
  const clause = after.slice(0, 200).split(/[.;]/)[0] ?? ''
  return LEGAL_FORM.exec(clause)?.[0].toLowerCase()
}

/** The party type its name says ("Stiftelsen …", "… kommun"), else the legal form stated next to it. */
function typeNear(name: string, after: string): PartyType {
  const own = typeOf(name)
  return own !== 'unknown' || COMPANY_FORM.test(name) ? own : typeOf(after)
}

/** What an introduction has besides the name: a bracket, the body acting for it, a legal form. */
// A parish "som hör till Svenska kyrkan" / "part of the Church of Sweden" is introduced by the body it belongs to.
const INTRO_SIGN = u(
  /\(|\b(?:genom|through|ideell|idéburen|non-profit|stiftelse|foundation|association|trossamfund|registered|registrerad|registrerat|aktiebolag|AB|som hör till|som tillhör|tillhör|part of|belonging to|belongs to)\b/i,
)

/** A sentence that opens with an organisation's name (after numbering, "Mellan", "Vi är" …). */
function opensWithName(text: string): boolean {
  const head = cleanName(text).replace(/^(?:the|den|det)\s+/i, '')
  return orgNames(head.slice(0, 300)).some((o) => head.startsWith(o.name))
}

/**
 * Party introductions in one piece of raw text (a list item, table cell, clause or paragraph), each read
 * as a unit: the name that opens it, the legal form next to that name, and the short forms it defines
 * anywhere in it (after a marker, in quotes or brackets). A text with definition markers yields one party
 * per marker; a text without one yields parties only when it reads as an introduction (org.nr, a bold
 * name, a party-table row, or in the parties section a sentence that opens with an organisation's name).
 * A list of short forms for parties introduced before ("Nedan "kommunen" respektive "stiftelsen"") is
 * returned as an entry with `listed` and no name; `resolveListed` hands them out.
 */
export function partyIntros(raw: string, opts: { tableRow?: boolean; inScope?: boolean } = {}): PartyIntro[] {
  const out: PartyIntro[] = []
  const introduce = (segment: string, given: readonly ShortFormItem[], extra = '') => {
    const name = nameBefore(segment)
    if (!name || /^(?:part|party|parter|parties|totalt|summa|total)$/i.test(name)) return
    const at = segment.indexOf(name)
    const after = at >= 0 ? segment.slice(at + name.length) : segment
    const own = normalize(name)
    const aliases = [...given.filter((g) => isShortForm(g.text, g.quoted, own)).map((g) => aliasOf(g.text)), ...parenShortForms(after, name)]
    const form = formBeside(name, after)
    out.push({ name, aliases: [...new Set(aliases)].filter((a) => a.length >= 2), type: typeNear(name, after + ' ' + extra), company: COMPANY_FORM.test(segment), ...(form ? { form } : {}) })
  }
  const define = new RegExp(DEFINE.source, DEFINE.flags)
  const context = normalize(raw)
  let from = 0
  for (let m = define.exec(raw); m; m = define.exec(raw)) {
    const read = readShortForms(raw, m.index + m[0].length)
    // Checked against the whole text for now; each party's own name is checked when it is known.
    const items = read.items.filter((i) => isShortForm(i.text, i.quoted, context))
    if (!items.length) continue
    const pieces = splitParties(raw.slice(from, m.index))
    const extra = items.map((i) => i.text).join(' ')
    if (read.list) {
      for (const piece of pieces) introduce(piece, [])
      out.push({ name: '', aliases: [], type: 'unknown', listed: items })
    } else pieces.forEach((piece, i) => introduce(piece, i === pieces.length - 1 ? items : [], i === pieces.length - 1 ? extra : ''))
    from = read.end
    define.lastIndex = Math.max(define.lastIndex, read.end)
  }
  if (out.length) {
    // A trailing clause after the last marker may still describe the last party's form ("…, ideell förening").
    const last = out[out.length - 1]!
    if (last.type === 'unknown' && !last.listed) last.type = typeOf(raw.slice(from).split(/[.;]/)[0] ?? '')
    return out
  }
  // "corp. ID 212000-xxxx", "org. nr", "reg. no": an abbreviation's point ends no sentence.
  const first = raw.split(/(?<=[.;])(?<!\b(?:corp|org|reg|nr|no|ca|approx)\.)\s(?=[A-ZÅÄÖÉ])/iu)[0] ?? raw
  if (opts.tableRow) introduce(first, [])
  else if (ORG_NR.test(first) || /^\s*(?:[-–•*]|\d+(?:\.\d+)*[.)]?|[a-h][.)])?\s*\*\*/.test(raw) || (opts.inScope && INTRO_SIGN.test(first) && opensWithName(first)))
    for (const piece of splitParties(first)) introduce(piece, [])
  return out
}

/**
 * A definitions clause names the short form first and the party after it: `"the Municipality" means
 * Sandvikshamn Municipality; "the Club" means …`, `"Kommunen" avser Rosviks kommun`, `Med "föreningen"
 * avses Läsvännerna i Åsby`. Each definition is read within its own piece (split at ';' and sentence
 * ends), so the bounded term and the fixed verb keep the pattern linear.
 */
const TERM_FIRST = u(/(?:^|\s)(?:med\s+|by\s+)?[*"“”«»]([^*"“”«»\n]{2,60})[*"“”«»]\s(?:means|shall mean|refers to|avser|avses|betyder|menas|är)\s(?!(?:that|att|när|when)\b)(.{3,200})$/iu)
/** Words of which a definition clause holds one; blocks without them are not read for definitions. */
export const DEFINES_TERM = u(/\b(?:means|mean|refers|avser|avses|betyder|menas)\b/i)

export function termDefinitions(raw: string): PartyIntro[] {
  if (!DEFINES_TERM.test(raw)) return []
  const out: PartyIntro[] = []
  for (const piece of raw.split(/;|\.\s|\n/)) {
    if (piece.length > 400) continue
    const m = TERM_FIRST.exec(piece.trim())
    if (!m) continue
    const rest = m[2]!.replace(/^(?:the|den|det)\s+(?=[A-ZÅÄÖÉ])/u, '').trim()
    if (!/^[A-ZÅÄÖÉ]/u.test(rest)) continue
    const name = nameBefore(rest)
    if (!name) continue
    const term = m[1]!.trim()
    const after = rest.slice(rest.indexOf(name) + name.length)
    const aliases = isShortForm(term, true, normalize(name)) ? [aliasOf(term)] : []
    const form = formBeside(name, after)
    out.push({ name, aliases, type: typeNear(name, after), company: COMPANY_FORM.test(rest), ...(form ? { form } : {}) })
  }
  return out
}

/** A party table's column of short forms ("Kortnamn", "Benämns nedan", "Short name", "Referred to as"). */
const SHORT_COLUMN = u(/\b(?:kortnamn|kortform|förkortning|benämn\w*|kallas|kallad|short (?:name|form)|abbreviation|referred to as|hereinafter)/i)

/** The short form a party-table row gives its party in a short-form column, if the table has one. */
export function shortFormCell(header: readonly string[] | undefined, cells: readonly string[], name: string): string[] {
  const col = header ? header.findIndex((h, i) => i > 0 && SHORT_COLUMN.test(h)) : -1
  const cell = col > 0 ? (cells[col] ?? '').trim() : ''
  const text = cell.replace(/[*"“”‘’_«»]/g, '').trim()
  // Whatever stands in that column is meant as a short form, so it is read as if quoted.
  return text && isShortForm(text, true, normalize(name)) ? [aliasOf(text)] : []
}

/**
 * Hands out the short forms of each `listed` entry to the parties introduced just before it, in order
 * ("kommunen, Nattljus och församlingen" for three parties); a list that does not fit is dropped.
 */
export function resolveListed(intros: readonly PartyIntro[]): PartyIntro[] {
  const out: PartyIntro[] = []
  for (const i of intros) {
    if (!i.listed) {
      out.push({ ...i, aliases: [...i.aliases] })
      continue
    }
    const targets: PartyIntro[] = []
    const keys = new Set<string>()
    for (let j = out.length - 1; j >= 0 && targets.length < i.listed.length; j--) {
      const key = partyKeyOf(out[j]!.name)
      if (keys.has(key)) continue
      keys.add(key)
      targets.unshift(out[j]!)
    }
    if (targets.length !== i.listed.length) continue
    targets.forEach((t, k) => {
      const item = i.listed![k]!
      if (isShortForm(item.text, item.quoted, normalize(t.name))) t.aliases.push(aliasOf(item.text))
    })
  }
  return out
}

// "och"/"and" before a capitalised name (or "the Brännholm …", "(ii) Ekby …"), or a comma before one.
// "och föreningen Spelfritt Västerå", "and the foundation Livlinan": a legal-form noun may stand before the name.
const FORM_NOUN = '(?:föreningen|stiftelsen|församlingen|organisationen|the association|the foundation|the charity|the organi[sz]ation|the parish) '
const PARTY_JOIN = String.raw`(,\s*|\s)(?:och|and|samt|as well as)\s+(?=(?:\([a-h1-9ivx]{1,4}\) )?(?:the |den |det |${FORM_NOUN})?[*"“]*[A-ZÅÄÖÉ])|,\s+(?=[*"“]*[A-ZÅÄÖÉ])`
const ACRONYM_HEAD = /^([A-ZÅÄÖ]{3,6})(?![\p{L}\d])/u
/** Whether `next` opens with an acronym of the name that `before` ends with (its last two to five words). */
function acronymAfter(before: string, next: string): boolean {
  const head = ACRONYM_HEAD.exec(next)
  if (!head) return false
  const words = before.trim().split(/\s+/).slice(-5)
  const acronym = head[1]!.toLowerCase()
  for (let k = 2; k <= words.length; k++) if (acronymsOf(words.slice(-k).join(' ')).includes(acronym)) return true
  return false
}
const PARISH = u(/\b(?:\w*församling\w*|pastorat\w*|parish|congregation)\b/i)
const DENOMINATION = u(/^(?:the )?(?:svenska kyrkan|church of sweden|[\p{L}-]*kyrkan|[\p{L}-]+ (?:church|diocese)|\w* ?stift)\b/iu)
const UNIT_NAME = u(/\b(?:\w*nämnd\w*|\w*förvaltning\w*|committee|board|department|administration)\b/i)

/**
 * Pieces of a sentence that introduces several parties, split at "och"/"and" before a capitalised name
 * and at a comma before an organisation's name ("mellan A, org.nr …, genom nämnden, B, ideell förening,
 * och C"). Without a comma before it, an "and" inside a "genom …"/"acting through …" clause is part of a
 * committee's name ("the Labour Market and Integration Committee"), not a new party, unless what follows
 * has an org.nr or legal form of its own ("genom fritidsnämnden och Fjällgrunds Idrottsallians (org.nr …)").
 */
function splitParties(segment: string): string[] {
  const pieces: string[] = []
  const re = u(new RegExp(PARTY_JOIN, 'gu'))
  let from = 0
  // Bracket depth counted as the scan moves on, so a long run of joins stays linear.
  let depth = 0
  let counted = 0
  for (let m = re.exec(segment); m; m = re.exec(segment)) {
    for (; counted < m.index; counted++) {
      const c = segment.charCodeAt(counted)
      if (c === 40) depth++
      else if (c === 41 && depth > 0) depth--
    }
    if (depth > 0) continue
    const before = segment.slice(from, m.index)
    const next = segment.slice(m.index + m[0].length, m.index + m[0].length + 300).split(/,?\s(?:och|and|samt)\s/)[0]!
    if (m[1] === undefined) {
      // A comma before a capital is a new party only when an organisation's name opens what follows.
      if (!opensWithName(next) || UNIT_NAME.test(next.split(/[,(]/)[0]!)) continue
      // "Ödeby församling, Svenska kyrkan, org.nr …": the church a parish belongs to, not a party of its own.
      if (PARISH.test(before.slice(before.lastIndexOf(',') + 1)) && DENOMINATION.test(next)) continue
      // "Föreningen Läxhjälpen Kronan, FLK, org.nr …": the name's own acronym in apposition.
      if (acronymAfter(before, next)) continue
    } else if (!m[1].includes(',') && /(?:genom|through|acting|via|inom|within)\s/iu.test(before.slice(before.lastIndexOf(',') + 1))) {
      const own = ORG_NR.test(next) || (IDEA_FORM.test(next) && !UNIT_NAME.test(next))
      if (!own) continue
    }
    pieces.push(before)
    from = m.index + m[0].length
  }
  pieces.push(segment.slice(from))
  return pieces.filter((p) => p.trim().length > 0)
}

const TYPE_WORDS = u(
  /\b(?:kommuns?|kommunen|stads?|staden|regionen|region|föreningen|förening|stiftelsen|stiftelse|församling|ideell|ideella|the|municipality|city|county|council|of|association|foundation|society|trust|charity|church|parish|club|ekonomisk|landsting|läns?|i|inom|ab|svenska kyrkan)\b/g,
)
const GENERIC: [RegExp, string[]][] = [
  [/kommun|municipality/, ['kommunen', 'the municipality']],
  [u(/\bstad\b|\bcity\b/), ['staden', 'the city']],
  [/region|landsting/, ['regionen', 'the region']],
  [/förening|association/, ['föreningen', 'the association']],
  [/stiftelse|foundation/, ['stiftelsen', 'the foundation']],
  [/jour/, ['jouren']],
  [/församling|parish|congregation/, ['församlingen', 'the parish', 'the congregation']],
  [/club|klubb/, ['klubben', 'the club']],
  // The head of a compound name ("Idrottsallians", "Pensionärsförbund") is what the text calls it.
  [/allians\b|alliance/, ['alliansen', 'the alliance']],
  [/förbund\b|federation/, ['förbundet', 'the federation']],
  [/sällskap\b|society/, ['sällskapet', 'the society']],
  [/nätverk\b|network/, ['nätverket', 'the network']],
]
const TYPE_ALIASES: Record<PartyType, string[]> = {
  public: ['den offentliga parten', 'the public party', 'the public partner', 'the council'],
  idea: ['den idéburna parten', 'the idea-driven party', 'the non-profit party', 'the non-profit partner', 'the charity'],
  unknown: [],
}

export function partyKeyOf(name: string): string {
  return normalize(name.replace(/[*_“”"]/g, ''))
    .replace(/^(?:the|den|det)\s/, '')
    .replace(/\b(kommun|stad|region|förening|stiftelse|församling)s\b/, '$1')
}

const MAX_PARTIES = 50

/**
 * Merges introductions and registered parties into parties with aliases. A generic alias
 * ("föreningen", "the municipality") is kept only when one party can carry it.
 */
export function partiesFrom(intros: readonly PartyIntro[], registered: readonly RegisteredParty[] = [], acronyms: ReadonlySet<string> = new Set()): Party[] {
  type Draft = { name: string; key: string; type: PartyType; own: Set<string>; registered: boolean; company: boolean; forms: Set<string> }
  const list: Draft[] = []
  const sameAs = (d: Draft, key: string, aliases: readonly string[]): boolean => {
    if (d.key === key || d.own.has(key) || aliases.some((a) => d.own.has(a) && a.length >= 4 && !isGeneric(a))) return true
    const dw = distinctive(d.key)
    const kw = distinctive(key)
    // "Stiftelsen Tallmora stadsmission" and "Tallmora stadsmission"; "Höglunda Municipality" and "Höglunda kommun".
    return dw.length >= 4 && dw === kw && typeClass(d.key) === typeClass(key)
  }
  const add = (name: string, type: PartyType, aliases: readonly string[], reg: boolean, company = false, form?: string) => {
    const key = partyKeyOf(name)
    if (!key) return
    const found = list.find((d) => sameAs(d, key, aliases))
    // No agreement has more parties than this; a text naming thousands must not make matching quadratic.
    if (!found && list.length >= MAX_PARTIES) return
    if (found) {
      for (const a of aliases) found.own.add(a)
      if (!reg) found.own.add(key)
      if (found.type === 'unknown' && !found.registered) found.type = type
      if (company) found.company = true
      if (form) found.forms.add(form)
      return
    }
    // "Tallmora församling inom Svenska kyrkan" signs as "Tallmora församling".
    const head = key.split(/ (?:inom|within|part of|,)/)[0]!
    list.push({ name: name.trim(), key, type, own: new Set([key, ...(head !== key && head.length >= 6 ? [head] : []), ...aliases]), registered: reg, company, forms: new Set(form ? [form] : []) })
  }
  // The API calls idea-driven parties 'idea_driven'; the validator 'idea'.
  for (const r of registered) add(r.name, r.type === 'public' ? 'public' : r.type === 'idea' || r.type === 'idea_driven' ? 'idea' : 'unknown', [], true)
  for (const i of intros) {
    // With registered parties, the text only adds short forms to them, never new parties.
    if (registered.length && !list.some((d) => sameAs(d, partyKeyOf(i.name), i.aliases))) continue
    add(i.name, i.type, i.aliases, false, i.company ?? false, i.form)
  }
  const genericFor = list.map((d) => {
    const g: string[] = []
    const named = d.forms.size ? `${d.key} ${[...d.forms].join(' ')}` : d.key
    for (const [re, aliases] of GENERIC) if (re.test(named)) g.push(...aliases)
    g.push(...TYPE_ALIASES[d.type])
    return g
  })
  const counts = new Map<string, number>()
  for (const g of genericFor) for (const a of new Set(g)) counts.set(a, (counts.get(a) ?? 0) + 1)
  // A short form defined for one party ("föreningen") beats the generic reading for another.
  const defined = new Set(list.flatMap((d) => [...d.own]))
  // A place name ("Tallmora") is what a public party's name is minus "kommun": never a short form of another party.
  const places = new Set(list.filter((d) => d.type === 'public').map((d) => distinctive(d.key).replace(/s$/, '')))
  return list.map((d, i) => {
    const own = [...d.own]
    const dw = distinctive(d.key)
    if (dw.length >= 4 && d.type !== 'public' && !defined.has(dw) && !places.has(dw.replace(/s$/, ''))) own.push(dw)
    // "Northfield Food Bank" is "the food bank" further on: the name without its leading place name.
    const words = d.key.split(' ')
    if (d.type !== 'public' && words.length >= 2 && places.has(words[0]!.replace(/s$/, ''))) {
      const tail = words.slice(1).join(' ')
      if (tail.length >= 4 && !defined.has(tail) && !isGeneric(tail)) own.push(tail, 'the ' + tail)
    }
    // "SeniorNet Skärsund" is "SeniorNet", "Stiftelsen Livlinan Västerskog" is "Livlinan": the name's own
    // word without its legal form and its trailing place name.
    const dwords = dw.split(' ')
    if (d.type !== 'public' && dwords.length >= 2 && places.has(dwords[dwords.length - 1]!.replace(/s$/, ''))) {
      const head = dwords.slice(0, -1).join(' ')
      if (head.length >= 4 && !defined.has(head) && !isGeneric(head) && !places.has(head.replace(/s$/, ''))) own.push(head)
    }
    // "Moské- och kulturförening" is "Moské- och kulturföreningen", "moskéföreningen" and "kulturföreningen" further on.
    for (const a of [...own]) own.push(...definiteForms(a).filter((f) => !defined.has(f) && !isGeneric(f)))
    // An acronym of the name that the text writes in capitals ("SFE") is that party, unless it could be another's.
    for (const a of acronymsOf(d.name)) if (acronyms.has(a) && !defined.has(a) && !list.some((o) => o !== d && acronymsOf(o.name).includes(a))) own.push(a)
    const generic = genericFor[i]!.filter((g) => counts.get(g) === 1 && (!defined.has(g) || d.own.has(g)))
    const aliases = [...new Set([...own, ...generic])].filter((a) => a.length >= 2).sort((a, b) => b.length - a.length)
    const bare = aliases.map((a) => a.replace(/^(?:the|den|det) /, '')).filter((a) => a.length >= 3)
    const all = [...new Set([...aliases, ...bare.filter((b) => !isGeneric(b) || aliases.includes(b))])]
    return {
      name: d.name,
      key: d.key,
      type: d.type,
      company: d.company,
      aliases: all,
      mention: mentionOf(all),
    }
  })
}

/** The definite form of each head noun a name may end with ("…förening" → "…föreningen"). */
const HEAD_DEFINITE: [string, string][] = [
  ['förening', 'föreningen'],
  ['förbund', 'förbundet'],
  ['allians', 'alliansen'],
  ['klubb', 'klubben'],
  ['stiftelse', 'stiftelsen'],
  ['församling', 'församlingen'],
  ['sällskap', 'sällskapet'],
  ['nätverk', 'nätverket'],
  ['jour', 'jouren'],
]
const COORDINATED = u(/^(?:\S+ )?([\p{L}]{3,30})- (?:och|and) ([\p{L}]{3,40})$/u)

/**
 * A Swedish name ending in a compound with an organisation's head noun is written in its definite form
 * further on ("Moské- och kulturförening" → "moské- och kulturföreningen"); a coordinated compound also
 * by each of its parts ("moskéföreningen", "kulturföreningen").
 */
function definiteForms(alias: string): string[] {
  if (alias.length < 8 || alias.length > 80) return []
  const pair = HEAD_DEFINITE.find(([head]) => alias.endsWith(head) && alias.length > head.length)
  if (!pair) return []
  const [head, definite] = pair
  const out = [alias.slice(0, -head.length) + definite]
  const m = COORDINATED.exec(alias)
  if (m) {
    const first = m[1]!
    const second = m[2]!
    if (second.endsWith(head) && second.length > head.length + 2) out.push(first + head, first + definite, second.slice(0, -head.length) + definite, out[0]!.replace(/^\S+ (?=\S+- )/u, ''))
  }
  return out.filter((f) => f.length >= 6)
}

/** Matches any of a party's aliases as whole words, with a genitive or definite ending. */
export function mentionOf(aliases: readonly string[]): RegExp {
  return new RegExp(`(?<!${WORD_CHAR})(?:${aliases.map(escapeRe).join('|')})(?:s|n|ns|:s|'s|’s)?(?!${WORD_CHAR})`)
}

function distinctive(key: string): string {
  return key.replace(TYPE_WORDS, ' ').replace(/\s+/g, ' ').trim()
}

function typeClass(key: string): string {
  return PUBLIC_FORM.test(key) ? 'public' : 'other'
}

function isGeneric(a: string): boolean {
  return /^(?:the )?(?:kommunen|municipality|staden|city|regionen|region|föreningen|association|stiftelsen|foundation|jouren|församlingen|parish|congregation|klubben|club|parterna|parties|council|charity)$/.test(
    a,
  )
}
