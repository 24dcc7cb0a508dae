import http from 'node:http'

export interface ListeningStream {
  /** Event names in the order they came. */
  events: string[]
  /** Whether the server ended the stream (or the connection dropped). */
  isEnded(): boolean
  stop(): void
}

/**
 * Listens to a server-sent event stream as a browser would (the session cookie, no reconnect);
 * resolves once the server said it is connected.
 */
export function listenToStream(url: string, path: string, cookie: string): Promise<ListeningStream> {
  return new Promise((resolve, reject) => {
    const events: string[] = []
    let finished = false
    const markEnded = () => {
      finished = true
    }
    const req = http.get(`${url}${path}`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream ${path}: HTTP ${res.statusCode}`))
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.startsWith(': connected')) resolve({ events, isEnded: () => finished, stop: () => req.destroy() })
          for (const line of block.split('\n')) if (line.startsWith('event: ')) events.push(line.slice(7))
        }
      })
      res.on('end', markEnded)
      res.on('close', markEnded)
    })
    req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? markEnded() : reject(err)))
  })
}
