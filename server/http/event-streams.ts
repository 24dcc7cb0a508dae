import type { Response } from 'express'

/** How often an idle stream says it is alive, below the idle timeouts of common proxies (60 s). */
const KEEP_ALIVE_MS = 25_000

export interface EventStream {
  /** Sends one event; nothing once the stream has ended. */
  send(event: string, data?: unknown): void
  end(): void
  ended(): boolean
}

interface Opened {
  userId: string
  credential: string
  stream: EventStream
}

/**
 * The server-sent event streams open on this instance, each with the session or token it was opened
 * with: signing out (or revoking that session, or a new password) ends them as it closes the person's
 * websockets, so a signed-out browser hears nothing more of the agreement or the inbox.
 */
export class EventStreams {
  private readonly open = new Set<Opened>()

  /** Starts an event stream on `res` for the signed-in caller; `onClose` runs once when it ends, whoever ends it. */
  start(res: Response, onClose: () => void): EventStream {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
    const stream: EventStream = {
      send: (event, data = {}) => {
        if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      },
      end: () => void res.end(),
      ended: () => res.writableEnded,
    }
    const opened: Opened = { userId: res.locals.user.id, credential: res.locals.credential, stream }
    this.open.add(opened)
    // `close` comes both when the browser goes away and after our own end().
    res.on('close', () => {
      clearInterval(keepAlive)
      this.open.delete(opened)
      onClose()
    })
    return stream
  }

  /** Ends the person's streams opened with one of `credentials` (hashes, as res.locals.credential holds them). */
  closeRevoked(userId: string, credentials: readonly string[]): void {
    const revoked = new Set(credentials)
    for (const opened of [...this.open]) if (opened.userId === userId && revoked.has(opened.credential)) opened.stream.end()
  }
}
