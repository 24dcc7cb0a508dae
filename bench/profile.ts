/**
 * `node --import tsx bench/profile.ts <file.cpuprofile> [top] [fromMs-toMs]`: where a server spent its CPU.
 * Summarises a V8 CPU profile (written by `node --cpu-prof`) by self time per function and per
 * origin (our server/, a node_modules package, node internals, GC), which is the evidence the
 * bench report cites for where our server is behind.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  startTime: number
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  totalMs: number
  byFunction: Array<{ name: string; ms: number }>
  byOrigin: Array<{ name: string; ms: number }>
}

function origin(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.startsWith('node:')) return 'node internals'
  const ours = /\/(server|schema|clause-library)\//.exec(url)
  if (ours) return `${ours[1]}/`
  return url
}

/**
 * `window` keeps only samples taken between two monotonic-clock instants in µs — the clock V8 stamps
 * profiles with, the same as process.hrtime in any process on the machine — so a profile of a whole
 * server run can be cut down to the load phase without startup and tsx transpiling.
 */
export function summarise(profile: CpuProfile, top = 25, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    if (window && (at < window.fromUs || at > window.toUs)) return
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta)
  })
  const byFunction = new Map<string, number>()
  const byOrigin = new Map<string, number>()
  let total = 0
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame
    if (!frame || frame.functionName === '(idle)') continue
    total += us
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|server|schema)\//, '$1/')}:${frame.lineNumber + 1}` : ''
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim()
    byFunction.set(name, (byFunction.get(name) ?? 0) + us)
    const o = origin(frame.url, frame.functionName)
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + us)
  }
  const sorted = (m: Map<string, number>): Array<{ name: string; ms: number }> =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000 }))
  return { totalMs: total / 1000, byFunction: sorted(byFunction), byOrigin: sorted(byOrigin) }
}

export function formatSummary(summary: ProfileSummary): string {
  const pct = (ms: number): string => `${((100 * ms) / summary.totalMs).toFixed(1)}%`
  return [
    `busy (non-idle) CPU in profile: ${summary.totalMs.toFixed(0)} ms`,
    '',
    '| self time by origin | ms | share |',
    '|---|---:|---:|',
    ...summary.byOrigin.map((r) => `| ${r.name} | ${r.ms.toFixed(1)} | ${pct(r.ms)} |`),
    '',
    '| self time by function | ms | share |',
    '|---|---:|---:|',
    ...summary.byFunction.map((r) => `| \`${r.name}\` | ${r.ms.toFixed(1)} | ${pct(r.ms)} |`),
  ].join('\n')
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const file = process.argv[2]
  if (!file) throw new Error('usage: bench/profile.ts <file.cpuprofile> [top]')
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const [from, to] = (process.argv[4] ?? '').split('-').map(Number)
  const window = from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) ? { fromUs: profile.startTime + from * 1000, toUs: profile.startTime + to * 1000 } : undefined
  console.log(formatSummary(summarise(profile, Number(process.argv[3] ?? 25), window)))
}

/** Now on the monotonic clock V8 uses for profile timestamps, in µs. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n)
}
