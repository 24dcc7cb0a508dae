import path from 'node:path'
import { LOG_LEVELS, type LogLevel } from './log.ts'

export type Durability = 'normal' | 'full'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** `full` fsyncs every append (survives power loss); `normal` survives any process crash. */
  durability: Durability
  /** Folder with the built browser app; the API still works without it. */
  clientDir: string
  /** Marks the session cookie Secure (and names it `__Host-…`); set when the server is reached over HTTPS. */
  secureCookies: boolean
  /**
   * Origins (scheme://host[:port]) browsers may send state-changing requests and websocket upgrades
   * from; null: only the origin of the `Host` the request was sent to.
   */
  publicOrigins: string[] | null
  /** express's `trust proxy`: which hops may set X-Forwarded-For; false: the socket's address is the client. */
  trustProxy: boolean | number | string
  /** Accounts one address may create per hour. */
  signupsPerHour: number
  /** Least level written to the log (`info` by default). */
  logLevel: LogLevel
  /** How long a SIGTERM may take to store every open agreement before the process exits anyway. */
  shutdownTimeoutMs: number
  /** `postgres://…` keeps agreements and their documents in PostgreSQL; unset keeps them in SQLite. */
  databaseUrl: string | null
  /** `redis://…` turns on fan-out of document updates and awareness between instances. */
  redisUrl: string | null
  /** With Redis: how long an instance's compaction lease on an agreement lasts unless renewed (30 s). */
  compactionLeaseMs?: number
  /** How long reading one uploaded Word file may take before it is refused (60 s). */
  importTimeoutMs?: number
}

/** Reads configuration from an environment object; called once by main, never at import time. */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, got "${env.PORT}"`)
  const durability = env.DURABILITY ?? 'normal'
  if (durability !== 'normal' && durability !== 'full') throw new Error(`DURABILITY must be "normal" or "full", got "${durability}"`)
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`)
  const shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS ? Number(env.SHUTDOWN_TIMEOUT_MS) : 10_000
  if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 100) throw new Error(`SHUTDOWN_TIMEOUT_MS must be an integer ≥ 100, got "${env.SHUTDOWN_TIMEOUT_MS}"`)
  const databaseUrl = env.DATABASE_URL || null
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// (unset it for the embedded SQLite store)')
  const redisUrl = env.REDIS_URL || null
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) throw new Error('REDIS_URL must start with redis:// or rediss://')
  const importTimeoutMs = env.IMPORT_TIMEOUT_MS ? Number(env.IMPORT_TIMEOUT_MS) : 60_000
  if (!Number.isInteger(importTimeoutMs) || importTimeoutMs < 1) throw new Error(`IMPORT_TIMEOUT_MS must be a positive integer, got "${env.IMPORT_TIMEOUT_MS}"`)
  const compactionLeaseMs = env.COMPACTION_LEASE_MS ? Number(env.COMPACTION_LEASE_MS) : 30_000
  if (!Number.isInteger(compactionLeaseMs) || compactionLeaseMs < 300) throw new Error(`COMPACTION_LEASE_MS must be an integer ≥ 300, got "${env.COMPACTION_LEASE_MS}"`)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    durability,
    clientDir: path.resolve(cwd, env.CLIENT_DIR || './dist/client'),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    publicOrigins: parseOrigins(env.PUBLIC_ORIGIN),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    signupsPerHour: parseCount('SIGNUP_LIMIT', env.SIGNUP_LIMIT, 20),
    logLevel,
    shutdownTimeoutMs,
    databaseUrl,
    redisUrl,
    compactionLeaseMs,
    importTimeoutMs,
  }
}

function parseOrigins(value: string | undefined): string[] | null {
  if (!value || value.trim() === '') return null
  return value.split(',').map((raw) => {
    const text = raw.trim()
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw new Error(`PUBLIC_ORIGIN must be a comma-separated list of origins like https://overens.example.se, got "${text}"`)
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, '')) {
      throw new Error(`PUBLIC_ORIGIN entries are scheme://host[:port] without a path, got "${text}"`)
    }
    return url.origin
  })
}

/**
 * `TRUST_PROXY`: unset or `0`/`false` trusts no proxy; a number trusts that many hops; anything else is
 * passed to express as a list of addresses or subnets (`loopback`, `10.0.0.0/8`, …).
 */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false
  if (/^[1-9][0-9]?$/.test(value)) return Number(value)
  if (value === 'true') throw new Error('TRUST_PROXY=true would trust any X-Forwarded-For a client sends; give the number of proxy hops or their addresses')
  return value
}

function parseCount(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`)
  return n
}
