/**
 * Turns run results into the Markdown tables printed on the console and written to RESULTS.md.
 * Per scenario the value of each server is the median over its repetitions; ratios are ours/ref.
 */
import type { BareResult } from './bare-memory.ts'
import type { ColdResult } from './cold-load.ts'
import type { RunEnvironment } from './environment.ts'
import type { LoadParams, LoadResult } from './harness.ts'
import type { IdleResult } from './idle-memory.ts'
import type { ServerKind } from './servers.ts'
import { median } from './stats.ts'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string }

export type Runs<T> = Record<ServerKind, Array<Outcome<T>>>

export interface ScenarioReport {
  title: string
  description: string
  markdown: string
}

const MB = 1024 * 1024

function ok<T>(runs: Array<Outcome<T>>): T[] {
  return runs.flatMap((r) => (r.ok ? [r.value] : []))
}

function errors<T>(runs: Runs<T>): string[] {
  return (['ours', 'ref'] as const).flatMap((kind) => runs[kind].flatMap((r) => (r.ok ? [] : [`${kind}: ${r.error.split('\n')[0]}`])))
}

function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–'
  return value.toFixed(digits)
}

function ratio(ours: number, ref: number): string {
  return Number.isFinite(ours) && Number.isFinite(ref) && ref !== 0 ? `${(ours / ref).toFixed(2)}×` : '–'
}

interface Row {
  label: string
  ours: number
  ref: number
  digits?: number
  /** Target as text and whether ours meets it; omitted where the issue sets no target. */
  target?: { text: string; met: (ours: number, ref: number) => boolean }
}

function table(rows: Row[]): string {
  const lines = ['| metric | ours | ref | ours/ref | target |', '|---|---:|---:|---:|---|']
  for (const row of rows) {
    let target = ''
    if (row.target) {
      const known = Number.isFinite(row.ours) && Number.isFinite(row.ref)
      target = `${row.target.text}: ${known ? (row.target.met(row.ours, row.ref) ? '**met**' : '**missed**') : 'n/a'}`
    }
    lines.push(`| ${row.label} | ${fmt(row.ours, row.digits)} | ${fmt(row.ref, row.digits)} | ${ratio(row.ours, row.ref)} | ${target} |`)
  }
  return lines.join('\n')
}

function med<T>(values: T[], pick: (v: T) => number): number {
  return median(values.map(pick))
}

function errorLines<T>(runs: Runs<T>): string {
  const list = errors(runs)
  return list.length ? `\n\nFailed runs:\n${list.map((e) => `- ${e}`).join('\n')}` : ''
}

export function loadReport(title: string, params: LoadParams, runs: Runs<LoadResult>): ScenarioReport {
  const ours = ok(runs.ours)
  const ref = ok(runs.ref)
  const both = (pick: (r: LoadResult) => number): { ours: number; ref: number } => ({ ours: med(ours, pick), ref: med(ref, pick) })
  const rows: Row[] = [
    { label: 'latency p50 (ms)', ...both((r) => r.latency.p50), digits: 2 },
    { label: 'latency p95 (ms)', ...both((r) => r.latency.p95), digits: 2 },
    { label: 'latency p99 (ms)', ...both((r) => r.latency.p99), digits: 2, target: { text: 'ours ≤ ref', met: (o, r) => o <= r } },
    { label: 'latency max (ms)', ...both((r) => r.latency.max), digits: 2 },
    { label: 'edits', ...both((r) => r.edits), digits: 0 },
    { label: 'deliveries / s', ...both((r) => r.deliveriesPerSecond), digits: 0 },
    { label: 'delivered / expected (%)', ...both((r) => (100 * r.deliveries) / r.expectedDeliveries), digits: 2 },
    { label: 'server CPU (s)', ...both((r) => r.serverCpuSeconds), digits: 2 },
    {
      label: 'server CPU per delivery (µs)',
      ...both((r) => r.cpuMicrosPerDelivery),
      digits: 1,
      target: { text: 'ours ≤ 1.2 × ref', met: (o, r) => o <= 1.2 * r },
    },
    { label: 'server peak RSS (MB)', ...both((r) => r.peakRss / MB) },
    { label: 'server final RSS (MB)', ...both((r) => r.finalRss / MB) },
    { label: 'converged after last edit (ms)', ...both((r) => r.convergence.afterMs), digits: 0 },
    { label: 'client CPU, all workers (s)', ...both((r) => r.clientCpuSeconds), digits: 2 },
    { label: 'other processes on the machine, CPU (s)', ...both((r) => r.otherCpuSeconds), digits: 2 },
    { label: 'client timer lag p99 (ms)', ...both((r) => r.timerLagP99Ms), digits: 1 },
    { label: 'client disconnects', ...both((r) => r.disconnects), digits: 0 },
  ]
  const converged = (kind: ServerKind, list: LoadResult[]): string =>
    list.length === 0
      ? `${kind}: no run`
      : `${kind}: ${list.filter((r) => r.convergence.converged).length}/${list.length} runs converged${list
          .filter((r) => !r.convergence.converged)
          .map((r) => ` (${r.convergence.detail})`)
          .join('')}`
  // Others share this machine: a run where they took more than half a core is flagged as noisy.
  const perRun = (kind: ServerKind, list: LoadResult[]): string =>
    `${kind}: ${
      list
        .map((r) => {
          const busyCores = r.otherCpuSeconds / ((r.window.end - r.window.start) / 1000)
          return `p99 ${fmt(r.latency.p99, 1)} ms / ${fmt(r.cpuMicrosPerDelivery, 0)} µs per delivery / others ${fmt(busyCores, 2)} cores${busyCores > 0.5 ? ' (noisy)' : ''}`
        })
        .join('; ') || '–'
    }`
  const description = `${params.docs} agreement(s) × ${params.clientsPerDoc} clients × ${params.editsPerSecond} edit/s × ${params.durationMs / 1000} s, ${params.workers} client workers, root \`${params.root}\``
  const markdown =
    [table(rows), '', `Convergence: ${converged('ours', ours)}; ${converged('ref', ref)}.`, '', `Per run, in run order — ${perRun('ours', ours)} | ${perRun('ref', ref)}.`].join('\n') +
    errorLines(runs)
  return { title, description, markdown }
}

export function coldReport(title: string, edits: number, samples: number, runs: Runs<ColdResult>): ScenarioReport {
  const ours = ok(runs.ours)
  const ref = ok(runs.ref)
  const both = (pick: (r: ColdResult) => number): { ours: number; ref: number } => ({ ours: med(ours, pick), ref: med(ref, pick) })
  const rows: Row[] = [
    {
      label: 'fresh client: connect → whole history received (ms)',
      ...both((r) => r.providerMs),
      target: { text: 'ours ≤ 0.5 × ref', met: (o, r) => o <= 0.5 * r },
    },
    { label: 'raw: step 1 → step 2 received (ms)', ...both((r) => r.rawMs) },
    { label: 'warm (document in memory): connect → whole history (ms)', ...both((r) => r.warmProviderMs ?? NaN) },
    { label: 'warm (document in memory): raw (ms)', ...both((r) => r.warmRawMs ?? NaN) },
    { label: 'server CPU per load (ms)', ...both((r) => r.serverCpuPerLoadSeconds * 1000) },
    { label: 'sync step 2 size (KB)', ...both((r) => r.step2Bytes / 1024) },
    { label: 'server RSS after load (MB)', ...both((r) => r.rssAfterLoad / MB) },
    { label: 'pushing the history (s)', ...both((r) => r.pushSeconds), digits: 2 },
  ]
  const samplesText = (kind: ServerKind, list: ColdResult[]): string =>
    `${kind} (${list[0]?.mode ?? 'no run'}): connect→synced ${
      list
        .flatMap((r) => r.samples.providerMs)
        .map((v) => fmt(v))
        .join(', ') || '–'
    } ms; raw ${
      list
        .flatMap((r) => r.samples.rawMs)
        .map((v) => fmt(v))
        .join(', ') || '–'
    } ms`
  const description = `history: the first ${edits.toLocaleString('en')} transactions of automerge-paper typed through one client; ${samples} sample(s) per measure, median shown`
  const markdown = [table(rows), '', `Samples — ${samplesText('ours', ours)}; ${samplesText('ref', ref)}.`].join('\n') + errorLines(runs)
  return { title, description, markdown }
}

export function idleReport(title: string, agreements: number, seedEdits: number, seedBytes: number, runs: Runs<IdleResult>, bare: Outcome<BareResult>): ScenarioReport {
  const ours = ok(runs.ours)
  const ref = ok(runs.ref)
  const oursKb = med(ours, (r) => r.rssPerAgreement / 1024)
  const refKb = med(ref, (r) => r.rssPerAgreement / 1024)
  const bareHeapKb = bare.ok ? bare.value.heapPerDoc / 1024 : NaN
  const bareRssKb = bare.ok ? bare.value.rssPerDoc / 1024 : NaN
  const rows: Row[] = [
    { label: 'RSS per open idle agreement (KB)', ours: oursKb, ref: refKb },
    { label: '÷ bare Y.Doc heap per doc (×)', ours: oursKb / bareHeapKb, ref: refKb / bareHeapKb, digits: 2, target: { text: 'ours ≤ 1.5 × bare', met: (o) => o <= 1.5 } },
    { label: '÷ bare Y.Doc RSS per doc (×)', ours: oursKb / bareRssKb, ref: refKb / bareRssKb, digits: 2 },
    { label: 'server RSS before (MB)', ours: med(ours, (r) => r.rssBefore / MB), ref: med(ref, (r) => r.rssBefore / MB) },
    { label: 'server RSS after (MB)', ours: med(ours, (r) => r.rssAfter / MB), ref: med(ref, (r) => r.rssAfter / MB) },
  ]
  const description = `${agreements} agreements, one connected idle client each, each holding the first ${seedEdits.toLocaleString('en')} trace transactions (${(seedBytes / 1024).toFixed(1)} KB of Yjs state)`
  const bareLine = bare.ok
    ? `Bare Y.Doc of the same content (separate process, after gc): heap ${fmt(bareHeapKb)} KB, RSS ${fmt(bareRssKb)} KB per doc.`
    : `Bare Y.Doc measurement failed: ${bare.error}`
  return { title, description, markdown: [table(rows), '', bareLine].join('\n') + errorLines(runs) }
}

export function resultsDocument(env: RunEnvironment, command: string, mode: string, sections: ScenarioReport[], notes: string[]): string {
  const packages = Object.entries(env.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  return [
    '# Bench results (issue 6)',
    '',
    `Run ${env.date}, ${mode} mode, commit ${env.commit}.`,
    '',
    `- Machine: ${env.nproc} CPUs (${env.cpuModel}), ${env.memTotal} RAM, Linux ${env.kernel}; load average at start ${env.loadAverage} (shared with other work)`,
    `- Node ${env.node}; ${packages}`,
    `- Reproduce: \`${command}\``,
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.description, '', s.markdown, '']),
    '## How it is measured',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n')
}
