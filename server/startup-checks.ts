import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'

const SQLITE_HEADER = 'SQLite format 3\u0000'

/**
 * Refuses to start on a database file that exists but cannot be what it should be. SQLite would
 * happily treat a zero-byte file as a new, empty installation: after a failed copy or a full disk that
 * silently hides every agreement (and lets the next sign-up become administrator).
 */
export function checkDatabaseFile(file: string): void {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return // a new installation
    throw new Error(`the database file ${file} cannot be examined: ${(err as Error).message}`)
  }
  if (!stat.isFile()) throw new Error(`the database path ${file} is not a file`)
  if (stat.size === 0) {
    throw new Error(`the database file ${file} is empty (0 bytes); refusing to start a new installation over it. Restore it from a backup, or remove the file to start afresh`)
  }
  let header: Buffer
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK)
    const fd = fs.openSync(file, 'r')
    try {
      header = Buffer.alloc(16)
      fs.readSync(fd, header, 0, 16, 0)
    } finally {
      fs.closeSync(fd)
    }
  } catch (err) {
    throw new Error(`the database file ${file} cannot be read and written by this process: ${(err as Error).message}`)
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw new Error(`the database file ${file} is not an SQLite database; refusing to start`)
}

/** `PRAGMA quick_check` before serving: a damaged file stops the server instead of serving half of it. */
export function quickCheck(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[]
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok')
  if (problems.length > 0) throw new Error(`the database file ${file} failed its integrity check: ${problems.slice(0, 5).join('; ')}`)
}

export const databaseFile = (dataDir: string): string => path.join(dataDir, 'overens.sqlite')
