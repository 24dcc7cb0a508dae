import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort, runToEnd, spawnService, waitUntil } from './service-process.ts'

/**
 * A real PostgreSQL (Debian's packages, test/ensure-tools.ts installs them) in a temporary folder on a
 * free loopback port, started for one test file and removed after it. PostgreSQL refuses to run as
 * root, so under root the cluster belongs to the `postgres` system user (or `nobody`) and the server
 * process runs with that uid; it is still our child, stopped by its PID.
 *
 * fsync is off: these are tests of behaviour, not of the disk, and fsyncs on a shared two-core machine
 * would only make them slow. Commits are still synchronous to the server.
 */
export interface TestPostgres {
  port: number
  /** `postgres://…` of the cluster's `postgres` database (for administration). */
  adminUrl: string
  /** Creates a fresh, empty database and returns its URL; each suite or test can have its own. */
  createDatabase(prefix?: string): Promise<string>
  pid: number
  /** Stops the server (fast shutdown) and deletes the cluster's folder. */
  stop(): Promise<void>
}

const USER = 'overens'

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/postgres'))) : []
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]
  if (!newest) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql, or run npm test as root once)')
  return path.join(root, newest, 'bin')
}

function serviceAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim())
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim())
      if (uid > 0) return { uid, gid }
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root and neither a postgres nor a nobody user exists to run PostgreSQL')
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir()
  const account = serviceAccount()
  const folder = mkdtempSync(path.join(tmpdir(), 'overens-pg-'))
  const dataDir = path.join(folder, 'data')
  if (account) chownSync(folder, account.uid, account.gid)
  chmodSync(folder, 0o700)
  const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: folder }
  try {
    await runToEnd(path.join(bin, 'initdb'), ['-D', dataDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], { ...account, env })
    let lastError: unknown
    // The free port may be taken between probing and binding: try a few.
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort()
      const server = spawnService(
        path.join(bin, 'postgres'),
        ['-D', dataDir, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
        { ...account, env },
      )
      const adminUrl = `postgres://${USER}@127.0.0.1:${port}/postgres`
      try {
        await waitUntil(
          'postgres',
          () => canConnect(adminUrl),
          () => server.child.exitCode === null,
        )
      } catch (err) {
        lastError = new Error(`${err instanceof Error ? err.message : String(err)}\n${server.output()}`)
        await server.stop('SIGKILL')
        continue
      }
      let databases = 0
      return {
        port,
        adminUrl,
        pid: server.child.pid!,
        async createDatabase(prefix = 'test') {
          const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${++databases}_${process.pid}`
          const client = new pg.Client({ connectionString: adminUrl })
          await client.connect()
          try {
            await client.query(`CREATE DATABASE ${name}`)
          } finally {
            await client.end()
          }
          return `postgres://${USER}@127.0.0.1:${port}/${name}`
        },
        async stop() {
          // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing waits for clients.
          await server.stop('SIGINT')
          rmSync(folder, { recursive: true, force: true })
        },
      }
    }
    throw lastError
  } catch (err) {
    rmSync(folder, { recursive: true, force: true })
    throw err
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}
