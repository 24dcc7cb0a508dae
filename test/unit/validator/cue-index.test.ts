import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SectionId } from '../../../schema/sections.ts'
import { candidateCues, matchContentCues } from '../../../schema/validator/cue-index.ts'
import { CONTENT_CUES } from '../../../schema/validator/cues.ts'
import { normalize, stripPlaceholders } from '../../../schema/validator/text.ts'
import { corpusBlockTexts } from './corpus-blocks.ts'

/**
 * The word-dispatched content cues must give exactly what testing every cue's pattern gives: the
 * prefilter's first-word lists are written by hand, so a word left out would silently drop a section.
 */
const IDS = Object.keys(CONTENT_CUES) as SectionId[]
const everyPattern = (text: string): SectionId[] => IDS.filter((id) => CONTENT_CUES[id].test(text))

function droppedCues(text: string): SectionId[] {
  const bits = candidateCues(text)
  return IDS.filter((id, i) => (bits & (1 << i)) === 0 && CONTENT_CUES[id].test(text))
}

function corpusTexts(): string[] {
  return corpusBlockTexts().map((text) => stripPlaceholders(normalize(text)).rest)
}

// Words of the cue patterns themselves, with neighbours that share their start or end, so that generated
// text lands on the prefilter's edges (a word's exact length, a prefix, an ending, a phrase's second word).
const PATTERN_WORDS = [...new Set(IDS.flatMap((id) => CONTENT_CUES[id].source.replace(/\\[a-zA-Z]/g, ' ').match(/[a-zåäöéü]+/g) ?? []))].filter((w) => w.length > 1 || w === 'i')
const VOCABULARY = [
  ...PATTERN_WORDS,
  ...PATTERN_WORDS.map((w) => w + 'en'),
  ...PATTERN_WORDS.map((w) => 'x' + w),
  ...PATTERN_WORDS.filter((w) => w.length > 3).map((w) => w.slice(0, -1)),
  'kommunen',
  'exempelby',
  'kommun',
  'kommun:',
  'för',
  'for',
  'om',
  'if',
  'the',
  'parties',
  '450',
  '2030',
  '12',
  'kr',
  'sek',
  'tkr',
  'mkr',
  'kronor',
  '5kr',
  '12sek',
  '3tkr',
  '7mkr',
  'i',
  'samförstånd',
  'och',
  'and',
  'att',
  'som',
  'panel',
  'rådet',
  'ungdomsråd',
  'org',
  'nr',
]
// Consecutive pieces of one pattern's source ("kan " then "krocka"), so phrases the patterns look for
// come out whole often enough for the prefilter's phrase and word-length checks to be exercised.
const PIECES = IDS.map((id) =>
  CONTENT_CUES[id].source
    .replace(/\(\?<[!=][^)]*\)|\(\?[!=][^)]*\)|\\b|\\w[*+]|\?:/g, '')
    .replace(/\[\^[^\]]*\]\{\d+,\d+\}\??/g, ' x och y ')
    .replace(/\\d/g, '5')
    .replace(/\\s\?/g, ' ')
    .replace(/\\S\+/g, 'exempelby')
    .replace(/\\\./g, '.')
    .replace(/\[['’]+\]\??/g, "'")
    .replace(/[\^$]/g, '')
    .split(/[|()]/)
    .map((piece) => piece.replace(/(\w)\?/g, '$1'))
    .filter((piece) => /[a-zåäö]/.test(piece)),
)
const pieceRun = fc.tuple(fc.nat(IDS.length - 1), fc.nat(400), fc.integer({ min: 1, max: 4 })).map(([cue, at, count]) => {
  const pieces = PIECES[cue]!
  const from = at % pieces.length
  return pieces.slice(from, from + count).join('')
})
const SEPARATORS = [' ', ' ', ' ', ' ', '', '-', "'s ", '’ ', ': ', '. ', ', ', '; ', '\u2009']

describe('content cues dispatched by first words', () => {
  it('never drops a cue on any block of the corpus, the fixtures or the 50-page agreement', () => {
    const texts = corpusTexts()
    expect(texts.length).toBeGreaterThan(1000)
    let matched = 0
    for (const text of texts) {
      expect(droppedCues(text), text).toEqual([])
      expect(matchContentCues(text)).toEqual(everyPattern(text))
      matched += everyPattern(text).length
    }
    // Every cue is exercised by the corpus, so the check above covers each list.
    expect(matched).toBeGreaterThan(500)
    for (const id of IDS)
      expect(
        texts.some((t) => CONTENT_CUES[id].test(t)),
        id,
      ).toBe(true)
  })

  it('gives what every pattern gives on text made of the patterns own words', () => {
    const token = fc.oneof(fc.constantFrom(...VOCABULARY), pieceRun)
    const sep = fc.constantFrom(...SEPARATORS)
    const text = fc.array(fc.tuple(token, sep), { minLength: 1, maxLength: 14 }).map((parts) =>
      parts
        .map(([t, s]) => t + s)
        .join('')
        .trim(),
    )
    fc.assert(
      fc.property(text, (t) => {
        expect(matchContentCues(t)).toEqual(everyPattern(t))
      }),
      { numRuns: 20000, seed: 20261130 },
    )
  })

  it('skips the patterns of cues with no candidate word', () => {
    const bits = candidateCues('vi ses på torsdag och pratar om vädret')
    // Only cues whose lists hold "ses", "om" or the always-run ones are candidates; most are skipped.
    expect(IDS.filter((_, i) => bits & (1 << i)).length).toBeLessThan(5)
    expect(matchContentCues('styrgruppen träffas fyra gånger per år')).toEqual(everyPattern('styrgruppen träffas fyra gånger per år'))
  })
})
