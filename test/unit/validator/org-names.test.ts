import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ORG_PATTERN_NEEDS, orgNames } from '../../../schema/validator/parties.ts'
import { corpusBlockTexts } from './corpus-blocks.ts'

/**
 * Organisation names are looked for only with the patterns whose needed words (written by hand in
 * parties.ts) occur in the text. With and without that prefilter the names must be the same, and every
 * needed word must be needed: some name is found through it alone.
 */
function corpusRaws(): string[] {
  return corpusBlockTexts()
}

const GATED = ORG_PATTERN_NEEDS.filter((p): p is { re: RegExp; needs: readonly string[] } => p.needs !== null)
const NEEDS = [...new Set(GATED.flatMap((p) => p.needs))]

/** Texts that name an organisation through one word: the word with capitalised names around it. */
function witnesses(word: string): string[] {
  const lower = word[0]!.toLowerCase() + word.slice(1)
  const upper = word[0]!.toUpperCase() + word.slice(1)
  return [word, lower, upper, `k${lower}`, `S${lower}`].flatMap((w) => [
    `Avtal med Ekby ${w} och Norrå`,
    `Ekby Norrå ${w}s arbete`,
    `${w} of Ekby Norrå`,
    `${w} Ekby Norrå`,
    `${w} i Ekby Norrå`,
    `Ekby Norrå, ${w}`,
    `Ekby ${w}en Norrå`,
    `Ekbys ${w}en`,
    `Ekby ${w}ity`,
    `Ekby City ${w}`,
    `Ekby Norrå kvinno${w}`,
    `Ekby Norrå stads${w}`,
  ])
}

const matchesAt = (re: RegExp, text: string) => {
  re.lastIndex = 0
  const hit = re.test(text)
  re.lastIndex = 0
  return hit
}

describe('organisation names prefiltered by needed words', () => {
  it('finds the same names with and without the prefilter on the corpus, the fixtures and the 50-page agreement', () => {
    const raws = corpusRaws()
    expect(raws.length).toBeGreaterThan(1000)
    let named = 0
    for (const raw of raws) {
      const found = orgNames(raw)
      expect(found, raw).toEqual(orgNames(raw, false))
      if (found.length) named++
    }
    expect(named).toBeGreaterThan(100)
  })

  it('finds the same names on generated text made of names and the needed words', () => {
    const word = fc.constantFrom(...NEEDS, ...NEEDS.map((n) => n.toLowerCase()), 'Ekby', 'Norrå', 'Kommun', 'of', 'i', 'och', 'the', 'en', 'ideell', 'förening', 'Föreningen')
    const sep = fc.constantFrom(' ', ' ', ' ', '', 's ', ', ', '-', '\n')
    const text = fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 10 }).map((parts) => parts.map(([w, s]) => w + s).join(''))
    fc.assert(
      fc.property(text, (t) => {
        expect(orgNames(t)).toEqual(orgNames(t, false))
      }),
      { numRuns: 5000, seed: 20261130 },
    )
  })

  it('finds the same names on text built from the words of the patterns themselves (a word missing from a list fails here)', () => {
    const words = new Set(ORG_PATTERN_NEEDS.flatMap(({ re }) => re.source.replace(/\\[a-zA-Z]|\[[^\]]*\]/g, ' ').match(/[A-Za-zÅÄÖåäöé-]{3,}/g) ?? []))
    expect(words.size).toBeGreaterThan(40)
    for (const word of words) for (const t of witnesses(word)) expect(orgNames(t), t).toEqual(orgNames(t, false))
    // Phrases of the patterns ("Svenska kyrkan", "ideell förening") come out whole too.
    for (const { re } of ORG_PATTERN_NEEDS) {
      for (const phrase of re.source.match(/[A-Za-zÅÄÖåäöé-]+ [A-Za-zÅÄÖåäöé-]+/g) ?? []) for (const t of witnesses(phrase)) expect(orgNames(t), t).toEqual(orgNames(t, false))
    }
  })

  it('needs every word of every list: without it some name is missed', () => {
    for (const { re, needs } of GATED) {
      for (const word of needs) {
        const others = needs.filter((w) => w !== word)
        const witness = witnesses(word).find((t) => matchesAt(re, t) && !others.some((o) => t.includes(o)))
        expect(witness, `${word} for ${re.source.slice(0, 50)}`).toBeDefined()
        // The prefilter lets it through, and the names agree.
        expect(orgNames(witness!)).toEqual(orgNames(witness!, false))
      }
    }
  })
})
