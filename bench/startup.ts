/**
 * `node --import tsx bench/startup.ts [reps] [checkout-before]`: how long each way of starting our server takes until it
 * prints `listening on`, and its RSS once idle. Each start gets a fresh data folder; the server is
 * stopped by PID (SIGTERM) after the reading. Startup compared: the tsx path (`node --import tsx
 * server/main.ts`, what `npm start` ran before, minus its client build) and the prebuilt bundle
 * (`node dist/server/main.js`, what `npm start` runs now; build it first with `npm run build`).
 * Also `npm start` itself, which adds npm and the freshness check of the build (prestart).
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpuSeconds, memory } from './proc-stats.ts'
import { median } from './stats.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const IDLE_SETTLE_MS = 3000

interface Reading {
  msToListening: number
  /** CPU the server process used until it listened: unlike wall time, barely moved by a busy machine. */
  cpuMsToListening: number
  idleRssMb: number
}

async function startOnce(cmd: string, args: string[], cwd = root): Promise<Reading> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'overens-startup-'))
  const started = process.hrtime.bigint()
  // detached: `npm start` runs node as a child of npm, so the whole group is stopped together.
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  })
  try {
    let cpuMsToListening = 0
    const msToListening = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(' ')} did not listen within 60 s`)), 60_000)
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk
        if (out.includes('listening on ')) {
          clearTimeout(timer)
          cpuMsToListening = cpuSeconds(cmd === 'npm' ? serverChildOf(child.pid!) : child.pid!) * 1000
          resolve(Number(process.hrtime.bigint() - started) / 1e6)
        }
      })
      child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)))
    })
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS))
    // The server is the newest node process in the group: for `npm start` that is not npm itself.
    const serverPid = cmd === 'npm' ? serverChildOf(child.pid!) : child.pid!
    return { msToListening, cpuMsToListening, idleRssMb: memory(serverPid).rss / 1024 / 1024 }
  } finally {
    const exited = new Promise((r) => child.once('exit', r))
    process.kill(-child.pid!, 'SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The node process npm started (npm runs scripts through `sh -c`, so it may be a grandchild). */
function serverChildOf(pid: number): number {
  const pids = execFileSync('pgrep', ['-g', String(pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number)
  const servers = pids.filter((p) => {
    try {
      const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')
      return path.basename(argv[0] ?? '') === 'node' && argv.includes('dist/server/main.js')
    } catch {
      return false
    }
  })
  if (servers.length !== 1) throw new Error(`expected one server process under npm, found ${servers.length}`)
  return servers[0]!
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 5)
  if (!existsSync(path.join(root, 'dist/server/main.js'))) throw new Error('no dist/server/main.js: run `npm run build` first')
  // An optional second argument: a checkout of the code before this change (with node_modules), whose
  // tsx start is the "before" row.
  const before = process.argv[3]
  const ways: [string, string, string[], string?][] = [
    ...(before ? [['before: tsx on the previous commit', process.execPath, ['--import', 'tsx', 'server/main.ts'], before] as [string, string, string[], string]] : []),
    ['tsx (node --import tsx server/main.ts)', process.execPath, ['--import', 'tsx', 'server/main.ts']],
    ['bundle (node dist/server/main.js)', process.execPath, ['--enable-source-maps', 'dist/server/main.js']],
    ['npm start (prestart check + bundle)', 'npm', ['start', '--silent']],
  ]
  console.log(`| way of starting | to listening, median of ${reps} (ms) | min–max (ms) | server CPU to listening, median (ms) | idle RSS after ${IDLE_SETTLE_MS / 1000} s, median (MB) |`)
  console.log('|---|---:|---:|---:|---:|')
  // Interleaved (one start of each way per round) so a neighbour's burst of load hits every way alike;
  // one warm-up round first for the page cache.
  const readings: Reading[][] = ways.map(() => [])
  for (let round = -1; round < reps; round++) {
    for (const [i, [, cmd, args, cwd]] of ways.entries()) {
      const reading = await startOnce(cmd, args, cwd)
      if (round >= 0) readings[i]!.push(reading)
    }
  }
  for (const [i, [name]] of ways.entries()) {
    const ms = readings[i]!.map((r) => r.msToListening)
    console.log(
      `| ${name} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} | ${median(readings[i]!.map((r) => r.cpuMsToListening)).toFixed(0)} | ${median(readings[i]!.map((r) => r.idleRssMb)).toFixed(1)} |`,
    )
  }
}

await main()
