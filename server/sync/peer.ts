import type { CloseCode } from '../../schema/limits.ts'

/** What a connection may do with the document text; decided at connect time by authentication. */
export type Access = 'write' | 'read'

/** The authenticated person behind a connection; presence (awareness) identity is stamped from this. */
export interface Principal {
  userId: string | null
  name: string | null
  party: string | null
  role: string | null
}

/**
 * A connected client as the document sees it: transport-free, so the sync logic is tested without
 * sockets and a websocket is only one way to be a peer.
 */
export interface Peer {
  readonly id: number
  access: Access
  readonly principal: Principal
  /** Awareness client ids this peer has announced; removed for everyone when it leaves. */
  readonly awarenessClients: Set<number>
  send(message: Uint8Array): void
  close(code: CloseCode, reason: string): void
}
