import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { filterAwarenessUpdate, stampedUserId } from '../../../server/sync/awareness-stamp.ts'

/** Two real awareness states, as an instance would publish them, encoded in one update. */
function update(): { bytes: Uint8Array; ids: [number, number] } {
  const one = new awarenessProtocol.Awareness(new Y.Doc())
  const two = new awarenessProtocol.Awareness(new Y.Doc())
  one.setLocalState({ user: { userId: 'u-1', name: 'Ägaren' }, cursor: null })
  two.setLocalState({ user: { userId: 'u-2', name: 'Juristen' }, cursor: null })
  awarenessProtocol.applyAwarenessUpdate(one, awarenessProtocol.encodeAwarenessUpdate(two, [two.clientID]), 'test')
  return { bytes: awarenessProtocol.encodeAwarenessUpdate(one, [one.clientID, two.clientID]), ids: [one.clientID, two.clientID] }
}

describe('presence from another instance', () => {
  it('keeps exactly the entries asked for, with their clocks and states, readable by y-protocols', () => {
    const { bytes, ids } = update()
    const seen: [number, string | null][] = []
    const kept = filterAwarenessUpdate(bytes, (clientId, state) => {
      seen.push([clientId, stampedUserId(state)])
      return clientId === ids[1]
    })
    expect(seen).toEqual([
      [ids[0], 'u-1'],
      [ids[1], 'u-2'],
    ])
    const target = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(target, kept, 'remote')
    expect([...target.getStates().keys()].filter((id) => id !== target.clientID)).toEqual([ids[1]])
    expect((target.getStates().get(ids[1]) as { user: { name: string } }).user.name).toBe('Juristen')
  })

  it('reads no person from a state without a stamped user id', () => {
    expect(stampedUserId(null)).toBeNull()
    expect(stampedUserId({ user: { name: 'x' } })).toBeNull()
    expect(stampedUserId({ user: { userId: 42 } })).toBeNull()
    expect(stampedUserId({ user: { userId: 'u-9' } })).toBe('u-9')
  })
})
