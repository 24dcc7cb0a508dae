/**
 * One load run against one server: documents × clients per document × edits per second × duration,
 * with the clients spread over forked worker processes. Measures edit-to-remote-visible latency,
 * deliveries, the server's CPU and memory from /proc, and checks that every replica converged.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { cpuSeconds, machineBusySeconds, memory, MemorySampler } from './proc-stats.ts'
import { isRunning, terminate, track, waitForExit } from './processes.ts'
import { call, type ConnectResult, type EditResult, type ReplicaDigest, type WorkerDoc, type WorkerReport } from './rpc.ts'
import type { ServerUnderTest } from './servers.ts'
import type { Root } from './content.ts'
import { percentiles, type Percentiles } from './stats.ts'
import { wallNow } from './content.ts'
import { monotonicMicros } from './profile.ts'

export interface LoadParams {
  docs: number
  clientsPerDoc: number
  editsPerSecond: number
  durationMs: number
  root: Root
  workers: number
  /** Upper bound on the wait for all replicas to agree after the last edit. */
  quietTimeoutMs: number
  connectTimeoutMs: number
  /** Awaited right before the edit phase; lets two concurrent runs start editing together. */
  barrier?: () => Promise<void>
}

export interface Convergence {
  converged: boolean
  /** Time from the end of the edit phase until every replica agreed (or the timeout). */
  afterMs: number
  detail: string
}

export interface LoadResult {
  latency: Percentiles
  edits: number
  deliveries: number
  expectedDeliveries: number
  deliveriesPerSecond: number
  serverCpuSeconds: number
  /** Server CPU microseconds per delivered update: the cost the targets compare. */
  cpuMicrosPerDelivery: number
  peakRss: number
  finalRss: number
  hwm: number
  convergence: Convergence
  clientCpuSeconds: number
  /** CPU of the services the servers use (PostgreSQL backends, Redis) in the same window; 0 without. */
  servicesCpuSeconds: number
  /** CPU other processes on the (shared) machine used during the edit phase: a noise indicator. */
  otherCpuSeconds: number
  timerLagP99Ms: number
  /** Wall-clock ms of the edit phase (start of edits → all replicas agreed). */
  window: { start: number; end: number }
  /** The same phase on the monotonic clock in µs, to cut a server CPU profile to it. */
  monotonicWindow: { fromUs: number; toUs: number }
  disconnects: number
  closeCodes: number[]
}

let straceRuns = 0

/**
 * `BENCH_STRACE=<dir>`: `strace -c -f` on every server over the edit phase, one summary file per
 * server and run (`<dir>/<kind>-<n>.txt`), to count syscalls per delivery. Tracing slows the server a
 * lot, so the CPU and latency of such a run mean nothing; only the counts do.
 */
async function attachStrace(servers: readonly ServerUnderTest[]): Promise<(() => Promise<void>) | null> {
  const dir = process.env.BENCH_STRACE
  if (!dir) return null
  const run = ++straceRuns
  const tracers = servers.map((s, i) => {
    const child = spawn('strace', ['-c', '-f', '-p', String(s.pid), '-o', join(dir, `${s.kind}-${run}-${i}.txt`)], { stdio: 'ignore' })
    track(child)
    return child
  })
  // strace needs a moment to attach to every thread.
  await new Promise((resolve) => setTimeout(resolve, 500))
  return async () => {
    for (const t of tracers) t.kill('SIGINT')
    await Promise.all(tracers.map((t) => (isRunning(t) ? waitForExit(t, 5_000) : undefined)))
  }
}

/** A PostgreSQL backend may end between listing and reading; it then counts for nothing. */
function cpuSecondsIfAlive(pid: number): number {
  try {
    return cpuSeconds(pid)
  } catch {
    return 0
  }
}

const workerPath = join(import.meta.dirname, 'worker.ts')

export function forkWorkers(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => {
    const child = fork(workerPath, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    track(child)
    return child
  })
}

export async function closeWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      if (isRunning(worker) && worker.connected) {
        try {
          await call(worker, { cmd: 'close' }, 5_000)
        } catch {
          // A worker that cannot close cleanly is killed below.
        }
      }
      if (!(await waitForExit(worker, 3_000))) await terminate(worker, 1_000)
    }),
  )
}

/** Spreads each document's clients over the workers, so that most deliveries cross a process boundary. */
export function assign(docNames: string[], clientsPerDoc: number, workers: number): WorkerDoc[][] {
  const plan: WorkerDoc[][] = Array.from({ length: workers }, () => [])
  docNames.forEach((name, d) => {
    const counts = new Array<number>(workers).fill(0)
    for (let c = 0; c < clientsPerDoc; c++) counts[(d * clientsPerDoc + c) % workers]!++
    counts.forEach((clients, w) => {
      if (clients > 0) plan[w]!.push({ name, clients })
    })
  })
  return plan
}

export async function createDocuments(server: ServerUnderTest, count: number): Promise<string[]> {
  const names: string[] = []
  // A few requests at a time: enough to be quick, few enough not to measure HTTP overload.
  for (let i = 0; i < count; i += 8) {
    const batch = Math.min(8, count - i)
    names.push(...(await Promise.all(Array.from({ length: batch }, () => server.createDocument()))))
  }
  return names
}

/** `server`: one server for every worker, or one per worker (worker w connects to `server[w % length]`). */
export async function connectAll(workers: ChildProcess[], server: ServerUnderTest | readonly ServerUnderTest[], plan: WorkerDoc[][], root: Root, timeoutMs: number): Promise<void> {
  const servers = Array.isArray(server) ? server : [server as ServerUnderTest]
  const results = await Promise.all(
    workers.map((worker, w) => {
      const target = servers[w % servers.length]!
      return call<ConnectResult>(worker, { cmd: 'connect', wsBase: target.wsBase, params: target.params, docs: plan[w]!, root, timeoutMs }, timeoutMs + 10_000)
    }),
  )
  const server0 = servers[0]!
  const synced = results.reduce((n, r) => n + r.synced, 0)
  const total = results.reduce((n, r) => n + r.total, 0)
  if (synced !== total) {
    const codes = results.flatMap((r) => r.closeCodes)
    throw new Error(
      `${server0.kind}: only ${synced}/${total} clients synced within ${timeoutMs} ms; close codes ${[...new Set(codes)].join(',') || 'none'}\n${servers.map((s) => s.logTail()).join('\n')}`,
    )
  }
}

/**
 * Polls every replica until, per document, all state vectors and contents are equal and the number
 * of edit markers is the same everywhere (and, if given, adds up to `expectedMarkers`). Bounded.
 */
export async function awaitConvergence(workers: ChildProcess[], timeoutMs: number, expectedMarkers?: number): Promise<Convergence> {
  const start = Date.now()
  let detail = ''
  for (;;) {
    const digests = (await Promise.all(workers.map((w) => call<ReplicaDigest[]>(w, { cmd: 'digest' }, 15_000)))).flat()
    detail = checkDigests(digests, expectedMarkers)
    if (detail === '') return { converged: true, afterMs: Date.now() - start, detail: 'all replicas equal' }
    if (Date.now() - start > timeoutMs) return { converged: false, afterMs: Date.now() - start, detail }
    await new Promise((r) => setTimeout(r, 250))
  }
}

function checkDigests(digests: ReplicaDigest[], expectedMarkers?: number): string {
  const byDoc = new Map<string, ReplicaDigest[]>()
  for (const d of digests) {
    const list = byDoc.get(d.doc) ?? []
    list.push(d)
    byDoc.set(d.doc, list)
  }
  let divergent = 0
  let unsynced = 0
  let markers = 0
  for (const replicas of byDoc.values()) {
    const first = replicas[0]!
    markers += first.markers
    if (replicas.some((r) => !r.synced)) unsynced++
    if (replicas.some((r) => r.stateVector !== first.stateVector || r.contentHash !== first.contentHash || r.markers !== first.markers)) divergent++
  }
  const problems: string[] = []
  if (divergent > 0) problems.push(`${divergent}/${byDoc.size} documents differ between replicas`)
  if (unsynced > 0) problems.push(`${unsynced} documents have unsynced replicas`)
  if (expectedMarkers !== undefined && markers !== expectedMarkers) problems.push(`${markers}/${expectedMarkers} edits present`)
  return problems.join('; ')
}

/**
 * `target`: one server, or several instances of ours behind one store, the workers spread over them
 * (documents are created on the first unless `docNames` are given). Server CPU is the sum over all
 * instances; `services` lists further processes (PostgreSQL, Redis) whose CPU is reported beside it.
 */
export async function runLoad(target: ServerUnderTest | readonly ServerUnderTest[], params: LoadParams, options: { services?: () => number[]; docNames?: string[] } = {}): Promise<LoadResult> {
  const services = options.services ?? (() => [])
  const servers = Array.isArray(target) ? target : [target as ServerUnderTest]
  const server = servers[0]!
  const serversCpu = () => servers.reduce((n, s) => n + cpuSeconds(s.pid), 0)
  const servicesCpu = () => new Map(services().map((pid) => [pid, cpuSecondsIfAlive(pid)]))
  const docNames = options.docNames ?? (await createDocuments(server, params.docs))
  const workers = forkWorkers(params.workers)
  try {
    const plan = assign(docNames, params.clientsPerDoc, params.workers)
    await connectAll(workers, servers, plan, params.root, params.connectTimeoutMs)
    await Promise.all(workers.map((w) => call(w, { cmd: 'prepare' }, 10_000)))
    const prepared = await awaitConvergence(workers, params.quietTimeoutMs)
    if (!prepared.converged) throw new Error(`${server.kind}: replicas did not agree before editing: ${prepared.detail}`)

    if (params.barrier) await params.barrier()
    const strace = await attachStrace(servers)
    const sampler = new MemorySampler(server.pid)
    sampler.start()
    const cpuBefore = serversCpu()
    const servicesBefore = servicesCpu()
    const workersCpuBefore = workers.reduce((n, w) => n + cpuSeconds(w.pid!), 0)
    const selfCpuBefore = process.cpuUsage()
    const machineBefore = machineBusySeconds()
    // A common start time lets all workers begin together; 300 ms covers the IPC round trip.
    const startAt = wallNow() + 300
    const monotonicStart = monotonicMicros() + 300_000
    const edited = await Promise.all(
      workers.map((w) => call<EditResult>(w, { cmd: 'edit', startAt, durationMs: params.durationMs, editsPerSecond: params.editsPerSecond }, params.durationMs + 30_000)),
    )
    const edits = edited.reduce((n, r) => n + r.edits, 0)
    const convergence = await awaitConvergence(workers, params.quietTimeoutMs, edits)
    const cpuAfter = serversCpu()
    await strace?.()
    // Per process, so a PostgreSQL backend that starts during the window counts from zero.
    const servicesCpuSeconds = [...servicesCpu()].reduce((n, [pid, cpu]) => n + cpu - (servicesBefore.get(pid) ?? 0), 0)
    const windowEnd = wallNow()
    const monotonicEnd = monotonicMicros()
    const workersCpu = workers.reduce((n, w) => n + cpuSeconds(w.pid!), 0) - workersCpuBefore
    const selfCpu = process.cpuUsage(selfCpuBefore)
    const machineBusy = machineBusySeconds() - machineBefore
    sampler.stop()
    const mem = memory(server.pid)

    const reports = await Promise.all(workers.map((w) => call<WorkerReport>(w, { cmd: 'report' }, 15_000)))
    const latencies = reports.flatMap((r) => r.latencies)
    const deliveries = reports.reduce((n, r) => n + r.deliveries, 0)
    const serverCpuSeconds = cpuAfter - cpuBefore
    return {
      latency: percentiles(latencies),
      edits,
      deliveries,
      expectedDeliveries: edits * (params.clientsPerDoc - 1),
      deliveriesPerSecond: deliveries / (params.durationMs / 1000),
      serverCpuSeconds,
      cpuMicrosPerDelivery: deliveries > 0 ? (serverCpuSeconds * 1e6) / deliveries : NaN,
      peakRss: sampler.peakRss,
      finalRss: mem.rss,
      hwm: mem.hwm,
      convergence,
      clientCpuSeconds: workersCpu,
      servicesCpuSeconds,
      otherCpuSeconds: Math.max(0, machineBusy - serverCpuSeconds - servicesCpuSeconds - workersCpu - (selfCpu.user + selfCpu.system) / 1e6),
      timerLagP99Ms: Math.max(...edited.map((r) => r.timerLagP99Ms)),
      window: { start: startAt, end: windowEnd },
      monotonicWindow: { fromUs: monotonicStart, toUs: monotonicEnd },
      disconnects: reports.reduce((n, r) => n + r.disconnects, 0),
      closeCodes: [...new Set(reports.flatMap((r) => r.closeCodes))],
    }
  } finally {
    await closeWorkers(workers)
  }
}
