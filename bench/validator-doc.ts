/**
 * The ~50-page agreement the validator benchmarks run on: a complete draft with every section padded
 * by variations of its own text. Shared by bench/validator.ts and bench/validator-snapshot.ts.
 */
import { readFileSync } from 'node:fs'
import type { Node as PMNode } from 'prosemirror-model'
import { markdownToDoc } from '../schema/validator/markdown.ts'

export const WORDS_PER_PAGE = 500
export const PAGES = 50

export function generateLongAgreement(): PMNode {
  const base = readFileSync(new URL('../test/fixtures/validator/sv-complete-informal.md', import.meta.url), 'utf8')
  const sections = base.split(/\n(?=## )/)
  const head = sections.shift()!
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length
  const target = WORDS_PER_PAGE * PAGES
  let total = words(base)
  const padded = sections.map((s) => ({ text: s, extra: [] as string[] }))
  const paragraphs = padded.map((s) =>
    s.text
      .split('\n\n')
      .slice(1)
      .filter((p) => !p.startsWith('|') && !p.startsWith('-')),
  )
  for (let round = 1; total < target; round++) {
    for (let i = 0; i < padded.length && total < target; i++) {
      const source = paragraphs[i]!
      if (!source.length) continue
      const para = source[round % source.length]!.replace(/\d+/g, (d) => String(Number(d) + round))
      padded[i]!.extra.push(`Tillägg ${round}. ${para}`)
      total += words(para) + 2
    }
  }
  const md = [head, ...padded.map((s) => [s.text.trimEnd(), ...s.extra].join('\n\n'))].join('\n')
  return markdownToDoc(md)
}
