import type { IncomingMessage, Server as HttpServer } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import { CloseCode, LIMITS } from '../../schema/limits.ts'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'
import type { Access, Peer, Principal } from './peer.ts'
import { decodeMessage, MalformedMessageError, type IncomingMessage as SyncMessage } from './protocol.ts'
import { AgreementNotFoundError, type DocumentRegistry } from './registry.ts'
import type { SharedDocument } from './shared-document.ts'

export type AuthResult = { ok: true; principal: Principal; access: Access } | { ok: false; code: CloseCode; reason: string }

/** Decides who the connecting person is and what they may do; runs before any document data is sent. */
export type Authenticate = (request: IncomingMessage, agreementId: string) => Promise<AuthResult>

export const allowEveryoneToWrite: Authenticate = async () => ({ ok: true, principal: { userId: null, name: null, party: null, role: null }, access: 'write' })

export interface SyncServerOptions {
  registry: DocumentRegistry
  log: Logger
  authenticate?: Authenticate
  /** Interval of websocket pings; a peer that misses one is dropped. */
  pingIntervalMs?: number
  /** Checked before the handshake (the Origin of a browser's upgrade); false answers 403. */
  acceptUpgrade?: (request: IncomingMessage) => boolean
}

const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})$/

/**
 * The websocket endpoint `/sync/<agreementId>`: transport, limits and authentication. Document
 * semantics live in SharedDocument; this module only turns sockets into peers.
 */
export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly authenticate: Authenticate
  private nextPeerId = 1
  private readonly liveness = new WeakMap<WebSocket, { alive: boolean }>()
  private readonly pingTimer: NodeJS.Timeout

  constructor(private readonly options: SyncServerOptions) {
    this.authenticate = options.authenticate ?? allowEveryoneToWrite
    this.wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes, perMessageDeflate: false })
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs ?? 30_000)
    this.pingTimer.unref()
  }

  attach(server: HttpServer): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      const match = SYNC_PATH.exec(url.pathname)
      if (!match) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
        return
      }
      if (this.options.acceptUpgrade && !this.options.acceptUpgrade(request)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
        return
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.handleConnection(ws, request, match[1]!, url))
    })
  }

  private handleConnection(ws: WebSocket, request: IncomingMessage, agreementId: string, url: URL): void {
    const { registry, log } = this.options
    const peerId = this.nextPeerId++
    const queued: Uint8Array[] = []
    let doc: SharedDocument | null = null
    let closed = false
    const liveness = { alive: true }
    this.liveness.set(ws, liveness)

    const close = (code: CloseCode, reason: string) => {
      if (closed) return
      closed = true
      if (code !== CloseCode.ServerShutdown) log.info('closing connection', { agreementId, peer: peerId, code, reason })
      ws.close(code, reason)
      // A peer that does not complete the closing handshake must not linger.
      setTimeout(() => ws.terminate(), 2_000).unref()
    }

    const peer: Peer = {
      id: peerId,
      access: 'read',
      principal: { userId: null, name: null, party: null, role: null },
      awarenessClients: new Set(),
      send: (message) => {
        if (closed || ws.readyState !== WebSocket.OPEN) return
        if (ws.bufferedAmount > LIMITS.maxBufferedBytesPerConnection) {
          close(CloseCode.SlowConsumer, 'client is not reading; reconnect to resync')
          return
        }
        ws.send(message)
      },
      close,
    }

    const handle = (data: Uint8Array) => {
      if (!doc || closed) return
      let message: SyncMessage
      try {
        message = decodeMessage(data)
        doc.receive(peer, message)
      } catch (err) {
        const reason = err instanceof MalformedMessageError ? err.message : 'update could not be applied'
        log.warn('malformed message', { agreementId, peer: peerId, bytes: data.byteLength, ...errorFields(err) })
        close(CloseCode.MalformedMessage, reason.slice(0, 120))
      }
    }

    ws.binaryType = 'nodebuffer'
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      if (!isBinary) return close(CloseCode.MalformedMessage, 'text frames are not part of the protocol')
      const data = toUint8Array(raw)
      if (doc) return handle(data)
      // Messages that arrive while we authenticate and load wait here, bounded, and are applied in order.
      if (queued.length >= LIMITS.maxQueuedMessagesBeforeReady) return close(CloseCode.SlowConsumer, 'too many messages before the agreement was ready')
      queued.push(data)
    })
    ws.on('pong', () => {
      liveness.alive = true
    })
    ws.on('error', (err) => {
      // ws closes with 1009 itself for frames over maxPayload; this is where we see and log it.
      log.warn('websocket error', { agreementId, peer: peerId, ...errorFields(err) })
    })
    ws.on('close', () => {
      closed = true
      if (doc) registry.leave(doc, peer)
    })

    const schema = url.searchParams.get('schema')
    if (schema !== null && schema !== String(SCHEMA_VERSION)) {
      close(CloseCode.SchemaIncompatible, `schema ${schema} is not supported; this server speaks ${SCHEMA_VERSION}`)
      return
    }

    void (async () => {
      const auth = await this.authenticate(request, agreementId)
      if (closed) return
      if (!auth.ok) return close(auth.code, auth.reason)
      peer.access = auth.access
      Object.assign(peer.principal, auth.principal)
      let joined: SharedDocument
      try {
        joined = await registry.join(agreementId, peer)
      } catch (err) {
        if (err instanceof AgreementNotFoundError) return close(CloseCode.AgreementNotFound, 'agreement not found')
        log.error('agreement could not be loaded', { agreementId, ...errorFields(err) })
        return close(CloseCode.LoadFailed, 'agreement could not be loaded')
      }
      if (closed) {
        registry.leave(joined, peer)
        return
      }
      doc = joined
      for (const data of queued.splice(0)) handle(data)
    })().catch((err: unknown) => {
      log.error('connection setup failed', { agreementId, ...errorFields(err) })
      close(CloseCode.LoadFailed, 'connection setup failed')
    })
  }

  private pingAll(): void {
    for (const ws of this.wss.clients) {
      const liveness = this.liveness.get(ws)
      if (!liveness) continue
      if (!liveness.alive) {
        ws.terminate()
        continue
      }
      liveness.alive = false
      ws.ping()
    }
  }

  get connectionCount(): number {
    return this.wss.clients.size
  }

  close(): void {
    clearInterval(this.pingTimer)
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
  }
}

function toUint8Array(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw))
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw)
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
}
