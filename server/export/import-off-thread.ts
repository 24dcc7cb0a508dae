import { Worker } from 'node:worker_threads'
import { schema } from '../../schema/schema.ts'
import type { ImportPlan } from './import.ts'
import { ImportRefusal, type RefusalCode, refusals } from './zip-guard.ts'

/**
 * Reads an uploaded Word file in a worker thread. Unzipping, mammoth's XML tree and the validator
 * over a long document take seconds of CPU (4 s for 2 MB of text on this machine); on the server's
 * own thread that would stall every agreement's editing meanwhile. Workers have their own heap limit
 * and each job a deadline: a file that needs more is refused, its worker ended, and the server never
 * notices. Workers are kept for the next file a while (starting one loads mammoth and the validator).
 */
export interface ImportJob {
  bytes: Uint8Array
  options: { lang: 'sv' | 'en'; title?: string; fileName?: string }
}

export type ImportOutcome =
  | { ok: true; plan: Omit<ImportPlan, 'doc'> & { doc: unknown } }
  | { ok: false; refusal: { status: number; code: RefusalCode; messages: { sv: string; en: string } } }
  | { ok: false; error: string }

export interface OffThreadLimits {
  timeoutMs: number
}

const DEFAULT_TIMEOUT_MS = 60_000
/** A worker's heap: mammoth holds the whole document XML (≤ 24 MB, zip-guard.ts) as a tree. */
const WORKER_HEAP_MB = 768
/** Idle workers kept for the next file, and for how long. */
const KEEP_IDLE = 2
const IDLE_MS = 60_000

/**
 * The bundle ships the worker built beside this code; under tsx (development, tests) the worker loads
 * tsx's hooks first and then the TypeScript source (a worker does not inherit `--import tsx`).
 */
function startWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: false, stderr: false }
  // The worker is a sibling of this module, in whichever form this module runs (.js built, .ts source).
  const ownExtension = import.meta.url.slice(import.meta.url.lastIndexOf('.'))
  const entry = new URL(`./import-worker${ownExtension}`, import.meta.url)
  if (ownExtension === '.js') return new Worker(entry, options)
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`, { ...options, eval: true })
}

const idle: { worker: Worker; timer: ReturnType<typeof setTimeout> }[] = []

function takeWorker(): Worker {
  const kept = idle.pop()
  if (!kept) return startWorker()
  clearTimeout(kept.timer)
  kept.worker.ref()
  return kept.worker
}

function keepWorker(worker: Worker): void {
  if (idle.length >= KEEP_IDLE) {
    void worker.terminate()
    return
  }
  // An idle worker does not keep the process alive, and ends after a while unused.
  worker.unref()
  const entry = {
    worker,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(entry), 1)
      void worker.terminate()
    }, IDLE_MS),
  }
  entry.timer.unref()
  idle.push(entry)
}

export function planImportOffThread(bytes: Buffer, options: ImportJob['options'], limits: Partial<OffThreadLimits> = {}): Promise<ImportPlan> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const job: ImportJob = { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options }
  const worker = takeWorker()
  return new Promise((resolve, reject) => {
    const finish = (keep: boolean, fn: () => void): void => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      if (keep) keepWorker(worker)
      else void worker.terminate()
      fn()
    }
    const onMessage = (outcome: ImportOutcome): void =>
      finish(true, () => {
        if (outcome.ok) resolve({ ...outcome.plan, doc: schema.nodeFromJSON(outcome.plan.doc) })
        else if ('refusal' in outcome) reject(new ImportRefusal(outcome.refusal.status, outcome.refusal.code, outcome.refusal.messages))
        else reject(new Error(`import failed: ${outcome.error}`))
      })
    // Out of its heap (a document that unpacks into more than a reader should hold) or crashed.
    const onError = (err: Error & { code?: string }): void => finish(false, () => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refusals.tooComplex() : err))
    const onExit = (code: number): void => finish(false, () => reject(new Error(`import worker ended (${code}) without an answer`)))
    const timer = setTimeout(() => finish(false, () => reject(refusals.tooComplex())), timeoutMs)
    worker.on('message', onMessage)
    worker.once('error', onError)
    worker.once('exit', onExit)
    worker.postMessage(job)
  })
}
