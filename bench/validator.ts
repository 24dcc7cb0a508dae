/**
 * Validator micro-benchmark: `node --import tsx bench/validator.ts [runs]`
 *
 * Measures a full validation of a generated ~50-page agreement (cold: every node new, as after loading
 * a document; warm: the same document again) and the cost per keystroke: one character inserted in a
 * random paragraph, then a validation of the new document, which shares every untouched node with the
 * previous one and so hits the per-node analysis cache.
 */
import { performance } from 'node:perf_hooks'
import { EditorState } from 'prosemirror-state'
import { nodeFromJSON } from '../schema/schema.ts'
import { validateAgreement } from '../schema/validator/index.ts'
import { generateLongAgreement, WORDS_PER_PAGE } from './validator-doc.ts'

const RUNS = Number(process.argv[2] ?? 300)
function stats(samples: number[]): { median: number; p95: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { median: at(0.5), p95: at(0.95), min: sorted[0]! }
}

/** CPU time of the process per measured call, in ms: less disturbed than wall time on a loaded machine. */
const cpu: Record<'cold' | 'warm' | 'keystroke', number[]> = { cold: [], warm: [], keystroke: [] }
let phase: keyof typeof cpu = 'cold'

function time(fn: () => void): number {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  fn()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  cpu[phase].push((c.user + c.system) / 1000)
  return wall
}

const doc = generateLongAgreement()
const json = doc.toJSON()
let wordCount = 0
let paragraphs = 0
doc.descendants((n) => {
  if (n.isText) wordCount += n.text!.split(/\s+/).filter(Boolean).length
  if (n.type.name === 'paragraph') paragraphs++
  return true
})

// Warm up the JIT on separate copies so that the cold runs below measure steady-state code. Cold means
// every node is new, so nothing of this document is in the validator's per-node caches (which are keyed
// on node identity and never on text).
for (let i = 0; i < 20; i++) validateAgreement(nodeFromJSON(json))

const cold: number[] = []
for (let i = 0; i < RUNS; i++) {
  const fresh = nodeFromJSON(json)
  cold.push(time(() => validateAgreement(fresh)))
}

phase = 'warm'
const warm: number[] = []
for (let i = 0; i < RUNS; i++) warm.push(time(() => validateAgreement(doc)))

// Keystrokes: positions inside text of paragraphs, chosen with a fixed seed.
const textPositions: number[] = []
doc.descendants((n, pos) => {
  if (n.isText && n.text!.length > 3) textPositions.push(pos + 1)
  return true
})
let seed = 42
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
let current = doc
phase = 'keystroke'
const keystroke: number[] = []
for (let i = 0; i < RUNS; i++) {
  const pos = textPositions[Math.floor(random() * textPositions.length)]!
  const next = EditorState.create({ doc: current }).tr.insertText('a', Math.min(pos, current.content.size - 1)).doc
  keystroke.push(time(() => validateAgreement(next)))
  current = next
}

const fmt = (s: { median: number; p95: number; min: number }) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, min ${s.min.toFixed(2)} ms`
console.log(`document: ${wordCount} words (~${Math.round(wordCount / WORDS_PER_PAGE)} pages of ${WORDS_PER_PAGE} words), ${paragraphs} paragraphs, ${JSON.stringify(json).length} bytes of JSON`)
console.log(`runs: ${RUNS}, node ${process.version}`)
console.log(`full validation, cold (new nodes):      ${fmt(stats(cold))}`)
console.log(`full validation, warm (same document):  ${fmt(stats(warm))}`)
console.log(`keystroke (1 char inserted, then validate): ${fmt(stats(keystroke))}`)
console.log(
  `cpu time: cold median ${stats(cpu.cold).median.toFixed(2)} ms (min ${stats(cpu.cold).min.toFixed(2)}), warm median ${stats(cpu.warm).median.toFixed(2)} ms, keystroke median ${stats(cpu.keystroke).median.toFixed(2)} ms`,
)
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
