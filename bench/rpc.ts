/**
 * Request/response over the fork IPC channel between the harness and its client workers. Every call
 * has a timeout, so a hung worker fails the run instead of hanging it.
 */
import type { ChildProcess } from 'node:child_process'
import type { Root } from './content.ts'

export interface WorkerDoc {
  name: string
  /** Clients of this document that live in this worker. */
  clients: number
}

export type Command =
  | { cmd: 'connect'; wsBase: string; params: Record<string, string>; docs: WorkerDoc[]; root: Root; timeoutMs: number }
  | { cmd: 'seed'; update: string }
  | { cmd: 'prepare' }
  | { cmd: 'edit'; startAt: number; durationMs: number; editsPerSecond: number }
  | { cmd: 'digest' }
  | { cmd: 'report' }
  | { cmd: 'close' }

export interface ConnectResult {
  synced: number
  total: number
  closeCodes: number[]
}

export interface EditResult {
  edits: number
  timerLagP99Ms: number
  timerLagMaxMs: number
}

export interface ReplicaDigest {
  doc: string
  stateVector: string
  contentHash: string
  markers: number
  synced: boolean
}

export interface WorkerReport {
  latencies: number[]
  deliveries: number
  edits: number
  disconnects: number
  closeCodes: number[]
  cpuSeconds: number
}

export interface Request {
  id: number
  command: Command
}

export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

let nextId = 1

export function call<T>(worker: ChildProcess, command: Command, timeoutMs: number): Promise<T> {
  const id = nextId++
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: Response): void => {
      if (message.id !== id) return
      cleanup()
      if (message.ok) resolve(message.result as T)
      else reject(new Error(`worker ${worker.pid} ${command.cmd}: ${message.error}`))
    }
    const onExit = (code: number | null): void => {
      cleanup()
      reject(new Error(`worker ${worker.pid} exited (${code}) during ${command.cmd}`))
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`worker ${worker.pid} ${command.cmd} timed out after ${timeoutMs} ms`))
    }, timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('exit', onExit)
    }
    worker.on('message', onMessage)
    worker.once('exit', onExit)
    worker.send({ id, command } satisfies Request)
  })
}
