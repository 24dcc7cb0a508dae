import type { Awareness } from 'y-protocols/awareness'
import { liveResource } from '../review/live.ts'
import { membersApi, type Member, type Party } from './members-api.ts'

export interface GroupData {
  members: Member[] | null
  parties: Party[] | null
  /** The last fetch failed (offline, or no longer a member); the lists keep what was known. */
  failed: boolean
}

/**
 * The writing group of one agreement (members and parties), refetched whenever it may have changed:
 * the server's `members` event (members added, changed or removed, parties, accepted invitations) on
 * the agreement's one shared event stream, and, as a fallback for an event lost while the stream was
 * down, someone in presence who is not in the list yet. One store per open agreement is shared by
 * every panel that needs the group (members card, mentions in comments): see `sharedGroupStore`.
 */
export class GroupStore {
  private data: GroupData = { members: null, parties: null, failed: false }
  private readonly listeners = new Set<(data: GroupData) => void>()
  private readonly cleanup: (() => void)[] = []
  private readonly live: { refresh(): void; stop(): void }

  constructor(
    readonly agreementId: string,
    awareness: Awareness,
  ) {
    this.live = liveResource(
      agreementId,
      'members',
      () => Promise.all([membersApi.members(agreementId), membersApi.parties(agreementId)]),
      (data) => this.set(data ? { members: data[0], parties: data[1], failed: false } : { ...this.data, failed: true }),
    )
    this.cleanup.push(() => this.live.stop())

    // Awareness changes with every cursor move: ask once per newcomer, not once per keystroke.
    const askedFor = new Set<string>()
    const onAwareness = (): void => {
      const members = this.data.members
      if (!members) return
      const known = new Set(members.map((m) => m.userId))
      for (const state of awareness.getStates().values()) {
        const userId = (state as { user?: { userId?: unknown } }).user?.userId
        if (typeof userId === 'string' && !known.has(userId) && !askedFor.has(userId)) {
          askedFor.add(userId)
          this.refresh()
          return
        }
      }
    }
    awareness.on('change', onAwareness)
    this.cleanup.push(() => awareness.off('change', onAwareness))
  }

  get(): GroupData {
    return this.data
  }

  subscribe(listener: (data: GroupData) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Refetches; a slower earlier answer never overwrites a newer one. */
  refresh(): void {
    this.live.refresh()
  }

  /** Applies a change the server confirmed, without waiting for the refetch. */
  replaceMember(member: Member): void {
    this.set({ ...this.data, members: (this.data.members ?? []).map((m) => (m.userId === member.userId ? member : m)) })
  }

  destroy(): void {
    for (const fn of this.cleanup.splice(0)) fn()
    this.listeners.clear()
  }

  private set(data: GroupData): void {
    this.data = data
    for (const listener of this.listeners) listener(data)
  }
}

const shared = new Map<string, { store: GroupStore; users: number }>()

/**
 * The one store of an agreement, shared by its panels so none refetches what another already has.
 * Each caller gets a release function; the store goes when the last one releases it.
 */
export function sharedGroupStore(agreementId: string, awareness: Awareness): { store: GroupStore; release: () => void } {
  let entry = shared.get(agreementId)
  if (!entry) {
    entry = { store: new GroupStore(agreementId, awareness), users: 0 }
    shared.set(agreementId, entry)
  }
  const mine = entry
  mine.users++
  let released = false
  return {
    store: mine.store,
    release: () => {
      if (released) return
      released = true
      if (--mine.users > 0) return
      mine.store.destroy()
      if (shared.get(agreementId) === mine) shared.delete(agreementId)
    },
  }
}
