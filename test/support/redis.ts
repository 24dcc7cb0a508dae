import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { freePort, spawnService, waitUntil } from './service-process.ts'

/**
 * A real redis-server (Debian's package) on a free loopback port with its working folder in a
 * temporary directory, no persistence, stopped by its PID and removed after the test file.
 */
export interface TestRedis {
  port: number
  url: string
  pid: number
  stop(): Promise<void>
}

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p))

/** `port`: a given port (to start Redis again where the servers expect it); a free one otherwise. */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed (apt-get install -y redis-server, or run npm test as root once)')
  const folder = mkdtempSync(path.join(tmpdir(), 'overens-redis-'))
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort())
    const server = spawnService(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', folder, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'], {
      cwd: folder,
    })
    const url = `redis://127.0.0.1:${port}`
    try {
      await waitUntil(
        'redis-server',
        () => canPing(url),
        () => server.child.exitCode === null,
      )
    } catch (err) {
      lastError = new Error(`${err instanceof Error ? err.message : String(err)}\n${server.output()}`)
      await server.stop('SIGKILL')
      continue
    }
    return {
      port,
      url,
      pid: server.child.pid!,
      async stop() {
        await server.stop('SIGTERM')
        rmSync(folder, { recursive: true, force: true })
      },
    }
  }
  rmSync(folder, { recursive: true, force: true })
  throw lastError
}

async function canPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}
