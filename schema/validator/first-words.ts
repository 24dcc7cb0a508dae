import { alternatives, closingParen, WORD_CHAR } from './latin.ts'

/**
 * The first words of a pattern compiled by `u()`, as a first-word list for the word index (the syntax of
 * cue-index.ts FIRST_WORDS), or null when they cannot be read off safely. A pattern qualifies when every
 * top-level alternative opens with the Latin word-start assertion `u()` writes for `\b` (so every match
 * begins where a word begins) followed by literal letters: then every match begins at a word that starts
 * with one of the literals read here. Reading stops early wherever unsure, which only makes a literal
 * shorter (a weaker prefilter, never a wrong one):
 * - `word ` or `word-`, `word'`… (a word end written out) gives `word$`, a whole word, and a phrase
 *   `word next` gives `word+next`; a `(?!W)` after the letters is a word end too;
 * - a quantifier drops the letter it applies to; a class, an escape or a group of lookarounds ends the
 *   literal as a prefix (`word`), which needs three letters or the list is given up;
 * - a non-capturing group is read alternative by alternative and each continued after the group, unless
 *   the group is optional.
 */
const WORD_START = `(?<!${WORD_CHAR})`
const WORD_END = `(?!${WORD_CHAR})`
/** Literal characters after a word that end it (escaped or not). */
const ENDS_WORD = new Set(['-', "'", '’', ':', ',', ';', '.', '/', '"', '&', '%', '€'])
/** Give up rather than enumerate a pattern with this many combinations of nested alternatives. */
const MAX_LITERALS = 200

interface Literal {
  text: string
  /** The first word is known to end where the text does. */
  ended: boolean
  /** Read to the end of the range without stopping: what follows the enclosing group continues it. */
  complete: boolean
}

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0)
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x24f)
}

function quantified(src: string, at: number): 'optional' | 'more' | null {
  const q = src[at]
  if (q === '?' || q === '*' || (q === '{' && src[at + 1] === '0')) return 'optional'
  if (q === '+' || q === '{') return 'more'
  return null
}

/** The literals every match of src[from, end) begins with, each after `prefix`; null when too many. */
function read(src: string, from: number, end: number, prefix: string): Literal[] | null {
  let text = prefix
  let p = from
  while (p < end) {
    const c = src[p]!
    if (c === ' ' || isWordChar(c)) {
      const q = quantified(src, p + 1)
      if (q === 'optional') return [{ text, ended: false, complete: false }]
      text += c
      if (q === 'more') return [{ text, ended: false, complete: false }]
      p++
      continue
    }
    if (src.startsWith(WORD_END, p)) return [{ text, ended: true, complete: false }]
    if (src.startsWith('(?:', p)) {
      const close = closingParen(src, p)
      if (close < 0 || close >= end || quantified(src, close + 1)) return [{ text, ended: false, complete: false }]
      const out: Literal[] = []
      for (const [a, b] of alternatives(src, p + 3, close)) {
        const inner = read(src, a, b, text)
        if (inner === null) return null
        for (const lit of inner) {
          const rest = lit.complete ? read(src, close + 1, end, lit.text) : [lit]
          if (rest === null) return null
          out.push(...rest)
        }
        if (out.length > MAX_LITERALS) return null
      }
      return out
    }
    const escaped = c === '\\' ? src[p + 1]! : null
    // An unescaped `.` is any character, not a full stop.
    const punctuation = escaped !== null ? ENDS_WORD.has(escaped) : c !== '.' && ENDS_WORD.has(c)
    // A literal punctuation mark ends the word unless a quantifier makes it optional.
    const ends = punctuation && quantified(src, p + (escaped !== null ? 2 : 1)) !== 'optional'
    return [{ text, ended: ends, complete: false }]
  }
  return [{ text, ended: false, complete: true }]
}

/** One literal as a first-word list item, or null when it cannot gate (too short a prefix). */
function item(lit: Literal): string | null {
  const text = lit.text
  if (!text || !isWordChar(text[0]!)) return null
  const space = text.indexOf(' ')
  if (space >= 0) return text.replaceAll(' ', '+')
  if (lit.ended) return `${text}$`
  return text.length >= 3 ? text : null
}

export function firstWordsOf(re: RegExp): string | null {
  const src = re.source
  const items = new Set<string>()
  for (const [a, b] of alternatives(src, 0, src.length)) {
    let p = a
    if (src.startsWith('\\b', p)) p += 2
    if (!src.startsWith(WORD_START, p)) return null
    const lits = read(src, p + WORD_START.length, b, '')
    if (lits === null) return null
    for (const lit of lits) {
      const one = item(re.flags.includes('i') ? { ...lit, text: lit.text.toLowerCase() } : lit)
      if (one === null) return null
      items.add(one)
    }
  }
  return items.size ? [...items].join(' ') : null
}
