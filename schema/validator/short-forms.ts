import { u } from './text.ts'

/**
 * Short forms that an agreement defines for its parties ("nedan *kommunen*", `("Livlinan")`,
 * "Nedan skriver vi "kommunen" och "alliansen"", "I texten kallas de kommunen, Nattljus och
 * församlingen"). A short form is a name-like token: quoted or italicised, capitalised (a name or an
 * acronym), or a definite noun that is the party's type ("föreningen", "the association") or the head of
 * its own name ("alliansen" for "Idrottsallians"). A verb or a function word after a marker ("Nedan
 * skriver vi …") is never one; that is tested by the token's form, not by a list of every verb.
 */

/** Words that may stand between a definition marker and the short forms it defines. */
const FILLER = new Set([
  'skriver',
  'skrivs',
  'kallas',
  'kallar',
  'kallad',
  'kallat',
  'kallade',
  'benämns',
  'benämnd',
  'benämnt',
  'benämnda',
  'används',
  'använder',
  'gemensamt',
  'vi',
  'de',
  'dem',
  'dessa',
  'som',
  'we',
  'they',
  'them',
  'write',
  'call',
  'called',
  'use',
  'will',
  'be',
  'are',
  'is',
  'referred',
  'to',
  'as',
  'simply',
  'även',
  'also',
])
/** Tokens that are never a party's short form, whatever their form. */
const NOT_SHORT = new Set([
  ...FILLER,
  'och',
  'and',
  'eller',
  'or',
  'samt',
  'respektive',
  'respectively',
  'the',
  'den',
  'det',
  'part',
  'parten',
  'parter',
  'parterna',
  'party',
  'parties',
  'partner',
  'partners',
  'together',
  'tillsammans',
  'each',
  'nedan',
  'below',
  'hereinafter',
  'text',
  'texten',
])
/** Definite nouns that name a party by its type. */
const TYPE_NOUNS = new Set([
  'kommunen',
  'staden',
  'regionen',
  'föreningen',
  'stiftelsen',
  'församlingen',
  'jouren',
  'klubben',
  'alliansen',
  'förbundet',
  'organisationen',
  'samfundet',
  'sällskapet',
  'nätverket',
  'kooperativet',
  'bolaget',
  'nämnden',
  'förvaltningen',
  'municipality',
  'city',
  'council',
  'county',
  'region',
  'association',
  'foundation',
  'charity',
  'society',
  'trust',
  'club',
  'church',
  'parish',
  'congregation',
  'alliance',
  'federation',
  'network',
  'organisation',
  'organization',
  'committee',
  'board',
  'authority',
  'company',
])

const CAPITAL = u(/^[A-ZÅÄÖÉ\d]/)
const DEFINITE_END = /(?:erna|arna|en|et|na|n)$/

/**
 * Whether `raw` (as written, with its capitals) can be a short form of the party whose name (or, before
 * the name is known, whose whole introduction) is `context`, already normalised by the caller.
 */
export function isShortForm(raw: string, quoted: boolean, context = ''): boolean {
  const s = raw
    .trim()
    .replace(/[.,;:]+$/, '')
    .replace(/^(?:the|den|det)\s+/i, '')
  if (s.length < 2 || s.length > 40) return false
  const words = s.split(/\s+/)
  if (words.length > 4) return false
  const lower = s.toLowerCase()
  if (NOT_SHORT.has(lower) || /^\d+$/.test(s)) return false
  if (quoted) return true
  if (CAPITAL.test(s)) return !words.some((w) => FILLER.has(w.toLowerCase()))
  if (words.length !== 1) return false
  if (TYPE_NOUNS.has(lower)) return true
  // "församlingen" for "Lönnby pingstförsamling", "alliansen" for "Fjällgrunds Idrottsallians".
  const stem = lower.replace(DEFINITE_END, '')
  return stem.length >= 4 && stem !== lower && context.includes(stem)
}

export interface ShortFormItem {
  text: string
  quoted: boolean
}

export interface ShortFormList {
  items: ShortFormItem[]
  /** Several short forms for several parties, in the order of the parties ("… och …", "respektive"). */
  list: boolean
  /** Where reading stopped. */
  end: number
}

// Sticky patterns read one token at a time from the marker on: each is bounded, so reading is linear.
const SPACE = /[\s:]*/y
const FILL = u(/([\p{L}]+)\s+/uy)
// `hereinafter the "Municipality"`: an article may stand outside the quotes.
const QUOTED = /(?:(?:the|den|det) )?[*"“”‘’'_«»]+([^*"“”‘’_«»\n]{1,40}?)[*"“”‘’'_«»]+/y
const BARE = u(/((?:the |den |det )?[\p{L}\d][\p{L}\d&’'-]*)/uy)
const SEP = u(/(?:\s*,\s*(?:och |and |samt )?|\s+(och|and|samt|respektive|resp\.|eller|or)\s+)/y)
const RESPECTIVE = /^(?:respektive|resp\.)$/

/**
 * The short forms after a definition marker that ends at `from`: "kallad "X"", "skriver vi "X" och
 * "Y"", "kallas de X, Y och Z", "X eller Y" (two forms of one party). A list for several parties is
 * accepted only when it cannot be a short form followed by the next party's name: all its items quoted,
 * "respektive", or the verb of a list sentence ("skriver vi", "kallas de").
 */
export function readShortForms(text: string, from: number): ShortFormList {
  let at = from
  const step = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = at
    const m = re.exec(text)
    if (m) at = re.lastIndex
    return m
  }
  step(SPACE)
  let fillers = 0
  for (let i = 0; i < 3; i++) {
    FILL.lastIndex = at
    const m = FILL.exec(text)
    if (!m || !FILLER.has(m[1]!.toLowerCase())) break
    at = FILL.lastIndex
    fillers++
  }
  const items: ShortFormItem[] = []
  let alternatives = false
  let respective = false
  const ends: number[] = []
  while (items.length < 8) {
    const q = step(QUOTED)
    const item = q ? { text: q[1]!, quoted: true } : ((b) => (b ? { text: b[1]!, quoted: false } : null))(step(BARE))
    if (!item) break
    items.push(item)
    ends.push(at)
    const sep = step(SEP)
    if (!sep) break
    if (sep[1] === 'eller' || sep[1] === 'or') alternatives = true
    if (sep[1] && RESPECTIVE.test(sep[1])) respective = true
  }
  const last = ends.length ? ends[ends.length - 1]! : at
  // "respectively" after the list ("… "the Municipality" and "the Association" respectively").
  if (/^\s*,?\s*respectively\b/i.test(text.slice(last, last + 20))) respective = true
  const list = items.length >= 2 && !alternatives && (fillers > 0 || respective || items.every((i) => i.quoted))
  // Not a list: only the first token is a short form, and what follows it is read again as text.
  if (list || alternatives) return { items, list, end: last }
  return { items: items.slice(0, 1), list, end: ends[0] ?? at }
}
