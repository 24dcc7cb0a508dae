import { memo, type Block } from './blocks.ts'
import { WORD_CHAR } from './text.ts'

/**
 * Acronyms a draft uses for its parties without defining them ("SFE" for Studieförbundet Folkvett
 * Ekhamra, "EPF" for Ekhamra pingstförsamling, "KRA" for Kronvik Reentry Association). A reader resolves
 * them because they are the initials of a party's name, a compound's head counting as a word of its own
 * ("pingst|församling"). Only an acronym that the text actually writes in capitals becomes an alias, so a
 * party's initials never match an ordinary lower-case word.
 */

/** Heads of Swedish compound names that writers give a letter of their own in an acronym. */
const COMPOUND_HEADS = ['förbund', 'förening', 'församling', 'stiftelse', 'mission', 'kyrka', 'jour', 'allians', 'sällskap', 'nätverk', 'centrum', 'center', 'nämnd', 'förvaltning', 'gård', 'råd']
const DEFINITE = ['erna', 'arna', 'en', 'et', 'n', 'ns', 's', 'ens', 'ets']
/** Words that an acronym may or may not give a letter ("Kultur- och fritidsnämnden" is KFN). */
const FUNCTION_WORDS = new Set(['i', 'för', 'och', 'of', 'for', 'and', 'the', 'på', 'in', '&'])
/** No name yields more readings than this (each optional word doubles them). */
const MAX_VARIANTS = 32

function headOf(word: string): string | null {
  for (const head of COMPOUND_HEADS) {
    for (const end of ['', ...DEFINITE]) {
      const whole = head + end
      // The head must follow a stem of its own: "förening" alone is one word, one letter.
      if (word.length >= whole.length + 3 && word.endsWith(whole)) return head
    }
  }
  return null
}

/** The acronyms a name can be shortened to, lower-cased, each of three to six letters. */
export function acronymsOf(name: string): string[] {
  const words = name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w.length > 0)
  if (words.length < 2 || words.length > 8) return []
  let variants = ['']
  for (const w of words) {
    const first = w[0]!
    if (!/[a-zåäöéü]/.test(first)) continue
    const options = FUNCTION_WORDS.has(w) ? ['', first] : [first]
    const head = FUNCTION_WORDS.has(w) ? null : headOf(w)
    if (head) options.push(first + head[0]!)
    const next: string[] = []
    for (const v of variants) for (const o of options) if (next.length < MAX_VARIANTS) next.push(v + o)
    variants = next
  }
  return [...new Set(variants)].filter((v) => v.length >= 3 && v.length <= 6)
}

const THREE_CAPITALS = /[A-ZÅÄÖ]{3}/
const ACRONYM = new RegExp(`(?<!${WORD_CHAR})[A-ZÅÄÖ]{3,6}(?!${WORD_CHAR})`, 'g')

/** The acronyms (three to six capitals) written in a block, lower-cased; remembered per node. */
export function acronymsIn(b: Block): readonly string[] {
  return memo(b, acronymsIn, () => {
    // Most blocks have no three capitals in a row; that test is cheaper than the bounded pattern.
    if (!THREE_CAPITALS.test(b.raw)) return NONE
    const found = b.raw.match(ACRONYM)
    return found ? [...new Set(found.map((a) => a.toLowerCase()))] : NONE
  })
}

const NONE: readonly string[] = []

/** The acronyms written anywhere in the text (a loop, not a flatMap: this runs on every validation). */
export function acronymsWritten(blocks: readonly Block[]): Set<string> {
  const out = new Set<string>()
  for (const b of blocks) {
    const found = acronymsIn(b)
    for (let i = 0; i < found.length; i++) out.add(found[i]!)
  }
  return out
}
