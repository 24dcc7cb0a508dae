/**
 * Sums of money in Swedish and English drafts, each as a span with its value in the stated currency:
 * "1 000 000,00 kr", "450 000:-", "450 tkr", "4,8 mnkr", "2,4 Mkr", "1,2 miljoner kronor", "SEK 1.2m",
 * "SEK 1.2 million", "SEK 850,000", "€ 75 000". With the amount, what the words right after it say:
 * per year, per month, for the whole term, or per unit (place, day, participant). Hours of volunteer
 * time and premises are not money; `hoursIn` finds the hours.
 *
 * Pure; runs on normalised (lower-case) text or raw text alike. Patterns are linear: no nested
 * quantifiers over overlapping characters.
 */
import { latin } from '../latin.ts'

export type MoneyPeriod = 'year' | 'month' | 'total' | 'unit' | null

export interface MoneySpan {
  start: number
  end: number
  value: number
  currency: 'SEK' | 'EUR'
  period: MoneyPeriod
}

// number: grouped thousands with space, no-break space, dot or comma, optional 1–2 decimals; or a plain number.
const NUM = String.raw`(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)`
const MULT = String.raw`(miljoner|miljon|milj\.?|mdkr|mnkr|mkr|msek|meur|millions?|mn|m|tkr|tsek|tusen|thousand|k)`
const CUR_AFTER = String.raw`(kronor|kr\.?|:-|sek|eur|euro|€)`
// The amount restated in words in brackets before the currency, the legal habit: "640 000 (sexhundrafyrtiotusen) kronor".
// Letters, spaces and hyphens only, bounded, between two fixed tokens: no backtracking beyond its 80 characters.
const RESTATED = String.raw`(?:\s\([\p{L} -]{2,80}\))?`
// A currency before the number may carry the multiplier: "kSEK 2 000", "MSEK 1,2", "tkr 350".
const MONEY = latin(new RegExp(String.raw`(?<![\p{L}\d])(?:(ksek|tsek|msek|mnkr|mkr|tkr|sek|eur|€|kr\.?)\s?)?${NUM}(?:\s?${MULT}(?![\p{L}]))?${RESTATED}(?:\s?${CUR_AFTER})?(?![\p{L}\d])`, 'giu'))

const YEAR = latin(
  /^\/ ?(?:år|yr|year)\b|^[^.;]{0,30}?\b(?:per år|om året|i året|\/år|årligen|årligt|per kalenderår|varje år|per verksamhetsår|per year|a year|annually|each year|every year|per calendar year|yearly|per annum|\/yr)\b/iu,
)
const MONTH = latin(/^\/ ?(?:mån|månad|month|mo)\b|^[^.;]{0,30}?\b(?:per månad|i månaden|\/mån|varje månad|per month|a month|monthly|each month)\b/iu)
const UNIT = latin(
  /^[^.;]{0,12}?\b(?:per|\/|för varje|for each|a) ?(?:plats|platser|dygn|vårddygn|dag|deltagare|timme|ärende|elev|brukare|person|säng|besök|place|bed|day|night|participant|hour|case|pupil|client|visit)\b/iu,
)
const TOTAL_AFTER = latin(
  /^[^.;]{0,40}?(?<![\p{L}])(?:totalt|sammanlagt|för hela (?:avtals)?perioden|under hela (?:avtals)?perioden|för (?:avtals)?perioden|under (?:de|den) [\p{L}-]+ (?:åren|året|perioden|avtalsperioden)|över (?:hela )?avtalsperioden|in total|over the [\p{L}-]+(?: [\p{L}-]+)? (?:term|period)|for the [\p{L}-]+(?: [\p{L}-]+)? (?:term|period)|during the [\p{L}-]+ (?:term|period))(?![\p{L}])/iu,
)
const TOTAL_BEFORE = latin(
  /(?<![\p{L}])(?:totalt|sammanlagt|sammantaget|sammanlagda|totala|hela avtalsperioden|hela avtalstiden|whole term|full term|entire term|in total|a total of|totalling|total)(?![\p{L}])[^.;]{0,60}$/iu,
)
const YEAR_BEFORE = latin(/(?<![\p{L}])(?:årlig|årligt|årliga|annual|yearly|varje år|per år|each year|every year)(?![\p{L}])[^.;]{0,40}$/iu)

const HAS_DIGIT = /\d/

function parseNumber(digits: string, multiplied: boolean): number {
  const groups = digits.split(/[ \u00a0\u202f]/)
  if (groups.length > 1) {
    // "1 000 000,00": spaces group thousands; a final comma or dot with 1–2 digits is the decimal part.
    const joined = groups.join('')
    const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(joined.replace(/[.,](?=\d{3}(?:\D|$))/g, ''))
    return m ? Number(`${m[1]}.${m[2] ?? '0'}`) : NaN
  }
  const seps = digits.match(/[.,]/g) ?? []
  if (seps.length === 0) return Number(digits)
  if (seps.length > 1) {
    // "1,234,567" or "1.234.567" (thousands), or "1,234,567.50" / "1.234.567,50" (the last is decimal when not 3 digits).
    const last = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','))
    const tail = digits.slice(last + 1)
    if (tail.length === 3) return Number(digits.replace(/[.,]/g, ''))
    return Number(`${digits.slice(0, last).replace(/[.,]/g, '')}.${tail}`)
  }
  const at = digits.search(/[.,]/)
  const tail = digits.slice(at + 1)
  // One separator before exactly three digits groups thousands ("850,000", "9.500"), unless a
  // multiplier follows ("1,250 mnkr" is 1.25 million).
  if (tail.length === 3 && !multiplied) return Number(digits.replace(/[.,]/, ''))
  return Number(digits.replace(',', '.'))
}

function multiplier(word: string | undefined): number {
  if (!word) return 1
  const w = word.toLowerCase()
  if (/^(?:miljon|miljoner|milj\.?|mkr|mnkr|msek|meur|millions?|mn|m)$/.test(w)) return 1_000_000
  if (w === 'mdkr') return 1_000_000_000
  if (/^(?:tkr|tsek|tusen|thousand|k)$/.test(w)) return 1_000
  return 1
}

export function moneySpans(text: string): MoneySpan[] {
  const out: MoneySpan[] = []
  // Every sum has a digit; most sentences have none, and a scan for one is far cheaper than MONEY.
  if (!HAS_DIGIT.test(text)) return out
  MONEY.lastIndex = 0
  for (let m = MONEY.exec(text); m; m = MONEY.exec(text)) {
    const pre = m[1]
    const digits = m[2]!
    // A multiplier in the currency before the number ("kSEK 2 000") scales like one after it.
    const preMult = pre && /^(?:ksek|tsek|msek|mnkr|mkr|tkr)$/i.test(pre) ? (/^[kt]/i.test(pre) ? 'tkr' : 'mkr') : undefined
    const mult = m[3] ?? preMult
    const post = m[4]
    const multWord = mult?.toLowerCase()
    // A bare "m" or "k" counts only next to a currency ("SEK 1.2m"), never alone ("3 m" is metres).
    if ((multWord === 'm' || multWord === 'k' || multWord === 'mn') && !pre && !post) continue
    const currencyWord = (pre ?? post ?? (multWord && /kr|sek/.test(multWord) ? 'kr' : multWord === 'meur' ? 'eur' : undefined))?.toLowerCase()
    if (!currencyWord) continue
    // "miljoner" alone is a count ("2 miljoner besök"): it needs a currency after it.
    if (multWord && /^(?:miljon|miljoner|milj\.?|millions?|tusen|thousand)$/.test(multWord) && !pre && !post) continue
    const base = parseNumber(digits, multiplier(mult) > 1)
    if (!Number.isFinite(base)) continue
    const value = Math.round(base * multiplier(mult) * 100) / 100
    const end = m.index + m[0].length
    const after = text.slice(end, end + 60)
    const before = text.slice(Math.max(0, m.index - 70), m.index)
    const period: MoneyPeriod = UNIT.test(after)
      ? 'unit'
      : YEAR.test(after)
        ? 'year'
        : MONTH.test(after)
          ? 'month'
          : TOTAL_BEFORE.test(before) || TOTAL_AFTER.test(after)
            ? 'total'
            : YEAR_BEFORE.test(before)
              ? 'year'
              : null
    out.push({ start: m.index, end, value, currency: /eur|€/.test(currencyWord) ? 'EUR' : 'SEK', period })
    if (m[0].length === 0) MONEY.lastIndex++
  }
  return out
}

const HOURS = latin(/(?<![\p{L}\d])(\d{1,3}(?:[ \u00a0.,]\d{3})+|\d+)\s?(?:ideella\s|frivilliga\s|volunteer\s)?(?:timmar|tim\.|h|hours)(?![\p{L}])/giu)

/** Hours of (volunteer) time: in-kind, never cash. */
export function hoursIn(text: string): { start: number; end: number; value: number }[] {
  const out: { start: number; end: number; value: number }[] = []
  if (!HAS_DIGIT.test(text)) return out
  HOURS.lastIndex = 0
  for (let m = HOURS.exec(text); m; m = HOURS.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, value: Number(m[1]!.replace(/[ \u00a0.,]/g, '')) })
  return out
}
