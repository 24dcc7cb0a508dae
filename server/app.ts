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
import { healthRoutes } from './http/health.ts'
import { requestLog } from './http/request-log.ts'
import { identify } from './http/access.ts'
import { authRoutes } from './http/auth-routes.ts'
import { invitationRoutes, memberRoutes } from './http/member-routes.ts'
import { libraryRoutes } from './http/library-routes.ts'
import { templateRoutes } from './http/template-routes.ts'
import { createLibraryServices } from './library/index.ts'
import { reviewRoutes } from './http/review-routes.ts'
import { mountNotifications } from './notifications/index.ts'
import { validationRoutes } from './http/validation-routes.ts'
import { suggestionRoutes } from './http/suggestion-routes.ts'
import { SuggestionRepository } from './suggestions/repository.ts'
import { SuggestionService } from './suggestions/service.ts'
import { exportRoutes } from './http/export-routes.ts'
import { listAcks, validatorAckRoutes } from './http/validator-ack-routes.ts'
import { CommentRepository } from './review/comments.ts'
import { AgreementEvents, emitMembersOnChange } from './review/events.ts'
import { ReviewRepository } from './review/reviews.ts'
import { VersionRepository } from './review/versions.ts'
import { AccountRepository } from './auth/accounts.ts'
import { AttemptLimiter, DEFAULT_THROTTLES, type Throttles } from './auth/rate-limit.ts'
import { sessionCookieName } from './auth/principal.ts'
import { accessFor, accountAuthenticator, upgradeFromOwnOrigin, type CredentialedPrincipal } from './auth/ws-auth.ts'
import { listenForBackups } from './backup.ts'
import { securityHeaders, stateChangesFromOwnOrigin } from './http/cross-site.ts'
import { boundedJsonDepth } from './http/json-depth.ts'
import { InvitationRepository } from './membership/invitations.ts'
import { checkDatabaseFile, databaseFile, quickCheck } from './startup-checks.ts'
import { MembershipRepository } from './membership/repository.ts'
import { AuditLog } from './membership/audit.ts'
import { openSqliteStore, type SqliteStore } from './storage/sqlite.ts'
import { documentStoreFor } from './storage/split.ts'
import { DocumentRegistry } from './sync/registry.ts'
import { SyncServer } from './sync/websocket.ts'

export interface OverensServer {
  readonly url: string
  readonly port: number
  readonly registry: DocumentRegistry
  readonly store: SqliteStore
  readonly accounts: AccountRepository
  readonly memberships: MembershipRepository
  /** Stops accepting, stores every loaded agreement, closes connections (1001) and the store. */
  close(): Promise<void>
}

export interface StartOptions {
  config: Config
  log: Logger
  /** The embedded store; accounts, members and the audit log live in the same SQLite file. */
  store?: SqliteStore
  /** Failed logins allowed per (email, address) within 15 minutes; the other throttles come from `throttles`. */
  maxLoginFailures?: number
  throttles?: Partial<Throttles>
}

/** Wires store, registry, sync and HTTP together; no globals, so several servers can run in one process. */
export async function startServer({ config, log, store: givenStore, maxLoginFailures, throttles: givenThrottles }: StartOptions): Promise<OverensServer> {
  const throttles: Throttles = {
    ...DEFAULT_THROTTLES,
    signupsPerHour: config.signupsPerHour,
    ...givenThrottles,
    ...(maxLoginFailures === undefined ? {} : { loginFailuresPerPair: maxLoginFailures }),
  }
  if (!givenStore) checkDatabaseFile(databaseFile(config.dataDir))
  const store = givenStore ?? openSqliteStore(config.dataDir, config.durability)
  try {
    quickCheck(store.db, databaseFile(config.dataDir))
  } catch (err) {
    await store.close()
    throw err
  }
  const cookieName = sessionCookieName(config.secureCookies)
  const invitations = new InvitationRepository(store.db)
  // DATABASE_URL moves agreements and their documents to PostgreSQL; everything else stays in `store`.
  const documents = await documentStoreFor(config.databaseUrl, store)
  const accounts = new AccountRepository(store.db)
  const memberships = new MembershipRepository(store.db)
  const audit = new AuditLog(store.db)
  const events = new AgreementEvents()
  // REDIS_URL: updates and awareness reach the peers on the other instances too.
  // Loaded only when asked for, like PostgreSQL: ioredis is not free to import.
  const fanout = config.redisUrl ? new (await import('./fanout/redis-fanout.ts')).RedisFanout({ url: config.redisUrl, store: documents, log }) : null
  const registry = new DocumentRegistry({
    store: documents,
    log,
    onStored: fanout?.onStored,
    onLoaded: fanout?.onLoaded,
    canonicalize: (doc) => {
      const { json, title, valid } = canonicalContent(doc)
      if (!valid) log.warn('stored content does not fit the schema; keeping it as it is')
      return { json, title }
    },
  })
  await fanout?.start(registry)
  const service = new AgreementService(documents, registry)

  // A role change takes effect on open connections: removed members are dropped, changed ones reconnect.
  const onAccessChanged = (agreementId: string, userId: string) => {
    events.emit(agreementId, 'members')
    void registry.peek(agreementId).then((doc) => {
      if (!doc) return
      const role = memberships.roleOf(agreementId, userId)
      for (const peer of [...doc.peers]) {
        if (peer.principal.userId !== userId) continue
        if (!role) peer.close(CloseCode.Forbidden, 'you are no longer a member of this agreement')
        else if (role !== peer.principal.role || accessFor(role) !== peer.access) peer.close(CloseCode.RoleChanged, 'your role changed; reconnecting')
      }
    })
  }

  /** Closes every websocket opened with one of the revoked secrets (logout, revoked session or token, new password). */
  const onCredentialsRevoked = (userId: string, credentials: string[]) => {
    const revoked = new Set(credentials)
    void registry.loadedDocuments().then((docs) => {
      for (const doc of docs)
        for (const peer of [...doc.peers]) {
          const principal = peer.principal as CredentialedPrincipal
          if (principal.userId === userId && principal.credential !== undefined && revoked.has(principal.credential)) {
            peer.close(CloseCode.Unauthorized, 'signed out')
          }
        }
    })
  }

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use(requestLog(log))
  app.use(securityHeaders({ secure: config.secureCookies }))
  app.use('/api', stateChangesFromOwnOrigin(config.publicOrigins))
  app.use(express.json({ limit: '1mb' }))
  app.use(boundedJsonDepth)
  app.use(healthRoutes({ database: () => documents.ping(), ...(fanout ? { redis: () => fanout.ping() } : {}) }, log))
  app.use('/api', identify(accounts, cookieName))
  const notifications = mountNotifications(app, { db: store.db, memberships, service, registry, log })
  const onProfileChanged = (userId: string, displayName: string) => {
    void registry.loadedDocuments().then((docs) => {
      for (const doc of docs) for (const peer of doc.peers) if (peer.principal.userId === userId) peer.principal.name = displayName
    })
  }
  app.use(
    '/api/auth',
    authRoutes({
      accounts,
      limiters: {
        loginPair: new AttemptLimiter(throttles.loginFailuresPerPair, 15 * 60_000),
        loginAddress: new AttemptLimiter(throttles.loginAttemptsPerAddress, 15 * 60_000),
        signupAddress: new AttemptLimiter(throttles.signupsPerHour, 3600_000),
      },
      secureCookies: config.secureCookies,
      cookieName,
      onProfileChanged,
      onCredentialsRevoked,
    }),
  )
  const library = createLibraryServices(store.db)
  app.use('/api/agreements', agreementRoutes({ service, memberships, audit, templateFor: library.templateFor }))
  app.use(['/api/agreements', '/api/invitations'], emitMembersOnChange(events))
  app.use('/api/agreements', memberRoutes({ accounts, memberships, invitations, audit, onAccessChanged }))
  app.use('/api/invitations', invitationRoutes({ memberships, invitations, audit, titleOf: async (id) => (await service.get(id))?.title ?? null }))
  app.use('/api/agreements', validationRoutes(service, memberships, (id) => listAcks(store.db, id)))
  app.use('/api/agreements', validatorAckRoutes(store.db, memberships, audit, events))
  app.use(
    '/api/agreements',
    reviewRoutes({
      service,
      registry,
      memberships,
      audit,
      events,
      comments: new CommentRepository(store.db),
      reviews: new ReviewRepository(store.db),
      versions: new VersionRepository(store.db),
    }),
  )
  const suggestions = new SuggestionService(new SuggestionRepository(store.db), registry, audit, events)
  app.use('/api/agreements', suggestionRoutes({ memberships, suggestions }))
  app.use('/api', libraryRoutes(library, accounts), templateRoutes(library, { memberships, service }))
  app.use('/api/agreements', exportRoutes({ service, store, memberships, audit, versions: new VersionRepository(store.db), orgClauses: library.clauses, suggestions }))
  notifications.routes()
  app.use('/api', (_req, _res, next) => next(notFound('route')))
  mountClient(app, config.clientDir, log)
  app.use(errorHandler(log))

  const server = http.createServer(app)
  const sync = new SyncServer({
    registry,
    log,
    authenticate: accountAuthenticator(accounts, memberships, { cookieName, publicOrigins: config.publicOrigins }),
    acceptUpgrade: upgradeFromOwnOrigin(config.publicOrigins),
  })
  sync.attach(server)
  const backups = givenStore ? null : listenForBackups(store.db, config.dataDir)

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
    accounts,
    memberships,
    close: () =>
      (closing ??= (async () => {
        server.close()
        backups?.close()
        notifications.stop()
        await registry.flushAll(CloseCode.ServerShutdown, 'server shutting down')
        sync.close()
        server.closeAllConnections()
        await fanout?.close()
        if (documents !== store) await documents.close()
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
  // Source maps would hand out the whole client source with comments; they stay on the build machine.
  app.use((req, res, next) => (req.path.endsWith('.map') ? void res.status(404).end() : next()))
  app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }))
  app.get(/^\/(?!api\/|sync\/|healthz).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(index)
  })
}

function noCacheForHtml(res: http.ServerResponse, filePath: string): void {
  if (filePath.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache')
}
