import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { EditorState, NodeSelection, TextSelection, type Command, type Plugin, type Transaction } from 'prosemirror-state'
import { Slice, type Node as PMNode } from 'prosemirror-model'
import { joinBackward, joinForward, lift, splitBlock } from 'prosemirror-commands'
import { initProseMirrorDoc, prosemirrorToYXmlFragment, redo, undo, ySyncPlugin, yUndoPlugin } from 'y-prosemirror'
import { newAgreementDoc, schema, SECTION_IDS, type SectionId } from '../../../schema/index.ts'
import { sectionGuard, sectionSafeDeletes } from '../../../client/editor/section-guard.ts'
import { uniqueUids } from '../../../client/editor/unique-uids.ts'
import { deleteSection, insertSection } from '../../../client/editor/commands.ts'
import { sectionFacts, uidNodes } from '../../../client/editor/section-facts.ts'

/**
 * A seeded structural fuzz: several y-prosemirror editors on one agreement split, join, delete at
 * section edges, paste, lift, insert sections and clauses, delete sections and undo, while their
 * links drop and come back. After every step each replica's doc passes `check()` and keeps the
 * section invariants; at the end, all links up, every replica holds the same document.
 *
 * The editors are real ProseMirror states with y-prosemirror's sync and undo plugins and our section
 * plugins; only the DOM is missing: a headless view applies transactions and calls the plugin views,
 * which is all the binding needs (it asks `hasFocus()`, which is false, before touching the DOM).
 */

const SEED = Number(process.env.STRUCTURE_SEED ?? 20261130)
const STEPS = Number(process.env.STRUCTURE_STEPS ?? 250)
const REPLICAS = 3

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type PluginView = { update?: (view: HeadlessView, prev: EditorState) => void; destroy?: () => void }

/** The part of EditorView the plugins use: state, dispatch, plugin views, focus. */
class HeadlessView {
  state: EditorState
  private readonly views: PluginView[]
  readonly dom = null

  constructor(state: EditorState) {
    this.state = state
    this.views = state.plugins.map((p) => (p.spec.view ? (p.spec.view(this as never) as PluginView) : {}))
  }

  dispatch = (tr: Transaction): void => {
    const prev = this.state
    this.state = this.state.apply(tr)
    for (const v of this.views) v.update?.(this, prev)
  }

  hasFocus(): boolean {
    return false
  }

  focus(): void {}

  destroy(): void {
    for (const v of this.views) v.destroy?.()
  }
}

interface Replica {
  name: string
  doc: Y.Doc
  view: HeadlessView
  online: boolean
}

function makeReplica(name: string, clientID: number, initial: Uint8Array): Replica {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, initial)
  const fragment = doc.getXmlFragment('prosemirror')
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema)
  const plugins: Plugin[] = [ySyncPlugin(fragment, { mapping }), yUndoPlugin(), sectionGuard(), uniqueUids()]
  const view = new HeadlessView(EditorState.create({ schema, doc: pmDoc, plugins }))
  return { name, doc, view, online: true }
}

/** Delivers every replica's missing state to every other online replica (a sync step 2 both ways). */
function exchange(replicas: Replica[]): void {
  const online = replicas.filter((r) => r.online)
  for (const a of online)
    for (const b of online) {
      if (a === b) continue
      const diff = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc))
      Y.applyUpdate(b.doc, diff, 'remote')
    }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await Promise.resolve()
}

function textPositions(doc: PMNode): number[] {
  const positions: number[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      for (let i = 0; i <= node.content.size; i++) positions.push(pos + 1 + i)
      return false
    }
    return true
  })
  return positions
}

/** Positions where a section edge is one keystroke away: start of its first and end of its last textblock. */
function sectionEdges(doc: PMNode): number[] {
  const edges: number[] = []
  doc.forEach((node, offset) => {
    if (node.type.name !== 'section') return
    edges.push(offset + 2)
    edges.push(offset + node.nodeSize - 2)
  })
  return edges
}

function invariants(r: Replica, where: string): void {
  const doc = r.view.state.doc
  expect(() => doc.check(), `${where}: ${r.name} doc.check()`).not.toThrow()
  doc.forEach((node) => expect(['title', 'section', 'paragraph', 'heading', 'bullet_list', 'ordered_list', 'clause', 'table']).toContain(node.type.name))
  doc.descendants((node, _pos, parent) => {
    if (node.type.name === 'section') expect(parent, `${where}: ${r.name} a section nested in ${parent?.type.name}`).toBe(doc)
    return !node.isTextblock
  })
  const uids = uidNodes(doc).map((n) => n.uid)
  expect(
    uids.filter((u) => u === null),
    `${where}: ${r.name} a section or clause without uid`,
  ).toEqual([])
  expect(new Set(uids).size, `${where}: ${r.name} duplicate uids ${JSON.stringify(uids)}`).toBe(uids.length)
}

describe('section structure under concurrent editing (seeded fuzz)', () => {
  it(`${REPLICAS} y-prosemirror editors, ${STEPS} structural steps, seed ${SEED}: converge, check() and section invariants hold`, async () => {
    const random = rng(SEED)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    let uidCounter = 0
    const seedDoc = new Y.Doc()
    prosemirrorToYXmlFragment(newAgreementDoc({ title: 'IOP Fuzz', lang: 'sv', skeleton: true, makeUid: () => `seed-${++uidCounter}` }), seedDoc.getXmlFragment('prosemirror'))
    const initial = Y.encodeStateAsUpdate(seedDoc)
    const replicas = Array.from({ length: REPLICAS }, (_, i) => makeReplica(`r${i}`, 1000 + i, initial))
    const deletes = sectionSafeDeletes()
    const counts = { applied: 0, swallowed: 0, vetoed: 0, offline: 0 }

    const at = (r: Replica, pos: number, head = pos): EditorState => {
      const { state } = r.view
      const sel = TextSelection.between(state.doc.resolve(Math.min(pos, state.doc.content.size)), state.doc.resolve(Math.min(head, state.doc.content.size)))
      r.view.dispatch(state.tr.setSelection(sel))
      return r.view.state
    }
    const run = (r: Replica, command: Command): void => {
      const before = r.view.state.doc
      // No view: the commands then judge textblock edges from the document alone, as in a test.
      const ran = command(r.view.state, r.view.dispatch)
      if (!ran) counts.vetoed++
      else if (r.view.state.doc === before) counts.swallowed++
      else counts.applied++
    }

    const operations: { name: string; weight: number; run: (r: Replica) => void }[] = [
      { name: 'type', weight: 4, run: (r) => (at(r, pick(textPositions(r.view.state.doc))), r.view.dispatch(r.view.state.tr.insertText(pick(['a', 'Parterna ', 'mål. ', '§'])))) },
      { name: 'split', weight: 2, run: (r) => (at(r, pick(textPositions(r.view.state.doc))), run(r, splitBlock)) },
      { name: 'backspace at a section edge', weight: 3, run: (r) => (at(r, pick(sectionEdges(r.view.state.doc))), run(r, deletes.Backspace!)) },
      { name: 'delete at a section edge', weight: 3, run: (r) => (at(r, pick(sectionEdges(r.view.state.doc))), run(r, deletes.Delete!)) },
      { name: 'backspace anywhere', weight: 2, run: (r) => (at(r, pick(textPositions(r.view.state.doc))), run(r, deletes.Backspace!)) },
      { name: 'raw join backward', weight: 1, run: (r) => (at(r, pick(sectionEdges(r.view.state.doc))), run(r, joinBackward)) },
      { name: 'raw join forward', weight: 1, run: (r) => (at(r, pick(sectionEdges(r.view.state.doc))), run(r, joinForward)) },
      { name: 'lift', weight: 1, run: (r) => (at(r, pick(textPositions(r.view.state.doc))), run(r, lift)) },
      {
        name: 'delete a range across sections',
        weight: 1,
        run: (r) => {
          const positions = textPositions(r.view.state.doc)
          at(r, pick(positions), pick(positions))
          run(r, (state, dispatch) => (dispatch?.(state.tr.deleteSelection()), true))
        },
      },
      {
        name: 'paste a copied section (raw replace, as a drop would)',
        weight: 2,
        run: (r) => {
          const { doc } = r.view.state
          const sections = sectionFacts(doc)
          if (sections.length === 0) return
          const source = pick(sections)
          const slice = new Slice(doc.slice(source.pos, source.pos + doc.nodeAt(source.pos)!.nodeSize).content, 0, 0)
          at(r, pick(textPositions(doc)))
          run(r, (state, dispatch) => (dispatch?.(state.tr.replaceSelection(slice)), true))
        },
      },
      {
        name: 'insert a clause copied from another (same uid)',
        weight: 2,
        run: (r) => {
          const { doc } = r.view.state
          const clauses = uidNodes(doc).filter((n) => n.node.type.name === 'clause')
          const clause =
            clauses.length > 0 && random() < 0.6
              ? clauses[0]!.node
              : schema.nodes.clause!.create({ clauseId: 'duration.fixed', uid: `clause-${SEED}` }, schema.nodes.paragraph!.create(null, schema.text('Avtalet gäller i två år.')))
          at(r, pick(textPositions(doc)))
          run(r, (state, dispatch) => (dispatch?.(state.tr.replaceSelectionWith(clause)), true))
        },
      },
      {
        name: 'insert a section',
        weight: 2,
        run: (r) => (
          at(r, pick(textPositions(r.view.state.doc))),
          run(
            r,
            insertSection(pick(SECTION_IDS) as SectionId, 'sv', () => `new-${r.name}-${++uidCounter}`),
          )
        ),
      },
      {
        name: 'delete a section (explicit)',
        weight: 1,
        run: (r) => {
          if (sectionFacts(r.view.state.doc).length < 6) return
          at(r, pick(sectionEdges(r.view.state.doc)))
          run(r, deleteSection())
        },
      },
      { name: 'undo', weight: 2, run: (r) => run(r, undo) },
      { name: 'redo', weight: 1, run: (r) => run(r, redo) },
      {
        name: 'select a whole section node and press Backspace',
        weight: 1,
        run: (r) => {
          const sections = sectionFacts(r.view.state.doc)
          if (sections.length === 0) return
          const { state } = r.view
          r.view.dispatch(state.tr.setSelection(NodeSelection.create(state.doc, pick(sections).pos)))
          run(r, deletes.Backspace!)
        },
      },
    ]
    const total = operations.reduce((n, o) => n + o.weight, 0)
    const chooseOperation = () => {
      let x = random() * total
      for (const o of operations) if ((x -= o.weight) < 0) return o
      return operations[0]!
    }

    for (let step = 0; step < STEPS; step++) {
      const r = pick(replicas)
      if (random() < 0.08) {
        r.online = !r.online
        if (!r.online) counts.offline++
      }
      const operation = chooseOperation()
      const before = sectionFacts(r.view.state.doc)
      operation.run(r)
      await flush()
      const where = `seed ${SEED} step ${step} (${operation.name} on ${r.name})`
      invariants(r, where)
      // Only the explicit command, undo and redo may take a section away.
      if (!['delete a section (explicit)', 'undo', 'redo'].includes(operation.name)) {
        const now = new Set(sectionFacts(r.view.state.doc).map((f) => f.uid))
        for (const f of before) expect(now.has(f.uid), `${where}: section ${f.uid} disappeared`).toBe(true)
      }
      if (random() < 0.5) {
        exchange(replicas)
        await flush()
        for (const other of replicas) invariants(other, `${where}, after delivery to ${other.name}`)
      }
    }

    for (const r of replicas) r.online = true
    for (let round = 0; round < 4; round++) {
      exchange(replicas)
      await flush()
    }
    const reference = replicas[0]!
    for (const r of replicas) {
      invariants(r, `seed ${SEED} at the end`)
      expect(Y.encodeStateVector(r.doc), `seed ${SEED}: ${r.name} Yjs state`).toEqual(Y.encodeStateVector(reference.doc))
      expect(r.doc.getXmlFragment('prosemirror').toString()).toBe(reference.doc.getXmlFragment('prosemirror').toString())
      expect(r.view.state.doc.toJSON(), `seed ${SEED}: ${r.name} editor doc`).toEqual(reference.view.state.doc.toJSON())
    }
    // The editor docs are what Yjs holds (no fix left unwritten).
    const fromYjs = initProseMirrorDoc(reference.doc.getXmlFragment('prosemirror'), schema).doc
    expect(fromYjs.toJSON()).toEqual(reference.view.state.doc.toJSON())
    // The fuzz really exercised the guard: structure-breaking keystrokes were swallowed or vetoed.
    expect(counts.swallowed + counts.vetoed).toBeGreaterThan(20)
    expect(counts.applied).toBeGreaterThan(50)
    expect(counts.offline).toBeGreaterThan(3)
    console.info(`structure fuzz seed ${SEED}: ${JSON.stringify(counts)}, ${sectionFacts(reference.view.state.doc).length} sections at the end`)
    for (const r of replicas) r.view.destroy()
  }, 120_000)
})
