/**
 * Every child process the harness starts is registered here, so that a failing or interrupted run
 * still stops each of them by PID and leaves no server or worker behind.
 */
import type { ChildProcess } from 'node:child_process'

const live = new Map<number, ChildProcess>()

export function track(child: ChildProcess): void {
  const pid = child.pid
  if (pid === undefined) return
  live.set(pid, child)
  child.once('exit', () => live.delete(pid))
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/** Waits for exit; resolves false if the process is still alive after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (!isRunning(child)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit)
      resolve(false)
    }, timeoutMs)
    const onExit = (): void => {
      clearTimeout(timer)
      resolve(true)
    }
    child.once('exit', onExit)
  })
}

/** SIGTERM first so a server can flush; SIGKILL if it has not exited within the grace period. */
export async function terminate(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!isRunning(child)) return
  child.kill('SIGTERM')
  if (await waitForExit(child, graceMs)) return
  child.kill('SIGKILL')
  await waitForExit(child, 2_000)
}

export function killAllTracked(): void {
  for (const [pid, child] of live) {
    if (!isRunning(child)) continue
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone between the check and the kill.
    }
  }
  live.clear()
}

let installed = false

/** Kills every tracked child on any way out of the harness: normal exit, Ctrl-C, or a crash. */
export function installCleanup(): void {
  if (installed) return
  installed = true
  process.on('exit', killAllTracked)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllTracked()
      process.exit(130)
    })
  }
  process.on('uncaughtException', (err) => {
    console.error(err)
    killAllTracked()
    process.exit(1)
  })
  process.on('unhandledRejection', (err) => {
    console.error(err)
    killAllTracked()
    process.exit(1)
  })
}
