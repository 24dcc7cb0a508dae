import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { CloseCode } from '../schema/limits.ts'
import type { Config } from './config.ts'
import type { Logger } from './log.ts'
import { errorFields } from './log.ts'
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
import { validatorAckRoutes } from './http/validator-ack-routes.ts'
import { CommentRepository } from './review/comments.ts'
import { AgreementEvents, emitMembersOnChange } from './review/events.ts'
import { EventStreams } from './http/event-streams.ts'
import { ReviewRepository } from './review/reviews.ts'
import { VersionRepository } from './review/versions.ts'
import { AccountRepository } from './auth/accounts.ts'
import { AttemptLimiter, DEFAULT_THROTTLES, SharedAttemptLimiter, type Throttles } from './auth/rate-limit.ts'
import { sessionCookieName } from './auth/principal.ts'
import { accountAuthenticator, upgradeFromOwnOrigin } from './auth/ws-auth.ts'
import { ConnectionControl } from './fanout/control.ts'
import { listenForBackups } from './backup.ts'
import { securityHeaders, stateChangesFromOwnOrigin } from './http/cross-site.ts'
import { boundedJsonDepth } from './http/json-depth.ts'
import { InvitationRepository } from './membership/invitations.ts'
import { MembershipRepository } from './membership/repository.ts'
import { AuditLog } from './membership/audit.ts'
import type { SqliteStore } from './storage/sqlite.ts'
import { openStorage } from './storage/open.ts'
import { ValidatorAckRepository } from './review/validator-acks.ts'
import { DocumentRegistry } from './sync/registry.ts'
import { SyncServer } from './sync/websocket.ts'

export interface OverensServer {
  readonly url: string
  readonly port: number
  readonly registry: DocumentRegistry
  /** The embedded store, or null when PostgreSQL holds everything (`DATABASE_URL`). */
  readonly store: SqliteStore | null
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
  const storage = await openStorage(config, givenStore)
  const { documents, database } = storage
  const cookieName = sessionCookieName(config.secureCookies)
  const accounts = new AccountRepository(database)
  const memberships = new MembershipRepository(database)
  const invitations = new InvitationRepository(database)
  const audit = new AuditLog(database)
  const events = new AgreementEvents()
  // REDIS_URL: updates, awareness, connection control, change events, compaction leases and the login
  // throttle reach the other instances too. Loaded only when asked for: ioredis is not free to import.
  const cluster = config.redisUrl ? await import('./fanout/cluster.ts') : null
  const link = cluster && config.redisUrl ? new cluster.RedisLink(config.redisUrl, log) : null
  // One compacting instance per agreement (a lease with a fencing token); the others only append.
  const leases = cluster && link ? new cluster.CompactionLeases({ link, log, ttlMs: config.compactionLeaseMs }) : null
  const liveDocuments = leases ? leases.gate(documents) : documents
  const fanout = cluster && link ? new cluster.RedisFanout({ link, store: liveDocuments, log }) : null
  let control: ConnectionControl | null = null
  const registry = new DocumentRegistry({
    store: liveDocuments,
    log,
    onStored: fanout?.onStored,
    onLoaded: (doc) => {
      fanout?.onLoaded(doc)
      leases?.onLoaded(doc)
    },
    follow: fanout?.follow,
    onCloseDocument: (id, code) => {
      if (code === CloseCode.AgreementNotFound) control?.agreementDeleted(id)
    },
    canonicalize: (doc) => {
      const { json, title, valid } = canonicalContent(doc)
      if (!valid) log.warn('stored content does not fit the schema; keeping it as it is')
      return { json, title }
    },
  })
  // A role change, removal, deletion or revoked credential takes effect on open connections of every
  // instance: removed members are dropped, changed ones reconnect. The role is re-read each time.
  const streams = new EventStreams()
  control = new ConnectionControl({ registry, events, log, link, streams, roleOf: (agreementId, userId) => memberships.roleOf(agreementId, userId) })
  if (link) {
    await link.connect()
    await control.start()
    fanout?.start(registry)
  }
  const service = new AgreementService(documents, registry)

  const onAccessChanged = (agreementId: string, userId: string) => {
    events.emit(agreementId, 'members')
    void control.accessChanged(agreementId, userId).catch((err: unknown) => log.warn('applying an access change failed', errorFields(err)))
  }

  /** Closes every websocket opened with one of the revoked secrets (logout, revoked session or token, new password). */
  const onCredentialsRevoked = (userId: string, credentials: string[]) => control.credentialsRevoked(userId, credentials)

  // With Redis the throttles count across instances; while Redis is away each instance counts alone.
  const sharedCounts = cluster && link ? new cluster.RedisThrottle(link) : null
  let warnedAt = 0
  const limiter = (name: string, max: number, windowMs: number) =>
    sharedCounts
      ? new SharedAttemptLimiter(name, max, windowMs, sharedCounts, (err) => {
          if (Date.now() - warnedAt < 60_000) return
          warnedAt = Date.now()
          log.warn('redis is away: login throttles count per instance until it is back', errorFields(err))
        })
      : new AttemptLimiter(max, windowMs)

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use(requestLog(log))
  app.use(securityHeaders({ secure: config.secureCookies }))
  app.use('/api', stateChangesFromOwnOrigin(config.publicOrigins))
  app.use(express.json({ limit: '1mb' }))
  app.use(boundedJsonDepth)
  app.use(healthRoutes({ database: () => documents.ping(), ...(link ? { redis: () => link.ping() } : {}) }, log))
  app.use('/api', identify(accounts, cookieName))
  const notifications = mountNotifications(app, { database, memberships, service, registry, log, streams })
  control.relayInbox(notifications.inbox)
  const onProfileChanged = (userId: string, displayName: string) => control.profileChanged(userId, displayName)
  app.use(
    '/api/auth',
    authRoutes({
      accounts,
      limiters: {
        loginPair: limiter('loginPair', throttles.loginFailuresPerPair, 15 * 60_000),
        loginAddress: limiter('loginAddress', throttles.loginAttemptsPerAddress, 15 * 60_000),
        signupAddress: limiter('signupAddress', throttles.signupsPerHour, 3600_000),
      },
      secureCookies: config.secureCookies,
      cookieName,
      onProfileChanged,
      onCredentialsRevoked,
    }),
  )
  const library = createLibraryServices(database)
  app.use('/api/agreements', agreementRoutes({ service, memberships, audit, templateFor: library.templateFor }))
  app.use(['/api/agreements', '/api/invitations'], emitMembersOnChange(events))
  app.use('/api/agreements', memberRoutes({ accounts, memberships, invitations, audit, onAccessChanged }))
  app.use('/api/invitations', invitationRoutes({ memberships, invitations, audit, titleOf: async (id) => (await service.get(id))?.title ?? null }))
  const validatorAcks = new ValidatorAckRepository(database)
  app.use(
    '/api/agreements',
    validationRoutes(service, memberships, (id) => validatorAcks.list(id)),
  )
  app.use('/api/agreements', validatorAckRoutes(validatorAcks, memberships, audit, events))
  app.use(
    '/api/agreements',
    reviewRoutes({
      service,
      registry,
      memberships,
      audit,
      events,
      streams,
      comments: new CommentRepository(database),
      reviews: new ReviewRepository(database),
      versions: new VersionRepository(database),
    }),
  )
  const suggestions = new SuggestionService(new SuggestionRepository(database), registry, audit, events)
  app.use('/api/agreements', suggestionRoutes({ memberships, suggestions }))
  app.use('/api', libraryRoutes(library, accounts), templateRoutes(library, { memberships, service }))
  app.use(
    '/api/agreements',
    exportRoutes({
      service,
      documents,
      database,
      memberships,
      audit,
      versions: new VersionRepository(database),
      orgClauses: library.clauses,
      suggestions,
      importLimits: { timeoutMs: config.importTimeoutMs },
    }),
  )
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
  const backups = givenStore || !storage.sqlite ? null : listenForBackups(storage.sqlite.db, config.dataDir)

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
    store: storage.sqlite,
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
        leases?.close()
        await link?.close()
        await storage.close()
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
