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
 * the server's `members` event (role changes, removals) on the agreement's one shared event stream,
 * and someone in presence who is not in the list yet (a person who just accepted an invitation,
 * which sends no event).
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
