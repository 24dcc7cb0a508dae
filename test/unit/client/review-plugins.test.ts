import { EditorState } from 'prosemirror-state'
import { initProseMirrorDoc, prosemirrorToYXmlFragment, ySyncPlugin } from 'y-prosemirror'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { schema } from '../../../schema/index.ts'
import { reviewHash } from '../../../schema/review-hash.ts'
import { anchorFromRange } from '../../../client/review/anchors.ts'
import { commentHighlights, setHighlightThreads, threadRange } from '../../../client/review/comment-highlights.ts'
import type { Anchor, ReviewRecord } from '../../../client/review/review-api.ts'
import { reviewBadges, reviewTargets, setReviewRecords } from '../../../client/review/review-badges.ts'

const SENTENCE = 'Uppsägningstiden är sex månader. Parterna tar fram en avvecklingsplan.'

/** A Y.Doc holding a title and one section, as the server seeds it. */
function seededDoc(): Y.Doc {
  const doc = schema.node('doc', null, [
    schema.node('title', null, [schema.text('IOP Mötesplats')]),
    schema.node('section', { kind: 'termination', uid: 'sec-1' }, [
      schema.node('heading', { level: 2 }, [schema.text('Uppsägning och avveckling')]),
      schema.node('paragraph', null, [schema.text(SENTENCE)]),
    ]),
  ])
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment('prosemirror'))
  return ydoc
}

/** The editor state a browser would build from the Y.Doc right now. */
function stateOf(ydoc: Y.Doc): EditorState {
  const fragment = ydoc.getXmlFragment('prosemirror')
  const { doc, mapping } = initProseMirrorDoc(fragment, schema)
  return EditorState.create({ schema, doc, plugins: [ySyncPlugin(fragment, { mapping }), commentHighlights(), reviewBadges()] })
}

function find(state: EditorState, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null
  state.doc.descendants((node, pos) => {
    const at = node.isText ? node.text!.indexOf(text) : -1
    if (!found && at >= 0) found = { from: pos + at, to: pos + at + text.length }
  })
  if (!found) throw new Error(`${text} not found`)
  return found
}

function covered(state: EditorState, anchor: Anchor): string | null {
  const fed = state.apply(setHighlightThreads(state.tr, [{ id: 't1', anchor, resolved: false }]))
  const range = threadRange(fed, 't1')
  return range ? fed.doc.textBetween(range.from, range.to) : null
}

describe('comment anchors', () => {
  it('cover the same words after text is inserted before them and the paragraph is split after them', () => {
    const ydoc = seededDoc()
    const before = stateOf(ydoc)
    const { from, to } = find(before, 'sex månader')
    const anchor = anchorFromRange(before, from, to)!
    expect(covered(before, anchor)).toBe('sex månader')

    // What another person's edits do to the shared text, as y-prosemirror writes them.
    const section = ydoc.getXmlFragment('prosemirror').get(1) as Y.XmlElement
    const text = (section.get(1) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(0, 'Varje part får säga upp avtalet. ')
    const split = text.toString().indexOf(' Parterna')
    const tail = text.toString().slice(split + 1)
    ydoc.transact(() => {
      text.delete(split, text.length - split)
      const next = new Y.XmlElement('paragraph')
      next.insert(0, [new Y.XmlText(tail)])
      section.insert(2, [next])
    })
    expect(covered(stateOf(ydoc), anchor)).toBe('sex månader')
  })

  it('follow a local edit through the transaction, and report deleted words as gone', () => {
    const state = stateOf(seededDoc())
    const { from, to } = find(state, 'sex månader')
    const fed = state.apply(setHighlightThreads(state.tr, [{ id: 't1', anchor: anchorFromRange(state, from, to)!, resolved: false }]))
    const typed = fed.apply(fed.tr.insertText('Numera ', find(fed, 'Uppsägningstiden').from))
    const range = threadRange(typed, 't1')!
    expect(typed.doc.textBetween(range.from, range.to)).toBe('sex månader')
    const deleted = typed.apply(typed.tr.delete(range.from, range.to))
    expect(threadRange(deleted, 't1')).toBeNull()
    expect(threadRange(deleted, 'never-fed')).toBeUndefined()
  })
})

describe('comment highlights at the edges of their words', () => {
  it('agree with the Yjs anchors on text typed right before and right after them', () => {
    const ydoc = seededDoc()
    const state = stateOf(ydoc)
    const { from, to } = find(state, 'sex månader')
    const anchor = anchorFromRange(state, from, to)!
    const fed = state.apply(setHighlightThreads(state.tr, [{ id: 't1', anchor, resolved: false }]))
    // Here: through the transaction.
    const typed = fed.apply(fed.tr.insertText('na', to).insertText('om ', from))
    const local = threadRange(typed, 't1')!
    // There: the same edits arriving through Yjs.
    const text = ((ydoc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText
    const offset = SENTENCE.indexOf('sex månader')
    text.insert(offset + 'sex månader'.length, 'na')
    text.insert(offset, 'om ')
    expect(typed.doc.textBetween(local.from, local.to)).toBe(covered(stateOf(ydoc), anchor))
  })
})

describe('review badges', () => {
  it('show "changed since approval" as soon as the section differs from the approved hash', () => {
    const state = stateOf(seededDoc())
    const section = state.doc.child(1)
    const approved: ReviewRecord = { targetUid: 'sec-1', status: 'approved', note: null, by: 'u1', byName: 'Jurist', at: '2026-11-22T10:00:00Z', approvedHash: reviewHash(section.toJSON()) }
    expect(reviewTargets(state).map((t) => t.shown)).toEqual(['draft'])
    const fed = state.apply(setReviewRecords(state.tr, [approved], null))
    expect(reviewTargets(fed).map((t) => t.shown)).toEqual(['approved'])
    // An attribute is not content: only the text and its structure count.
    const attrsOnly = fed.apply(fed.tr.setNodeAttribute(fed.doc.child(0).nodeSize, 'kind', 'duration'))
    expect(reviewTargets(attrsOnly).map((t) => t.shown)).toEqual(['approved'])
    const edited = fed.apply(fed.tr.insertText('Tre år. ', find(fed, 'Uppsägningstiden').from))
    expect(reviewTargets(edited).map((t) => t.shown)).toEqual(['changed'])
    const undone = edited.apply(edited.tr.delete(find(edited, 'Tre år. ').from, find(edited, 'Tre år. ').to))
    expect(reviewTargets(undone).map((t) => t.shown)).toEqual(['approved'])
  })
})
