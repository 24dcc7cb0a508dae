/**
 * `npm run bench [-- --quick] [--only A,B,C,D,E] [--servers ours,ref] [--reps N] [--root prosemirror|text] [--profile] [--concurrent] [--ours bundle|tsx] [--out FILE]`
 *
 * Runs the issue 6 scenarios against our server and the reference y-websocket server, alternating
 * between them (ours, ref, ours, ref…) so drift on the machine hits both alike, prints the table and
 * writes bench/RESULTS.md (quick runs write bench/RESULTS-quick.md unless --out is given).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Root } from './content.ts'
import { describeEnvironment } from './environment.ts'
import { runLoad, type LoadParams, type LoadResult } from './harness.ts'
import { bareMemory, runIdleMemory } from './idle-memory.ts'
import { installCleanup, killAllTracked } from './processes.ts'
import { coldReport, idleReport, loadReport, resultsDocument, type Outcome, type Runs, type ScenarioReport } from './report.ts'
import { repoRoot, oursAvailable, setOursEntry, startOurs, startRef, type ServerKind, type ServerUnderTest } from './servers.ts'
import { runColdLoad } from './cold-load.ts'
import { buildHistory } from './trace.ts'
import type { BareResult } from './bare-memory.ts'
import { formatSummary, summarise } from './profile.ts'
import { runTwoInstances, twoInstanceReport } from './two-instances.ts'

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'A,B,C,D,E' },
    servers: { type: 'string', default: 'ours,ref' },
    reps: { type: 'string' },
    root: { type: 'string', default: 'prosemirror' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    concurrent: { type: 'boolean', default: false },
    ours: { type: 'string', default: 'bundle' },
  },
})

const quick = args.quick === true
if (args.ours !== 'bundle' && args.ours !== 'tsx') throw new Error('--ours must be bundle or tsx')
setOursEntry(args.ours)
const root = args.root as Root
if (root !== 'prosemirror' && root !== 'text') throw new Error('--root must be prosemirror or text')
const only = new Set(args.only!.split(',').map((s) => s.trim().toUpperCase()))
const reps = Number(args.reps ?? (quick ? 1 : 3))
if (!Number.isInteger(reps) || reps < 1 || reps > 10) throw new Error('--reps must be 1..10')
const requested = args.servers!.split(',').map((s) => s.trim()) as ServerKind[]
const notes: string[] = []
const servers = requested.filter((kind) => {
  if (kind === 'ours' && !oursAvailable()) {
    notes.push('Our server (server/main.ts) was not present at run time: only the reference server was measured.')
    return false
  }
  return kind === 'ours' || kind === 'ref'
})
const outFile = args.out ?? join(repoRoot, 'bench', quick ? 'RESULTS-quick.md' : 'RESULTS.md')
const WORKERS = 2

const scenarioA: LoadParams = {
  docs: 1,
  clientsPerDoc: 20,
  editsPerSecond: 5,
  durationMs: quick ? 5_000 : 20_000,
  root,
  workers: WORKERS,
  quietTimeoutMs: 20_000,
  connectTimeoutMs: 30_000,
}
const scenarioB: LoadParams = { ...scenarioA, docs: quick ? 50 : 200, clientsPerDoc: 2, editsPerSecond: 1 }
const coldEdits = quick ? 20_000 : Number.POSITIVE_INFINITY
const coldSamples = quick ? 1 : 5
const idleAgreements = quick ? 50 : 200
const idleSeedEdits = 20_000

async function startFresh(kind: ServerKind, dataDirs: string[]): Promise<ServerUnderTest> {
  if (kind === 'ref') return startRef()
  const dataDir = mkdtempSync(join(tmpdir(), 'overens-bench-'))
  dataDirs.push(dataDir)
  return startOurs({ dataDir })
}

async function attempt<T>(label: string, body: () => Promise<T>): Promise<Outcome<T>> {
  const started = Date.now()
  try {
    const value = await body()
    console.error(`  ${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return { ok: true, value }
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    console.error(`  ${label}: FAILED ${error}`)
    return { ok: false, error }
  }
}

/** ours, ref, ours, ref…: each repetition alternates, each run on a freshly started server. */
function alternation(): ServerKind[] {
  return Array.from({ length: reps }, () => servers).flat()
}

async function loadScenario(label: string, params: LoadParams): Promise<Runs<LoadResult>> {
  const runs: Runs<LoadResult> = { ours: [], ref: [] }
  const once = (kind: ServerKind, runParams: LoadParams): Promise<Outcome<LoadResult>> => {
    const dataDirs: string[] = []
    return attempt(`${label} ${kind}`, async () => {
      const server = await startFresh(kind, dataDirs)
      try {
        return await runLoad(server, runParams)
      } finally {
        await server.stop()
        for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
      }
    })
  }
  if (args.concurrent) {
    // Both servers under load at the same moment, edit phases started together: whatever else the
    // shared machine does hits both alike, at the price of the two runs competing with each other.
    for (let rep = 0; rep < reps; rep++) {
      const barrier = startBarrier(servers.length, 180_000)
      const outcomes = await Promise.all(servers.map((kind) => once(kind, { ...params, barrier })))
      servers.forEach((kind, i) => runs[kind].push(outcomes[i]!))
    }
    return runs
  }
  for (const kind of alternation()) runs[kind].push(await once(kind, params))
  return runs
}

/** Resolves for everyone once `parties` have arrived; bounded, so a run that failed early cannot hang the other. */
function startBarrier(parties: number, timeoutMs: number): () => Promise<void> {
  let arrived = 0
  let release!: () => void
  let fail!: (err: Error) => void
  const all = new Promise<void>((resolve, reject) => {
    release = resolve
    fail = reject
  })
  all.catch(() => {})
  const timer = setTimeout(() => fail(new Error(`the other concurrent run did not reach the edit phase within ${timeoutMs} ms`)), timeoutMs)
  return () => {
    if (++arrived === parties) {
      clearTimeout(timer)
      release()
    }
    return all
  }
}

/**
 * One extra run of a server under --cpu-prof (not counted in the tables: profiling slows it down),
 * summarised over the edit phase only, as evidence of where its CPU goes. `BENCH_PROFILE_KEEP=<dir>`
 * keeps the .cpuprofile files there (for bench/profile.ts with other cuts).
 */
async function profiledRun(label: string, params: LoadParams, kind: ServerKind): Promise<ScenarioReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'overens-bench-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'overens-bench-prof-'))
  try {
    const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]
    // The reference server has no SIGTERM handler, and V8 writes the profile only on a normal exit.
    const server = kind === 'ours' ? await startOurs({ dataDir, nodeArgs }) : await startRef({ nodeArgs: [...nodeArgs, '--import', 'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))'] })
    let result
    try {
      result = await runLoad(server, params)
    } finally {
      await server.stop()
    }
    // Main thread only (thread id 0): tsx's loader thread writes a profile of its own.
    const file = readdirSync(profileDir).find((f) => new RegExp(`\\.${server.pid}\\.0\\.\\d+\\.cpuprofile$`).test(f))
    if (!file) throw new Error(`no main-thread profile in ${profileDir}`)
    const keep = process.env.BENCH_PROFILE_KEEP
    if (keep) copyFileSync(join(profileDir, file), join(keep, `${label}-${kind}-${server.pid}.cpuprofile`))
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Parameters<typeof summarise>[0]
    const window = result.monotonicWindow
    const summary = summarise(profile, 20, window)
    return {
      title: `Profile of ${kind === 'ours' ? 'our server' : 'the reference server'} — ${label}`,
      description: `A separate run of scenario ${label} with \`node --cpu-prof\` (not in the tables above), self time over the edit phase only (${((window.toUs - window.fromUs) / 1e6).toFixed(1)} s). Server CPU from /proc in this run: ${result.serverCpuSeconds.toFixed(2)} s, p99 ${result.latency.p99.toFixed(1)} ms.`,
      markdown: formatSummary(summary),
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  installCleanup()
  const env = describeEnvironment()
  const sections: ScenarioReport[] = []
  console.error(`bench: ${quick ? 'quick' : 'full'} mode, servers ${servers.join(', ')}, ${reps} repetition(s), root ${root}`)

  if (only.has('A')) {
    console.error('A: one busy agreement')
    sections.push(loadReport('A — one busy agreement', scenarioA, await loadScenario('A', scenarioA)))
  }
  if (only.has('B')) {
    console.error('B: many small agreements')
    sections.push(loadReport('B — many small agreements', scenarioB, await loadScenario('B', scenarioB)))
  }
  if (only.has('E')) {
    console.error('E: A over one and two instances on PostgreSQL + Redis')
    const runs = await runTwoInstances(scenarioA, reps, attempt)
    sections.push(twoInstanceReport('E — A on PostgreSQL + Redis: one instance, two instances, reference', scenarioA, runs))
  }
  if (args.profile) {
    for (const [label, params] of [
      ['A', scenarioA],
      ['B', scenarioB],
    ] as const) {
      if (!only.has(label)) continue
      for (const kind of servers) {
        console.error(`profiling ${kind} under ${label}`)
        const outcome = await attempt(`${label} ${kind} profiled`, () => profiledRun(label, params, kind))
        if (outcome.ok) sections.push(outcome.value)
      }
    }
  }
  if (only.has('C')) {
    console.error('C: cold load of a long history')
    const history = buildHistory(coldEdits, root)
    const runs: Runs<Awaited<ReturnType<typeof runColdLoad>>> = { ours: [], ref: [] }
    for (const kind of servers) {
      runs[kind].push(await attempt(`C ${kind}`, () => runColdLoad(kind, history, { root, samples: coldSamples, timeoutMs: 120_000 })))
    }
    sections.push(coldReport('C — cold load of an agreement with a long history', history.edits, coldSamples, runs))
  }
  if (only.has('D')) {
    console.error('D: memory per open idle agreement')
    const seed = buildHistory(idleSeedEdits, root).state
    const runs: Runs<Awaited<ReturnType<typeof runIdleMemory>>> = { ours: [], ref: [] }
    for (const kind of servers) {
      runs[kind].push(await attempt(`D ${kind}`, () => runIdleMemory(kind, seed, { agreements: idleAgreements, warmup: 5, root, workers: WORKERS, settleMs: 3_000, timeoutMs: 60_000 })))
    }
    const bare: Outcome<BareResult> = await attempt('D bare Y.Doc', () => bareMemory(seed, idleAgreements))
    sections.push(idleReport('D — memory per open idle agreement', idleAgreements, idleSeedEdits, seed.length, runs, bare))
  }

  notes.push(
    args.concurrent
      ? 'A and B ran in --concurrent mode: in each repetition both servers were under load at the same time (each with its own 2 client workers, edit phases started together), so noise from other processes hits both alike but the two runs also compete with each other for the 2 cores (and the row "other processes" includes the concurrent run). Values are medians over the repetitions.'
      : 'Every run starts a fresh server process (ours on a fresh DATA_DIR); runs alternate ours, ref, ours, ref. Values are medians over the repetitions.',
    args.ours === 'tsx'
      ? 'Our server ran from its TypeScript sources through the tsx loader (`--ours tsx`, what `npm run dev` does).'
      : 'Our server ran as `npm start` runs it: `node --enable-source-maps dist/server/main.js`, the esbuild bundle, rebuilt from the current sources at the start of the bench (`--ours tsx` runs the sources through tsx instead).',
    `Clients are the official y-websocket ${env.packages['y-websocket']} WebsocketProvider over \`ws\`, spread over ${WORKERS} forked worker processes on the same 2-core machine as the server, so the harness competes with the server for CPU the same way for both servers.`,
    "Each edit appends `|t=<wall-clock ms>|` to the sender's own paragraph (a Y.XmlText in a `paragraph` Y.XmlElement of the `prosemirror` Y.XmlFragment). Every other replica parses the markers out of the remote change and records now − t: edit-to-remote-visible latency, including the client apply. Clocks: performance.timeOrigin + performance.now(), comparable across processes on one machine.",
    'Server CPU is utime+stime from /proc/<pid>/stat (÷ 100 ticks/s) from the start of the edit phase until all replicas agreed, divided by the number of deliveries. RSS is sampled every 200 ms from /proc/<pid>/status.',
    'Convergence: after the last edit, every replica of every agreement must report the same encoded state vector, the same content hash and the same number of edit markers, which must equal the number of edits made (polled every 250 ms, bounded).',
    'C: both servers are measured cold — the history is typed through a client, then the server is stopped and started again on the same storage before each sample (ours: DATA_DIR with SQLite; the reference: YPERSISTENCE with its y-leveldb storage). "Whole history received" waits until the fresh client holds the full text: the reference answers the sync before its LevelDB load has finished, so its "synced" alone would be early. The warm rows measure both with the document still in memory. "raw" times sync step 1 → step 2 with a bare websocket (no client apply); for the reference that step 2 can be empty.',
    'D: RSS delta of the server between a warmed-up state (5 agreements open) and N more open idle agreements, divided by N; the bare yardstick is N Y.Docs with the same update applied, in a separate process after gc.',
    `${quick ? 'Quick mode: shorter runs and fewer agreements; not for conclusions.' : 'Full mode.'}`,
  )
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
  const document = resultsDocument(env, command, quick ? 'quick' : 'full', sections, notes)
  console.log(document)
  writeFileSync(outFile, document)
  console.error(`written to ${outFile}`)
}

main()
  .catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => {
    killAllTracked()
  })
