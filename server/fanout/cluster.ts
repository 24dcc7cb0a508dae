/**
 * Everything an instance needs to work beside others on one Redis, loaded in one dynamic import when
 * `REDIS_URL` is set (ioredis is not free to import for the embedded default).
 */
export { RedisLink } from './redis-link.ts'
export { RedisFanout } from './redis-fanout.ts'
export { RedisThrottle } from './redis-throttle.ts'
export { CompactionLeases } from './compaction-lease.ts'
