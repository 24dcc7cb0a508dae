/**
 * Single clients in the harness process itself, for the scenarios that time one connection (cold
 * load) or check what a server holds: the official WebsocketProvider, and a raw protocol client
 * that times the server alone without the client-side apply.
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import type { ServerUnderTest } from './servers.ts'

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Milliseconds from constructing the provider (it connects at once) to its first 'sync' true. */
  syncedAfterMs: number
  destroy(): void
}

export function documentUrl(server: ServerUnderTest, name: string): string {
  const query = new URLSearchParams(server.params).toString()
  return `${server.wsBase}/${name}${query ? `?${query}` : ''}`
}

export function connectClient(server: ServerUnderTest, name: string, timeoutMs: number): Promise<Client> {
  const doc = new Y.Doc()
  const start = performance.now()
  const provider = new WebsocketProvider(server.wsBase, name, doc, {
    params: server.params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const destroy = (): void => {
    provider.destroy()
    doc.destroy()
  }
  return new Promise((resolve, reject) => {
    let lastClose = ''
    const timer = setTimeout(() => {
      destroy()
      reject(new Error(`${server.kind}: client for ${name} not synced within ${timeoutMs} ms ${lastClose}`))
    }, timeoutMs)
    provider.on('connection-close', (event) => {
      if (event) lastClose = `(last close code ${event.code})`
    })
    const onSync = (synced: boolean): void => {
      if (!synced) return
      const syncedAfterMs = performance.now() - start
      clearTimeout(timer)
      provider.off('sync', onSync)
      resolve({ doc, provider, syncedAfterMs, destroy })
    }
    provider.on('sync', onSync)
  })
}

/** Resolves once every byte the client queued has been handed to the kernel (bounded). */
export async function drained(client: Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ws = client.provider.ws as unknown as WebSocket | null
    if (ws && ws.bufferedAmount === 0) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`client send buffer not drained within ${timeoutMs} ms`)
}

export interface RawSync {
  /** From opening the socket to receiving the server's sync step 2 (the whole document). */
  ms: number
  bytes: number
}

/**
 * Sends sync step 1 with an empty state vector and times the server's step 2 answer: the server's
 * own load + encode + send, without the Yjs apply a real client adds on top.
 */
export function rawSync(url: string, timeoutMs: number): Promise<RawSync> {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // sync
  encoding.writeVarUint(encoder, 0) // step 1
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()))
  const step1 = encoding.toUint8Array(encoder)
  const start = performance.now()
  const ws = new WebSocket(url)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate()
      reject(new Error(`raw sync to ${url} timed out after ${timeoutMs} ms`))
    }, timeoutMs)
    ws.on('open', () => ws.send(step1))
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return
      const ms = performance.now() - start
      clearTimeout(timer)
      ws.close()
      resolve({ ms, bytes: data.byteLength })
    })
    ws.on('close', (code) => {
      clearTimeout(timer)
      reject(new Error(`raw sync to ${url} closed with ${code} before step 2`))
    })
    ws.on('error', () => {
      // 'close' follows and carries the code.
    })
  })
}
