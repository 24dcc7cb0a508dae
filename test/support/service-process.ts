import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

/**
 * Shared plumbing of the real services tests start (PostgreSQL, Redis): a free loopback port, a child
 * process that is stopped by its PID, and a last-resort SIGKILL if the test process exits without
 * stopping it, so no database outlives a crashed test run.
 */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** A port nothing listens on right now (the kernel picks it); the service binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

export interface ServiceChild {
  child: ChildProcess
  output(): string
  exited: Promise<number | null>
  /** Sends `signal`, escalates to SIGKILL after `graceMs`, resolves once the process is gone. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>
}

export function spawnService(cmd: string, args: string[], options: { uid?: number; gid?: number; cwd?: string; env?: NodeJS.ProcessEnv }): ServiceChild {
  const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c))
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c))
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child)
      resolve(code)
    })
    child.once('error', () => {
      running.delete(child)
      resolve(null)
    })
  })
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill(signal)
    const grace = setTimeout(() => child.kill('SIGKILL'), graceMs)
    try {
      await exited
    } finally {
      clearTimeout(grace)
    }
  }
  return { child, output: () => output, exited, stop }
}

/** Runs a command to completion (initdb and the like), failing with its output. */
export function runToEnd(cmd: string, args: string[], options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv }): Promise<void> {
  const { exited, output } = spawnService(cmd, args, options)
  return exited.then((code) => {
    if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${output()}`)
  })
}

export async function waitUntil(what: string, ready: () => Promise<boolean>, alive: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await ready()) return
    if (!alive()) throw new Error(`${what} exited before it was ready`)
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
