import { escapeRe, normalize, u, WORD_CHAR } from './text.ts'
import { orgNames, type Party, type PartyType } from './parties.ts'

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
}

// Markers that define a short form for the name before them. Each is a bounded pattern (no nested
// quantifiers over overlapping classes), so user text cannot make it backtrack.
// A short form is either quoted or italicised ("*Stadsmissionen*", “the Club”) or one bare word
// (optionally with an article): "nedan kommunen", "hereinafter the Region".
const ALIAS = String.raw`(?:[*"“”‘’'_«»]+([^*"“”‘’_«»\n]{1,40}?)[*"“”‘’'_«»]+|((?:the |den |det )?[\p{L}\d][\p{L}\d&.-]*))`
const DEFINE_KEY = String.raw`(?:nedan(?: gemensamt)?(?: kallad| kallat| benämnd| benämnt| även)?|i det följande(?: kallad| benämnd)?|härefter(?: kallad)?|(?:i (?:texten|det här dokumentet|detta dokument)|in this (?:text|agreement|document))\s*:?|hereinafter(?: referred to as| called)?|kallad|benämnd|referred to (?:below )?as)`
const DEFINE = u(new RegExp(String.raw`(?:\(\s*)?(?:${DEFINE_KEY}\s*${ALIAS}(?:\s*(?:eller|or)\s*${ALIAS})?|\s[–—]\s*[*"“”]+([^*"“”\n]{1,40}?)[*"“”]+)`, 'giu'))
/** "(the Club)", "(Kustby kommun)", "(“Föreningen”)": a parenthesis right after the name. */
const PAREN_ALIAS = u(/^\s*\(\s*[*"“'‘]*((?:the |den |det )?[\p{L}\d][\p{L}\d&.’'-]*(?: [\p{L}\d][\p{L}\d&.’'-]*){0,3})[*"”'’]*\s*\)/iu)
const PAREN_IS_DEFINE = u(new RegExp(String.raw`^\s*\(\s*${DEFINE_KEY}`, 'iu'))
const SENTENCE_START = u(
  /^(?:denna|detta|den|det|de|this|these|the|parter\w*|parties|överenskommelsen|avtalet|agreement|iop|partnerskapet|partnership|vi|we|om|if|när|when|enligt|under|in|i|sedan|since)\b/iu,
)

const PUBLIC_FORM = u(
  /\b(?:kommun|kommunen|stad|staden|region|regionen|landsting\w*|länsstyrelse\w*|myndighet\w*|municipality|city|county|council|authority|arbetsförmedlingen|försäkringskassan|polis\w*)\b/i,
)
const IDEA_FORM = u(
  /\b(?:ideell förening|ideella föreningen|idéburen|idéburna|stiftelse\w*|foundation|trossamfund|religious community|församling\w*|congregation|parish|non-profit|nonprofit|charity|voluntary organi[sz]ation|association|förening\w*|\w+föreningen|\w*jour(?:en)?|stadsmission\w*|frivilligcentral\w*|kfum|kfuk|rfsl|röda korset|rädda barnen|frälsningsarmén|svenska kyrkan)\b/i,
)
const COMPANY_FORM = u(/\b(?:ab|aktiebolag\w*|handelsbolag\w*|ltd|limited|inc|gmbh|company|företag\w*)\b|\binte ansökt om registrering\b|\bnot registered\b/i)
const ORG_NR = u(/\b(?:org\.? ?(?:nr|no)\.?|organisationsnummer|organisation number|corporate id)/i)
/** Leading numbering and list markers that are not part of a name. */
const LEADING = u(/^\s*(?:§\s*)?(?:\d+(?:\.\d+)*[.)]?|[a-h][.)]|[ivx]+[.)]|[-–•*])\s+/iu)
const INTRO_WORDS = u(
  /^(?:parter(?:na)?(?: i (?:överenskommelsen|avtalet))? är|överenskommelsen ingås mellan|denna överenskommelse ingås mellan|this agreement is (?:entered into|made) (?:by|between)|the parties are|mellan|between|och|and|samt)\s+/iu,
)
const NAME_STOP = u(
  /,|;|:|\s\((?!\s*(?:the|den|det)\b)|\s(?:genom|acting through|through|represented by|företräds|som företräds|org\.|org\.nr|org\. no|ideell förening|a non-profit|a foundation|a registered|registrerat|hereinafter|nedan|i texten|in this text|kallad)\b/iu,
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

function nameBefore(segment: string): string | null {
  let s = cleanName(segment.replace(/^[\s,;.)]*(?:(?:och|and|samt|as well as)\s+)?/iu, ''))
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

/**
 * Party introductions in one piece of raw text (a list item, table cell, clause or paragraph). A text
 * with definition markers yields one party per marker; a text without one yields a party only when it
 * reads as an introduction (org.nr, legal form right after the name, or a party-table row).
 */
export function partyIntros(raw: string, opts: { tableRow?: boolean } = {}): PartyIntro[] {
  const out: PartyIntro[] = []
  const introduce = (segment: string, aliases: string[], extra = '') => {
    const name = nameBefore(segment)
    if (!name || /^(?:part|party|parter|parties|totalt|summa|total)$/i.test(name)) return
    const after = segment.slice(segment.indexOf(name) + name.length)
    const paren = PAREN_IS_DEFINE.test(after) ? null : PAREN_ALIAS.exec(after)
    const all = paren && !ORG_NR.test(paren[1]!) && !/\d/.test(paren[1]!) ? [...aliases, aliasOf(paren[1]!)] : aliases
    out.push({ name, aliases: all, type: typeOf(segment + ' ' + extra), company: COMPANY_FORM.test(segment) })
  }
  DEFINE.lastIndex = 0
  let from = 0
  for (let m = DEFINE.exec(raw); m; m = DEFINE.exec(raw)) {
    const aliases = [m[1], m[2], m[3], m[4], m[5]]
      .filter((x): x is string => !!x)
      .map(aliasOf)
      .filter((a) => a.length >= 2)
    // "mellan X, genom nämnden, och Y, ideell förening (nedan föreningen)": the short form is Y's.
    const pieces = splitParties(raw.slice(from, m.index))
    pieces.forEach((piece, i) => introduce(piece, i === pieces.length - 1 ? aliases : [], i === pieces.length - 1 ? m![0] : ''))
    from = m.index + m[0].length
  }
  if (out.length) {
    // A trailing clause after the last marker may still describe the last party's form ("…, ideell förening").
    const last = out[out.length - 1]!
    if (last.type === 'unknown') last.type = typeOf(raw.slice(from).split(/[.;]/)[0] ?? '')
    return out
  }
  const first = raw.split(/(?<=[.;])\s/)[0] ?? raw
  if (opts.tableRow) introduce(first, [])
  else if (ORG_NR.test(first) || /^\s*(?:[-–•*]|\d+(?:\.\d+)*[.)]?|[a-h][.)])?\s*\*\*/.test(raw)) for (const piece of splitParties(first)) introduce(piece, [])
  return out
}

/**
 * Pieces of a sentence that introduces several parties, split at "och"/"and" before a capitalised
 * name. Without a comma before it, an "and" inside a "genom …"/"acting through …" clause is part of a
 * committee's name ("the Labour Market and Integration Committee"), not a new party.
 */
function splitParties(segment: string): string[] {
  const pieces: string[] = []
  const re = /(,\s*|\s)(?:och|and|samt|as well as)\s+(?=[*"“]*[A-ZÅÄÖÉ])/gu
  let from = 0
  for (let m = re.exec(segment); m; m = re.exec(segment)) {
    const before = segment.slice(from, m.index)
    const lastClause = before.slice(before.lastIndexOf(',') + 1)
    const depth = (before.match(/\(/g) ?? []).length - (before.match(/\)/g) ?? []).length
    if (depth > 0) continue
    if (!m[1]!.includes(',') && /(?:genom|through|acting|via|inom|within)\s/iu.test(lastClause)) continue
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
]
const TYPE_ALIASES: Record<PartyType, string[]> = {
  public: ['den offentliga parten', 'the public party', 'the public partner'],
  idea: ['den idéburna parten', 'the idea-driven party', 'the non-profit party', 'the non-profit partner'],
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
export function partiesFrom(intros: readonly PartyIntro[], registered: readonly RegisteredParty[] = []): Party[] {
  type Draft = { name: string; key: string; type: PartyType; own: Set<string>; registered: boolean; company: boolean }
  const list: Draft[] = []
  const sameAs = (d: Draft, key: string, aliases: readonly string[]): boolean => {
    if (d.key === key || d.own.has(key) || aliases.some((a) => d.own.has(a) && a.length >= 4 && !isGeneric(a))) return true
    const dw = distinctive(d.key)
    const kw = distinctive(key)
    // "Stiftelsen Tallmora stadsmission" and "Tallmora stadsmission"; "Höglunda Municipality" and "Höglunda kommun".
    return dw.length >= 4 && dw === kw && typeClass(d.key) === typeClass(key)
  }
  const add = (name: string, type: PartyType, aliases: readonly string[], reg: boolean, company = false) => {
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
      return
    }
    // "Tallmora församling inom Svenska kyrkan" signs as "Tallmora församling".
    const head = key.split(/ (?:inom|within|part of|,)/)[0]!
    list.push({ name: name.trim(), key, type, own: new Set([key, ...(head !== key && head.length >= 6 ? [head] : []), ...aliases]), registered: reg, company })
  }
  // The API calls idea-driven parties 'idea_driven'; the validator 'idea'.
  for (const r of registered) add(r.name, r.type === 'public' ? 'public' : r.type === 'idea' || r.type === 'idea_driven' ? 'idea' : 'unknown', [], true)
  for (const i of intros) {
    // With registered parties, the text only adds short forms to them, never new parties.
    if (registered.length && !list.some((d) => sameAs(d, partyKeyOf(i.name), i.aliases))) continue
    add(i.name, i.type, i.aliases, false, i.company ?? false)
  }
  const genericFor = list.map((d) => {
    const g: string[] = []
    for (const [re, aliases] of GENERIC) if (re.test(d.key)) g.push(...aliases)
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
      mention: new RegExp(`(?<!${WORD_CHAR})(?:${all.map(escapeRe).join('|')})(?:s|n|ns|:s|'s|’s)?(?!${WORD_CHAR})`),
    }
  })
}

function distinctive(key: string): string {
  return key.replace(TYPE_WORDS, ' ').replace(/\s+/g, ' ').trim()
}

function typeClass(key: string): string {
  return PUBLIC_FORM.test(key) ? 'public' : 'other'
}

function isGeneric(a: string): boolean {
  return /^(?:the )?(?:kommunen|municipality|staden|city|regionen|region|föreningen|association|stiftelsen|foundation|jouren|församlingen|parish|congregation|klubben|club|parterna|parties)$/.test(a)
}
