import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { requestBackup } from './backup.ts'
import { configFromEnv } from './config.ts'
import { checkDatabaseFile, databaseFile } from './startup-checks.ts'

/**
 * `npm run backup -- FILE`: a consistent copy of the database in FILE, taken by the running server
 * (over its backup socket) or, when no server runs on DATA_DIR, directly from the file.
 */
async function main(): Promise<void> {
  const arg = process.argv[2]
  if (!arg) throw new Error('usage: npm run backup -- FILE')
  const target = path.resolve(arg)
  if (fs.existsSync(target)) throw new Error(`${target} exists; choose a new file name`)
  const { dataDir } = configFromEnv(process.env)
  try {
    await requestBackup(dataDir, target)
    process.stdout.write(`backup written by the running server to ${target}\n`)
    return
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw err
  }
  const file = databaseFile(dataDir)
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`)
  checkDatabaseFile(file)
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 })
  try {
    await db.backup(target)
  } finally {
    db.close()
  }
  process.stdout.write(`backup written to ${target}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
