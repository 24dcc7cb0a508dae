import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dateSpans } from '../../../schema/validator/recognise/dates.ts'
import { durationSpans } from '../../../schema/validator/recognise/durations.ts'
import { frequencySpans } from '../../../schema/validator/recognise/frequency.ts'
import { hoursIn, moneySpans } from '../../../schema/validator/recognise/money.ts'
import { isNegated } from '../../../schema/validator/recognise/negation.ts'

/** Every surface form of one value must read as that value (property tests), plus the forms the issue names. */
const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
const only = <T>(xs: T[]): T => {
  expect(xs).toHaveLength(1)
  return xs[0]!
}

describe('money', () => {
  it('every written form of an amount reads as the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        const forms = [
          `${group(n, ' ')} kr`,
          `${group(n, ' ')},00 kr`,
          `${n} kronor`,
          `${group(n, ' ')}:-`,
          `SEK ${group(n, ',')}`,
          `SEK ${group(n, ' ')}`,
          `${group(n, '\u00a0')} kr`,
          `${group(n, '.')} kr`,
        ]
        for (const f of forms) expect([f, only(moneySpans(`Kommunen bidrar med ${f} per år.`)).value]).toEqual([f, n])
      }),
      { numRuns: 200 },
    )
  })

  it('multipliers: tkr, mnkr, Mkr, miljoner, million, m', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 9 }), (whole, tenth) => {
        const m = whole * 1_000_000 + tenth * 100_000
        const sv = `${whole},${tenth}`
        const en = `${whole}.${tenth}`
        for (const f of [`${sv} mnkr`, `${sv} Mkr`, `${sv} miljoner kronor`, `SEK ${en} million`, `SEK ${en}m`, `${en} MSEK`]) expect([f, only(moneySpans(f)).value]).toEqual([f, m])
        expect(only(moneySpans(`${whole} tkr`)).value).toBe(whole * 1000)
      }),
      { numRuns: 100 },
    )
  })

  it('reads the forms the issue names, with their period', () => {
    expect(only(moneySpans('1 000 000,00 kr')).value).toBe(1_000_000)
    expect(only(moneySpans('SEK 1.2m per year'))).toMatchObject({ value: 1_200_000, period: 'year' })
    expect(only(moneySpans('450 000:- per år'))).toMatchObject({ value: 450_000, period: 'year' })
    expect(only(moneySpans('ett årligt verksamhetsbidrag på 450 tkr'))).toMatchObject({ value: 450_000, period: 'year' })
    expect(only(moneySpans('9 500 kronor per deltagare och månad')).period).toBe('unit')
    expect(only(moneySpans('2 400 000 kronor för hela avtalsperioden')).period).toBe('total')
    expect(only(moneySpans('SEK 3.6 million over the three-year term')).period).toBe('total')
    expect(only(moneySpans('12 000 kr i månaden')).period).toBe('month')
    // The multiplier in the currency before the number, and the period written with a slash right after the sum.
    expect(only(moneySpans('The Municipality pays kSEK 2 000 per year.'))).toMatchObject({ value: 2_000_000, period: 'year' })
    expect(only(moneySpans('MSEK 1,2 för hela avtalsperioden'))).toMatchObject({ value: 1_200_000, period: 'total' })
    expect(only(moneySpans('Kommunen betalar 350 tkr/år till föreningen.'))).toMatchObject({ value: 350_000, period: 'year' })
    expect(only(moneySpans('Kommunen betalar 30 tkr/mån.'))).toMatchObject({ value: 30_000, period: 'month' })
    expect(only(moneySpans('SEK 40k/yr'))).toMatchObject({ value: 40_000, period: 'year' })
  })

  it('is not fooled by counts, years and volunteer hours', () => {
    expect(moneySpans('2 miljoner besök och 3 m till hallen under 2026')).toEqual([])
    expect(moneySpans('cirka 1 500 ideella timmar per år')).toEqual([])
    expect(only(hoursIn('cirka 1 500 ideella timmar per år')).value).toBe(1500)
  })
})

const SV_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december']
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

describe('dates', () => {
  it('every written form of a date reads as the same day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2039 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
        const sv = SV_MONTHS[m - 1]!
        const en = EN_MONTHS[m - 1]!
        const forms = [iso, `${d} ${sv} ${y}`, `den ${d} ${sv} ${y}`, `${d} ${sv.slice(0, 3)}. ${y}`, `${d} ${en} ${y}`, `${en} ${d}, ${y}`, `${d}/${m} ${y}`, `${d}.${m}.${y}`]
        for (const f of forms) expect([f, only(dateSpans(`Gäller från ${f}.`))]).toMatchObject([f, { year: y, month: m, day: d, precision: 'day' }])
      }),
      { numRuns: 200 },
    )
  })

  it('month and season precision are kept apart from days', () => {
    expect(only(dateSpans('från januari 2026'))).toMatchObject({ year: 2026, month: 1, precision: 'month' })
    expect(only(dateSpans('under hösten 2027'))).toMatchObject({ year: 2027, month: 9, precision: 'season' })
    expect(only(dateSpans('1 jan. 2026'))).toMatchObject({ year: 2026, month: 1, day: 1, precision: 'day' })
  })
})

describe('durations and frequencies', () => {
  const WORDS = ['en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv']
  const EN = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
  it('every written form of a notice period reads as the same months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (n) => {
        for (const f of [`${n} månader`, `${n} månaders`, `${WORDS[n - 1]} månaders`, `${n} mån.`, `${n} months`, `${EN[n - 1]} months'`])
          expect([f, only(durationSpans(`med ${f} uppsägningstid`)).months]).toEqual([f, n])
      }),
    )
    expect(only(durationSpans('ett halvårs varsel')).months).toBe(6)
    expect(only(durationSpans('två år')).months).toBe(24)
  })

  it('recurrences in both languages', () => {
    const months = (s: string) => only(frequencySpans(s)).months
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (n) => {
        expect(months(`${WORDS[n - 1]} gånger per år`)).toBeCloseTo(12 / n)
        expect(months(`${n} times a year`)).toBeCloseTo(12 / n)
      }),
    )
    expect(months('varje höst inför budgetåret')).toBe(12)
    expect(months('each September')).toBe(12)
    expect(months('quarterly')).toBe(3)
    expect(months('varannan månad')).toBe(2)
    expect(months('tre gånger per läsår')).toBe(4)
    expect(months('twice per term')).toBe(3)
  })
})

describe('negation scope', () => {
  const at = (s: string, w: string) => isNegated(s, s.indexOf(w), s.indexOf(w) + w.length)
  it('negates within the clause, through a list, and not across "men"/"but"', () => {
    expect(at('Det beräknas inte per plats, per dygn eller per gäst.', 'per gäst')).toBe(true)
    expect(at('Ersättningen betalas inte ut per deltagare.', 'per deltagare')).toBe(true)
    expect(at('Bidraget är fast och inte kopplat till antal ärenden.', 'antal ärenden')).toBe(true)
    expect(at('Föreningen hyr inte lokalen, men anställer två samordnare.', 'anställer')).toBe(false)
    expect(at('The grant is not paid per participant but per year.', 'per year')).toBe(false)
  })
  it('deadlines and limits are not negations', () => {
    expect(at('Reports are due no later than 30 September each year.', '30 September')).toBe(false)
    expect(at('Rapporten lämnas inte senare än den 1 mars varje år.', '1 mars')).toBe(false)
    expect(at('It cannot be extended.', 'extended')).toBe(true)
    expect(at('Överenskommelsen förlängs inte.', 'förlängs')).toBe(true)
  })
})

describe('restatements, per annum, month lists and coarse dates', () => {
  it('an amount restated in words in brackets keeps its currency', () => {
    expect(only(moneySpans('Kommunen lämnar ett årligt bidrag om 640 000 (sexhundrafyrtiotusen) kronor.'))).toMatchObject({ value: 640_000, period: 'year' })
    expect(only(moneySpans('The Region pays SEK 200,000 (two hundred thousand) per annum.'))).toMatchObject({ value: 200_000, period: 'year' })
    expect(only(moneySpans('200 000 (tvåhundratusen) kr per år'))).toMatchObject({ value: 200_000 })
    // Brackets with no currency after them are no amount.
    expect(moneySpans('Vi räknar med 640 000 (sexhundrafyrtiotusen) besök.')).toEqual([])
  })

  it('a count restated in digits in brackets is one duration', () => {
    expect(only(durationSpans("by giving nine (9) months' written notice")).months).toBe(9)
    expect(only(durationSpans('med sex (6) månaders uppsägningstid')).months).toBe(6)
    expect(only(durationSpans('for one (1) year')).months).toBe(12)
  })

  it('one table of number words serves durations and counts', () => {
    expect(only(durationSpans('femton månader')).months).toBe(15)
    expect(only(durationSpans('sixty days')).months).toBeCloseTo(2, 0)
    expect(only(durationSpans('tjugo veckor')).months).toBeCloseTo(4.6, 1)
  })

  it('per annum is a year', () => {
    expect(only(frequencySpans('The Steering Committee shall convene six times per annum.')).months).toBe(2)
    expect(only(frequencySpans('The committee meets six times a year.')).months).toBe(2)
  })

  it('a list of named months is so many occasions a year', () => {
    expect(only(frequencySpans('Styrgruppen träffas i mars, juni, september och december.')).months).toBe(3)
    expect(only(frequencySpans('The panel meets in March and September.')).months).toBe(6)
    expect(only(frequencySpans('Rådet samlas i februari, maj samt oktober.')).months).toBe(4)
    // Ranges and dates are not occasions.
    expect(frequencySpans('Lägret pågår mellan juni och augusti.')).toEqual([])
    expect(frequencySpans('from March to June')).toEqual([])
    expect(frequencySpans('Avtalet gäller 1 mars 2026 och 31 december 2028.')).toEqual([])
    expect(frequencySpans('Vi ses i mars och oktober 2027.')).toEqual([])
  })

  it('half-years and quarters are dates at their precision', () => {
    expect(only(dateSpans('under första halvåret 2031'))).toMatchObject({ year: 2031, month: 1, precision: 'half' })
    expect(only(dateSpans('andra halvåret 2030'))).toMatchObject({ year: 2030, month: 7, precision: 'half' })
    expect(only(dateSpans('in the second half of 2029'))).toMatchObject({ year: 2029, month: 7, precision: 'half' })
    expect(only(dateSpans('tredje kvartalet 2027'))).toMatchObject({ year: 2027, month: 7, precision: 'quarter' })
    expect(only(dateSpans('by Q4 2027'))).toMatchObject({ year: 2027, month: 10, precision: 'quarter' })
    expect(only(dateSpans('H1 2031'))).toMatchObject({ year: 2031, month: 1, precision: 'half' })
    expect(dateSpans('tredje halvåret 2031').filter((d) => d.precision === 'half')).toEqual([])
  })
})

describe('calendar months and parts of a year', () => {
  it('calendar months are months', () => {
    expect(only(durationSpans("three calendar months' notice")).months).toBe(3)
    expect(only(durationSpans('tre kalendermånaders uppsägningstid')).months).toBe(3)
    expect(only(durationSpans('sex hela månader')).months).toBe(6)
  })
  it('the start, middle and end of a year are month-precision dates', () => {
    expect(only(dateSpans('i slutet av 2028'))).toMatchObject({ year: 2028, month: 12, precision: 'month' })
    expect(only(dateSpans('by the end of 2027'))).toMatchObject({ year: 2027, month: 12, precision: 'month' })
    expect(only(dateSpans('i början av 2027'))).toMatchObject({ year: 2027, month: 1, precision: 'month' })
    expect(only(dateSpans('mid-2029'))).toMatchObject({ year: 2029, month: 6, precision: 'month' })
  })
})
