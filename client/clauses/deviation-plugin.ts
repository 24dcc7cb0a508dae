import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { detectDeviation, type ClauseLibrary, type DeviationResult } from '../../clause-library/index.ts'
import { announce, isShortcut } from '../announce.ts'
import { onLangChange, t } from '../i18n.ts'
import { idleScheduler } from '../validation/idle-scheduler.ts'
import { pointerHeld } from '../validation/pointer.ts'
import { openDeviationDialog } from './deviation-dialog.ts'

interface DeviationState {
  decorations: DecorationSet
  /** The document the badges were computed for; when it is the current one they are up to date. */
  checked: PMNode | null
}

export const deviationKey = new PluginKey<DeviationState>('clause-deviation')

/**
 * A badge on every clause whose wording no longer matches the approved text (or has a newer approved
 * version), and the group's comment on a kept change. Checked when edits pause; each result is cached
 * on the immutable clause node, so only clauses that changed are compared again.
 */
export function deviationPlugin({ library, delay = 250 }: { library: () => ClauseLibrary; delay?: number }): { plugin: Plugin<DeviationState>; refresh: () => void } {
  // Per library: once the organisations' clauses arrive, every clause is compared again.
  const caches = new WeakMap<ClauseLibrary, WeakMap<PMNode, DeviationResult>>()
  const check = (node: PMNode): DeviationResult => {
    const lib = library()
    let cache = caches.get(lib)
    if (!cache) caches.set(lib, (cache = new WeakMap()))
    let result = cache.get(node)
    if (!result) {
      result = detectDeviation(node, lib)
      cache.set(node, result)
    }
    return result
  }

  let current: EditorView | null = null
  const run = (): void => {
    const view = current
    if (!view) return
    const doc = view.state.doc
    view.dispatch(view.state.tr.setMeta(deviationKey, { decorations: badges(doc, check, library), checked: doc }))
  }
  let pointer: ReturnType<typeof pointerHeld> | null = null
  const scheduler = idleScheduler(run, { delay, blocked: () => pointer?.held() ?? false })
  const refresh = (): void => {
    scheduler.schedule()
    scheduler.flush()
  }

  const plugin = new Plugin<DeviationState>({
    key: deviationKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, checked: null }),
      apply(tr, prev) {
        const next = tr.getMeta(deviationKey) as DeviationState | undefined
        if (next) return next
        return tr.docChanged ? { decorations: prev.decorations.map(tr.mapping, tr.doc), checked: prev.checked } : prev
      },
    },
    props: {
      decorations: (state) => deviationKey.getState(state)?.decorations ?? null,
      handleDOMEvents: {
        // Ctrl+Alt+K: the badge's dialog for the clause at the caret, for those who do not point and click.
        keydown: (view, event) => {
          if (!isShortcut(event, 'k')) return false
          event.preventDefault()
          const clause = flaggedClauseAt(view.state, check)
          if (clause === null) announce(t('layoutNoDeviationAtCaret'))
          else openDeviationDialog(view, clause, library())
          return true
        },
      },
      // Lets tests (and anyone curious in devtools) tell a settled check from a pending one.
      attributes: (state): Record<string, string> => ({ 'data-clause-check': deviationKey.getState(state)?.checked === state.doc ? 'fresh' : 'pending' }),
    },
    view(view) {
      current = view
      pointer = pointerHeld(view.dom)
      scheduler.schedule()
      const offLang = onLangChange(refresh)
      return {
        update(v, prevState: EditorState) {
          current = v
          if (v.state.doc !== prevState.doc) scheduler.schedule()
        },
        destroy() {
          offLang()
          scheduler.cancel()
          pointer?.destroy()
          pointer = null
          current = null
        },
      }
    },
  })
  return { plugin, refresh }
}

/** The position of the innermost clause around the caret that carries a badge, or null. */
function flaggedClauseAt(state: EditorState, check: (node: PMNode) => DeviationResult): number | null {
  const $head = state.selection.$head
  for (let depth = $head.depth; depth > 0; depth--) {
    const node = $head.node(depth)
    if (node.type.name !== 'clause') continue
    const status = check(node).status
    return status === 'deviates' || status === 'update_available' ? $head.before(depth) : null
  }
  return null
}

function badges(doc: PMNode, check: (node: PMNode) => DeviationResult, library: () => ClauseLibrary): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) return false
    if (node.type.name !== 'clause') return true
    const result = check(node)
    if (result.status !== 'deviates' && result.status !== 'update_available') return false
    const note = typeof node.attrs.deviationNote === 'string' && node.attrs.deviationNote.trim() !== '' ? node.attrs.deviationNote.trim() : null
    const state = result.status === 'update_available' ? 'update' : note ? 'noted' : 'deviates'
    // Only wording an organisation approved is "godkänd"; a built-in clause is the library's suggestion.
    const record = library().get(String(node.attrs.clauseId), typeof node.attrs.version === 'number' ? node.attrs.version : null) ?? library().get(String(node.attrs.clauseId))
    const reviewed = record?.status === 'approved'
    const label = t(state === 'update' ? 'deviationUpdate' : state === 'noted' ? 'deviationNoted' : reviewed ? 'deviationBadge' : 'clauseLibDeviatesSuggestion')
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: `clause-flagged clause-${state}` }))
    decorations.push(
      Decoration.widget(
        pos + 1,
        (view, getPos) =>
          badge(label, state, () => {
            const at = getPos()
            if (at !== undefined) openDeviationDialog(view, at - 1, library())
          }),
        { side: -1, ignoreSelection: true, stopEvent: () => true, key: `deviation:${String(node.attrs.uid)}:${state}:${label}` },
      ),
    )
    if (note && result.status === 'deviates') {
      const text = t('deviationNoteShown', { note })
      decorations.push(Decoration.widget(pos + node.nodeSize - 1, () => noteView(text), { side: 1, ignoreSelection: true, key: `deviation-note:${String(node.attrs.uid)}:${text}` }))
    }
    return false
  })
  return DecorationSet.create(doc, decorations)
}

function badge(label: string, state: string, onClick: () => void): HTMLElement {
  const wrap = document.createElement('div')
  wrap.className = 'clause-flags'
  wrap.contentEditable = 'false'
  const button = document.createElement('button')
  button.type = 'button'
  button.className = `clause-badge clause-badge-${state}`
  button.textContent = label
  button.addEventListener('mousedown', (e) => e.preventDefault())
  button.addEventListener('click', onClick)
  wrap.append(button)
  return wrap
}

function noteView(text: string): HTMLElement {
  const el = document.createElement('p')
  el.className = 'clause-note'
  el.contentEditable = 'false'
  el.textContent = text
  return el
}
