import { parentPort } from 'node:worker_threads'
import { planImport } from './import.ts'
import { ImportRefusal } from './zip-guard.ts'
import type { ImportJob, ImportOutcome } from './import-off-thread.ts'

/** Reads Word files off the server's event loop (see import-off-thread.ts), one job at a time. */
parentPort!.on('message', (job: ImportJob) => {
  const answer = (outcome: ImportOutcome): void => parentPort!.postMessage(outcome)
  planImport(Buffer.from(job.bytes), job.options).then(
    (plan) => answer({ ok: true, plan: { ...plan, doc: plan.doc.toJSON() } }),
    (err: unknown) =>
      answer(
        err instanceof ImportRefusal ? { ok: false, refusal: { status: err.status, code: err.code, messages: err.messages } } : { ok: false, error: err instanceof Error ? err.message : String(err) },
      ),
  )
})
