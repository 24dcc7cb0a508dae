/**
 * `node --import tsx bench/profile-cold.ts [edits]`: where our server spends its CPU on a cold load
 * of a long history (scenario C) and on the unload that follows when the last client leaves. Types
 * the trace into an agreement, restarts the server under --cpu-prof, then profiles two windows:
 * connect → synced, and disconnect → 2 s later (compaction and canonical JSON).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { connectClient, drained } from './clients.ts'
import { cpuSeconds } from './proc-stats.ts'
import { installCleanup, killAllTracked } from './processes.ts'
import { formatSummary, monotonicMicros, summarise } from './profile.ts'
import { startOurs } from './servers.ts'
import { buildHistory } from './trace.ts'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  installCleanup()
  const edits = Number(process.argv[2] ?? Number.POSITIVE_INFINITY)
  const history = buildHistory(edits, 'prosemirror')
  const dataDir = mkdtempSync(join(tmpdir(), 'overens-profile-cold-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'overens-profile-cold-prof-'))
  try {
    let server = await startOurs({ dataDir })
    const id = await server.createDocument()
    const writer = await connectClient(server, id, 60_000)
    for (const update of history.updates) Y.applyUpdate(writer.doc, update)
    await drained(writer, 60_000)
    // The server has no acknowledgement in the protocol; a fresh client seeing everything is ours.
    for (let i = 0; i < 120; i++) {
      const check = await connectClient(server, id, 60_000)
      const complete = check.doc.getXmlFragment('prosemirror').toString().includes(history.text.slice(-200))
      check.destroy()
      if (complete) break
      await sleep(500)
    }
    writer.destroy()
    await server.stop()

    server = await startOurs({ dataDir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'] })
    await sleep(500)
    const load = { fromUs: monotonicMicros(), toUs: 0 }
    const cpu0 = cpuSeconds(server.pid)
    const client = await connectClient(server, id, 60_000)
    load.toUs = monotonicMicros()
    const cpu1 = cpuSeconds(server.pid)
    const unload = { fromUs: monotonicMicros(), toUs: 0 }
    client.destroy()
    await sleep(2_000)
    unload.toUs = monotonicMicros()
    const cpu2 = cpuSeconds(server.pid)
    const pid = server.pid
    await server.stop()

    const file = readdirSync(profileDir).find((f) => f.includes(`.${pid}.0.`))
    if (!file) throw new Error('no main-thread profile written')
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Parameters<typeof summarise>[0]
    console.log(`# Cold load of ${history.edits.toLocaleString('en')} trace transactions (${(history.state.length / 1024).toFixed(0)} KB state)\n`)
    console.log(
      `connect → synced ${client.syncedAfterMs.toFixed(1)} ms; server CPU (/proc) during load ${((cpu1 - cpu0) * 1000).toFixed(0)} ms, during unload ${((cpu2 - cpu1) * 1000).toFixed(0)} ms\n`,
    )
    console.log(`## Load (connect → synced)\n\n${formatSummary(summarise(profile, 15, load))}\n`)
    console.log(`## Unload (last client left → 2 s later)\n\n${formatSummary(summarise(profile, 15, unload))}`)
  } finally {
    killAllTracked()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
