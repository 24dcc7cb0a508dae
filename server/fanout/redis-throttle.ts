import { createHash, randomBytes } from 'node:crypto'
import type { SharedCounter } from '../auth/rate-limit.ts'
import type { RedisLink } from './redis-link.ts'

/**
 * Attempt counts shared by every instance (the login and sign-up throttles), as one sorted set per key
 * in Redis: members are attempts, scores their times. The same sliding window as the in-memory
 * AttemptLimiter, decided in one Lua script, so checking every key and counting the attempt under each
 * is one atomic step however many instances race. Time is Redis's own clock (TIME), so instances with
 * skewed clocks agree. A set never holds more than `max` live attempts, since a refused one is not
 * counted, and it expires with its window. Keys are hashed: no email address is written to Redis.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= max then
    local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w < 1 then w = 1 end
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]))
end
return 0
`
const PREFIX = 'overens:throttle:'

export class RedisThrottle implements SharedCounter {
  private attempts = 0

  constructor(private readonly link: RedisLink) {}

  async take(entries: readonly { key: string; max: number; windowMs: number }[]): Promise<number> {
    const member = `${this.link.instanceHex}:${++this.attempts}:${randomBytes(4).toString('hex')}`
    const args = entries.flatMap((e) => [String(e.max), String(e.windowMs)])
    const wait = await this.link.commands.eval(TAKE, entries.length, ...entries.map((e) => redisKey(e.key)), member, ...args)
    return Number(wait)
  }

  async refund(key: string): Promise<void> {
    await this.link.commands.zpopmax(redisKey(key))
  }
}

function redisKey(key: string): string {
  return PREFIX + createHash('sha256').update(key).digest('base64url')
}
