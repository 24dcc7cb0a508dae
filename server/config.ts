import path from 'node:path'

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
}

/** Reads configuration from an environment object; called once by main, never at import time. */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, got "${env.PORT}"`)
  const durability = env.DURABILITY ?? 'normal'
  if (durability !== 'normal' && durability !== 'full') throw new Error(`DURABILITY must be "normal" or "full", got "${durability}"`)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    durability,
    clientDir: path.resolve(cwd, env.CLIENT_DIR || './dist/client'),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
  }
}
