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
  /** Marks the session cookie Secure; set when the server is reached over HTTPS. */
  secureCookies: boolean
  /** Least level written to the log (`info` by default). */
  logLevel: LogLevel
  /** How long a SIGTERM may take to store every open agreement before the process exits anyway. */
  shutdownTimeoutMs: number
  /** `postgres://…` keeps agreements and their documents in PostgreSQL; unset keeps them in SQLite. */
  databaseUrl: string | null
  /** `redis://…` turns on fan-out of document updates and awareness between instances. */
  redisUrl: string | null
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
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    durability,
    clientDir: path.resolve(cwd, env.CLIENT_DIR || './dist/client'),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    logLevel,
    shutdownTimeoutMs,
    databaseUrl,
    redisUrl,
  }
}
