import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureServerBundle } from './server-bundle.ts'

/**
 * Starts the real server as its own process (`node --import tsx server/main.ts`) on 127.0.0.1 and a
 * free port, and learns the URL from the `listening on <url>` line it prints. For tests that need a
 * process boundary: browser tests, restarts, signals, crashes.
 */
export interface ServerProcess {
  url: string
  port: number
  pid: number
  dataDir: string
  /** Everything the process wrote so far, for assertions and for failure messages. */
  output(): { stdout: string; stderr: string }
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** SIGKILL: a crash without any chance to flush. */
  kill(): Promise<number | null>
  /** Deletes the data folder if startServer created it; call after the last restart on it. */
  removeDataDir(): void
}

export interface StartServerOptions {
  /** Reuse a data folder (e.g. to restart on the same data); a fresh temp folder otherwise. */
  dataDir?: string
  /** Extra environment; PORT, HOST and DATA_DIR can be overridden here too. */
  env?: Record<string, string>
  /** Entry file relative to the repository root; the prebuilt bundle (built when stale) unless given. */
  entry?: string
  /** Node options before the entry; none for the bundle, `--import tsx` for a given source entry. */
  execArgv?: string[]
  /** How long to wait for the listening line. */
  timeoutMs?: number
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const LISTENING = /listening on (http:\/\/[^\s]+)/

export async function startServer(options: StartServerOptions = {}): Promise<ServerProcess> {
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'overens-test-'))
  // By default the production bundle, as `npm start` runs it: it starts in a third of the time tsx needs.
  if (options.entry === undefined) ensureServerBundle()
  const entry = options.entry ?? 'dist/server/main.js'
  const execArgv = options.execArgv ?? (options.entry === undefined ? [] : ['--import', 'tsx'])
  const child = spawn(process.execPath, [...execArgv, entry], {
    cwd: repoRoot,
    // Test files sign up many people from 127.0.0.1; the sign-up throttle has its own test.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SIGNUP_LIMIT: '100000', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not print its listening line within ${options.timeoutMs ?? 20_000} ms\n${stderr}`))
    }, options.timeoutMs ?? 20_000)
    const onData = (): void => {
      const match = LISTENING.exec(stdout)
      if (!match?.[1]) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      resolve(match[1])
    }
    child.stdout.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening\n${stderr}`))
    })
  })

  const pid = child.pid
  if (pid === undefined) throw new Error('server process has no pid')
  const stop = (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => signalAndWait(child, exited, signal)
  return {
    url,
    port: Number(new URL(url).port),
    pid,
    dataDir,
    output: () => ({ stdout, stderr }),
    stop,
    kill: () => stop('SIGKILL'),
    removeDataDir: () => {
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function signalAndWait(child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
  child.kill(signal)
  // A server stuck in shutdown must not hang the test run: escalate after a grace period.
  const grace = setTimeout(() => child.kill('SIGKILL'), 10_000)
  try {
    return await exited
  } finally {
    clearTimeout(grace)
  }
}
