/**
 * Scenario D: memory per open idle agreement. N agreements, each with the same content and one
 * connected client, are opened on a warmed-up server; the server's RSS delta divided by N is
 * compared with N bare Y.Docs of the same content measured in a separate process.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { BareRequest, BareResult } from './bare-memory.ts'
import { connectClient } from './clients.ts'
import { contentString, type Root } from './content.ts'
import { assign, closeWorkers, connectAll, createDocuments, forkWorkers } from './harness.ts'
import { memory } from './proc-stats.ts'
import { terminate, track, waitForExit } from './processes.ts'
import { call } from './rpc.ts'
import { startOurs, startRef, type ServerKind, type ServerUnderTest } from './servers.ts'
import { median } from './stats.ts'

export interface IdleParams {
  agreements: number
  warmup: number
  root: Root
  workers: number
  settleMs: number
  timeoutMs: number
}

export interface IdleResult {
  agreements: number
  rssBefore: number
  rssAfter: number
  rssPerAgreement: number
  hwm: number
  checked: number
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** RSS wobbles with GC; the median of a few readings is steadier than one. */
async function steadyRss(pid: number): Promise<number> {
  const readings: number[] = []
  for (let i = 0; i < 5; i++) {
    readings.push(memory(pid).rss)
    await sleep(200)
  }
  return median(readings)
}

export async function runIdleMemory(kind: ServerKind, seed: Uint8Array, params: IdleParams): Promise<IdleResult> {
  const dataDir = kind === 'ours' ? mkdtempSync(join(tmpdir(), 'overens-bench-idle-')) : ''
  const server = kind === 'ours' ? await startOurs({ dataDir }) : await startRef()
  const workers = forkWorkers(params.workers)
  const seedB64 = Buffer.from(seed).toString('base64')
  try {
    // Warm-up agreements first, so JIT, pools and caches are not charged to the measured ones.
    const warm = await createDocuments(server, params.warmup)
    await openSeeded(workers, server, warm, seedB64, params)
    await sleep(params.settleMs)
    const rssBefore = await steadyRss(server.pid)

    const names = await createDocuments(server, params.agreements)
    await openSeeded(workers, server, names, seedB64, params)
    await sleep(params.settleMs)
    const rssAfter = await steadyRss(server.pid)
    const hwm = memory(server.pid).hwm

    const checked = await checkSample(server, names, seed, params)
    return { agreements: params.agreements, rssBefore, rssAfter, rssPerAgreement: (rssAfter - rssBefore) / params.agreements, hwm, checked }
  } finally {
    await closeWorkers(workers)
    await server.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

async function openSeeded(workers: ReturnType<typeof forkWorkers>, server: ServerUnderTest, names: string[], seedB64: string, params: IdleParams): Promise<void> {
  await connectAll(workers, server, assign(names, 1, workers.length), params.root, params.timeoutMs)
  await Promise.all(workers.map((w) => call(w, { cmd: 'seed', update: seedB64 }, params.timeoutMs)))
}

/** After the measurement: a few agreements really hold the content (the seed reached the server). */
async function checkSample(server: ServerUnderTest, names: string[], seed: Uint8Array, params: IdleParams): Promise<number> {
  const reference = new Y.Doc()
  Y.applyUpdate(reference, seed)
  const expected = contentString(reference, params.root)
  reference.destroy()
  const sample = [names[0], names[Math.floor(names.length / 2)], names[names.length - 1]].filter((n): n is string => n !== undefined)
  for (const name of sample) {
    const deadline = Date.now() + params.timeoutMs
    for (;;) {
      const client = await connectClient(server, name, params.timeoutMs)
      const content = contentString(client.doc, params.root)
      client.destroy()
      // includes: our server seeds a title and an empty paragraph before the content.
      if (content.includes(expected)) break
      if (Date.now() > deadline) throw new Error(`${server.kind}: agreement ${name} does not hold the seeded content`)
      await sleep(250)
    }
  }
  return sample.length
}

export async function bareMemory(seed: Uint8Array, count: number): Promise<BareResult> {
  const child = fork(join(import.meta.dirname, 'bare-memory.ts'), [], { execArgv: ['--expose-gc', '--import', 'tsx'] })
  track(child)
  try {
    return await new Promise<BareResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bare-memory timed out')), 60_000)
      child.once('message', (result: BareResult) => {
        clearTimeout(timer)
        resolve(result)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`bare-memory exited with ${code}`))
      })
      child.send({ count, update: Buffer.from(seed).toString('base64') } satisfies BareRequest)
    })
  } finally {
    if (!(await waitForExit(child, 2_000))) await terminate(child, 1_000)
  }
}
