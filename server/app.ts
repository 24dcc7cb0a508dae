import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { CloseCode } from '../schema/limits.ts'
import type { Config } from './config.ts'
import type { Logger } from './log.ts'
import { AgreementService } from './agreements/service.ts'
import { canonicalContent } from './agreements/yjs-content.ts'
import { agreementRoutes } from './http/agreements.ts'
import { errorHandler, notFound } from './http/errors.ts'
import { openSqliteStore } from './storage/sqlite.ts'
import type { AgreementStore } from './storage/store.ts'
import { DocumentRegistry } from './sync/registry.ts'
import { SyncServer, type Authenticate } from './sync/websocket.ts'

export interface OverensServer {
  readonly url: string
  readonly port: number
  readonly registry: DocumentRegistry
  readonly store: AgreementStore
  /** Stops accepting, stores every loaded agreement, closes connections (1001) and the store. */
  close(): Promise<void>
}

export interface StartOptions {
  config: Config
  log: Logger
  store?: AgreementStore
  authenticate?: Authenticate
}

/** Wires store, registry, sync and HTTP together; no globals, so several servers can run in one process. */
export async function startServer({ config, log, store: givenStore, authenticate }: StartOptions): Promise<OverensServer> {
  const store = givenStore ?? openSqliteStore(config.dataDir, config.durability)
  const registry = new DocumentRegistry({
    store,
    log,
    canonicalize: (doc) => {
      const { json, title, valid } = canonicalContent(doc)
      if (!valid) log.warn('stored content does not fit the schema; keeping it as it is')
      return { json, title }
    },
  })
  const service = new AgreementService(store, registry)

  const app = express()
  app.disable('x-powered-by')
  app.use(express.json({ limit: '1mb' }))
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  app.use('/api/agreements', agreementRoutes(service))
  app.use('/api', (_req, _res, next) => next(notFound('route')))
  mountClient(app, config.clientDir, log)
  app.use(errorHandler(log))

  const server = http.createServer(app)
  const sync = new SyncServer({ registry, log, authenticate })
  sync.attach(server)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host}:${port}`

  let closing: Promise<void> | null = null
  return {
    url,
    port,
    registry,
    store,
    close: () =>
      (closing ??= (async () => {
        server.close()
        await registry.flushAll(CloseCode.ServerShutdown, 'server shutting down')
        sync.close()
        server.closeAllConnections()
        await store.close()
      })()),
  }
}

/** Serves the built browser app, with every other GET falling back to index.html for client routes. */
function mountClient(app: express.Express, clientDir: string, log: Logger): void {
  const index = path.join(clientDir, 'index.html')
  if (!fs.existsSync(index)) {
    log.warn('no built client; run `npm run build` to serve the editor', { clientDir })
    return
  }
  app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }))
  app.get(/^\/(?!api\/|sync\/|healthz).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(index)
  })
}

function noCacheForHtml(res: http.ServerResponse, filePath: string): void {
  if (filePath.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache')
}
