/**
 * What is stored beside the text (comments, review status, versions, members) changes on the server;
 * GET /events says which. One EventSource per open agreement is shared by every panel: browsers allow
 * only six HTTP/1.1 connections per origin, and each EventSource holds one.
 */
export type LiveEvent = 'comments' | 'reviews' | 'versions' | 'members' | 'suggestions' | 'acks'

interface Channel {
  source: EventSource
  listeners: Set<(event: LiveEvent) => void>
}

const channels = new Map<string, Channel>()
const EVENTS: readonly LiveEvent[] = ['comments', 'reviews', 'versions', 'members', 'suggestions', 'acks']

function subscribe(agreementId: string, listener: (event: LiveEvent) => void): () => void {
  let channel = channels.get(agreementId)
  if (!channel) {
    const source = new EventSource(`/api/agreements/${encodeURIComponent(agreementId)}/events`)
    const created: Channel = { source, listeners: new Set() }
    const fire = (event: LiveEvent): void => created.listeners.forEach((l) => l(event))
    for (const event of EVENTS) source.addEventListener(event, () => fire(event))
    // Events sent while the stream was down are lost: after a reconnect everything is refetched.
    let dropped = false
    source.addEventListener('error', () => (dropped = true))
    source.addEventListener('open', () => {
      if (!dropped) return
      dropped = false
      EVENTS.forEach(fire)
    })
    channels.set(agreementId, created)
    channel = created
  }
  const current = channel
  current.listeners.add(listener)
  return () => {
    current.listeners.delete(listener)
    if (current.listeners.size === 0) {
      current.source.close()
      channels.delete(agreementId)
    }
  }
}

/**
 * Fetches now and again on every `event`; a slow answer never overwrites a newer one. `onData`
 * gets `null` when a fetch fails (offline, or no longer a member).
 */
export function liveResource<T>(agreementId: string, event: LiveEvent, fetcher: () => Promise<T>, onData: (data: T | null) => void): { refresh(): void; stop(): void } {
  let seq = 0
  let stopped = false
  const refresh = (): void => {
    const mine = ++seq
    fetcher().then(
      (data) => {
        if (!stopped && mine === seq) onData(data)
      },
      () => {
        if (!stopped && mine === seq) onData(null)
      },
    )
  }
  const off = subscribe(agreementId, (e) => {
    if (e === event) refresh()
  })
  refresh()
  return {
    refresh,
    stop() {
      stopped = true
      off()
    },
  }
}
