/**
 * `node --import tsx bench/validator-cues.ts`: CPU time of the content cues alone over the blocks of the
 * 50-page agreement, every pattern tested on every block (as before the word dispatch) against the
 * dispatch of schema/validator/cue-index.ts, and how many blocks each cue's pattern still runs on.
 */
import { candidateCues, matchContentCues } from '../schema/validator/cue-index.ts'
import { CONTENT_CUES } from '../schema/validator/cues.ts'
import type { SectionId } from '../schema/sections.ts'
import { normalize } from '../schema/validator/text.ts'
import { generateLongAgreement } from './validator-doc.ts'

const texts: string[] = []
generateLongAgreement().descendants((n) => {
  if (n.isTextblock) texts.push(normalize(n.textContent))
  return true
})
const ids = Object.keys(CONTENT_CUES) as SectionId[]
const everyPattern = (t: string) => ids.filter((id) => CONTENT_CUES[id].test(t))

/** Median CPU ms of one pass over all blocks, after a warm-up. */
function cpu(pass: () => void): number {
  for (let i = 0; i < 20; i++) pass()
  const samples: number[] = []
  for (let i = 0; i < 60; i++) {
    const c0 = process.cpuUsage()
    pass()
    const c = process.cpuUsage(c0)
    samples.push((c.user + c.system) / 1000)
  }
  return samples.sort((a, b) => a - b)[30]!
}

console.log(`blocks: ${texts.length}, ${texts.reduce((n, t) => n + t.length, 0)} characters`)
console.log(`every pattern on every block: ${cpu(() => texts.forEach(everyPattern)).toFixed(2)} ms`)
console.log(`dispatched by first words:    ${cpu(() => texts.forEach(matchContentCues)).toFixed(2)} ms`)
console.log(`  of which the word scan:     ${cpu(() => texts.forEach(candidateCues)).toFixed(2)} ms`)
for (const [i, id] of ids.entries()) {
  const runs = texts.filter((t) => candidateCues(t) & (1 << i)).length
  const hits = texts.filter((t) => CONTENT_CUES[id].test(t)).length
  console.log(`  ${id.padEnd(28)} pattern runs on ${String(runs).padStart(3)} blocks, matches ${hits}`)
}
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
