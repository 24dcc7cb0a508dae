// The server bundle: our code in one ESM bundle with the PostgreSQL and Redis parts split into chunks
// the embedded default never loads. Packages stay in node_modules (native ones must), except kysely:
// every deployment now runs its repositories on it, and importing its ~400 modules one by one costs
// a cold start several hundred milliseconds that the same code costs almost nothing bundled.
//
// Built beside dist/server and swapped in by renames, so a server already running from dist/server
// (a test, a bench) never finds the folder half written or gone when it loads a chunk later.
import { build } from 'esbuild'
import { existsSync, renameSync, rmSync } from 'node:fs'

const BUNDLED = /^kysely(\/|$)/
const target = 'dist/server'
const fresh = `dist/server.new-${process.pid}`
const old = `dist/server.old-${process.pid}`

rmSync(fresh, { recursive: true, force: true })
await build({
  // The Word import runs in a worker thread of its own (server/export/import-off-thread.ts).
  entryPoints: ['server/main.ts', 'server/export/import-worker.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  outdir: fresh,
  // Flat: the worker entry sits beside the chunk that starts it (new URL('./import-worker.js', import.meta.url)).
  entryNames: '[name]',
  logLevel: 'warning',
  plugins: [
    {
      name: 'packages-external-but-kysely',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }))
      },
    },
  ],
})
if (existsSync(target)) renameSync(target, old)
renameSync(fresh, target)
rmSync(old, { recursive: true, force: true })
