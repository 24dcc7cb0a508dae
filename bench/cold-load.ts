/**
 * Scenario C: how long a fresh client waits for an agreement with a long editing history.
 *
 * Ours: the history is typed into the agreement through a client, the server is stopped (SIGTERM,
 * so it compacts) and started again on the same DATA_DIR, then a fresh client connects: the load
 * from SQLite is on the measured path. Every cold sample gets its own restart.
 * Reference: it has no storage, so the nearest equivalent is a fresh client connecting after another
 * client pushed the history: the document is already in memory. Both are measured the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { connectClient, documentUrl, drained, rawSync } from './clients.ts'
import { contentString, type Root } from './content.ts'
import { cpuSeconds, memory } from './proc-stats.ts'
import { startOurs, startRef, type ServerKind, type ServerUnderTest } from './servers.ts'
import { median } from './stats.ts'
import type { History } from './trace.ts'

export interface ColdParams {
  root: Root
  samples: number
  timeoutMs: number
}

export interface ColdResult {
  /** Whether the measured load was from storage after a restart (ours) or from memory (ref). */
  mode: 'cold after restart' | 'in memory'
  pushSeconds: number
  /** Provider: connect → 'sync' true, median over samples, ms. */
  providerMs: number
  /** Raw step 1 → step 2, median, ms. */
  rawMs: number
  /** Ours only: the same two with the document already loaded (another client connected). */
  warmProviderMs?: number
  warmRawMs?: number
  step2Bytes: number
  serverCpuPerLoadSeconds: number
  rssAfterLoad: number
  samples: { providerMs: number[]; rawMs: number[] }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function expectedContent(history: History, root: Root): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, history.state)
  const content = contentString(doc, root)
  doc.destroy()
  return content
}

/**
 * Content checks use `includes`: our server seeds a title and an empty paragraph into every new
 * agreement, so its document is the history plus that preamble.
 */
const holds = (content: string, expected: string): boolean => content.includes(expected)

/** Types the history into the document and returns once a separate client sees all of it (bounded). */
async function pushHistory(server: ServerUnderTest, name: string, history: History, expected: string, params: ColdParams): Promise<number> {
  const start = performance.now()
  const writer = await connectClient(server, name, params.timeoutMs)
  try {
    for (const update of history.updates) Y.applyUpdate(writer.doc, update)
    await drained(writer, params.timeoutMs)
    const deadline = Date.now() + params.timeoutMs
    for (;;) {
      const checker = await connectClient(server, name, params.timeoutMs)
      const content = contentString(checker.doc, params.root)
      checker.destroy()
      if (holds(content, expected)) break
      if (Date.now() > deadline) throw new Error(`${server.kind}: history not complete on the server after ${params.timeoutMs} ms`)
      await sleep(500)
    }
  } finally {
    writer.destroy()
  }
  return (performance.now() - start) / 1000
}

/**
 * Connect → the whole history is in the client. Not just the provider's "synced": the reference
 * server answers the sync before its LevelDB load has finished and sends the content afterwards.
 */
async function timeProvider(server: ServerUnderTest, name: string, expected: string, params: ColdParams): Promise<number> {
  const client = await connectClient(server, name, params.timeoutMs)
  const startedAt = performance.now() - client.syncedAfterMs
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!holds(contentString(client.doc, params.root), expected)) return
        client.doc.off('update', check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        client.doc.off('update', check)
        const content = contentString(client.doc, params.root)
        reject(new Error(`${server.kind}: a fresh client received different content (${content.length} vs ${expected.length} chars)`))
      }, params.timeoutMs)
      client.doc.on('update', check)
      check()
    })
    return performance.now() - startedAt
  } finally {
    client.destroy()
  }
}

export async function runColdLoad(kind: ServerKind, history: History, params: ColdParams): Promise<ColdResult> {
  const expected = expectedContent(history, params.root)
  return kind === 'ours' ? coldOurs(history, expected, params) : coldRef(history, expected, params)
}

/**
 * Both servers the same way, each on its own storage (ours: SQLite under DATA_DIR; the reference:
 * y-leveldb under YPERSISTENCE): the history is pushed, the process is stopped and started again on
 * the same folder before every cold sample; the warm samples come last, on a process that keeps the
 * document loaded with a holding client.
 */
async function coldRef(history: History, expected: string, params: ColdParams): Promise<ColdResult> {
  // y-leveldb writes asynchronously and the reference server has no shutdown flush: give it a moment.
  return coldAndWarm('overens-bench-ref-', (persistenceDir) => startRef({ persistenceDir }), 2_000, history, expected, params)
}

async function coldOurs(history: History, expected: string, params: ColdParams): Promise<ColdResult> {
  return coldAndWarm('overens-bench-cold-', (dataDir) => startOurs({ dataDir }), 0, history, expected, params)
}

async function coldAndWarm(prefix: string, start: (storageDir: string) => Promise<ServerUnderTest>, settleMs: number, history: History, expected: string, params: ColdParams): Promise<ColdResult> {
  const storageDir = mkdtempSync(join(tmpdir(), prefix))
  let server = await start(storageDir)
  try {
    const name = await server.createDocument()
    const pushSeconds = await pushHistory(server, name, history, expected, params)
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs))
    await server.stop()

    const providerMs: number[] = []
    const rawMs: number[] = []
    let step2Bytes = 0
    let cpu = 0
    let rssAfterLoad = 0
    for (let i = 0; i < params.samples * 2; i++) {
      server = await start(storageDir)
      const cpuBefore = cpuSeconds(server.pid)
      if (i < params.samples) {
        providerMs.push(await timeProvider(server, name, expected, params))
      } else {
        const raw = await rawSync(documentUrl(server, name), params.timeoutMs)
        rawMs.push(raw.ms)
        step2Bytes = raw.bytes
      }
      cpu += cpuSeconds(server.pid) - cpuBefore
      rssAfterLoad = memory(server.pid).rss
      await server.stop()
    }

    server = await start(storageDir)
    const holder = await connectClient(server, name, params.timeoutMs)
    const warmProvider: number[] = []
    const warmRaw: number[] = []
    try {
      for (let i = 0; i < params.samples; i++) warmProvider.push(await timeProvider(server, name, expected, params))
      for (let i = 0; i < params.samples; i++) warmRaw.push((await rawSync(documentUrl(server, name), params.timeoutMs)).ms)
    } finally {
      holder.destroy()
    }
    return {
      mode: 'cold after restart',
      pushSeconds,
      providerMs: median(providerMs),
      rawMs: median(rawMs),
      warmProviderMs: median(warmProvider),
      warmRawMs: median(warmRaw),
      step2Bytes,
      serverCpuPerLoadSeconds: cpu / (2 * params.samples),
      rssAfterLoad,
      samples: { providerMs, rawMs },
    }
  } finally {
    await server.stop()
    rmSync(storageDir, { recursive: true, force: true })
  }
}
