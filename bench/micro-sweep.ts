/**
 * `node --import tsx bench/micro-sweep.ts [agreements] [rounds]`: how long one pass of the approval
 * watch (server/notifications/approval-watch.ts, every 3 s) holds the event loop when no agreement has
 * an approval, as in the load scenarios: the way it was (one `reviews.list` per loaded agreement) and
 * the way it is (one `reviews.withApprovals` for all). On SQLite the queries run synchronously under
 * kysely's promises, so a pass is one uninterrupted stretch in which no socket is read or written.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { ReviewRepository } from '../server/review/reviews.ts'
import { sqliteDatabase } from '../server/storage/database.ts'
import { openSqliteStore } from '../server/storage/sqlite.ts'

const agreements = Number(process.argv[2] ?? 200)
const rounds = Number(process.argv[3] ?? 20)

const dataDir = mkdtempSync(join(tmpdir(), 'overens-micro-sweep-'))
const store = openSqliteStore(dataDir, 'normal')
try {
  const reviews = new ReviewRepository(sqliteDatabase(store.db))
  const ids: string[] = []
  const now = new Date().toISOString()
  for (let i = 0; i < agreements; i++) {
    const id = `a${i}`
    ids.push(id)
    await store.createAgreement({ id, title: id, municipality: 'Benchby', lang: 'sv', createdAt: now, updatedAt: now }, new Uint8Array([0, 0]), null)
  }
  const measure = async (label: string, pass: () => Promise<unknown>) => {
    const passes: number[] = []
    let turnsDuringPass = 0
    for (let r = 0; r < rounds; r++) {
      // Counts event-loop turns that got in while the pass ran: 0 means it held the loop throughout.
      let turns = 0
      let counting = true
      const tick = async () => {
        while (counting) {
          await nextTurn()
          if (counting) turns++
        }
      }
      const ticking = tick()
      const start = performance.now()
      await pass()
      passes.push(performance.now() - start)
      counting = false
      await ticking
      if (r > 0) turnsDuringPass += turns
    }
    const measured = passes.slice(1).sort((a, b) => a - b)
    const median = measured[Math.floor(measured.length / 2)]!
    console.log(
      `${label}: ${agreements} agreements, ${rounds - 1} passes after a warm-up: median ${median.toFixed(2)} ms per pass, max ${measured.at(-1)!.toFixed(2)} ms; event-loop turns that got in during the passes: ${turnsDuringPass}`,
    )
  }
  await measure('one list per agreement (before)', async () => {
    for (const id of ids) await reviews.list(id)
  })
  await measure('withApprovals for all (now)', () => reviews.withApprovals(ids))
} finally {
  await store.close()
  rmSync(dataDir, { recursive: true, force: true })
}
