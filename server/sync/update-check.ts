import * as Y from 'yjs'
import type { Schema } from 'prosemirror-model'

/**
 * What the server accepts into an agreement's Y.Doc, checked on the decoded update before Yjs takes
 * any of it in. An update is accepted or refused whole: filtering parts of it is no security boundary
 * (the Yjs threat model), and a half-applied update would leave the stored state and the peers apart.
 *
 * The agreement lives in one Y.XmlFragment written by y-prosemirror: elements named after schema
 * nodes with the node's attributes as element attributes, text as Y.XmlText whose formats are mark
 * names (optionally `name--<8 chars>` for overlapping marks) holding the mark's attributes. Anything
 * else (another root type, an unknown node, mark or attribute, maps, arrays, embeds, subdocuments)
 * would be deleted by every reader's editor binding, or hide data no one can see.
 */
export interface UpdateRules {
  root: string
  /** Element name → its attribute names. */
  nodes: ReadonlyMap<string, ReadonlySet<string>>
  /** Mark name → its attribute names. */
  marks: ReadonlyMap<string, ReadonlySet<string>>
  /** Mark name → the attributes it cannot be made without (no default): a reader's editor would drop the text. */
  requiredMarkAttrs: ReadonlyMap<string, readonly string[]>
}

export function rulesFromSchema(schema: Schema, root: string): UpdateRules {
  const nodes = new Map<string, ReadonlySet<string>>()
  for (const [name, type] of Object.entries(schema.nodes)) {
    if (type.isText || name === schema.topNodeType.name) continue
    nodes.set(name, new Set(Object.keys(type.spec.attrs ?? {})))
  }
  const marks = new Map<string, ReadonlySet<string>>()
  const requiredMarkAttrs = new Map<string, readonly string[]>()
  for (const [name, type] of Object.entries(schema.marks)) {
    const attrs = type.spec.attrs ?? {}
    marks.set(name, new Set(Object.keys(attrs)))
    requiredMarkAttrs.set(
      name,
      Object.entries(attrs)
        .filter(([, spec]) => !('default' in spec))
        .map(([attr]) => attr),
    )
  }
  // Elements get their attributes one struct at a time, so a node's required attribute cannot be
  // checked per struct; the schema gives every node attribute a default instead.
  for (const [name, type] of Object.entries(schema.nodes)) {
    for (const [attr, spec] of Object.entries(type.spec.attrs ?? {})) if (!('default' in spec)) throw new Error(`node ${name}: attribute ${attr} needs a default`)
  }
  return { root, nodes, marks, requiredMarkAttrs }
}

/** `schema`: content an agreement cannot hold; `malformed`: references Yjs could not follow. */
export type UpdateVerdict = { ok: true } | { ok: false; kind: 'schema' | 'malformed'; reason: string }

/** Where a struct sits: the root fragment, an element, a text, a dead (collected) parent, or not known yet. */
type Container = { kind: 'root'; key: string } | { kind: 'element'; name: string } | { kind: 'text' } | { kind: 'other' } | { kind: 'dead' } | { kind: 'unknown' }

interface Placement {
  container: Container
  sub: string | null
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly kind: 'schema' | 'malformed',
  ) {
    super(message)
  }
}

const refuse = (reason: string, kind: 'schema' | 'malformed' = 'schema'): never => {
  throw new Refusal(reason, kind)
}

/**
 * Checks a decoded-able update against the schema and against the references Yjs would follow while
 * integrating it. Throws nothing: an undecodable update is reported as refused.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, rules: UpdateRules): UpdateVerdict {
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: unknown }
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded
  } catch (err) {
    return { ok: false, kind: 'malformed', reason: `undecodable update: ${err instanceof Error ? err.message : String(err)}` }
  }
  try {
    new UpdateChecker(doc, decoded.structs, rules).run()
    return { ok: true }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, kind: err.kind, reason: err.message }
    return { ok: false, kind: 'malformed', reason: `unreadable update: ${err instanceof Error ? err.message : String(err)}` }
  }
}

class UpdateChecker {
  /** The update's structs per client, in clock order (as encoded). */
  private readonly byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  private readonly placements = new Map<Y.Item, Placement>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: (Y.Item | Y.GC | Y.Skip)[],
    private readonly rules: UpdateRules,
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client)
      if (list) list.push(struct)
      else this.byClient.set(struct.id.client, [struct])
    }
  }

  run(): void {
    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item)) continue
      this.checkReferences(struct)
      this.checkContent(struct, this.placementOf(struct))
    }
  }

  /**
   * Yjs integrates one client's structs in clock order and looks up a same-client reference directly
   * (it is never "missing"), so a reference to a later clock of the same client throws half-way
   * through applying: the first part of the update would already be in the document.
   */
  private checkReferences(item: Y.Item): void {
    const own = item.id
    for (const ref of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (!ref) continue
      if (ref.client === own.client && ref.clock >= own.clock) refuse('a struct refers to a later struct of its own client', 'malformed')
    }
  }

  private checkContent(item: Y.Item, { container, sub }: Placement): void {
    const content = item.content
    if (container.kind === 'root' && container.key !== this.rules.root) refuse(`root type "${container.key}" is not part of an agreement`)
    if (content instanceof Y.ContentDeleted) return
    if (container.kind === 'dead') return
    if (container.kind === 'other') refuse('content inside a type that is not part of an agreement')
    if (content instanceof Y.ContentType) {
      const type = content.type
      if (sub !== null) refuse('a type stored as an attribute')
      if (type instanceof Y.XmlElement) {
        if (!this.rules.nodes.has(type.nodeName)) refuse(`unknown node "${type.nodeName.slice(0, 40)}"`)
        if (container.kind === 'text') refuse('an element inside text')
        return
      }
      if (type instanceof Y.XmlText) {
        if (container.kind === 'root' || container.kind === 'text') refuse('text outside a node')
        return
      }
      refuse('a type that is not part of an agreement')
    }
    if (content instanceof Y.ContentString) {
      if (sub !== null || (container.kind !== 'text' && container.kind !== 'unknown')) refuse('text outside a text node')
      return
    }
    if (content instanceof Y.ContentFormat) {
      if (sub !== null || (container.kind !== 'text' && container.kind !== 'unknown')) refuse('formatting outside a text node')
      const attrs = this.rules.marks.get(markName(content.key))
      if (!attrs) refuse(`unknown mark "${content.key.slice(0, 40)}"`)
      const value: unknown = content.value
      if (value === null) return
      if (typeof value !== 'object' || Array.isArray(value)) refuse('mark attributes must be an object')
      for (const key of Object.keys(value as object)) if (!attrs!.has(key)) refuse(`unknown attribute "${key.slice(0, 40)}" of mark`)
      for (const key of this.rules.requiredMarkAttrs.get(markName(content.key)) ?? []) {
        if ((value as Record<string, unknown>)[key] === undefined) refuse(`mark "${markName(content.key)}" without its "${key}"`)
      }
      return
    }
    if (content instanceof Y.ContentAny) {
      if (sub === null) refuse('values outside node attributes')
      if (container.kind === 'unknown') {
        // The element is not here yet (it arrives later); its name is still bounded by the schema.
        if (![...this.rules.nodes.values()].some((attrs) => attrs.has(sub!))) refuse(`unknown attribute "${sub!.slice(0, 40)}"`)
        return
      }
      if (container.kind !== 'element') refuse('attributes outside an element')
      const attrs = this.rules.nodes.get((container as { name: string }).name)
      if (!attrs?.has(sub!)) refuse(`unknown attribute "${sub!.slice(0, 40)}" of ${(container as { name: string }).name}`)
      return
    }
    refuse(`content of kind ${content.constructor.name} is not part of an agreement`)
  }

  /**
   * Where an item of the update will be integrated. An item without an encoded parent sits beside its
   * left (or right) neighbour; chains of such neighbours are followed iteratively (an update may hold
   * long ones) and every item on the way remembers the answer.
   */
  private placementOf(start: Y.Item): Placement {
    const chain: Y.Item[] = []
    let item: Y.Item = start
    let placement: Placement | undefined
    for (;;) {
      placement = this.placements.get(item)
      if (placement) break
      chain.push(item)
      // Each step moves to another struct of the update; more steps than structs means a cycle.
      if (chain.length > this.structs.length + 1) refuse('a cycle of references', 'malformed')
      const parent: unknown = item.parent
      if (typeof parent === 'string') {
        placement = { container: { kind: 'root', key: parent }, sub: item.parentSub }
        break
      }
      if (parent instanceof Y.ID) {
        placement = { container: this.typeAt(parent), sub: item.parentSub }
        break
      }
      const neighbour = item.origin ?? item.rightOrigin
      if (!neighbour) refuse('a struct without parent or neighbours', 'malformed')
      const inUpdate = this.findInUpdate(neighbour!)
      if (inUpdate instanceof Y.Item) {
        item = inUpdate
        continue
      }
      if (inUpdate) {
        placement = { container: { kind: 'dead' }, sub: null }
        break
      }
      const inDoc = this.findInDoc(neighbour!)
      if (inDoc === undefined) placement = { container: { kind: 'unknown' }, sub: null }
      else if (!(inDoc instanceof Y.Item)) placement = { container: { kind: 'dead' }, sub: null }
      else placement = { container: containerOfType(inDoc.parent), sub: inDoc.parentSub }
      break
    }
    for (const visited of chain) this.placements.set(visited, placement)
    return placement
  }

  /** The type created by the struct with this id, as a container for the struct's children. */
  private typeAt(id: Y.ID): Container {
    const inUpdate = this.findInUpdate(id)
    const found = inUpdate ?? this.findInDoc(id)
    if (found === undefined) return { kind: 'unknown' }
    if (!(found instanceof Y.Item)) return { kind: 'dead' }
    if (found.content instanceof Y.ContentDeleted) return { kind: 'dead' }
    if (!(found.content instanceof Y.ContentType)) refuse('a parent that is not a type', 'malformed')
    return describeType((found.content as Y.ContentType).type)
  }

  private findInUpdate(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    const list = this.byClient.get(id.client)
    if (!list) return undefined
    // Structs of one client are in clock order: binary search for the one covering the clock.
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return undefined
  }

  private findInDoc(id: Y.ID): Y.Item | Y.GC | undefined {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return undefined
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC
  }
}

function describeType(type: Y.AbstractType<unknown>): Container {
  if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName }
  if (type instanceof Y.XmlText) return { kind: 'text' }
  return { kind: 'other' }
}

function containerOfType(parent: unknown): Container {
  if (!(parent instanceof Y.AbstractType)) return { kind: 'dead' }
  if (parent._item === null) {
    const key = Y.findRootTypeKey(parent)
    return { kind: 'root', key }
  }
  return describeType(parent)
}

const HASH_CHARS = new Set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=')

/** y-prosemirror's `yattr2markname` without a regex: `name--XXXXXXXX` marks an overlapping mark. */
export function markName(attr: string): string {
  const cut = attr.length - 10
  if (cut < 0 || attr[cut] !== '-' || attr[cut + 1] !== '-') return attr
  for (let i = cut + 2; i < attr.length; i++) if (!HASH_CHARS.has(attr[i]!)) return attr
  return attr.slice(0, cut)
}

/**
 * Whether an update holds nothing this document lacks: every struct already integrated and every
 * deletion already applied. A read-only peer may send such an update (its offline copy, the answer to
 * our sync step 1) without writing anything.
 */
export function carriesNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update) as unknown as {
    structs: (Y.Item | Y.GC | Y.Skip)[]
    ds: { clients: Map<number, { clock: number; len: number }[]> }
  }
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false
  }
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client)
    const list = doc.store.clients.get(client)
    for (const { clock, len } of ranges) {
      if (len === 0) continue
      if (!list || clock + len > state) return false
      for (let i = Y.findIndexSS(list, clock); i < list.length; i++) {
        const struct = list[i]!
        if (struct.id.clock >= clock + len) break
        if (!struct.deleted) return false
      }
    }
  }
  return true
}
