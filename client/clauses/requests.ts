import type { SectionId } from '../../schema/index.ts'
import type { PanelContext } from '../panels.ts'

/**
 * "Show me clauses for this section", from the validator panel to the clause library panel. Keyed by
 * the panel context, so two open agreements (or a page opened twice in tests) never cross wires.
 */
const listeners = new WeakMap<PanelContext, Set<(section: SectionId) => void>>()

export function requestClauses(context: PanelContext, section: SectionId): void {
  for (const listener of listeners.get(context) ?? []) listener(section)
}

export function onClauseRequest(context: PanelContext, listener: (section: SectionId) => void): () => void {
  const set = listeners.get(context) ?? new Set()
  listeners.set(context, set)
  set.add(listener)
  return () => set.delete(listener)
}
