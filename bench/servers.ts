/**
 * The two servers under test behind one interface: ours (server/main.ts, SQLite, agreements created
 * over HTTP) and the reference y-websocket server (@y/websocket-server 0.1.1, memory only, any room
 * name). Both run as separate processes so /proc readings are of the server alone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { isRunning, terminate, track } from './processes.ts'

export type ServerKind = 'ours' | 'ref'

export interface ServerUnderTest {
  readonly kind: ServerKind
  readonly pid: number
  readonly port: number
  /** `serverUrl` for WebsocketProvider; the room name is appended as a path segment. */
  readonly wsBase: string
  /** Query parameters every client sends. */
  readonly params: Record<string, string>
  /** Makes a document clients may join; ours refuses unknown agreement ids with 4404. */
  createDocument(): Promise<string>
  /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>
  /** Immediate SIGKILL, for crash tests. */
  kill(): Promise<void>
  /** The last lines of the server's stdout and stderr, for failure reports. */
  logTail(): string
}

export const repoRoot = resolve(import.meta.dirname, '..')

export function oursAvailable(): boolean {
  return existsSync(join(repoRoot, 'server', 'main.ts'))
}

/** A port that was free a moment ago; the reference server cannot report the port 0 chose. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolvePort(port))
    })
  })
}

/** Environment without anything that would switch on persistence or callbacks in the reference server. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ['YPERSISTENCE', 'CALLBACK_URL', 'CALLBACK_OBJECTS', 'CALLBACK_TIMEOUT', 'PORT', 'HOST', 'DATA_DIR']) {
    delete env[key]
  }
  return { ...env, ...extra }
}

class OutputTail {
  private text = ''
  append(chunk: string): void {
    this.text = (this.text + chunk).slice(-16_384)
  }
  toString(): string {
    return this.text
  }
}

interface Started {
  child: ChildProcess
  port: number
  tail: OutputTail
}

/** Starts a process and resolves once a stdout line yields its port; bounded by `timeoutMs`. */
function startUntilListening(command: string, args: string[], env: NodeJS.ProcessEnv, portFromLine: (line: string) => number | null, timeoutMs: number): Promise<Started> {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  track(child)
  const tail = new OutputTail()
  return new Promise((resolveStart, reject) => {
    let buffered = ''
    let settled = false
    const finish = (err: Error | null, port = 0): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (err) {
        void terminate(child, 1_000)
        reject(new Error(`${err.message}\n--- output ---\n${tail.toString()}`))
      } else {
        resolveStart({ child, port, tail })
      }
    }
    const timer = setTimeout(() => finish(new Error(`${args.join(' ')} did not listen within ${timeoutMs} ms`)), timeoutMs)
    child.stdout!.setEncoding('utf8')
    child.stderr!.setEncoding('utf8')
    child.stdout!.on('data', (chunk: string) => {
      tail.append(chunk)
      buffered += chunk
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        const port = portFromLine(line)
        if (port !== null) finish(null, port)
      }
    })
    child.stderr!.on('data', (chunk: string) => tail.append(chunk))
    child.once('error', (err) => finish(err))
    child.once('exit', (code, signal) => finish(new Error(`server exited early (code ${code}, signal ${signal})`)))
  })
}

function wrap(kind: ServerKind, started: Started, wsBase: string, params: Record<string, string>, createDocument: () => Promise<string>): ServerUnderTest {
  const { child, port, tail } = started
  return {
    kind,
    pid: child.pid!,
    port,
    wsBase,
    params,
    createDocument,
    stop: () => terminate(child),
    kill: async () => {
      if (!isRunning(child)) return
      child.kill('SIGKILL')
      await new Promise<void>((done) => (isRunning(child) ? child.once('exit', () => done()) : done()))
    },
    logTail: () => tail.toString(),
  }
}

/**
 * How our server is started: `bundle` is what `npm start` runs (the esbuild bundle of server/, with
 * `--enable-source-maps`), rebuilt once per bench process so it always matches the sources; `tsx` runs
 * the TypeScript sources through the tsx loader (`npm run dev`), whose loader thread and esbuild
 * service stay resident. The default is the bundle: it is what a deployment measures.
 */
export type OursEntry = 'bundle' | 'tsx'
let defaultEntry: OursEntry = 'bundle'

export function setOursEntry(entry: OursEntry): void {
  defaultEntry = entry
}

let bundleBuilt = false

/** `npm run build:server` once per process (esbuild, a second or two). */
export function ensureServerBundle(): void {
  if (bundleBuilt) return
  const build = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: repoRoot, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`npm run build:server failed:\n${build.stdout}\n${build.stderr}`)
  bundleBuilt = true
}

export interface OursOptions {
  dataDir: string
  /** Reuse a port across restarts so clients reconnect to the same URL; 0 picks a free one. */
  port?: number
  env?: Record<string, string>
  /** Extra node flags, e.g. --cpu-prof for a profile of the server under load. */
  nodeArgs?: string[]
  timeoutMs?: number
  entry?: OursEntry
}

export async function startOurs(options: OursOptions): Promise<ServerUnderTest> {
  const env = cleanEnv({
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    ...options.env,
  })
  const started = await startUntilListening(
    process.execPath,
    // BENCH_OURS_NODE_ARGS: extra node flags for a diagnosis run (a preload that counts statements, say).
    entryArgs(options.entry ?? defaultEntry, [...(options.nodeArgs ?? []), ...(process.env.BENCH_OURS_NODE_ARGS?.split(' ').filter(Boolean) ?? [])]),
    env,
    (line) => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)
      return match ? Number(match[1]) : null
    },
    options.timeoutMs ?? 30_000,
  )
  const httpBase = `http://127.0.0.1:${started.port}`
  const { cookie, token } = await benchAccount(httpBase)
  return wrap('ours', started, `ws://127.0.0.1:${started.port}/sync`, { schema: '1', token }, () => createAgreement(httpBase, cookie))
}

function entryArgs(entry: OursEntry, nodeArgs: string[]): string[] {
  if (entry === 'tsx') return [...nodeArgs, '--import', 'tsx', 'server/main.ts']
  ensureServerBundle()
  return [...nodeArgs, '--enable-source-maps', 'dist/server/main.js']
}

const BENCH_ACCOUNT = { email: 'bench@example.se', password: 'bench password, not secret', displayName: 'Bench' }

/**
 * Our server admits only members: the harness signs up once per data folder (logs in after a
 * restart) and hands every client an access token, so auth is part of what is measured.
 */
async function benchAccount(httpBase: string): Promise<{ cookie: string; token: string }> {
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${httpBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
  let response = await post('/api/auth/signup', BENCH_ACCOUNT)
  if (response.status === 409) response = await post('/api/auth/login', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password })
  if (!response.ok) throw new Error(`bench account: ${response.status} ${await response.text()}`)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!
  const tokenResponse = await post('/api/auth/tokens', { label: 'bench' }, cookie)
  if (tokenResponse.status !== 201) throw new Error(`bench token: ${tokenResponse.status} ${await tokenResponse.text()}`)
  const { token } = (await tokenResponse.json()) as { token: string }
  return { cookie, token }
}

let skeletonFlagRefused = false

/**
 * Creates an empty agreement: without the skeleton, so both servers start from the same empty
 * document and the measured content is only what the harness writes.
 */
async function createAgreement(httpBase: string, cookie: string): Promise<string> {
  const body: Record<string, unknown> = { title: 'bench', municipality: 'Benchby' }
  if (!skeletonFlagRefused) body.skeleton = false
  const response = await fetch(`${httpBase}/api/agreements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  })
  if (response.status === 400 && !skeletonFlagRefused) {
    skeletonFlagRefused = true
    return createAgreement(httpBase, cookie)
  }
  if (response.status !== 201) throw new Error(`POST /api/agreements → ${response.status} ${await response.text()}`)
  const agreement = (await response.json()) as { id?: unknown }
  if (typeof agreement.id !== 'string') throw new Error('POST /api/agreements answered without an id')
  return agreement.id
}

/**
 * `persistenceDir` switches on the reference server's own storage (y-leveldb via YPERSISTENCE), so a
 * cold load can be compared with a cold load.
 */
export async function startRef(options: { timeoutMs?: number; persistenceDir?: string; nodeArgs?: string[] } = {}): Promise<ServerUnderTest> {
  const port = await freePort()
  const started = await startUntilListening(
    process.execPath,
    [...(options.nodeArgs ?? []), join(repoRoot, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')],
    cleanEnv({ HOST: '127.0.0.1', PORT: String(port), ...(options.persistenceDir ? { YPERSISTENCE: options.persistenceDir } : {}) }),
    (line) => (/running at/.test(line) ? port : null),
    options.timeoutMs ?? 15_000,
  )
  return wrap('ref', started, `ws://127.0.0.1:${port}`, {}, async () => `bench-${randomUUID()}`)
}
