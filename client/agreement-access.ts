import { CloseCode } from '../schema/index.ts'
import { api, ApiError, type Agreement, type Role } from './api.ts'
import type { CollabSession } from './session.ts'

/**
 * What the signed-in person may do in one open agreement, as the server last said (GET
 * /api/agreements/:id). The server enforces every permission; this only decides which controls the
 * page shows and whether the editor takes input, so a reviewer never types text the server would
 * refuse with 4403.
 *
 * - `loading`: the first answer is pending; the editor stays read-only so nothing is typed in vain.
 * - `known`: role and permissions from the server.
 * - `unknown`: the server was unreachable (offline with a cached copy); editing is allowed and the
 *   server decides once the connection is back.
 * - `lost`: the person is no longer a member (removed while the page was open).
 */
export type AccessState = { status: 'loading' } | { status: 'known'; role: Role; permissions: readonly string[] } | { status: 'unknown' } | { status: 'lost' }

export class AgreementAccess {
  private state: AccessState = { status: 'loading' }
  private readonly listeners = new Set<(state: AccessState) => void>()
  private readonly cleanup: (() => void)[] = []

  constructor(
    readonly agreementId: string,
    session: CollabSession,
  ) {
    // 4009: the role changed and the provider reconnects by itself; the new role decides what the
    // page offers. 4403 is final: either removed (the refetch answers 404) or refused text. 4401:
    // the session ended; the refetch's 401 brings the login page back.
    const recheck: ReadonlySet<number> = new Set([CloseCode.RoleChanged, CloseCode.Forbidden, CloseCode.Unauthorized])
    const onClose = (event: CloseEvent | null): void => {
      if (event && recheck.has(event.code)) void this.load().catch(() => undefined)
    }
    session.provider.on('connection-close', onClose)
    this.cleanup.push(() => session.provider.off('connection-close', onClose))
  }

  getState(): AccessState {
    return this.state
  }

  role(): Role | null {
    return this.state.status === 'known' ? this.state.role : null
  }

  can(permission: string): boolean {
    return this.state.status === 'known' && this.state.permissions.includes(permission)
  }

  /** Whether the editor should take input. */
  canEdit(): boolean {
    return this.state.status === 'known' ? this.state.permissions.includes('edit') : this.state.status === 'unknown'
  }

  subscribe(listener: (state: AccessState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Fetches the agreement and with it the role; rejects like `api.get` (a 404 also marks access lost). */
  async load(): Promise<Agreement> {
    try {
      const found = await api.get(this.agreementId)
      if (found.role) this.set({ status: 'known', role: found.role, permissions: found.permissions ?? [] })
      return found
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.set({ status: 'lost' })
      // Unreachable or failing server: the server still decides on the socket; do not lock the page.
      else if (this.state.status === 'loading' && !(err instanceof ApiError && err.status === 401)) this.set({ status: 'unknown' })
      throw err
    }
  }

  destroy(): void {
    for (const fn of this.cleanup.splice(0)) fn()
    this.listeners.clear()
  }

  private set(next: AccessState): void {
    if (JSON.stringify(next) === JSON.stringify(this.state)) return
    this.state = next
    for (const listener of this.listeners) listener(next)
  }
}
