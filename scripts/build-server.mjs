// The server bundle: our code in one ESM bundle with the PostgreSQL and Redis parts split into chunks
// the embedded default never loads. Packages stay in node_modules (native ones must), except kysely:
// every deployment now runs its repositories on it, and importing its ~400 modules one by one costs
// a cold start several hundred milliseconds that the same code costs almost nothing bundled.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

const BUNDLED = /^kysely(\/|$)/

rmSync('dist/server', { recursive: true, force: true })
await build({
  entryPoints: ['server/main.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  outdir: 'dist/server',
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
