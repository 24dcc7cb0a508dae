/**
 * A bench client process: hosts many official y-websocket clients (WebsocketProvider over `ws`),
 * types timestamped edits on a schedule and records how late other clients' edits arrive. Driven by
 * the harness over IPC (see rpc.ts); it never decides on its own when to stop, except when the
 * harness goes away.
 */
import { createHash } from 'node:crypto'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { contentString, countMarkers, createWriter, observeRemoteEdits, wallNow, type Root, type Writer } from './content.ts'
import type { Command, ConnectResult, EditResult, ReplicaDigest, Request, Response, WorkerDoc, WorkerReport } from './rpc.ts'

interface Client {
  docName: string
  doc: Y.Doc
  provider: WebsocketProvider
  writer: Writer | null
}

const clients: Client[] = []
let root: Root = 'prosemirror'
const latencies: number[] = []
let deliveries = 0
let edits = 0
let disconnects = 0
const closeCodes: number[] = []
const editTimers = new Set<NodeJS.Timeout>()
/** CPU at the start of the edit phase, so the report excludes start-up (tsx compile, connecting). */
let cpuAtEditStart: NodeJS.CpuUsage | undefined

// Each provider registers a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0)

function connect(wsBase: string, params: Record<string, string>, docs: WorkerDoc[], timeoutMs: number): Promise<ConnectResult> {
  for (const { name, clients: count } of docs) {
    for (let i = 0; i < count; i++) {
      const doc = new Y.Doc()
      observeRemoteEdits(doc, root, (sentAt, now) => {
        latencies.push(now - sentAt)
        deliveries++
      })
      const provider = new WebsocketProvider(wsBase, name, doc, {
        params,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        // The default 5 s cap would let a reconnect storm stretch beyond a scenario's quiet period.
        maxBackoffTime: 2_000,
      })
      provider.on('status', ({ status }) => {
        if (status === 'disconnected') disconnects++
      })
      provider.on('connection-close', (event) => {
        if (event) closeCodes.push(event.code)
      })
      clients.push({ docName: name, doc, provider, writer: null })
    }
  }
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs
    const poll = setInterval(() => {
      const synced = clients.filter((c) => c.provider.synced).length
      if (synced === clients.length || Date.now() > deadline) {
        clearInterval(poll)
        resolve({ synced, total: clients.length, closeCodes: [...closeCodes] })
      }
    }, 20)
  })
}

/** Applies a prepared update through the first client of each document, as if it had typed it. */
function seed(update: Uint8Array): void {
  const seen = new Set<string>()
  for (const client of clients) {
    if (seen.has(client.docName)) continue
    seen.add(client.docName)
    Y.applyUpdate(client.doc, update)
  }
}

function prepare(): void {
  clients.forEach((client, i) => {
    client.writer = createWriter(client.doc, root, `w${process.pid}c${i}:`)
  })
}

function edit(startAt: number, durationMs: number, editsPerSecond: number): Promise<EditResult> {
  const period = 1000 / editsPerSecond
  const end = startAt + durationMs
  const lags: number[] = []
  cpuAtEditStart = process.cpuUsage()
  let pending = clients.length
  return new Promise((resolve) => {
    const done = (): void => {
      if (--pending > 0) return
      lags.sort((a, b) => a - b)
      resolve({
        edits,
        timerLagP99Ms: lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] ?? 0,
        timerLagMaxMs: lags[lags.length - 1] ?? 0,
      })
    }
    for (const client of clients) {
      // A random phase per client so edits do not arrive at the server in synchronised bursts.
      const phase = Math.random() * period
      let k = 0
      const scheduleNext = (): void => {
        const target = startAt + phase + k * period
        if (target >= end) {
          done()
          return
        }
        const timer = setTimeout(
          () => {
            editTimers.delete(timer)
            const now = wallNow()
            lags.push(now - target)
            client.writer?.insert(`|t=${now.toFixed(3)}|`)
            edits++
            k++
            scheduleNext()
          },
          Math.max(0, target - wallNow()),
        )
        editTimers.add(timer)
      }
      scheduleNext()
    }
    if (clients.length === 0) resolve({ edits: 0, timerLagP99Ms: 0, timerLagMaxMs: 0 })
  })
}

function digest(): ReplicaDigest[] {
  return clients.map((client) => {
    const content = contentString(client.doc, root)
    return {
      doc: client.docName,
      stateVector: Buffer.from(Y.encodeStateVector(client.doc)).toString('base64'),
      contentHash: createHash('sha1').update(content).digest('hex'),
      markers: countMarkers(content),
      synced: client.provider.synced,
    }
  })
}

function report(): WorkerReport {
  const cpu = process.cpuUsage(cpuAtEditStart)
  return {
    latencies,
    deliveries,
    edits,
    disconnects,
    closeCodes,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  }
}

function close(): void {
  for (const timer of editTimers) clearTimeout(timer)
  editTimers.clear()
  for (const client of clients) client.provider.destroy()
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'connect':
      root = command.root
      return connect(command.wsBase, command.params, command.docs, command.timeoutMs)
    case 'seed':
      seed(new Uint8Array(Buffer.from(command.update, 'base64')))
      return null
    case 'prepare':
      prepare()
      return null
    case 'edit':
      return edit(command.startAt, command.durationMs, command.editsPerSecond)
    case 'digest':
      return digest()
    case 'report':
      return report()
    case 'close':
      close()
      // Let the close frames go out before the harness reaps this process.
      setTimeout(() => process.exit(0), 200).unref()
      return null
  }
}

process.on('message', (message: Request) => {
  handle(message.command).then(
    (result) => process.send!({ id: message.id, ok: true, result } satisfies Response),
    (err: unknown) => process.send!({ id: message.id, ok: false, error: String(err instanceof Error ? err.stack : err) } satisfies Response),
  )
})

// Without the harness there is nobody to stop this process: leave rather than keep sockets open.
process.on('disconnect', () => {
  close()
  process.exit(0)
})
