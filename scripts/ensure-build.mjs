/**
 * Runs before `npm start`: builds once when the bundle is missing or older than the sources (a fresh
 * clone, a `git pull`), and does nothing otherwise, so a start never pays for a build it does not need.
 * Plain JavaScript on purpose: it must run before anything is compiled and without tsx.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outputs = ['dist/server/main.js', 'dist/client/index.html'].map((f) => path.join(root, f))
const sources = ['server', 'schema', 'clause-library', 'client', 'package.json', 'vite.config.ts']

function newestMtime(entry) {
  const full = path.join(root, entry)
  if (!existsSync(full)) return 0
  const stat = statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const e of readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs)
  }
  return newest
}

const missing = outputs.filter((f) => !existsSync(f))
const builtAt = missing.length > 0 ? 0 : Math.min(...outputs.map((f) => statSync(f).mtimeMs))
const stale = missing.length === 0 && Math.max(...sources.map(newestMtime)) > builtAt

if (missing.length > 0 || stale) {
  const canBuild = existsSync(path.join(root, 'node_modules/vite')) && existsSync(path.join(root, 'node_modules/esbuild'))
  if (!canBuild && missing.length === 0) {
    // A production install without dev dependencies: run what was built and say so.
    process.stderr.write('the build is older than the sources but vite/esbuild are not installed; starting the existing build\n')
    process.exit(0)
  }
  process.stderr.write(missing.length > 0 ? 'no build yet: building once (npm run build)\n' : 'sources changed since the last build: rebuilding (npm run build)\n')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
