import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer as startInProcess, type OverensServer } from '../../server/app.ts'
import { configFromEnv } from '../../server/config.ts'
import { jsonLogger } from '../../server/log.ts'
import { signUp } from '../support/accounts.ts'
import { startServer as startProcess } from '../support/server-process.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('logs and health of one instance', () => {
  let server: OverensServer
  let dataDir: string
  const lines: string[] = []
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>)

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-ops-'))
    const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: path.join(dataDir, 'none') })
    server = await startInProcess({ config, log: jsonLogger((line) => lines.push(line), { level: 'debug' }) })
  })
  afterAll(async () => {
    await server.close().catch(() => undefined)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('writes one JSON line per request with a level, a time and the request id it answered with', async () => {
    const res = await fetch(server.url + '/api/auth/me')
    expect(res.status).toBe(401)
    const reqId = res.headers.get('x-request-id')
    expect(reqId).toMatch(/^[0-9a-f]{16}$/)
    const line = records().find((r) => r.msg === 'request' && r.reqId === reqId)
    expect(line).toMatchObject({ level: 'info', method: 'GET', url: '/api/auth/me', status: 401 })
    expect(Date.parse(String(line!.time))).not.toBeNaN()
  })

  it("keeps a proxy's plain request id and replaces one that could forge log lines", async () => {
    const kept = await fetch(server.url + '/api/auth/me', { headers: { 'x-request-id': 'lb-7f3a.42' } })
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42')
    const forged = await fetch(server.url + '/api/auth/me', { headers: { 'x-request-id': 'x"},"level":"fatal' } })
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/)
    expect(lines.join('\n')).not.toContain('"level":"fatal"')
  })

  it('never writes a session cookie, an access token or a password', async () => {
    const user = await signUp(server.url)
    await fetch(`${server.url}/api/auth/me?token=${user.token}`, { headers: { cookie: user.cookie, authorization: `Bearer ${user.token}` } })
    // A malformed body containing a password, refused as JSON.
    await fetch(`${server.url}/api/auth/login?token=${user.token}&x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"password":"correct horse' })
    const all = lines.join('\n')
    expect(all).toContain('token=[redacted]&x=1')
    expect(all).not.toContain(user.token)
    expect(all).not.toContain(user.cookie.split('=')[1]!)
    expect(all).not.toContain('correct horse')
  })

  it('logs health probes at debug only, and reports a database that stopped answering with 503', async () => {
    const ok = await fetch(server.url + '/healthz')
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ ok: true })
    const probe = records().find((r) => r.url === '/healthz')
    expect(probe?.level).toBe('debug')

    server.store!.db.close()
    const down = await fetch(server.url + '/healthz')
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({ ok: false, failing: ['database'] })
    expect(records().some((r) => r.msg === 'health check failed' && r.check === 'database' && r.level === 'warn')).toBe(true)
  })
})

describe('the production bundle', () => {
  it('builds with esbuild, starts without tsx, answers and stops on SIGTERM with exit 0', async () => {
    const build = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: repoRoot, encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
    const bundle = fs.readFileSync(path.join(repoRoot, 'dist/server/main.js'), 'utf8')
    // Packages stay in node_modules (the native better-sqlite3 among them); our code is bundled, with
    // the PostgreSQL and Redis parts in chunks of their own that the embedded default never loads.
    expect(bundle).toMatch(/from "better-sqlite3"/)
    expect(bundle).not.toMatch(/\.ts"/)
    expect(bundle).not.toMatch(/from "(pg|kysely|ioredis)"/)

    const server = await startProcess({ entry: 'dist/server/main.js', execArgv: [] })
    try {
      const res = await fetch(server.url + '/healthz')
      expect(await res.json()).toEqual({ ok: true })
      expect(await server.stop('SIGTERM')).toBe(0)
      const logged = server
        .output()
        .stderr.trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(logged.find((r) => r.msg === 'started')).toMatchObject({ level: 'info', database: 'sqlite' })
      expect(logged.some((r) => r.msg === 'stopping: storing every open agreement')).toBe(true)
    } finally {
      server.removeDataDir()
    }
  })
})
