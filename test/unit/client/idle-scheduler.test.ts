import { describe, expect, it } from 'vitest'
import { idleScheduler, type Timers } from '../../../client/validation/idle-scheduler.ts'

/** A hand-driven clock: `advance` fires due timers in order, so no test waits for real time. */
function fakeTimers(): Timers & { advance(ms: number): void } {
  let now = 0
  let seq = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    advance(ms) {
      const until = now + ms
      for (;;) {
        const next = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!next) break
        pending.delete(next[0])
        now = next[1].at
        next[1].fn()
      }
      now = until
    },
  }
}

describe('idleScheduler', () => {
  it('runs once, `delay` after the last change', () => {
    const timers = fakeTimers()
    let runs = 0
    const s = idleScheduler(() => runs++, { delay: 250, maxWait: 10_000, timers })
    s.schedule()
    timers.advance(200)
    s.schedule()
    timers.advance(200)
    expect(runs).toBe(0)
    timers.advance(50)
    expect(runs).toBe(1)
    timers.advance(1000)
    expect(runs).toBe(1)
  })

  it('still runs every `maxWait` while changes never pause (a busy writing group)', () => {
    const timers = fakeTimers()
    let runs = 0
    const s = idleScheduler(() => runs++, { delay: 250, maxWait: 1000, timers })
    for (let t = 0; t < 2500; t += 100) {
      s.schedule()
      timers.advance(100)
    }
    expect(runs).toBe(2)
  })

  it('waits while blocked (a mouse button is down) and runs once it is not', () => {
    const timers = fakeTimers()
    let runs = 0
    let held = true
    const s = idleScheduler(() => runs++, { delay: 250, timers, blocked: () => held })
    s.schedule()
    timers.advance(2000)
    expect(runs).toBe(0)
    held = false
    timers.advance(250)
    expect(runs).toBe(1)
  })

  it('flush runs a pending task at once and only then; cancel drops it', () => {
    const timers = fakeTimers()
    let runs = 0
    const s = idleScheduler(() => runs++, { timers })
    s.flush()
    expect(runs).toBe(0)
    s.schedule()
    s.flush()
    expect(runs).toBe(1)
    timers.advance(1000)
    expect(runs).toBe(1)
    s.schedule()
    s.cancel()
    timers.advance(5000)
    expect(runs).toBe(1)
  })
})
