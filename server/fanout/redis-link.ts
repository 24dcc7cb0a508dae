import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'

/**
 * The two Redis connections one instance keeps (`REDIS_URL`): a command connection (publish, leases,
 * throttles) and a subscriber. Document fan-out, connection control, change events, compaction leases
 * and the login throttle all share them, so an instance holds two connections whatever it does.
 *
 * The command connection has no offline queue: while Redis is away a command fails at once, and each
 * user decides what that means (fan-out drops and rereads later, the throttle falls back to its
 * per-process limiter, a lease is not taken so nobody compacts). The subscriber keeps its
 * subscriptions across reconnects (ioredis resubscribes).
 */
export class RedisLink {
  /** Tells this instance's own messages apart from the others' on a shared channel. */
  readonly instanceId = randomBytes(8)
  readonly instanceHex = this.instanceId.toString('hex')
  readonly commands: Redis
  private readonly sub: Redis
  private readonly handlers = new Map<string, (message: Buffer) => void>()
  private readonly prefixHandlers: { prefix: string; handler: (channel: string, message: Buffer) => void }[] = []
  private readonly reconnectListeners: { subscriber: (() => void)[]; commands: (() => void)[] } = { subscriber: [], commands: [] }
  private closed = false

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.commands = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true })
    this.sub = new Redis(url, { lazyConnect: true })
    for (const [name, client] of [
      ['commands', this.commands],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (err: unknown) => {
        if (!this.closed) log.warn('redis connection error', { client: name, ...errorFields(err) })
      })
      let readyOnce = false
      client.on('ready', () => {
        if (readyOnce) for (const listener of this.reconnectListeners[name]) listener()
        readyOnce = true
      })
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.dispatch(channel.toString('utf8'), message))
  }

  async connect(): Promise<void> {
    await Promise.all([this.commands.connect(), this.sub.connect()])
  }

  get ready(): boolean {
    return this.commands.status === 'ready'
  }

  /** Runs `listener` each time the connection comes back after it was lost (not at the first connect). */
  onReconnect(which: 'subscriber' | 'commands', listener: () => void): void {
    this.reconnectListeners[which].push(listener)
  }

  /** One handler per exact channel, subscribed now (the promise settles once Redis confirmed it). */
  async listen(channel: string, handler: (message: Buffer) => void): Promise<void> {
    this.handlers.set(channel, handler)
    await this.sub.subscribe(channel)
  }

  /** Handles messages of channels starting with `prefix`; the channels are joined with follow(). */
  onPrefix(prefix: string, handler: (channel: string, message: Buffer) => void): void {
    this.prefixHandlers.push({ prefix, handler })
  }

  /**
   * Subscribes to `channel` while at least one holder wants it, and waits (at most `waitMs`) until
   * Redis confirmed it, so what is published after that reaches us. While Redis is away it does not
   * wait: ioredis subscribes once it is back, and the caller rereads the store then.
   */
  async follow(channel: string, waitMs = 2_000): Promise<() => void> {
    const count = (this.followers.get(channel) ?? 0) + 1
    this.followers.set(channel, count)
    if (count === 1) {
      const subscribed = this.sub.subscribe(channel).catch((err: unknown) => this.log.warn('redis subscribe failed', { channel, ...errorFields(err) }))
      if (this.sub.status === 'ready') await Promise.race([subscribed, new Promise((r) => setTimeout(r, waitMs).unref())])
    }
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.followers.get(channel) ?? 1) - 1
      if (left > 0) return void this.followers.set(channel, left)
      this.followers.delete(channel)
      if (!this.closed) this.sub.unsubscribe(channel).catch(() => undefined)
    }
  }

  private readonly followers = new Map<string, number>()

  get followedCount(): number {
    return this.followers.size
  }

  /** Publishes if connected; otherwise drops it (callers catch up from the store). False when dropped. */
  publish(channel: string, message: Buffer | string): boolean {
    if (this.commands.status !== 'ready') return false
    this.commands.publish(channel, message).catch((err: unknown) => {
      this.log.warn('redis publish failed', { channel: channel.split(':').slice(0, 2).join(':'), ...errorFields(err) })
    })
    return true
  }

  async ping(): Promise<void> {
    const answer = await this.commands.ping()
    if (answer !== 'PONG') throw new Error(`redis answered ${answer}`)
  }

  async close(): Promise<void> {
    this.closed = true
    // QUIT politely when connected; while Redis is away, waiting for it would only hold up the shutdown.
    await Promise.allSettled([this.sub, this.commands].map((client) => (client.status === 'ready' ? client.quit() : undefined)))
    this.sub.disconnect()
    this.commands.disconnect()
  }

  private dispatch(channel: string, message: Buffer): void {
    const exact = this.handlers.get(channel)
    if (exact) return exact(message)
    for (const { prefix, handler } of this.prefixHandlers) if (channel.startsWith(prefix)) return handler(channel, message)
  }
}
