/**
 * The one table of number words, Swedish and English, that every recogniser reads counts from
 * (durations, frequencies, notice periods, extensions). Kept in one place so that "femton månader"
 * and "fifteen months" mean the same in every rule.
 */

/** Whole counts, articles included ("ett år", "a year"). */
export const COUNT_WORDS: Record<string, number> = {
  en: 1,
  ett: 1,
  one: 1,
  a: 1,
  an: 1,
  två: 2,
  two: 2,
  tre: 3,
  three: 3,
  fyra: 4,
  four: 4,
  fem: 5,
  five: 5,
  sex: 6,
  six: 6,
  sju: 7,
  seven: 7,
  åtta: 8,
  eight: 8,
  nio: 9,
  nine: 9,
  tio: 10,
  ten: 10,
  elva: 11,
  eleven: 11,
  tolv: 12,
  twelve: 12,
  femton: 15,
  fifteen: 15,
  arton: 18,
  eighteen: 18,
  tjugo: 20,
  twenty: 20,
  tjugofyra: 24,
  'twenty-four': 24,
  trettio: 30,
  thirty: 30,
  trettiosex: 36,
  'thirty-six': 36,
  fyrtioåtta: 48,
  'forty-eight': 48,
  sextio: 60,
  sixty: 60,
  nittio: 90,
  ninety: 90,
}

/** Words that halve a period ("varannan", "half") rather than count it. */
export const FRACTION_WORDS: Record<string, number> = { varannan: 0.5, vartannat: 0.5, halv: 0.5, half: 0.5 }

/** Alternation of the count words, longest first so that "sextio" is not read as "sex". */
export const COUNT_WORD = Object.keys(COUNT_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')

/** Count words without the articles, for patterns where "a"/"en" would be read in ordinary prose. */
export const NUMERAL_WORD = Object.keys(COUNT_WORDS)
  .filter((w) => w !== 'a' && w !== 'an')
  .sort((a, b) => b.length - a.length)
  .join('|')

/**
 * A count written out with its digits repeated in brackets, the legal habit: "nine (9)", "sex (6)".
 * Optional, bounded, and between two fixed tokens, so it adds no backtracking.
 */
export const RESTATED_DIGITS = String.raw`(?:\s\(\d{1,3}\))?`

export function countOf(word: string): number | null {
  if (/^\d/.test(word)) return Number(word.replace(',', '.'))
  const w = word.toLowerCase()
  return COUNT_WORDS[w] ?? FRACTION_WORDS[w] ?? null
}
