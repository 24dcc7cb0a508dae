import { canonicalJson } from './canonical-json.ts'
import { fnv1a64 } from './hash.ts'

/**
 * Fingerprint of a section or clause as it was approved. The server stores it at approval; server and
 * editor compare it with the current content to show "changed since approval". Attributes such as a
 * deviation note are left out: only the text and its structure count.
 */
export function reviewHash(node: { content?: unknown }): string {
  return fnv1a64(canonicalJson(stripAttrs(node.content ?? [])))
}

function stripAttrs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAttrs)
  if (value && typeof value === 'object') {
    const { attrs: _attrs, ...rest } = value as Record<string, unknown>
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, stripAttrs(v)]))
  }
  return value
}

/** Finds a top-level or nested section/clause by its `uid` attribute in ProseMirror JSON. */
export function findByUid(doc: unknown, uid: string): { type: string; attrs?: Record<string, unknown>; content?: unknown[] } | null {
  const stack: unknown[] = [doc]
  while (stack.length > 0) {
    const node = stack.pop() as { attrs?: { uid?: unknown }; content?: unknown[]; type?: string } | null
    if (!node || typeof node !== 'object') continue
    if (node.attrs?.uid === uid) return node as { type: string; attrs?: Record<string, unknown>; content?: unknown[] }
    if (Array.isArray(node.content)) stack.push(...node.content)
  }
  return null
}
