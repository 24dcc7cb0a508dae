/**
 * Folds text for matching: lower case, diacritics removed (å ä ö é → a a o e), and everything that is
 * not a letter or digit turned into a space. People type "larandemal" on an English keyboard and
 * expect "lärandemål"; ids such as "termination.gradual_winddown" become searchable words.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export const words = (text: string): string[] => {
  const folded = fold(text)
  return folded ? folded.split(' ') : []
}
