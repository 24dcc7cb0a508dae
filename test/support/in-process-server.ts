import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, type OverensServer } from '../../server/app.ts'
import { configFromEnv } from '../../server/config.ts'
import type { Logger } from '../../server/log.ts'

export interface LogLine {
  level: string
  msg: string
  fields?: Record<string, unknown>
}

/** A real server on 127.0.0.1:0 inside the test process, with its log captured for assertions. */
export async function startTestServer(options: { dataDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<OverensServer & { dataDir: string; logs: LogLine[] }> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'overens-test-'))
  const logs: LogLine[] = []
  const capture = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logs.push({ level, msg, fields })
  const log: Logger = { info: capture('info'), warn: capture('warn'), error: capture('error') }
  const config = configFromEnv({
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLIENT_DIR: path.join(dataDir, 'no-client'),
    // Test files sign up dozens of people from 127.0.0.1; the sign-up throttle has its own test.
    SIGNUP_LIMIT: '100000',
    ...options.env,
  })
  const server = await startServer({ config, log })
  return Object.assign(server, { dataDir, logs })
}
