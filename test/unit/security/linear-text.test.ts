import { describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { formatValue } from '../../../clause-library/format.ts'
import { peopleFromAwareness } from '../../../client/presence.ts'
import { AttemptLimiter } from '../../../server/auth/rate-limit.ts'
import { jsonDepth } from '../../../server/http/json-depth.ts'
import { normaliseDisplayName } from '../../../server/membership/names.ts'
import { bestCpuMs } from '../../support/cpu-time.ts'

const text = { name: 'x', type: 'text', label: { sv: 'x', en: 'x' }, required: false } as const

describe('plain(): a value is one run of words, in linear time', () => {
  it('joins lines and drops the whitespace around breaks, as before', () => {
    expect(formatValue(text, '  fler unga \n\n  i föreningslivet ', 'sv')).toBe('fler unga i föreningslivet')
    expect(formatValue(text, 'a\r\n \r\nb', 'sv')).toBe('a b')
    expect(formatValue(text, 'a   b', 'sv')).toBe('a   b')
    expect(formatValue(text, ' \n \n ', 'sv')).toBeNull()
  })

  it('formats 1 MB of spaces without a line break in well under a second (was minutes)', () => {
    for (const value of ['a' + ' '.repeat(1_000_000) + 'b', 'a' + ' \t'.repeat(500_000) + 'b', '\n' + ' '.repeat(1_000_000)]) {
      expect(bestCpuMs(() => formatValue(text, value, 'sv'), 1)).toBeLessThan(250)
    }
  })
})

describe('display names', () => {
  it('normalises to NFC, collapses whitespace and refuses invisible or reordering characters', () => {
    expect(normaliseDisplayName('  A\u030asa \u00a0 Öberg  ')).toBe('Åsa Öberg')
    expect(normaliseDisplayName('Åsa\tÖberg')).toBeNull()
    for (const hidden of ['Bob\u200b', '\u202eboB', 'Bo\u0007b', 'B\u2066ob', 'Bob\ufeff', '\u{e0041}Bob', 'Bob\u{f0000}']) expect(normaliseDisplayName(hidden), JSON.stringify(hidden)).toBeNull()
    expect(normaliseDisplayName('')).toBeNull()
    expect(normaliseDisplayName('x'.repeat(61))).toBeNull()
  })
})

describe('presence', () => {
  it('keeps two people who share a name apart, and one person in two tabs together', () => {
    const awareness = new Awareness(new Y.Doc())
    const remote = (clientId: number, userId: string, name: string) => awareness.states.set(clientId, { user: { userId, name, color: '#123456', party: null } })
    awareness.setLocalState({ user: { userId: 'u-bob', name: 'Bob', color: '#000000', party: null } })
    remote(1001, 'u-mallory', 'Bob')
    remote(1002, 'u-bob', 'Bob')
    const people = peopleFromAwareness(awareness)
    expect(people.map((p) => [p.name, p.self])).toEqual([
      ['Bob', true],
      ['Bob (2)', false],
    ])
  })
})

describe('attempt limiter', () => {
  it('counts an attempt when it starts, so parallel attempts cannot all pass; a success hands it back', () => {
    let now = 0
    const limiter = new AttemptLimiter(3, 1000, () => now)
    expect([1, 2, 3, 4, 5].map(() => limiter.take(['k']))).toEqual([0, 0, 0, 1000, 1000])
    limiter.refund('k')
    expect(limiter.take(['k'])).toBe(0)
    now = 1001
    expect(limiter.retryAfterMs('k')).toBe(0)
  })
})

describe('JSON depth', () => {
  it('measures without recursion, even 100 000 levels deep', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(jsonDepth(deep)).toBeGreaterThan(64)
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3)
  })
})
