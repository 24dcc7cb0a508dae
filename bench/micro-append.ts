/**
 * `node --import tsx bench/micro-append.ts [count]`: what one durable append costs in our SQLite store,
 * as the server does it (one autocommit INSERT per update), against the same inserts grouped into
 * transactions of 8 and 64 (what a group commit per event-loop turn would do). Scenario B's CPU per
 * delivery is dominated by this cost because every update there has a single receiver.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../server/storage/sqlite.ts'

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'overens-micro-append-'))
  const store = openSqliteStore(dataDir, 'normal')
  try {
    const now = new Date().toISOString()
    await store.createAgreement({ id: 'bench', title: 'bench', municipality: 'Benchby', lang: 'sv', createdAt: now, updatedAt: now }, new Uint8Array([0, 0]), null)
    // A typical single-keystroke update from y-prosemirror is 20–40 bytes.
    const update = new Uint8Array(32).map((_, i) => i)
    const insert = store.db.prepare('INSERT INTO updates (agreement_id, data) VALUES (?, ?)')
    const measure = async (label: string, body: () => Promise<void> | void): Promise<void> => {
      const cpu = process.cpuUsage()
      const start = performance.now()
      await body()
      const wall = performance.now() - start
      const used = process.cpuUsage(cpu)
      console.log(`${label.padEnd(34)} ${((1000 * wall) / count).toFixed(1).padStart(6)} µs wall, ${((used.user + used.system) / count).toFixed(1).padStart(6)} µs CPU per update`)
    }
    await measure('store.appendUpdate, one per commit', async () => {
      for (let i = 0; i < count; i++) await store.appendUpdate('bench', update)
    })
    for (const group of [8, 64]) {
      const batch = store.db.transaction((n: number) => {
        for (let i = 0; i < n; i++) insert.run('bench', Buffer.from(update))
      })
      await measure(`grouped, ${group} per commit`, () => {
        for (let i = 0; i < count; i += group) batch(Math.min(group, count - i))
      })
    }
  } finally {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
