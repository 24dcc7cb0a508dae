import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type Database from 'better-sqlite3'

/**
 * Online backup. The server holds its SQLite file with an exclusive lock, so no other process can read
 * it while it runs; instead `npm run backup -- FILE` asks the running server over a Unix socket in the
 * data folder (mode 0600: only the account that owns the data), and the server copies its own
 * database with SQLite's backup API, which yields a consistent snapshot while writes go on.
 */
export const backupSocketPath = (dataDir: string): string => path.join(dataDir, 'backup.sock')

export function listenForBackups(db: Database.Database, dataDir: string): { close(): void } {
  const socketPath = backupSocketPath(dataDir)
  // A socket file left by a killed server would make listen fail; this process owns the folder now.
  fs.rmSync(socketPath, { force: true })
  const server = net.createServer((socket) => {
    let request = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      request += chunk
      if (request.length > 4096) return void socket.end('error request too long\n')
      const newline = request.indexOf('\n')
      if (newline < 0) return
      const target = request.slice(0, newline)
      if (!path.isAbsolute(target)) return void socket.end('error the backup file must be an absolute path\n')
      db.backup(target).then(
        (progress) => socket.end(`ok ${progress.totalPages}\n`),
        (err: unknown) => socket.end(`error ${err instanceof Error ? err.message : String(err)}\n`),
      )
    })
    socket.on('error', () => socket.destroy())
  })
  server.on('error', () => {
    // No backups over the socket (say, a path too long for a Unix socket); the server still runs.
  })
  server.listen(socketPath, () => {
    try {
      fs.chmodSync(socketPath, 0o600)
    } catch {
      // Best effort: the folder's own permissions still apply.
    }
  })
  return {
    close: () => {
      server.close()
      fs.rmSync(socketPath, { force: true })
    },
  }
}

/** Asks a running server for a backup; rejects with code ENOENT/ECONNREFUSED when none runs. */
export function requestBackup(dataDir: string, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(backupSocketPath(dataDir))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('connect', () => socket.write(`${target}\n`))
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('error', reject)
    socket.on('end', () => (answer.startsWith('ok') ? resolve(answer.trim()) : reject(new Error(answer.replace(/^error /, '').trim() || 'no answer'))))
  })
}
