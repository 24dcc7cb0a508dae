import { describe, expect, it } from 'vitest'
import { affirmed, datesIn, durationsInMonths, frequencyMonths, moneyIn, splitSentences, stripPlaceholders, u } from '../../../schema/validator/text.ts'

describe('text primitives', () => {
  it('word boundaries work next to å, ä and ö', () => {
    expect(u(/\böversyn\b/).test('en översyn görs')).toBe(true)
    expect(u(/\btvå\b/).test('två gånger')).toBe(true)
    expect(u(/\bår\b/).test('årligen')).toBe(false)
    expect(u(/\w+/).exec('ändamål!')![0]).toBe('ändamål')
  })

  it('reads Swedish and English sums of money', () => {
    const amounts = (s: string) => moneyIn(s).map((m) => [m.amount, m.currency])
    expect(amounts('bidrag på 1 200 000 kr per år')).toEqual([[1_200_000, 'SEK']])
    expect(amounts('1,2 miljoner kronor och 850 tkr')).toEqual([
      [1_200_000, 'SEK'],
      [850_000, 'SEK'],
    ])
    expect(amounts('a grant of sek 900,000 and eur 40,000')).toEqual([
      [900_000, 'SEK'],
      [40_000, 'EUR'],
    ])
    expect(amounts('€1.5 million')).toEqual([[1_500_000, 'EUR']])
    expect(amounts('i årskurs 4–9 och 38 procent')).toEqual([])
  })

  it('reads durations, frequencies and dates', () => {
    expect(durationsInMonths('med sex månaders varsel, inom fyra veckor')).toEqual([6, (12 / 52) * 4])
    expect(durationsInMonths("three months' notice")).toEqual([3])
    expect(frequencyMonths('styrgruppen möts fyra gånger per år')).toBe(3)
    expect(frequencyMonths('ses över vartannat år')).toBe(24)
    expect(frequencyMonths('every other week')).toBe(0.5)
    expect(frequencyMonths('the steering group meets quarterly')).toBe(3)
    expect(frequencyMonths('styrgruppen möts vid behov')).toBeNull()
    expect(datesIn('från 1 januari 2026 till 2028-12-31').map((d) => [Math.floor(d.months / 12), (d.months % 12) + 1, d.day])).toEqual([
      [2026, 1, 1],
      [2028, 12, 31],
    ])
    expect(datesIn('from january 1, 2026').length).toBe(1)
  })

  it('treats a negation before or right after the cue as negated', () => {
    const perUnit = u(/\bper deltagare\b/)
    expect(affirmed('ersättningen beräknas inte per deltagare', perUnit)).toBe(false)
    expect(affirmed('ersättningen betalas per deltagare', perUnit)).toBe(true)
    expect(affirmed('överenskommelsen förlängs inte automatiskt', u(/\bförlängs\b/))).toBe(false)
    expect(affirmed('payment is not per participant', u(/\bper participant\b/))).toBe(false)
    // A negation in an earlier clause does not reach across the comma.
    expect(affirmed('det är inte gratis, utan betalas per deltagare', perUnit)).toBe(true)
  })

  it('strips placeholders but keeps the text around them', () => {
    expect(stripPlaceholders('org.nr 802xxx-xxxx, ideell förening').rest).toBe('org.nr , ideell förening')
    expect(stripPlaceholders('fylls i senare').rest).toBe('')
    expect(stripPlaceholders('[kommentar: kalle skriver]').hadPlaceholder).toBe(true)
    expect(stripPlaceholders('inom {plan_weeks} veckor').rest).toBe('inom veckor')
    expect(stripPlaceholders('uppsägningstiden är sex månader').hadPlaceholder).toBe(false)
  })

  it('splits sentences without breaking abbreviations', () => {
    expect(splitSentences('föreningen har org.nr 802000-1234 och t.ex. lokaler. kommunen betalar.')).toEqual(['föreningen har org.nr 802000-1234 och t.ex. lokaler.', 'kommunen betalar.'])
  })
})
