import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import { resolveAnchor } from './anchors.ts'
import type { Anchor } from './review-api.ts'

export interface HighlightThread {
  id: string
  anchor: Anchor
  resolved: boolean
}

interface HighlightState {
  threads: HighlightThread[]
  /** Where each thread's text is now; `null` once its text was deleted. */
  ranges: Map<string, { from: number; to: number } | null>
  active: string | null
  decorations: DecorationSet
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights')

/**
 * Feeds the threads (after every refetch) or the thread to emphasise, as transaction metadata. Not
 * marked `addToHistory: false`: y-prosemirror would then cut the undo group of whoever is typing.
 */
export function setHighlightThreads(tr: Transaction, threads: HighlightThread[]): Transaction {
  return tr.setMeta(commentHighlightsKey, { threads })
}

export function setActiveThread(tr: Transaction, active: string | null): Transaction {
  return tr.setMeta(commentHighlightsKey, { active })
}

/** Where the thread's text is now: `null` when it was deleted, `undefined` before the thread was fed in. */
export function threadRange(state: EditorState, threadId: string): { from: number; to: number } | null | undefined {
  return commentHighlightsKey.getState(state)?.ranges.get(threadId)
}

/**
 * Quiet highlights over the text open comment threads are anchored to. Ranges are resolved from the
 * Yjs anchors whenever Yjs and ProseMirror agree (new threads, remote changes); a local edit is mapped
 * through the transaction, which gives the same answer without waiting for the Y side to catch up.
 */
export interface HighlightHooks {
  /** After every editor update: the panel follows deleted words and the selection to comment on. */
  onUpdate?(view: EditorView): void
  /** A click on highlighted words: the panel shows that thread. */
  onThreadClick?(threadId: string): void
}

export function commentHighlights({ onUpdate = () => {}, onThreadClick = () => {} }: HighlightHooks = {}): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    view: () => ({ update: onUpdate }),
    key: commentHighlightsKey,
    state: {
      init: () => ({ threads: [], ranges: new Map(), active: null, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(commentHighlightsKey) as { threads?: HighlightThread[]; active?: string | null } | undefined
        const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
        if (!meta && !tr.docChanged) return value
        const threads = meta?.threads ?? value.threads
        const active = meta && 'active' in meta ? (meta.active ?? null) : value.active
        let ranges: HighlightState['ranges']
        if (meta?.threads || remote) {
          ranges = new Map(threads.map((t) => [t.id, resolveAnchor(state, t.anchor)]))
        } else if (tr.docChanged) {
          ranges = new Map()
          for (const [id, range] of value.ranges) {
            if (!range) {
              ranges.set(id, null)
              continue
            }
            // Both ends stick to the character on their right, as the Yjs anchors do (assoc 0), so
            // this replica and the others agree on text typed right at an edge.
            const from = tr.mapping.map(range.from, 1)
            const to = tr.mapping.map(range.to, 1)
            ranges.set(id, from < to ? { from, to } : null)
          }
        } else {
          ranges = value.ranges
        }
        return { threads, ranges, active, decorations: build(state, threads, ranges, active) }
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleClick(view, pos) {
        const value = commentHighlightsKey.getState(view.state)
        if (!value) return false
        // The innermost (shortest) open thread under the click, when threads overlap.
        let hit: { id: string; size: number } | null = null
        for (const thread of value.threads) {
          const range = value.ranges.get(thread.id)
          if (!range || thread.resolved || pos < range.from || pos > range.to) continue
          if (!hit || range.to - range.from < hit.size) hit = { id: thread.id, size: range.to - range.from }
        }
        if (hit) onThreadClick(hit.id)
        // The click still places the caret: writing goes on as usual.
        return false
      },
    },
  })
}

function build(state: EditorState, threads: HighlightThread[], ranges: HighlightState['ranges'], active: string | null): DecorationSet {
  const decorations: Decoration[] = []
  for (const thread of threads) {
    const range = ranges.get(thread.id)
    if (!range || (thread.resolved && thread.id !== active)) continue
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: thread.id === active ? 'comment-highlight is-active' : 'comment-highlight',
        'data-thread-id': thread.id,
      }),
    )
  }
  return DecorationSet.create(state.doc, decorations)
}
