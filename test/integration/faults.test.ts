/**
 * Issue 6, part 3: short fault tests against the real server process.
 *
 * 1. kill -9 while ten official clients type; restart on the same DATA_DIR and port; the clients
 *    reconnect on their own. Three cycles, then every word any client typed is in the converged
 *    document, and still there after a further restart.
 * 2. Ten thousand seeded random and malformed binary frames against a live agreement: the server stays
 *    up and another agreement keeps syncing throughout.
 *
 * Seeds and sizes: FAULTS_SEED (default 7), FAULTS_FRAMES (default 10000). A failing seed is printed in
 * the assertion message; pin it as its own test. Before the server decoded updates ahead of applying
 * them, 25 of seeds 1–40 (7 among them) left the fuzzed agreement in a state fresh clients could not
 * apply; 7 is the default so that this test keeps covering that.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { bodyText, connectClient, createAgreement, type TestClient } from '../support/yjs-clients.ts'
import { waitFor } from '../support/wait.ts'
import { signUp } from '../support/accounts.ts'

const SEED = Number(process.env.FAULTS_SEED ?? 7)
const FRAMES = Number(process.env.FAULTS_FRAMES ?? 10_000)

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** mulberry32: small, seedable, good enough to pick fuzz cases reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One client typing numbered words into its own paragraph; remembers every word it typed. */
class Typist {
  readonly words: string[] = []
  private timer: NodeJS.Timeout | undefined
  private readonly text: Y.XmlText

  constructor(
    readonly client: TestClient,
    private readonly name: string,
  ) {
    const paragraph = new Y.XmlElement('paragraph')
    this.text = new Y.XmlText()
    paragraph.insert(0, [this.text])
    const body = client.doc.getXmlFragment('prosemirror')
    body.insert(body.length, [paragraph])
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.type(), intervalMs)
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** Brackets make every word unique as a substring ("[c1w1]" is not inside "[c1w11]"). */
  private type(): void {
    const word = `[${this.name}w${this.words.length}]`
    this.text.insert(this.text.length, word)
    this.words.push(word)
  }
}

function missingWords(text: string, typists: Typist[]): string[] {
  return typists.flatMap((t) => t.words.filter((w) => !text.includes(w)))
}

describe('crash recovery under typing', () => {
  it('keeps every edit of ten typing clients across three kill -9 and restart cycles', { timeout: 180_000 }, async () => {
    let server: ServerProcess = await startServer()
    const { dataDir, port } = server
    cleanups.push(() => server.removeDataDir())
    cleanups.push(() => server.kill())
    const owner = await signUp(server.url)
    const id = await createAgreement(server.url, owner)

    const typists: Typist[] = []
    for (let i = 0; i < 10; i++) {
      const client = connectClient(server.url, id, owner)
      cleanups.push(() => client.destroy())
      await client.synced()
      typists.push(new Typist(client, `c${i}`))
    }
    // 10 clients × 20 words/s: a busy agreement, well within what one server handles.
    for (const typist of typists) typist.start(50)

    for (let cycle = 0; cycle < 3; cycle++) {
      const wordsBefore = typists.reduce((n, t) => n + t.words.length, 0)
      await waitFor(() => typists.reduce((n, t) => n + t.words.length, 0) >= wordsBefore + 100, {
        timeoutMs: 10_000,
        what: `typing before crash ${cycle + 1}`,
      })
      await server.kill()
      // The clients keep typing while the server is down; those words must arrive after the restart.
      const wordsAtCrash = typists.reduce((n, t) => n + t.words.length, 0)
      await waitFor(() => typists.reduce((n, t) => n + t.words.length, 0) >= wordsAtCrash + 20, {
        timeoutMs: 10_000,
        what: `typing while the server is down (${cycle + 1})`,
      })
      // Same port: the providers reconnect to the URL they already have.
      server = await startServer({ dataDir, env: { PORT: String(port) } })
      await waitFor(() => typists.every((t) => t.client.provider.synced), {
        timeoutMs: 20_000,
        what: `all clients to reconnect after restart ${cycle + 1}`,
      })
    }

    for (const typist of typists) typist.stop()
    const texts = (): string[] => typists.map((t) => bodyText(t.client.doc))
    await waitFor(() => new Set(texts()).size === 1 && missingWords(texts()[0]!, typists).length === 0, {
      timeoutMs: 20_000,
      what: 'all replicas to converge with every typed word',
    }).catch((err: Error) => {
      const missing = missingWords(texts()[0]!, typists)
      throw new Error(`${err.message}: ${new Set(texts()).size} distinct replicas, ${missing.length} words missing (${missing.slice(0, 5).join(' ')})`)
    })
    const total = typists.reduce((n, t) => n + t.words.length, 0)
    expect(total).toBeGreaterThan(300)

    // Everything converged must also be stored: a fresh client after one more crash sees all of it.
    const converged = texts()[0]!
    for (const typist of typists) typist.client.destroy()
    await server.kill()
    server = await startServer({ dataDir, env: { PORT: String(port) } })
    const fresh = connectClient(server.url, id, owner)
    cleanups.push(() => fresh.destroy())
    await fresh.synced()
    expect(missingWords(bodyText(fresh.doc), typists)).toEqual([])
    expect(bodyText(fresh.doc)).toBe(converged)
  })
})

/** Frame makers: each returns one hostile or malformed frame from the random source. */
type FrameMaker = (random: () => number) => Buffer | string

function bytes(random: () => number, max: number): Uint8Array {
  const out = new Uint8Array(Math.floor(random() * (max + 1)))
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * 256)
  return out
}

function frame(write: (encoder: encoding.Encoder) => void): Buffer {
  const encoder = encoding.createEncoder()
  write(encoder)
  return Buffer.from(encoding.toUint8Array(encoder))
}

/** A real update, so mutations of it reach deep into the Yjs decoder rather than failing at byte one. */
function realUpdate(random: () => number): Uint8Array {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('fuzz ' + Math.floor(random() * 1e6))])
  doc.getXmlFragment('prosemirror').insert(0, [paragraph])
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

function mutate(random: () => number, input: Uint8Array): Uint8Array {
  const out = Uint8Array.from(input)
  const flips = 1 + Math.floor(random() * 4)
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(random() * out.length)
    out[at] = (out[at] ?? 0) ^ (1 << Math.floor(random() * 8))
  }
  return random() < 0.3 ? out.slice(0, Math.floor(random() * out.length)) : out
}

const FRAME_MAKERS: FrameMaker[] = [
  (r) => Buffer.from(bytes(r, 64)),
  (r) => Buffer.from([Math.floor(r() * 256), ...bytes(r, 16)]),
  (r) => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, Math.floor(r() * 6)), encoding.writeUint8Array(e, bytes(r, 32)))),
  (r) => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, bytes(r, 64)))),
  (r) => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, r() < 0.5 ? 1 : 2), encoding.writeVarUint8Array(e, mutate(r, realUpdate(r))))),
  (r) => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, bytes(r, 24)))),
  (r) => frame((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, bytes(r, 48)))),
  // Awareness with a well-formed envelope around a state that is not JSON.
  (r) =>
    frame((e) => {
      encoding.writeVarUint(e, 1)
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, Math.floor(r() * 2 ** 32))
      encoding.writeVarUint(inner, Math.floor(r() * 100))
      encoding.writeVarString(inner, '{"user":' + String.fromCharCode(...bytes(r, 12)))
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
    }),
  // Length prefixes that promise far more than the frame holds.
  (r) => Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes(r, 8)]),
  (r) => Buffer.from([0, Math.floor(r() * 3), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
  // Valid frames with trailing junk.
  (r) => frame((e) => (encoding.writeVarUint(e, 3), encoding.writeUint8Array(e, bytes(r, 8)))),
  () => Buffer.alloc(0),
  (r) => String.fromCharCode(...bytes(r, 16)),
]

/** Opens one connection, sends `batch` once it is open, and resolves with how it ended. */
function sendBatch(wsUrl: string, batch: (Buffer | string)[], answerWithinMs = 300): Promise<{ opened: boolean; code: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl)
    let opened = false
    // Bounded: a connection that never opens is given up; one whose frames the server accepted gets
    // no close from the server, so we end it ourselves shortly after sending.
    let timer = setTimeout(() => ws.terminate(), 10_000)
    ws.on('open', () => {
      opened = true
      for (const f of batch) ws.send(f, { binary: typeof f !== 'string' })
      clearTimeout(timer)
      timer = setTimeout(() => ws.terminate(), answerWithinMs)
    })
    ws.on('error', () => {})
    ws.on('close', (code) => {
      clearTimeout(timer)
      resolve({ opened, code })
    })
  })
}

/**
 * Sends `frames` over fresh connections, one frame per connection, `parallel` connections at once:
 * the server closes a connection at its first malformed frame and ignores the rest, so sharing a
 * connection would leave most frames unread.
 */
async function sendFrames(wsUrl: string, frames: (Buffer | string)[], parallel: number): Promise<{ sent: number; closeCodes: Map<number, number> }> {
  const closeCodes = new Map<number, number>()
  let next = 0
  let sent = 0
  const lane = async (): Promise<void> => {
    while (next < frames.length) {
      const batch = frames.slice(next, next + 1)
      next += batch.length
      // A refused or timed-out connection is retried (bounded), so every frame really reaches the server.
      for (let attempt = 0; attempt < 3; attempt++) {
        const { opened, code } = await sendBatch(wsUrl, batch)
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1)
        if (opened) {
          sent += batch.length
          break
        }
      }
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane))
  return { sent, closeCodes }
}

describe('fuzzed frames', () => {
  it(`survives ${FRAMES} seeded random and malformed frames while another agreement keeps syncing`, { timeout: 300_000 }, async () => {
    const server = await startServer()
    cleanups.push(() => server.removeDataDir())
    cleanups.push(() => server.kill())
    const owner = await signUp(server.url)
    const target = await createAgreement(server.url, owner)
    const healthy = await createAgreement(server.url, owner)

    const writers = [connectClient(server.url, healthy, owner), connectClient(server.url, healthy, owner)]
    for (const w of writers) cleanups.push(() => w.destroy())
    await Promise.all(writers.map((w) => w.synced()))
    const typists = writers.map((w, i) => new Typist(w, `h${i}`))
    for (const typist of typists) typist.start(40)

    const random = prng(SEED)
    const frames: (Buffer | string)[] = []
    for (let i = 0; i < FRAMES; i++) frames.push(FRAME_MAKERS[Math.floor(random() * FRAME_MAKERS.length)]!(random))

    const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync/${target}?schema=${SCHEMA_VERSION}&token=${owner.token}`
    const result = await sendFrames(wsUrl, frames, 24)
    // Refused whole either way: undecodable (4400) or decodable but nothing an agreement holds (4422).
    const refused = (result.closeCodes.get(CloseCode.MalformedMessage) ?? 0) + (result.closeCodes.get(CloseCode.SchemaViolation) ?? 0)
    expect(refused, `seed ${SEED}`).toBeGreaterThan(FRAMES / 2)
    expect(result.sent, `seed ${SEED}: frames sent on open connections (close codes ${JSON.stringify([...result.closeCodes])})`).toBe(frames.length)
    // Frames over the size limit, which ws itself must refuse; given time to answer on a busy machine.
    for (let i = 0; i < 3; i++) {
      expect((await sendBatch(wsUrl, [Buffer.alloc(LIMITS.maxMessageBytes + 1 + i)], 10_000)).code).toBe(CloseCode.MessageTooBig)
    }

    for (const typist of typists) typist.stop()
    // Alive: the same process answers, the healthy agreement converged with every word, and a fresh
    // client can still join both agreements.
    expect(process.kill(server.pid, 0), `seed ${SEED}: server process gone`).toBe(true)
    const health = await fetch(server.url + '/healthz')
    expect(await health.json()).toEqual({ ok: true })
    await waitFor(
      () => {
        const [a, b] = writers.map((w) => bodyText(w.doc))
        return a === b && missingWords(a!, typists).length === 0
      },
      { timeoutMs: 15_000, what: `seed ${SEED}: the healthy agreement to converge` },
    )
    expect(typists.reduce((n, t) => n + t.words.length, 0)).toBeGreaterThan(20)
    const lateHealthy = connectClient(server.url, healthy, owner)
    cleanups.push(() => lateHealthy.destroy())
    await lateHealthy.synced()
    expect(missingWords(bodyText(lateHealthy.doc), typists)).toEqual([])
    // What the server now serves for the fuzzed agreement must still be a state a client can apply.
    await expect(servedStateApplies(wsUrl), `seed ${SEED}: state served after the fuzz`).resolves.toBe('ok')
  })
})

/** Fetches the whole document with a raw sync step 1 and applies it to a fresh Y.Doc: 'ok' or the error. */
function servedStateApplies(wsUrl: string): Promise<string> {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()))
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl)
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('no sync step 2 within 10 s'))), 10_000)
    ws.on('open', () => ws.send(encoding.toUint8Array(encoder)))
    ws.on('error', () => {})
    ws.on('close', (code) => (clearTimeout(timer), reject(new Error(`closed with ${code} before sync step 2`))))
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return
      clearTimeout(timer)
      ws.close()
      try {
        Y.applyUpdate(new Y.Doc(), decoding.readVarUint8Array(decoder))
        resolve('ok')
      } catch (err) {
        resolve(String(err))
      }
    })
  })
}

describe('regressions found by the frame fuzz', () => {
  /**
   * Found with FAULTS_SEED=7 (frame 448, a bit-flipped real update). Y.applyUpdate throws
   * ("Unexpected end of array") and the server closes with 4400, but the throw comes after Yjs has
   * stored the update's structs as pending in the live Y.Doc. From then on the state the server serves
   * makes every fresh client's apply throw ("Unexpected case", logged by y-protocols while the provider
   * still reports synced), and the snapshot written at unload/shutdown cannot be read back: after a
   * restart the agreement is refused with 4500 for good. The reference server shares the first half
   * (same Yjs call) but stores nothing. Fixed by decoding every update before applying it and by
   * abandoning (never storing) a copy whose apply threw.
   */
  it('one malformed update frame must not make the agreement unloadable after a restart', { timeout: 60_000 }, async () => {
    const frame = Buffer.from('00013c0103e2a09c7c0007010b70726f73656d6972626f7203096061726167726170680700e2a09c7c00060000e2a09c7c010b66757a6a2036333532313600', 'hex')
    let server = await startServer()
    const { dataDir } = server
    cleanups.push(() => server.removeDataDir())
    cleanups.push(() => server.kill())
    const owner = await signUp(server.url)
    const id = await createAgreement(server.url, owner)
    const writer = connectClient(server.url, id, owner)
    cleanups.push(() => writer.destroy())
    await writer.synced()
    const typist = new Typist(writer, 'w')
    typist.start(20)
    await waitFor(() => typist.words.length >= 10, { what: 'some words' })
    typist.stop()
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync/${id}?schema=${SCHEMA_VERSION}&token=${owner.token}`
    // Its root name is bit-flipped ("prosemirbor"): the schema check now refuses it (4422) before Yjs
    // takes any of it in; what matters here is that the agreement loads after the restart.
    expect([CloseCode.MalformedMessage, CloseCode.SchemaViolation]).toContain((await sendBatch(wsUrl, [frame])).code)
    await waitFor(() => writer.provider.ws?.bufferedAmount === 0, { what: "the writer's words to be sent" })
    writer.destroy()
    await server.stop()
    server = await startServer({ dataDir })
    const fresh = connectClient(server.url, id, owner)
    cleanups.push(() => fresh.destroy())
    await waitFor(() => fresh.provider.synced, { timeoutMs: 10_000, what: 'the agreement to load after the restart' })
    expect(missingWords(bodyText(fresh.doc), [typist])).toEqual([])
  })
})
