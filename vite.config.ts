import { defineConfig } from 'vite'

/**
 * The browser app lives in client/ and is built into dist/client, which the server serves with an
 * index.html fallback. `vite dev` proxies the API and the websocket to a running server
 * (OVERENS_SERVER, default http://127.0.0.1:8080) so development uses the real backend.
 */
const backend = process.env.OVERENS_SERVER ?? 'http://127.0.0.1:8080'

export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': backend,
      '/sync': { target: backend, ws: true },
    },
  },
})
