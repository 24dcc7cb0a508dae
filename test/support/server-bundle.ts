import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SOURCES = ['server', 'schema', 'clause-library', 'package.json', 'scripts/build-server.mjs']

function newest(entry: string): number {
  const full = path.join(repoRoot, entry)
  if (!existsSync(full)) return 0
  const stat = statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = 0
  for (const e of readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) latest = Math.max(latest, statSync(path.join(e.parentPath, e.name)).mtimeMs)
  }
  return latest
}

/**
 * The production bundle for tests that run instances as a deployment would: built when missing or
 * older than the sources (a single test file run by hand), left alone otherwise (`npm test` builds it
 * first), so parallel test files never rebuild it under each other's running servers.
 */
export function ensureServerBundle(): void {
  const main = path.join(repoRoot, 'dist/server/main.js')
  if (existsSync(main) && statSync(main).mtimeMs >= Math.max(...SOURCES.map(newest))) return
  const build = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: repoRoot, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`build:server failed: ${build.stderr}`)
}
