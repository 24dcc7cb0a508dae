import { Fragment, type Node as PMNode, type Schema } from 'prosemirror-model'

/**
 * Feeding a document to a validator in another thread with what changed only. ProseMirror documents are
 * immutable and an edit shares every untouched node with the previous document, so node identity says
 * what changed: each node gets a numeric key the first time it is sent, and later messages send the key
 * alone for a node the receiver still holds. A container (section, clause, list, table) whose node is
 * new is sent as a shell with entries for its children, so typing in one paragraph of a long section
 * sends that paragraph, not the section.
 *
 * On the receiving side the unchanged nodes are the very objects of the previous document, so the
 * validator's per-node analysis cache (keyed on node identity) keeps working across the thread.
 */

/** A node the receiver holds (its key), a whole leaf-level node as JSON, or a container shell. */
export type FeedEntry = number | { k: number; json: unknown } | { k: number; type: string; attrs: Record<string, unknown>; marks?: unknown[]; children: FeedEntry[] }

export interface FeedMessage {
  /** The document's top-level children, in order. */
  top: FeedEntry[]
  /** Number of nodes sent in full or as shells (for tests and the benchmark). */
  sent: number
}

/** The sending side: one per receiver, because it remembers what that receiver holds. */
export class BlockFeed {
  private keys = new WeakMap<PMNode, number>()
  private next = 1
  /** Keys the receiver holds after the last message: every node of the last document it was sent. */
  private held = new Set<number>()
  /** The child keys of each container sent as a shell, to know what a reference by key keeps alive. */
  private children = new Map<number, number[]>()

  message(doc: PMNode): FeedMessage {
    let sent = 0
    const entry = (node: PMNode): FeedEntry => {
      const known = this.keys.get(node)
      if (known !== undefined && this.held.has(known)) return known
      // A node the receiver dropped (an undo brings an old one back) gets a new key and is sent again.
      const k = this.next++
      this.keys.set(node, k)
      sent++
      if (node.isTextblock || node.isLeaf || node.childCount === 0) return { k, json: node.toJSON() }
      const children: FeedEntry[] = []
      node.forEach((child) => children.push(entry(child)))
      this.children.set(k, children.map(keyOf))
      const shell: FeedEntry = { k, type: node.type.name, attrs: node.attrs, children }
      if (node.marks.length) shell.marks = node.marks.map((m) => m.toJSON())
      return shell
    }
    const top: FeedEntry[] = []
    doc.forEach((child) => top.push(entry(child)))
    this.held = reachable(top.map(keyOf), this.children)
    return { top, sent }
  }

  /** The receiver lost its state (it was restarted): send everything again next time. */
  reset(): void {
    this.held = new Set()
    this.children.clear()
  }
}

/** The receiving side: rebuilds each document from the entries and the nodes it kept. */
export class BlockStore {
  private nodes = new Map<number, PMNode>()
  private children = new Map<number, number[]>()

  constructor(private readonly schema: Schema) {}

  apply(message: FeedMessage): PMNode {
    const build = (e: FeedEntry): PMNode => {
      if (typeof e === 'number') {
        const node = this.nodes.get(e)
        if (!node) throw new Error(`block feed: unknown key ${e}`)
        return node
      }
      let node: PMNode
      if ('json' in e) node = this.schema.nodeFromJSON(e.json)
      else {
        const type = this.schema.nodes[e.type]
        if (!type) throw new Error(`block feed: unknown node type ${e.type}`)
        node = type.create(
          e.attrs,
          Fragment.fromArray(e.children.map(build)),
          e.marks?.map((m) => this.schema.markFromJSON(m)),
        )
        this.children.set(e.k, e.children.map(keyOf))
      }
      this.nodes.set(e.k, node)
      return node
    }
    const doc = this.schema.topNodeType.create(null, Fragment.fromArray(message.top.map(build)))
    // Only the nodes of this document: the sender forgets the rest by the same rule.
    const live = reachable(message.top.map(keyOf), this.children)
    for (const k of this.nodes.keys()) if (!live.has(k)) this.nodes.delete(k)
    for (const k of this.children.keys()) if (!live.has(k)) this.children.delete(k)
    return doc
  }

  clear(): void {
    this.nodes.clear()
    this.children.clear()
  }

  get size(): number {
    return this.nodes.size
  }
}

function keyOf(e: FeedEntry): number {
  return typeof e === 'number' ? e : e.k
}

/** The keys of the nodes under `roots`, roots included; `children` loses the entries of the rest. */
function reachable(roots: number[], children: Map<number, number[]>): Set<number> {
  const out = new Set<number>()
  const stack = [...roots]
  while (stack.length) {
    const k = stack.pop()!
    if (out.has(k)) continue
    out.add(k)
    const kids = children.get(k)
    if (kids) for (const c of kids) stack.push(c)
  }
  for (const k of children.keys()) if (!out.has(k)) children.delete(k)
  return out
}
