/**
 * Scenario E: scenario A's load on our server behind PostgreSQL and Redis, once on one instance and
 * once split over two instances (each document's clients half on each, so every update crosses Redis),
 * next to the reference server in the same run. Rotates one, two, ref per repetition.
 *
 * Accounts and members still live in each instance's SQLite file (only documents are in PostgreSQL),
 * so, as in test/integration/two-instances.test.ts, the second instance starts on a copy of the first
 * one's folder, made after the bench account and the agreements were created.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPostgres, type TestPostgres } from '../test/support/postgres.ts'
import { startRedis, type TestRedis } from '../test/support/redis.ts'
import { createDocuments, runLoad, type LoadParams, type LoadResult } from './harness.ts'
import { processTree } from './proc-stats.ts'
import type { Outcome, ScenarioReport } from './report.ts'
import { startOurs, startRef, type ServerUnderTest } from './servers.ts'
import { median } from './stats.ts'

export type Variant = 'one' | 'two' | 'ref'
export type VariantRuns = Record<Variant, Outcome<LoadResult>[]>

const LABELS: Record<Variant, string> = { one: 'ours, 1 instance', two: 'ours, 2 instances', ref: 'reference' }

export async function runTwoInstances(params: LoadParams, reps: number, attempt: (label: string, body: () => Promise<LoadResult>) => Promise<Outcome<LoadResult>>): Promise<VariantRuns> {
  const runs: VariantRuns = { one: [], two: [], ref: [] }
  let postgres: TestPostgres | null = null
  let redis: TestRedis | null = null
  const stopServices = () => {
    for (const pid of [postgres?.pid, redis?.pid]) if (pid) killQuietly(pid)
  }
  process.once('exit', stopServices)
  try {
    ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    const pg = postgres
    const services = () => [...processTree(pg.pid), redis!.pid]
    for (let rep = 0; rep < reps; rep++) {
      runs.one.push(await attempt('E ours 1 instance', () => oursRun(1, pg, redis!, params, services)))
      runs.two.push(await attempt('E ours 2 instances', () => oursRun(2, pg, redis!, params, services)))
      runs.ref.push(
        await attempt('E ref', async () => {
          const server = await startRef()
          try {
            return await runLoad(server, params)
          } finally {
            await server.stop()
          }
        }),
      )
    }
  } finally {
    await Promise.allSettled([postgres?.stop(), redis?.stop()])
    process.off('exit', stopServices)
  }
  return runs
}

async function oursRun(instances: 1 | 2, postgres: TestPostgres, redis: TestRedis, params: LoadParams, services: () => number[]): Promise<LoadResult> {
  const env = { DATABASE_URL: await postgres.createDatabase('bench'), REDIS_URL: redis.url }
  const dirs = Array.from({ length: instances }, () => mkdtempSync(join(tmpdir(), 'overens-bench-two-')))
  const started: ServerUnderTest[] = []
  try {
    if (instances === 1) {
      const server = await startOurs({ dataDir: dirs[0]!, env })
      started.push(server)
      return await runLoad(server, params, { services })
    }
    // The account and the agreements first, on one instance; then both start on copies of its folder.
    const setup = await startOurs({ dataDir: dirs[0]!, env })
    let docNames: string[]
    try {
      docNames = await createDocuments(setup, params.docs)
    } finally {
      await setup.stop()
    }
    cpSync(dirs[0]!, dirs[1]!, { recursive: true })
    started.push(...(await Promise.all(dirs.map((dataDir) => startOurs({ dataDir, env })))))
    return await runLoad(started, params, { services, docNames })
  } finally {
    await Promise.all(started.map((s) => s.stop()))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

const fmt = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '–')

export function twoInstanceReport(title: string, params: LoadParams, runs: VariantRuns): ScenarioReport {
  const variants: Variant[] = ['one', 'two', 'ref']
  const ok = (v: Variant) => runs[v].flatMap((r) => (r.ok ? [r.value] : []))
  const med = (v: Variant, pick: (r: LoadResult) => number) => {
    const values = ok(v).map(pick)
    return values.length > 0 ? median(values) : NaN
  }
  const perDelivery = (r: LoadResult, cpu: number) => (r.deliveries > 0 ? (cpu * 1e6) / r.deliveries : NaN)
  const rows: { label: string; pick: (r: LoadResult) => number; digits?: number; ratio?: boolean }[] = [
    { label: 'latency p50 (ms)', pick: (r) => r.latency.p50, digits: 2, ratio: true },
    { label: 'latency p99 (ms)', pick: (r) => r.latency.p99, digits: 2, ratio: true },
    { label: 'delivered / expected (%)', pick: (r) => (100 * r.deliveries) / r.expectedDeliveries, digits: 2 },
    { label: 'server CPU per delivery, all instances (µs)', pick: (r) => r.cpuMicrosPerDelivery, ratio: true },
    { label: 'PostgreSQL + Redis CPU per delivery (µs)', pick: (r) => perDelivery(r, r.servicesCpuSeconds) },
    { label: 'servers + services CPU per delivery (µs)', pick: (r) => perDelivery(r, r.serverCpuSeconds + r.servicesCpuSeconds), ratio: true },
    { label: 'converged after last edit (ms)', pick: (r) => r.convergence.afterMs, digits: 0 },
    { label: 'other processes on the machine, CPU (s)', pick: (r) => r.otherCpuSeconds, digits: 2 },
  ]
  const header = `| metric | ${variants.map((v) => LABELS[v]).join(' | ')} | 1 instance / ref | 2 instances / ref |`
  const lines = [header, '|---|---:|---:|---:|---:|---:|']
  for (const row of rows) {
    const values = variants.map((v) => med(v, row.pick))
    const [one, two, ref] = values as [number, number, number]
    const ratio = (x: number) => (row.ratio && Number.isFinite(x) && Number.isFinite(ref) && ref !== 0 ? `${(x / ref).toFixed(2)}×` : '')
    lines.push(`| ${row.label} | ${values.map((v) => fmt(v, row.digits)).join(' | ')} | ${ratio(one)} | ${ratio(two)} |`)
  }
  const perRun = variants
    .map(
      (v) =>
        `${LABELS[v]}: ${runs[v].map((r) => (r.ok ? `p99 ${fmt(r.value.latency.p99)} ms / ${fmt(r.value.cpuMicrosPerDelivery, 0)} µs per delivery / others ${fmt(r.value.otherCpuSeconds / ((r.value.window.end - r.value.window.start) / 1000), 2)} cores` : `FAILED ${r.error.split('\n')[0]}`)).join('; ')}`,
    )
    .join(' | ')
  const converged = variants.map((v) => `${LABELS[v]}: ${ok(v).filter((r) => r.convergence.converged).length}/${runs[v].length} converged`).join('; ')
  return {
    title,
    description: `${params.docs} agreement(s) × ${params.clientsPerDoc} clients × ${params.editsPerSecond} edit/s × ${params.durationMs / 1000} s, ${params.workers} client workers, root \`${params.root}\`. Ours with \`DATABASE_URL\` (PostgreSQL 15 from test/support/postgres.ts: a fresh database per run, fsync off as in the tests) and \`REDIS_URL\` (redis-server, no persistence); with two instances, client worker 1 connects to the first and worker 2 to the second, so each agreement's clients are split 10/10 and every update reaches half its readers through Redis. The reference server keeps everything in memory in one process.`,
    markdown: [lines.join('\n'), '', `Convergence: ${converged}.`, '', `Per run, in run order — ${perRun}.`].join('\n'),
  }
}
