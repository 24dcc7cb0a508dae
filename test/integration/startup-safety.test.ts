import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startServer } from '../support/server-process.ts'
import { call, signUp } from '../support/accounts.ts'
import { createAgreement } from '../support/yjs-clients.ts'

/** Startup safety and backups, with the real server as its own process. */

const run = promisify(execFile)
const repoRoot = path.resolve(import.meta.dirname, '../..')
/** A loaded machine (CI, two cores, several test files at once) can take this long to start a server. */
const STARTUP_MS = 40_000
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'overens-startup-'))

async function backup(dataDir: string, target: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/backup-cli.ts', target], { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir } })
    return { stdout, stderr, code: 0 }
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}

describe('startup safety', () => {
  it('refuses to start on a zero-byte database file, with a clear message, and leaves it as it was', async () => {
    const dataDir = tempDir()
    fs.writeFileSync(path.join(dataDir, 'overens.sqlite'), '')
    await expect(startServer({ dataDir, timeoutMs: STARTUP_MS })).rejects.toThrow(/empty \(0 bytes\); refusing to start/)
    expect(fs.statSync(path.join(dataDir, 'overens.sqlite')).size).toBe(0)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }, 90_000)

  it('refuses a file that is not an SQLite database, and one it cannot read', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, 'overens.sqlite')
    fs.writeFileSync(file, 'this is a spreadsheet, not a database '.repeat(200))
    await expect(startServer({ dataDir, timeoutMs: STARTUP_MS })).rejects.toThrow(/not an SQLite database/)
    if (process.getuid?.() !== 0) {
      fs.rmSync(file)
      new Database(file).close()
      fs.chmodSync(file, 0o000)
      await expect(startServer({ dataDir, timeoutMs: STARTUP_MS })).rejects.toThrow(/cannot be read and written/)
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }, 90_000)

  it('refuses a database that fails PRAGMA quick_check', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, 'overens.sqlite')
    const db = new Database(file)
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v);')
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
    for (let i = 0; i < 2000; i++) insert.run(`value ${i} `.repeat(10))
    db.close()
    // Scribble over pages in the middle of the file (not the header): the b-trees no longer hold together.
    const fd = fs.openSync(file, 'r+')
    const size = fs.fstatSync(fd).size
    fs.writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, Math.floor(size / 2 / 4096) * 4096)
    fs.closeSync(fd)
    await expect(startServer({ dataDir, timeoutMs: STARTUP_MS })).rejects.toThrow(/integrity check|malformed|not a database/)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }, 90_000)
})

describe('npm run backup -- FILE', () => {
  it('copies the database while the server runs and keeps serving; the copy opens as a working installation', async () => {
    const server = await startServer()
    const backupDir = tempDir()
    try {
      const owner = await signUp(server.url, 'Säkerhetskopierare')
      const agreementId = await createAgreement(server.url, owner, { title: 'Säkerhetskopia', skeleton: true })
      const target = path.join(backupDir, 'copy.sqlite')
      const result = await backup(server.dataDir, target)
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain('running server')
      expect((await call(server.url, owner, 'GET', `/api/agreements/${agreementId}`)).status).toBe(200)
      const copy = new Database(target, { readonly: true })
      expect((copy.prepare('SELECT title FROM agreements WHERE id = ?').get(agreementId) as { title: string }).title).toBe('Säkerhetskopia')
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok')
      copy.close()
      // A second backup to an existing file is refused rather than overwriting it.
      expect((await backup(server.dataDir, target)).code).not.toBe(0)
      // The copy is a data folder a server starts on.
      const restoredDir = tempDir()
      fs.copyFileSync(target, path.join(restoredDir, 'overens.sqlite'))
      const restored = await startServer({ dataDir: restoredDir })
      try {
        expect((await call(restored.url, owner, 'GET', `/api/agreements/${agreementId}`)).body.title).toBe('Säkerhetskopia')
      } finally {
        await restored.stop()
        restored.removeDataDir()
        fs.rmSync(restoredDir, { recursive: true, force: true })
      }
    } finally {
      await server.stop()
    }
    // With no server running, the command reads the file itself.
    const offlineTarget = path.join(backupDir, 'offline.sqlite')
    const offline = await backup(server.dataDir, offlineTarget)
    server.removeDataDir()
    expect(offline.code, offline.stderr).toBe(0)
    const copy = new Database(offlineTarget, { readonly: true })
    expect((copy.prepare('SELECT COUNT(*) AS n FROM agreements').get() as { n: number }).n).toBe(1)
    copy.close()
    fs.rmSync(backupDir, { recursive: true, force: true })
  }, 60_000)
})
