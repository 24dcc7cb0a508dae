import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONTENT_CUES, HEADING_CUES } from '../../../schema/validator/cues.ts'
import { latin, u } from '../../../schema/validator/latin.ts'

/**
 * The pattern compiler's speed rewrites must not change what a pattern matches: compare each with the
 * slow, obviously right form on random Swedish-ish text (Latin letters, å ä ö é, digits, punctuation).
 */
const W = '[0-9_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F]'
const alphabet = 'abcdeilmnoprstuvåäöéAÖ0 1.,:;-(xyz'.split('')
const text = fc
  .array(fc.constantFrom(...alphabet, 'avtal', 'giltig', 'översyn', 'råd', 'panel', 'rådet', ' träffas', 'brukar', ' möts', 'risk', 'lou', 'notice', 'extended', 'löper'), { maxLength: 40 })
  .map((parts) => parts.join(''))

/** The reference: every word start written as the plain Latin lookbehind, no ASCII \b in front. */
function reference(re: RegExp): RegExp {
  return new RegExp(re.source.split(`\\b(?<!${W})`).join(`(?<!${W})`), re.flags)
}

describe('pattern compiler (schema/validator/latin.ts)', () => {
  it('puts an ASCII \\b ahead of the word-start lookbehind only where every alternative begins with ASCII', () => {
    expect(u(/\b(?:avtal|giltig)/).source.startsWith('\\b(?<!')).toBe(true)
    expect(u(/\b(?:översyn|avtal)/).source.startsWith('(?<!')).toBe(true)
    expect(u(/\b(?:a?vtal)/).source.startsWith('(?<!')).toBe(true)
    expect(u(/\b(?:(?:x|ö)z|b)/).source.startsWith('(?<!')).toBe(true)
    expect(u(/\b[a-z]+/).source.startsWith('(?<!')).toBe(true)
  })

  it('matches exactly what the plain lookbehind form matches, for every cue', () => {
    const patterns = [...Object.values(CONTENT_CUES), ...Object.values(HEADING_CUES), u(/\b(?:avtal|giltig|(?:ris|lou)k?)\b/), u(/\b(?:översyn|avtal)\b/)]
    fc.assert(
      fc.property(text, (s) => {
        for (const re of patterns) expect(re.test(s), `${re.source.slice(0, 60)} on "${s}"`).toBe(reference(re).test(s))
      }),
      { numRuns: 400 },
    )
  })

  it('the target-group cue written as a word ending matches as the whole word did', () => {
    const verbs = String.raw`[^.]{0,80}\b(?:träffas|möts|meets|lämnar förslag|föreslår|ger råd|advises?|gives advice|beslutar|decides)\b`
    const original = u(new RegExp(String.raw`\b(?:\w*(?:panel|panelen|rådet|råd)\b${verbs})`))
    const ending = u(new RegExp(String.raw`(?:panel|panelen|rådet|råd)\b${verbs}`))
    for (const s of ['brukarrådet träffas varje månad', 'rådet möts', 'ett ungdomsråd. träffas', 'panelen ger råd', 'xpanelen, som möts', 'rådgivning möts', 'rådet möts']) {
      expect(ending.test(s), s).toBe(original.test(s))
      expect(CONTENT_CUES.target_group_involvement.test(s) || !original.test(s), s).toBe(true)
    }
    fc.assert(
      fc.property(text, (s) => {
        expect(ending.test(s), s).toBe(original.test(s))
        if (original.test(s)) expect(CONTENT_CUES.target_group_involvement.test(s), s).toBe(true)
      }),
      { numRuns: 600 },
    )
  })

  it('latin() keeps \\b and \\w as JavaScript reads them and replaces only \\p{L}', () => {
    const re = latin(/(?<![\p{L}\d])(\d+)\s?kr\b/giu)
    expect(re.flags).toBe('gi')
    expect(re.source).not.toContain('\\p{')
    expect(re.source).toContain('\\b')
    expect('bidrar med 450 kr per år'.match(re)).toEqual(['450 kr'])
    expect('abc450 kr'.match(re)).toBeNull()
  })
})
