import type { Awareness } from 'y-protocols/awareness'
import { membersApi, type Member, type Party } from './members-api.ts'

export interface GroupData {
  members: Member[] | null
  parties: Party[] | null
  error: unknown
}

/**
 * The writing group of one agreement (members and parties), refetched whenever it may have changed:
 * the server's `members` event (role changes, removals), and someone in presence who is not in the
 * list yet (a person who just accepted an invitation, which sends no event).
 */
export class GroupStore {
  private data: GroupData = { members: null, parties: null, error: null }
  private readonly listeners = new Set<(data: GroupData) => void>()
  private readonly cleanup: (() => void)[] = []
  private loading: Promise<void> | null = null
  private again = false

  constructor(
    readonly agreementId: string,
    awareness: Awareness,
  ) {
    if (typeof EventSource !== 'undefined') {
      const events = new EventSource(`/api/agreements/${encodeURIComponent(agreementId)}/events`)
      events.addEventListener('members', () => void this.refresh())
      // A closed stream (removed, logged out) must not retry forever against a 404.
      events.addEventListener('error', () => {
        if (events.readyState === EventSource.CLOSED) events.close()
      })
      this.cleanup.push(() => events.close())
    }
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
          void this.refresh()
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

  /** Refetches; calls during a fetch coalesce into one more fetch after it. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true
      return this.loading
    }
    this.loading = Promise.all([membersApi.members(this.agreementId), membersApi.parties(this.agreementId)])
      .then(
        ([members, parties]) => this.set({ members, parties, error: null }),
        (error: unknown) => this.set({ ...this.data, error }),
      )
      .finally(() => {
        this.loading = null
        if (this.again) {
          this.again = false
          void this.refresh()
        }
      })
    return this.loading
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
