import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and server tests each start real processes; two cores do not gain from more workers.
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      {
        extends: true,
        // Real servers, databases and Chromium on a shared two-core machine: a test that fails once for
        // want of CPU runs again; a defect fails twice and stays red.
        test: { name: 'processes', include: ['test/e2e/**/*.test.ts', 'test/integration/**/*.test.ts'], retry: 1 },
      },
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/integration/**'] } },
    ],
  },
})
