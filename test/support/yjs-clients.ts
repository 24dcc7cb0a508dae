import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { SCHEMA_VERSION } from '../../schema/version.ts'
import { waitFor } from './wait.ts'
import type { TestUser } from './accounts.ts'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves once the provider has exchanged sync step 1/2 with the server. */
  synced(): Promise<void>
  destroy(): void
}

/** An official y-websocket client, as a Node program (not the browser) would run it. */
export function connectClient(httpUrl: string, agreementId: string, user: TestUser | null, { schema = String(SCHEMA_VERSION), connect = true } = {}): TestClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(httpUrl.replace(/^http/, 'ws') + '/sync', agreementId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect,
    params: user ? { schema, token: user.token } : { schema },
    maxBackoffTime: 300,
  })
  return {
    doc,
    provider,
    synced: () => waitFor(() => provider.synced, { what: `client ${doc.clientID} to sync` }),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Plain text of every paragraph-like element, for comparing replicas and checking content. */
export function bodyText(doc: Y.Doc): string {
  return doc.getXmlFragment('prosemirror').toString()
}

export async function createAgreement(httpUrl: string, owner: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(httpUrl + '/api/agreements', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: owner.cookie },
    body: JSON.stringify({ title: 'Testavtal', municipality: 'Exempelby', ...body }),
  })
  if (res.status !== 201) throw new Error(`create agreement: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}
