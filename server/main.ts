import { configFromEnv } from './config.ts'
import { errorFields, jsonLogger, type Logger } from './log.ts'
import { startServer } from './app.ts'

let log: Logger = jsonLogger()

async function main(): Promise<void> {
  const config = configFromEnv(process.env)
  log = jsonLogger(undefined, { level: config.logLevel })
  const server = await startServer({ config, log })
  // Tests and the bench harness read this exact line from stdout to learn the port.
  process.stdout.write(`listening on ${server.url}\n`)
  log.info('started', { url: server.url, dataDir: config.dataDir, durability: config.durability, database: config.databaseUrl ? 'postgres' : 'sqlite', fanout: config.redisUrl ? 'redis' : 'none' })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping: storing every open agreement', { signal, deadlineMs: config.shutdownTimeoutMs })
    // A hung database or a peer that never drains must not keep a stopped instance alive forever: after
    // the deadline whatever is unstored stays with the clients, which resend it when they reconnect.
    setTimeout(() => {
      log.error('shutdown deadline passed; exiting with agreements possibly unstored', { deadlineMs: config.shutdownTimeoutMs })
      process.exit(1)
    }, config.shutdownTimeoutMs).unref()
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', errorFields(err))
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err: unknown) => {
  log.error('could not start', errorFields(err))
  process.stderr.write(`Överens could not start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
