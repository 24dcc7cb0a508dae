import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { candidateCues, gatedPatterns, lastGates, mayMatch } from '../../../schema/validator/cue-index.ts'
import { firstWordsOf } from '../../../schema/validator/first-words.ts'
import '../../../schema/validator/index.ts'
import { MAYBE_CURRENCY } from '../../../schema/validator/money.ts'
import { moneySpans } from '../../../schema/validator/recognise/money.ts'
import { normalize, splitSentences, stripPlaceholders, u } from '../../../schema/validator/text.ts'
import { corpusBlockTexts } from './corpus-blocks.ts'

/**
 * The fact patterns gated by their first words (cue-index.ts `gateWords`) must be skipped only on text
 * they cannot match: gated and ungated must agree on every block of the corpus, the fixtures and the
 * 50-page agreement, and on generated text made of the patterns' own pieces. A reference reading of
 * the word lists (independent of the index) also checks the index, and every word of every list must
 * be needed: with one removed, some text the pattern matches is refused.
 */
const GATED = gatedPatterns()

function gatesOf(text: string) {
  candidateCues(text)
  return lastGates()
}

/** Whether the pattern may run on `text` according to the index. */
const indexAdmits = (re: RegExp, text: string) => mayMatch(gatesOf(text), re)

const WORD_RUN = /[0-9_A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+/g

/** The list read the slow way: every word of the text against every item. */
function listAdmits(words: readonly string[], text: string): boolean {
  for (const m of text.matchAll(WORD_RUN)) {
    const word = m[0]
    const at = m.index
    for (const item of words) {
      if (item.startsWith('*')) {
        if (word.endsWith(item.slice(1))) return true
        continue
      }
      const exact = item.endsWith('$')
      const literal = (exact ? item.slice(0, -1) : item).replaceAll('+', ' ')
      const first = literal.split(' ')[0]!
      if (exact || literal.includes(' ') ? word.length === first.length && text.startsWith(literal, at) : word.startsWith(literal)) return true
    }
  }
  return false
}

function corpusTexts(): string[] {
  return corpusBlockTexts().map((text) => stripPlaceholders(normalize(text)).rest)
}

const TEXTS = corpusTexts()
const matchesSomewhere = (re: RegExp, text: string) => re.test(text) || splitSentences(text).some((s) => re.test(s))

// Pieces of the gated patterns' sources, so that generated text lands on their words, phrases and endings.
const PIECES = GATED.map(({ re }) =>
  re.source
    .replace(/\(\?<[!=][^)]*\)|\(\?[!=][^)]*\)|\\b|\?:/g, '')
    .replace(/\[0-9_A-Za-z[^\]]*\][*+]/g, '')
    .replace(/\[\^[^\]]*\]\{\d+,\d+\}\??/g, ' x och y ')
    .replace(/\\d\+?/g, '12')
    .replace(/\\s\?/g, ' ')
    .replace(/\\\./g, '.')
    .replace(/\\\//g, '/')
    .replace(/[\^$]/g, '')
    .split(/[|()]/)
    .map((piece) => piece.replace(/(\w)\?/g, '$1'))
    .filter((piece) => /[a-zåäö]/.test(piece)),
)
const VOCABULARY = [...new Set(PIECES.flat().flatMap((p) => p.split(' ')))].filter((w) => w.length > 0)
const EXTRA = ['per', 'kr', 'för', 'the', 'och', 'x', '12', 'platser', 'dygn', 'a', 'i', 'xstyrgrupp', 'revider', 'hyr', 'hyran']

describe('fact patterns gated by first words', () => {
  it('gates the patterns the finders run on every block', () => {
    expect(GATED.length).toBeGreaterThanOrEqual(9)
    for (const { re, words } of GATED) expect(words.length, re.source).toBeGreaterThan(0)
  })

  it('never refuses a block of the corpus, the fixtures or the 50-page agreement that a pattern matches', () => {
    expect(TEXTS.length).toBeGreaterThan(1000)
    for (const { re, words } of GATED) {
      const list = words.split(' ')
      let matched = 0
      let skipped = 0
      for (const text of TEXTS) {
        const admits = indexAdmits(re, text)
        expect(admits, `${re.source.slice(0, 60)} on ${text}`).toBe(listAdmits(list, text))
        if (matchesSomewhere(re, text)) {
          matched++
          expect(admits, `${re.source.slice(0, 60)} on ${text}`).toBe(true)
        } else if (!admits) skipped++
      }
      // Each pattern is exercised, and the gate skips most blocks for most patterns.
      expect(matched, re.source).toBeGreaterThan(0)
      expect(skipped, re.source).toBeGreaterThan(0)
    }
  }, 120_000)

  it('never refuses generated text made of the patterns own pieces', () => {
    const token = fc.oneof(
      fc.constantFrom(...VOCABULARY, ...EXTRA),
      fc.tuple(fc.nat(PIECES.length - 1), fc.nat(400), fc.integer({ min: 1, max: 3 })).map(([p, at, n]) => {
        const pieces = PIECES[p]!
        const from = at % pieces.length
        return pieces.slice(from, from + n).join('')
      }),
    )
    const sep = fc.constantFrom(' ', ' ', ' ', '', '-', '/', "'s ", ': ', '. ', ', ', ' 12 ')
    const text = fc.array(fc.tuple(token, sep), { minLength: 1, maxLength: 10 }).map((parts) =>
      parts
        .map(([t, s]) => t + s)
        .join('')
        .trim(),
    )
    fc.assert(
      fc.property(text, (t) => {
        for (const { re, words } of GATED) {
          const admits = indexAdmits(re, t)
          expect(admits).toBe(listAdmits(words.split(' '), t))
          if (re.test(t)) expect(admits, `${re.source.slice(0, 60)} on ${t}`).toBe(true)
        }
      }),
      { numRuns: 3000, seed: 20261130 },
    )
  }, 180_000)

  it('needs every word of every list: without it some text the pattern matches is refused', () => {
    let checked = 0
    const unproven: string[] = []
    GATED.forEach(({ re, words }, g) => {
      const list = words.split(' ')
      const pieces = PIECES[g]!
      const runs = pieces.flatMap((p, i) => [p, p + (pieces[i + 1] ?? ''), p + (pieces[i + 1] ?? '') + (pieces[i + 2] ?? '')])
      // Witnesses: the corpus, the pattern's own pieces and each item written out as text ("*plats" as "per plats").
      const own = list.map((item) => (item.startsWith('*') ? `per ${item.slice(1)}` : item.replace(/\$$/, '').replaceAll('+', ' ')))
      const payFor = list.filter((item) => item.startsWith('*')).map((item) => `kommunen betalar för 12 ${item.slice(1)}`)
      const witnesses = [
        ...TEXTS,
        ...runs,
        ...own,
        ...payFor,
        ...own.map((w) => `${w}na ${w}er`),
        ...own.map((w) => `${w} group board committee igenom avtalet`),
        ...own.flatMap((w) => [`${w} sina egna kostnader`, `${w} bokför sina kostnader`, `${w} its own costs`, `${w} the costs of their own activities`]),
      ]
      const matching = witnesses.filter((t) => matchesSomewhere(re, t))
      list.forEach((item, i) => {
        const without = list.filter((w) => w !== item)
        // An item whose own words another item admits ("har+anställt" beside "anställt$") is redundant:
        // removing it loses nothing. Every other item must be missed when removed.
        if (listAdmits(without, own[i]!)) return
        checked++
        if (matching.some((t) => !listAdmits(without, t))) return
        // Read off the pattern, a word can need a longer text than these witnesses to show it is needed
        // ("var och en av part bokför"); a word of a list written by hand never.
        unproven.push(item)
        expect(firstWordsOf(re), `${item} of a hand-written list`).toBe(words)
      })
    })
    expect(checked).toBeGreaterThan(100)
    expect(unproven.length, unproven.join(' ')).toBeLessThan(checked / 10)
  })

  it('reads first words off a pattern only where every match begins at a word start', () => {
    expect(firstWordsOf(u(/\b(?:styrgrupp\w*|steering (?:group|board))/))).toBe('styrgrupp steering+group steering+board')
    expect(firstWordsOf(u(/\b(?:pays?|co-financ\w*|om [^.]{3,8}|kr)\b/))).toBe('pay co$ om+ kr$')
    // A prefix shorter than three letters, a pattern that may start mid-word, an optional first word: no list.
    expect(firstWordsOf(u(/\b(?:kr|sek)/))).toBeNull()
    expect(firstWordsOf(u(/(?:panel|råd)\b/))).toBeNull()
    expect(firstWordsOf(u(/\b(?:i )?texten\b/))).toBeNull()
    expect(firstWordsOf(u(/\d\s?kr\b/))).toBeNull()
    expect(firstWordsOf(u(/\b(?:per|\/) ?dag\b/))).toBeNull()
  })

  it('finds no sum in text without a currency word, so a block without one is not read for sums', () => {
    for (const text of TEXTS) if (moneySpans(text).length) expect(MAYBE_CURRENCY.test(text), text).toBe(true)
    const token = fc.constantFrom(
      '1 000 000',
      '450',
      '4,8',
      '2,4',
      '850,000',
      '1.2',
      'miljoner',
      'miljon',
      'milj.',
      'mn',
      'm',
      'k',
      'tusen',
      'thousand',
      'millions',
      'mdkr',
      'mnkr',
      'mkr',
      'msek',
      'meur',
      'tkr',
      'tsek',
      'kr',
      'kr.',
      'kronor',
      'sek',
      'eur',
      'euro',
      '€',
      ':-',
      'usd',
      'dollar',
      'per år',
      'cirka',
      'x',
    )
    const sep = fc.constantFrom(' ', '', '\u00a0', ', ')
    fc.assert(
      fc.property(fc.array(fc.tuple(token, sep), { minLength: 1, maxLength: 8 }), (parts) => {
        const t = parts.map(([w, s]) => w + s).join('')
        if (moneySpans(t).length) expect(MAYBE_CURRENCY.test(t), t).toBe(true)
      }),
      { numRuns: 5000, seed: 20261130 },
    )
  })
})
