import type { SectionId } from '../sections.ts'
import { CONTENT_CUES } from './cues.ts'
import { firstWordsOf } from './first-words.ts'
import { CHANNEL_CUE_WORDS } from './involvement.ts'

/**
 * Content cues dispatched by the words a block contains. Every alternative of a content cue begins at
 * the start of a word (`\b(?<!W)…` after `u()`), so a cue can only match a block holding a word that
 * begins with one of its alternatives' first literal words. The block is split into words once, each
 * word is looked up by its first three characters, and only the cues with a candidate word run their
 * pattern, which still decides: the result is exactly the pattern's, the prefilter only skips work.
 */

/**
 * First words of every alternative, per cue: `word$` must be the whole word (the pattern has a space or
 * a word end after it), `word` is a prefix (the pattern goes on with `\w*` or without a word end).
 * `a+b` is a phrase of words, `^word` only the text's first word, `*ending` a word's end, `#digit-unit` a
 * money unit after a digit, `#kommun-end` a text ending in "kommun". A cue not listed here (an alternative that does not start a
 * word) always runs its pattern. Written out from cues.ts; test/unit/validator/cue-index.test.ts checks
 * over the corpus and generated text that the prefilter never drops a cue its pattern finds.
 */
const FIRST_WORDS: Partial<Record<SectionId, string>> = {
  parties_and_mandates:
    'agreement överenskommelse avtal partnership partnerskap parter+i ingås$ företräds$ represented$ acting$ is+entered the+parties parterna$ parties$ org organisationsnummer$ firmatecknare$',
  societal_challenge:
    'neither+party no+party none+of neither+of ingen+av ingen+part kan+bara can+only year$ years$ grade$ grades$ årskurs$ åk$ riktar$ is+aimed the+target the+challenge the+problem målgruppen$ samhällsutmaning$ problembild$ utmaningen$ behovet$ statistik$ enligt$ according$ kartläggning$ the+beneficiaries beneficiaries$ i+åldern aged$ mellan$ between$',
  purpose_and_goals:
    'our+shared our+common our+joint the+shared the+common the+joint vårt+gemensamma det+gemensamma vi+vill the+aim the+purpose our$ vår$ senast$ by$ syftet$ syfte$ partnerskapets$ syftar$ purpose$ aims$ målet$ målen$ ska+uppge effektmål$ goal$ goals$ objective$ objectives$',
  activities:
    'verksamheten$ insatserna$ aktiviteterna$ partnerskapet$ driver$ bedriver$ anordnar$ erbjuder$ genomför$ arrangerar$ carries$ delivers$ offers$ activities$ runs$ operates$ organises$ organizes$ provides$ genomförs$ drivs$ bedrivs$ körs$ ordnar$ ordnas$ upplåter$ leds$ is+driven is+run is+led are+driven are+run are+led anordnas$ erbjuds$ arrangeras$ shall$ will$ ansvarar$',
  ownership_and_costs: 'bokför kostnadsansvar huvudman äger$ book cost owns$ bär$',
  budget_and_resources:
    'tillskjuter$ bidrar$ ersättning$ bidraget$ budget$ finansier$ utbetalning$ ideell$ ideella$ medfinansier$ contribute grant$ funding$ co$ volunteer$ #digit-unit kr$ kronor$ sek$ tkr$ mkr$',
  governance: 'styrgrupp ledningsgrupp samverkansgrupp arbetsgrupp samordnargrupp steering$ management$ working$ coordination$ i+samförstånd konsensus consensus',
  meeting_cadence: 'möts$ träffas$ sammanträder$ meets$ will$ meet$',
  learning_goals: 'lärandemål$ lära$ lärande$ learning$ learn$',
  follow_up_evaluation:
    'för+statistik statistik$ keep$ keeps$ statistics$ siffror$ siffrorna$ sammanställer$ compile$ compiles$ följs$ enkät survey attendance indikator indicator följa$ följer$ uppföljning utvärder återrapport followed$ follow$ evaluat monitor',
  risk_and_crunch_questions: 'risk knäckfråg om$ if$ kan$ could$ can$ may$ might$',
  target_group_involvement:
    '*panel *panelen *rådet *råd fokussamtal$ fokusgrupp focus$ guests$ participants$ users$ youth$ children$ residents$ tenants$ members$ brukarinflytande$ deltagarinflytande$ brukarmedverkan$ user$ representanter$ representatives$ reference+group referensgrupp$ referensgruppen$ referensgrupper$ ' +
    CHANNEL_CUE_WORDS,
  renegotiation: 'går$ review go$ agreement$ överenskommelsen$ avtalet$ omförhandl omvärldsbevakning översyn$ ses$ revideras renegotiat',
  duration:
    'applies$ takes$ in+force gäller$ avtalstid avtalsperiod giltig löper förlängas förlängning runs$ valid$ term+of is+in extended enter$ enters$ entered$ come$ comes$ remain$ remains$ träder$',
  termination: 'notice end$ avsluta$ uppsägning säga$ sägs$ avveckl varsel terminat wind$ winding$ give$',
  legal_basis: 'upphandling lou$ statsstöd de+minimis procurement state$ valt$ chose$ val$ kommunallagen',
  dispute_resolution: 'oense oeniga disagree tvist oenighet meningsskiljaktighet disagreement allmän$ tingsrätt medling dispute court mediation arbitration',
  personal_data: 'personuppgift sekretess tystnadsplikt dataskydd gdpr personal$ confidential data$',
  signatures: '^för$ ^for$ #kommun-end undertecknas underskrift namnförtydligande ort$ signed$ signature',
}

const SECTION_IDS = Object.keys(CONTENT_CUES) as SectionId[]

interface Entry {
  /** The literal that must stand at the word's start (a phrase may run past the word). */
  literal: string
  /** Length the word must have (`word$`), or -1. */
  exactLength: number
  /** Only as the text's first word (`^word$`). */
  atStart: boolean
  bit: number
  /** A fact pattern's gate (`gateWords`) rather than a content cue. */
  gate: boolean
}

interface Ending {
  ending: string
  bit: number
  gate: boolean
}

/** A word's first three UTF-16 units as one number (shorter words padded with 0, never a word unit). */
function keyAt(text: string, start: number, end: number): number {
  const len = end - start
  return text.charCodeAt(start) | (len > 1 ? text.charCodeAt(start + 1) << 10 : 0) | (len > 2 ? text.charCodeAt(start + 2) << 20 : 0)
}

const byKey = new Map<number, Entry[]>()
/** Word endings (`*ending`), by their last three characters, so that a word costs one lookup, not one check per ending. */
const byEnd = new Map<number, Ending[]>()
let digitUnitBits = 0
let kommunEndBits = 0
let alwaysBits = 0

/** Adds the items of a first-word list (the syntax of FIRST_WORDS) under `bit`, for a cue or a gate. */
function addWords(spec: string, bit: number, gate: boolean): void {
  for (let item of spec.split(' ')) {
    if (item === '#digit-unit' && !gate) digitUnitBits |= bit
    else if (item === '#kommun-end' && !gate) kommunEndBits |= bit
    else if (item.startsWith('#')) throw new Error(`unknown first-word rule ${item}`)
    else if (item.startsWith('*')) {
      const ending = item.slice(1)
      if (ending.length < 3) throw new Error(`ending too short for the index: ${item}`)
      const key = keyAt(ending, ending.length - 3, ending.length)
      byEnd.set(key, [...(byEnd.get(key) ?? []), { ending, bit, gate }])
    } else {
      const atStart = item.startsWith('^')
      if (atStart) item = item.slice(1)
      const exact = item.endsWith('$')
      const literal = (exact ? item.slice(0, -1) : item).replaceAll('+', ' ')
      const firstWord = literal.split(' ')[0]!
      const exactLength = exact || literal.includes(' ') ? firstWord.length : -1
      // A prefix shorter than the key would have to match every word sharing its first letters.
      if (exactLength < 0 && firstWord.length < 3) throw new Error(`prefix too short for the index: ${item}`)
      const key = keyAt(firstWord, 0, firstWord.length)
      const list = byKey.get(key) ?? []
      list.push({ literal, exactLength, atStart, bit, gate })
      byKey.set(key, list)
    }
  }
}

SECTION_IDS.forEach((id, i) => {
  const bit = 1 << i
  const spec = FIRST_WORDS[id]
  if (spec === undefined) alwaysBits |= bit
  else addWords(spec, bit, false)
})

/**
 * Gates for the fact finders' patterns, found in the same pass over a block as the cues: a pattern
 * registered here is run on a block only when the block holds one of its first words. The words come
 * from the pattern itself (`firstWordsOf`) or, for a pattern that does not begin at a word's start,
 * from a list written by hand. At most 31 patterns; one registered later than a block was read is run
 * on that block as if ungated.
 */
const gateBits = new Map<RegExp, number>()
const gateSpecs = new Map<RegExp, string>()
let gateCount = 0
/** Bits of every gate registered so far. */
let knownGates = 0

export function gateWords(re: RegExp, spec: string | null = firstWordsOf(re)): RegExp {
  if (spec === null || gateBits.has(re) || gateCount >= 31) return re
  const bit = 1 << gateCount++
  addWords(spec, bit, true)
  gateBits.set(re, bit)
  gateSpecs.set(re, spec)
  knownGates |= bit
  return re
}

/** The gated patterns with their first-word lists (for the tests). */
export function gatedPatterns(): { re: RegExp; words: string }[] {
  return [...gateSpecs].map(([re, words]) => ({ re, words }))
}

/** What a block's scan found for the gates: the gates whose words it holds, and which gates existed then. */
export interface GateBits {
  gates: number
  gatesKnown: number
}

/** False only when `re` is gated and the text holds none of its first words, so it cannot match. */
export function mayMatch(b: GateBits, re: RegExp): boolean {
  const bit = gateBits.get(re)
  return bit === undefined || (b.gatesKnown & bit) === 0 || (b.gates & bit) !== 0
}

/** Word characters of `u()` (digits, `_`, Latin letters up to U+024F) by UTF-16 code unit. */
const WORD = new Uint8Array(0x250)
for (let c = 0; c < 0x250; c++) {
  WORD[c] = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || c >= 0xf8 ? 1 : 0
}

/** "5kr", "5sek", "5tkr", "5mkr": a digit with a money unit attached (spaced units are words of their own). */
function unitAfterDigit(c: number): boolean {
  return c === 0x6b || c === 0x73 || c === 0x74 || c === 0x6d
}

let scannedGates = 0

/** The gates found by the last `candidateCues` call (same pass), with the gates known at the time. */
export function lastGates(): GateBits {
  return { gates: scannedGates, gatesKnown: knownGates }
}

/** Bit set (bit i = CONTENT_CUES' i-th cue) of the cues that could match `text`; one pass over it. */
export function candidateCues(text: string): number {
  let bits = alwaysBits
  let gates = 0
  if (kommunEndBits && (text.endsWith('kommun') || text.endsWith('kommun:'))) bits |= kommunEndBits
  let start = -1
  const n = text.length
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0
    if (c < 0x250 && WORD[c] === 1) {
      if (start < 0) start = i
      if (c <= 0x39 && c >= 0x30 && i + 1 < n && unitAfterDigit(text.charCodeAt(i + 1))) bits |= digitUnitBits
      continue
    }
    if (start < 0) continue
    const length = i - start
    const list = byKey.get(keyAt(text, start, i))
    if (list !== undefined) {
      for (const e of list) {
        if (((e.gate ? gates : bits) & e.bit) !== 0 || (e.atStart && start !== 0)) continue
        if (e.exactLength >= 0 ? length !== e.exactLength : length < e.literal.length) continue
        if (!text.startsWith(e.literal, start)) continue
        if (e.gate) gates |= e.bit
        else bits |= e.bit
      }
    }
    if (length >= 3) {
      const ends = byEnd.get(keyAt(text, i - 3, i))
      if (ends !== undefined) {
        for (const s of ends) {
          if (length < s.ending.length || !text.endsWith(s.ending, i)) continue
          if (s.gate) gates |= s.bit
          else bits |= s.bit
        }
      }
    }
    start = -1
  }
  scannedGates = gates
  return bits
}

/** The sections whose content cue matches `text`, in CONTENT_CUES order; same as testing every cue. */
export function matchContentCues(text: string, bits = candidateCues(text)): SectionId[] {
  const out: SectionId[] = []
  for (let i = 0; i < SECTION_IDS.length; i++) {
    const id = SECTION_IDS[i]!
    if ((bits & (1 << i)) !== 0 && CONTENT_CUES[id].test(text)) out.push(id)
  }
  return out
}
