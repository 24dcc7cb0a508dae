/**
 * The validator's pattern compiler. Swedish and English text is written in Latin letters, and V8 runs a
 * pattern with `\p{L}` (which needs the `u` flag) several times slower than the same pattern with an
 * explicit Latin range: a `u`-flag lookbehind at the head of a pattern is tried at every position.
 * Patterns are written the natural way and compiled here once, at module load.
 */

// Word characters of the Latin scripts (ASCII, Latin-1, Latin Extended-A/B): Swedish and English text.
// An explicit range rather than \p{L}: property classes need the `u` flag, and V8 runs a `u`-flag
// lookbehind about ten times slower, which dominated the whole validation.
const LETTERS_IN_CLASS = String.raw`A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F`
const LOWER_IN_CLASS = String.raw`a-z\u00DF-\u00F6\u00F8-\u00FF`
const W_IN_CLASS = `0-9_${LETTERS_IN_CLASS}`
const W = `[${W_IN_CLASS}]`
/** A letter or digit, as a class body, for patterns built from strings (party mentions). */
export const WORD_CHAR = W
const BOUNDARY = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`

/**
 * A one-sided assertion where the side is evident (`\b(?:…` starts a word, `…)\b` ends one): a full
 * two-sided boundary at the head of a pattern stops V8 from scanning quickly for the first character
 * and made the validator several times slower.
 */
function boundaryAt(src: string, at: number): string {
  const prev = at > 0 ? src[at - 1]! : ''
  const next = src[at + 2] ?? ''
  const startsWord = prev === '' || prev === '(' || prev === '|' || prev === ':' || prev === '^' || (prev === 's' && src[at - 2] === '\\')
  const endsWord = next === '' || next === ')' || next === '|' || next === '$'
  // Before a word that must begin with an ASCII letter or digit, the ASCII `\b` is implied by the Latin
  // lookbehind, and putting it first lets V8 skip ahead quickly again (about 1.6 times faster).
  if (startsWord && !endsWord) return asciiStart(src, at + 2) ? `\\b(?<!${W})` : `(?<!${W})`
  if (endsWord && !startsWord) return `(?!${W})`
  return BOUNDARY
}

/** Whether every match of the pattern from `from` on begins with an ASCII letter or digit. */
function asciiStart(src: string, from: number): boolean {
  const ch = src[from] ?? ''
  if (/^[A-Za-z0-9]$/.test(ch)) return !optional(src, from + 1)
  if (!src.startsWith('(?:', from)) return false
  const end = closingParen(src, from)
  if (end < 0 || optional(src, end + 1)) return false
  return alternatives(src, from + 3, end).every(([start]) => asciiStart(src, start))
}

/** A quantifier that lets the atom before it match nothing. */
function optional(src: string, at: number): boolean {
  const q = src[at]
  return q === '?' || q === '*' || (q === '{' && src[at + 1] === '0')
}

/** The index of the `)` closing the group opened at `open`, or -1. */
export function closingParen(src: string, open: number): number {
  let depth = 0
  let inClass = false
  for (let i = open; i < src.length; i++) {
    const c = src[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return -1
}

/** [start, end) of the top-level alternatives between `from` and `end` (exclusive). */
export function alternatives(src: string, from: number, end: number): [number, number][] {
  const out: [number, number][] = []
  let start = from
  let depth = 0
  let inClass = false
  for (let i = from; i < end; i++) {
    const c = src[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      out.push([start, i])
      start = i + 1
    }
  }
  out.push([start, end])
  return out
}

const compiled = new Map<string, RegExp>()

/**
 * JavaScript's `\b` and `\w` are ASCII-only, so `\böversyn` never matches and `\btvå\b` never ends.
 * Every pattern in the validator goes through this, which rewrites them to Latin letter classes, so
 * patterns can be written the natural way.
 */
export function u(re: RegExp): RegExp {
  // Stateless (non-global) patterns are shared, so a pattern written inline in a loop is compiled once.
  const cacheable = !re.global && !re.sticky
  const key = re.flags + '/' + re.source
  if (cacheable) {
    const hit = compiled.get(key)
    if (hit) return hit
  }
  const result = rewrite(re)
  if (cacheable) compiled.set(key, result)
  return result
}

function rewrite(re: RegExp, words = true): RegExp {
  const src = re.source
  let out = ''
  let inClass = false
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (ch === '\\') {
      const next = src[i + 1]
      if (next === 'p' && (src.startsWith('{L}', i + 2) || src.startsWith('{Ll}', i + 2))) {
        const lower = src.startsWith('{Ll}', i + 2)
        const body = lower ? LOWER_IN_CLASS : LETTERS_IN_CLASS
        out += inClass ? body : `[${body}]`
        i += lower ? 5 : 4
        continue
      }
      i++
      if (next === 'w' && words) out += inClass ? W_IN_CLASS : W
      else if (next === 'b' && !inClass && words) out += boundaryAt(src, i - 1)
      else out += ch + (next ?? '')
      continue
    }
    if (ch === '[' && !inClass) inClass = true
    else if (ch === ']' && inClass) inClass = false
    out += ch
  }
  // Without property escapes left, the `u` flag only slows V8 down (see W_IN_CLASS).
  return new RegExp(out, out.includes('\\p{') ? re.flags : re.flags.replace('u', ''))
}

/**
 * Only the property escapes: `\p{L}` and `\p{Ll}` become Latin ranges and the `u` flag goes when none
 * is left; `\b` and `\w` keep their JavaScript meaning. For the recognisers, whose patterns were
 * written (and tested) with the ASCII `\b`. A letter outside the Latin scripts next to a number or a
 * word now counts as a non-letter; agreements are written in Swedish or English.
 */
export function latin(re: RegExp): RegExp {
  return rewrite(re, false)
}
