import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maybePlaceholder } from '../../../schema/validator/text.ts'

// The pattern the substring searches replace; they must answer the same on any text.
const PATTERN = /[[{_…]|xx|\.\.\.\.|tb[dac]|todo|lorem|fyll|komplett|senare|later|to be |bilaga|appendix|annex|attachment|pending|coming soon|^\(?(?:kommentar|comment|anm|note|drafting)/

const PIECES = ['[', '{', '_', '…', 'x', 'xx', '.', '...', 'tb', 'tbd', 'tba', 'tbc', 'tbx', 'todo', 'tod', 'lorem', 'fyll', 'komplett', 'senare', 'later', 'to be', 'to be ', 'bilaga', 'appendix', 'annex', 'attachment', 'pending', 'coming soon', '(', 'kommentar', 'comment', 'anm', 'note', 'drafting', 'kommen', ' ', 'a', 'och', 'ö', ':']

describe('placeholder prefilter', () => {
  it('answers as the pattern does', () => {
    const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join(''))
    fc.assert(fc.property(fc.oneof(text, fc.string()), (t) => {
      expect(maybePlaceholder(t)).toBe(PATTERN.test(t))
    }), { numRuns: 20000, seed: 1130 })
    expect(maybePlaceholder('(kommentar: x')).toBe(true)
    expect(maybePlaceholder('((kommentar')).toBe(false)
    expect(maybePlaceholder('ingen platshållare här')).toBe(false)
  })
})
