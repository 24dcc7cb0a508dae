import { configFromEnv } from './config.ts'
import { errorFields, jsonLogger } from './log.ts'
import { startServer } from './app.ts'

const log = jsonLogger()

async function main(): Promise<void> {
  const config = configFromEnv(process.env)
  const server = await startServer({ config, log })
  // Tests and the bench harness read this exact line from stdout to learn the port.
  process.stdout.write(`listening on ${server.url}\n`)
  log.info('started', { url: server.url, dataDir: config.dataDir, durability: config.durability })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping: storing every open agreement', { signal })
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
