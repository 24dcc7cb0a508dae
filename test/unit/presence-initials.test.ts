import { describe, expect, it } from 'vitest'
import { initials } from '../../client/presence.ts'

describe('presence initials', () => {
  it('takes the first letters of the first and last name', () => {
    expect(initials('Anna Andersson')).toBe('AA')
    expect(initials('Bertil von Berg')).toBe('BB')
    expect(initials('Åsa')).toBe('Å')
  })
  it('skips what tells two people of the same name apart', () => {
    expect(initials('Bertil Berg-Långnamnsson (2)')).toBe('BB')
    expect(initials('Anna (3)')).toBe('A')
  })
  it('still shows something for a name without letters', () => {
    expect(initials('42')).toBe('4')
  })
})
