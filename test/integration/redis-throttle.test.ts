/**
 * The login throttle shared through a real Redis: two "instances" (each its own RedisLink, as two
 * processes would have) count attempts of one key together, atomically, and fall back to counting per
 * process when Redis is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { SharedAttemptLimiter, takeAll } from '../../server/auth/rate-limit.ts'
import { RedisLink } from '../../server/fanout/redis-link.ts'
import { RedisThrottle } from '../../server/fanout/redis-throttle.ts'
import type { Logger } from '../../server/log.ts'
import { startRedis, type TestRedis } from '../support/redis.ts'

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
let redis: TestRedis
const links: RedisLink[] = []

beforeAll(async () => {
  redis = await startRedis()
}, 60_000)
afterAll(async () => {
  for (const l of links) await l.close()
  await redis?.stop()
})

async function instance(url = redis.url): Promise<{ link: RedisLink; fallbacks: unknown[]; limiter: (name: string, max: number, windowMs?: number) => SharedAttemptLimiter }> {
  const link = new RedisLink(url, quiet)
  links.push(link)
  await link.connect()
  const counter = new RedisThrottle(link)
  const fallbacks: unknown[] = []
  return { link, fallbacks, limiter: (name, max, windowMs = 60_000) => new SharedAttemptLimiter(name, max, windowMs, counter, (err) => fallbacks.push(err)) }
}

describe('login throttle shared through Redis', () => {
  it('lets exactly max of many parallel attempts on two instances through, and a refund hands one back', async () => {
    const [one, two] = await Promise.all([instance(), instance()])
    const onOne = one.limiter('pair', 10)
    const onTwo = two.limiter('pair', 10)
    const waits = await Promise.all(Array.from({ length: 41 }, (_, i) => (i % 2 === 0 ? onOne : onTwo).take(['guess@example.se'])))
    expect(waits.filter((w) => w === 0)).toHaveLength(10)
    for (const w of waits.filter((w) => w > 0)) {
      expect(w).toBeGreaterThan(59_000)
      expect(w).toBeLessThanOrEqual(60_000)
    }
    await onTwo.refund('guess@example.se')
    expect(await onOne.take(['guess@example.se'])).toBe(0)
    expect(await onTwo.take(['guess@example.se'])).toBeGreaterThan(0)
    // Another key is counted on its own; the email never appears in Redis.
    expect(await onOne.take(['other@example.se'])).toBe(0)
    const probe = new Redis(redis.url)
    try {
      const keys = await probe.keys('overens:throttle:*')
      expect(keys).toHaveLength(2)
      expect(keys.join(' ')).not.toContain('example')
    } finally {
      probe.disconnect()
    }
    expect(one.fallbacks).toEqual([])
  })

  it('counts both keys of a login or neither: a refused attempt uses up nothing', async () => {
    const { limiter } = await instance()
    const pair = limiter('pair2', 2)
    const address = limiter('address2', 3)
    expect(
      await takeAll([
        [pair, 'p'],
        [address, 'ip'],
      ]),
    ).toBe(0)
    expect(
      await takeAll([
        [pair, 'p'],
        [address, 'ip'],
      ]),
    ).toBe(0)
    // The pair is used up: this attempt must not count against the address either.
    expect(
      await takeAll([
        [pair, 'p'],
        [address, 'ip'],
      ]),
    ).toBeGreaterThan(0)
    expect(
      await takeAll([
        [pair, 'q'],
        [address, 'ip'],
      ]),
    ).toBe(0)
    expect(
      await takeAll([
        [pair, 'r'],
        [address, 'ip'],
      ]),
    ).toBeGreaterThan(0)
  })

  it('the window slides: an attempt counts again once it is older than the window', async () => {
    const { limiter } = await instance()
    const short = limiter('short', 2, 300)
    expect(await short.take(['k'])).toBe(0)
    expect(await short.take(['k'])).toBe(0)
    const wait = await short.take(['k'])
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(300)
    await new Promise((r) => setTimeout(r, wait + 20))
    expect(await short.take(['k'])).toBe(0)
  })

  it('falls back to counting in this process while Redis is down, and says so', async () => {
    const own = await startRedis()
    const { limiter, fallbacks } = await instance(own.url)
    const alone = limiter('alone', 3)
    expect(await alone.take(['k'])).toBe(0)
    await own.stop()
    const waits: number[] = []
    for (let i = 0; i < 4; i++) waits.push(await alone.take(['k']))
    // Logins keep working, still throttled (by this process alone) while Redis is away.
    expect(waits.slice(0, 3)).toEqual([0, 0, 0])
    expect(waits[3]).toBeGreaterThan(0)
    expect(fallbacks.length).toBeGreaterThanOrEqual(4)
  })
})
