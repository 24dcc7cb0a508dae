/**
 * Where the facts are stated: the words a met criterion rests on, quoted so the editor can select them.
 * Each finder walks the same blocks, in the same order, as the reading that set the fact (term.ts,
 * governance.ts, learning.ts), so the quote is the sentence that decided, not a look-alike elsewhere.
 */
import { memo, type Block } from './blocks.ts'
import type { FactContext } from './facts.ts'
import type { Party } from './parties.ts'
import { mentioned } from './mentions.ts'
import { STEERING } from './governance.ts'
import { noticeIn, reviewMarks, termMarks, type TermMark } from './term.ts'
import { normalize } from './text.ts'
import type { Evidence } from './types.ts'

/**
 * The words as written (case and all) for a normalised sentence. Normalising strips placeholders and
 * labels a table row's cells with its header, so the sentence is found by its longest leading run and
 * ends at its last words; a row is quoted as its cells. Never the normalised text itself: a quote is
 * what the group wrote, and the editor finds it by those words.
 */
export function quoteOf(raw: string, sentence: string): string {
  const flat = raw.replace(/\s+/g, ' ').trim()
  const lower = flat.toLowerCase()
  const cut = (text: string) => (text.length > 300 ? text.slice(0, 297) + '…' : text)
  for (const n of [40, 24, 12]) {
    const probe = sentence.slice(0, n)
    if (probe.length < Math.min(n, sentence.length) || probe.trim().length < 6) continue
    const at = lower.indexOf(probe)
    if (at < 0) continue
    const tail = sentence.slice(-12)
    const end = tail.trim().length >= 6 ? lower.indexOf(tail, at) : -1
    return cut(flat.slice(at, end >= 0 ? end + tail.length : at + sentence.length).trim())
  }
  return cut(flat)
}

export const quote = (b: Block, sentence: string): Evidence => ({ quote: quoteOf(b.raw, sentence), top: b.top })

/** The first sentence of `blocks` that passes `test` (remembered per node under `key`), as evidence. */
export function firstSentence(blocks: Iterable<Block>, key: unknown, test: (sentence: string) => boolean): Evidence | null {
  for (const b of blocks) {
    const hit = memo(b, key, () => b.sentences.find(test) ?? null)
    if (hit !== null) return quote(b, hit)
  }
  return null
}

const NOTICE_KEY = Symbol('notice evidence')
const TERM_KEY = Symbol('term evidence')
const EXTENSION_KEY = Symbol('extension evidence')
const REVIEW_KEY = Symbol('review evidence')
const STEERING_KEY = Symbol('steering evidence')

/** TE1: the sentence the notice period was read from (termination first, then duration, as findNotice reads). */
export function noticeEvidence(ctx: FactContext): Evidence | null {
  return firstSentence([...ctx.scopes.termination.content, ...ctx.scopes.duration.content], NOTICE_KEY, (s) => noticeIn(s) !== null)
}

function durationBlocks(ctx: FactContext): Block[] {
  const own = ctx.scopes.duration.content.filter((b) => ctx.scopes.duration.strong.includes(b))
  return own.length ? own : ctx.scopes.duration.content
}

/** DU1: the sentence giving the term's dates, years or length. */
export function termEvidence(ctx: FactContext): Evidence | null {
  return firstTermSentence(durationBlocks(ctx), TERM_KEY, (t) => t.dates.length > 0 || t.range !== null || (!t.isExt && t.length !== null))
}

/** DU2: the sentence that allows an extension. */
export function extensionEvidence(ctx: FactContext): Evidence | null {
  return firstTermSentence(durationBlocks(ctx), EXTENSION_KEY, (t) => t.isExt)
}

/** `firstSentence` on the sentences' term readings, which the term itself was read from (`termMarks`). */
function firstTermSentence(blocks: Iterable<Block>, key: unknown, test: (t: TermMark) => boolean): Evidence | null {
  for (const b of blocks) {
    const hit = memo(b, key, () => {
      const marks = termMarks(b)
      const i = marks.findIndex(test)
      return i < 0 ? null : b.sentences[i]!
    })
    if (hit !== null) return quote(b, hit)
  }
  return null
}

/** RN1: the sentence scheduling a review of the agreement itself. */
export function reviewEvidence(ctx: FactContext): Evidence | null {
  const { renegotiation, follow_up_evaluation, governance } = ctx.scopes
  for (const b of new Set([...renegotiation.content, ...follow_up_evaluation.content, ...governance.content])) {
    const hit = memo(b, REVIEW_KEY, () => {
      const i = reviewMarks(b).findIndex((r) => r?.scheduled === true)
      return i < 0 ? null : b.sentences[i]!
    })
    if (hit !== null) return quote(b, hit)
  }
  return null
}

/** GV1: the sentence that sets up the steering body (its members follow in it or in the list below). */
export function steeringEvidence(ctx: FactContext): Evidence | null {
  return firstSentence(ctx.scopes.governance.content, STEERING_KEY, (s) => STEERING.test(s))
}

/** For each party (at most `limit`), the first sentence that names it: in the parties section, else anywhere. */
export function partyEvidence(ctx: FactContext, parties: readonly Party[], limit = 4): Evidence[] {
  const out: Evidence[] = []
  const where = [ctx.scopes.parties_and_mandates.content, ctx.blocks.filter((b) => b.type !== 'heading' && b.text)]
  for (const p of parties.slice(0, limit)) {
    for (const blocks of where) {
      // Not remembered per node: the parties (and so their patterns) change with the whole document.
      const b = blocks.find((x) => x.sentences.some((s) => p.mention.test(s)))
      const hit = b ? quote(b, b.sentences.find((s) => p.mention.test(s))!) : null
      if (hit) {
        if (!out.some((e) => e.top === hit.top && e.quote === hit.quote)) out.push(hit)
        break
      }
    }
  }
  return out
}

/** Where each of `parties` is named within `blocks` (a signature block, a learning goal), sentence or header row. */
export function namedIn(blocks: readonly Block[], parties: Iterable<Party>, limit = 4): Evidence[] {
  const out: Evidence[] = []
  for (const p of parties) {
    if (out.length >= limit) break
    for (const b of blocks) {
      const text = b.type === 'header_row' ? normalize(b.raw) : b.text
      // A goal under a heading that names the party ("Kommunens lärandemål") is that party's own.
      if (!mentioned([p], text).length && !(b.headingText && mentioned([p], b.headingText).length)) continue
      const sentence = b.sentences.find((s) => p.mention.test(s)) ?? b.sentences[0] ?? b.text
      const ev = quote(b, sentence)
      if (!out.some((e) => e.top === ev.top && e.quote === ev.quote)) out.push(ev)
      break
    }
  }
  return out
}

/** The block that holds a sentence found by a reading that kept only the sentence. */
export function locate(blocks: readonly Block[], sentence: string): Evidence | null {
  for (const b of blocks) if (b.sentences.includes(sentence)) return quote(b, sentence)
  return null
}

const SHARED_KEY = Symbol('shared learning evidence')

/** LG1: the first learning goal that names no single party (a shared one). */
export function sharedLearningEvidence(ctx: FactContext, parties: readonly Party[]): Evidence | null {
  return firstSentence(
    ctx.scopes.learning_goals.content.filter((b) => mentioned(parties, b.headingText).length !== 1),
    SHARED_KEY,
    (s) => mentioned(parties, s).length !== 1,
  )
}
