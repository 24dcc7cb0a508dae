import type { IncomingMessage } from 'node:http'

/**
 * Which browser origins may act on this server. Browsers send `Origin` on every websocket handshake
 * and every non-GET fetch or form post, so a page of another origin (another port of the same host
 * included) is recognised by it; non-browser clients (scripts, the y-websocket client in Node) send
 * none and authenticate with an access token instead.
 */
export type OriginVerdict = 'same' | 'absent' | 'foreign'

export function originVerdict(request: IncomingMessage, publicOrigins: readonly string[] | null): OriginVerdict {
  const origin = request.headers.origin
  if (origin === undefined) {
    // Without Origin, Fetch Metadata still tells a browser's cross-site request apart.
    const site = request.headers['sec-fetch-site']
    return site === 'cross-site' || site === 'same-site' ? 'foreign' : 'absent'
  }
  // "null" comes from sandboxed frames, file: pages and redirects across origins: never ours.
  if (origin === 'null') return 'foreign'
  if (publicOrigins) return publicOrigins.includes(origin) ? 'same' : 'foreign'
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return 'foreign'
  }
  // Without a configured list, only the host:port the request was addressed to is ours.
  return url.host === request.headers.host ? 'same' : 'foreign'
}
