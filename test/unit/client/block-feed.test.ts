import { EditorState } from 'prosemirror-state'
import type { Node as PMNode } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { schema } from '../../../schema/schema.ts'
import { validateAgreement } from '../../../schema/validator/index.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { BlockFeed, BlockStore, type FeedMessage } from '../../../client/validation/block-feed.ts'
import { fixture } from '../validator/helpers.ts'

/** Through structured clone, as postMessage does: the receiver never shares objects with the sender. */
const send = (m: FeedMessage): FeedMessage => structuredClone(m)

function textPositions(doc: PMNode): number[] {
  const out: number[] = []
  doc.descendants((n, pos) => {
    if (n.isText && n.text!.length > 3) out.push(pos + 1)
    return true
  })
  return out
}

describe('block feed (the validator worker is sent changed blocks only)', () => {
  const base = markdownToDoc(fixture('sv-complete-informal.md'))

  it('rebuilds every document exactly, through a long run of edits, and validates it the same', () => {
    const feed = new BlockFeed()
    const store = new BlockStore(schema)
    let doc = base
    let seed = 3
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 60; i++) {
      const rebuilt = store.apply(send(feed.message(doc)))
      expect(rebuilt.eq(doc)).toBe(true)
      if (i % 10 === 0) expect(JSON.stringify(validateAgreement(rebuilt, { lang: 'en' }))).toBe(JSON.stringify(validateAgreement(doc, { lang: 'en' })))
      const positions = textPositions(doc)
      const pos = positions[Math.floor(random() * positions.length)]!
      const tr = EditorState.create({ doc }).tr
      if (i % 4 === 0) tr.insertText('Ny mening om kostnader. ', pos)
      else if (i % 4 === 1) tr.delete(pos, Math.min(pos + 4, doc.content.size - 1))
      else if (i % 4 === 2) tr.split(pos)
      else tr.insert(doc.content.size, schema.nodes.paragraph!.create(null, schema.text(`Tillägg ${i}.`)))
      doc = tr.doc
    }
  })

  it('a keystroke sends the edited paragraph and its containers, and the receiver reuses every other node', () => {
    const feed = new BlockFeed()
    const store = new BlockStore(schema)
    const first = feed.message(base)
    const before = store.apply(send(first))
    expect(first.sent).toBeGreaterThan(20)
    const pos = textPositions(base)[10]!
    const typed = EditorState.create({ doc: base }).tr.insertText('x', pos).doc
    const message = feed.message(typed)
    // The paragraph, plus at most the section / list / item around it.
    expect(message.sent).toBeGreaterThanOrEqual(1)
    expect(message.sent).toBeLessThanOrEqual(4)
    expect(JSON.stringify(message).length).toBeLessThan(JSON.stringify(first).length / 10)
    const after = store.apply(send(message))
    expect(after.eq(typed)).toBe(true)
    let shared = 0
    after.forEach((child, _o, i) => {
      if (child === before.child(i)) shared++
    })
    expect(shared).toBe(after.childCount - 1)
  })

  it('an undo that brings back an old node sends it again; the receiver keeps only the current document', () => {
    const feed = new BlockFeed()
    const store = new BlockStore(schema)
    store.apply(send(feed.message(base)))
    const held = store.size
    const pos = textPositions(base)[5]!
    const typed = EditorState.create({ doc: base }).tr.insertText('abc', pos).doc
    store.apply(send(feed.message(typed)))
    expect(store.size).toBe(held)
    const back = feed.message(base)
    expect(back.sent).toBeGreaterThanOrEqual(1)
    expect(store.apply(send(back)).eq(base)).toBe(true)
    expect(store.size).toBe(held)
  })

  it('a receiver that lost its blocks refuses a message by key, and a reset sender sends everything', () => {
    const feed = new BlockFeed()
    const store = new BlockStore(schema)
    store.apply(send(feed.message(base)))
    const typed = EditorState.create({ doc: base }).tr.insertText('x', textPositions(base)[3]!).doc
    store.clear()
    expect(() => store.apply(send(feed.message(typed)))).toThrow(/unknown key/)
    feed.reset()
    expect(store.apply(send(feed.message(typed))).eq(typed)).toBe(true)
  })
})
