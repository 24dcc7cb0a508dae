import { describe, expect, it } from 'vitest'
import { AgreementEvents, type AgreementEvent } from '../../../server/review/events.ts'

/** What listeners on this instance hear, and what is relayed to the other instances. */
function setup() {
  const events = new AgreementEvents()
  const heard: AgreementEvent[] = []
  const relayed: string[] = []
  events.subscribe('a1', (e) => heard.push(e))
  events.relayTo((id, e) => relayed.push(`${id}:${e}`))
  return { events, heard, relayed }
}
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('AgreementEvents across instances', () => {
  it('relays an event emitted here once, however often it was emitted in the tick', async () => {
    const { events, heard, relayed } = setup()
    events.emit('a1', 'members')
    events.emit('a1', 'members')
    events.emit('a1', 'comments')
    await tick()
    expect(heard).toEqual(['members', 'comments'])
    expect(relayed).toEqual(['a1:members', 'a1:comments'])
  })

  it('delivers an event from another instance to listeners here without relaying it back', async () => {
    const { events, heard, relayed } = setup()
    events.deliver('a1', 'reviews')
    await tick()
    expect(heard).toEqual(['reviews'])
    expect(relayed).toEqual([])
  })

  it('hears one event when the same one came from here and from elsewhere in one tick, and still relays it', async () => {
    const { events, heard, relayed } = setup()
    events.deliver('a1', 'acks')
    events.emit('a1', 'acks')
    await tick()
    expect(heard).toEqual(['acks'])
    expect(relayed).toEqual(['a1:acks'])
  })
})
