import { TextSelection, type Plugin } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { AgreementAccess } from '../agreement-access.ts'
import { ApiError } from '../api.ts'
import type { Identity } from '../identity.ts'
import { anchorFromRange } from '../review/anchors.ts'
import { liveResource } from '../review/live.ts'
import { pointerGate } from '../review/pointer-gate.ts'
import type { Draft } from './draft.ts'
import { suggestModeToggle, type SuggestMode } from './mode-toggle.ts'
import { suggestionsPanel } from './panel.ts'
import { setActiveSuggestion, setPending, setSuggestions, suggestKey, suggestPlugin, type PendingSuggestion } from './plugin.ts'
import { suggestionsApi, type SuggestionDecision } from './suggestions-api.ts'
import './suggestions.css'

export interface SuggestionsContext {
  agreementId: string
  access: AgreementAccess
  identity: () => Identity
  onView(listener: (view: EditorView) => void): () => void
  getView(): EditorView | null
}

export interface Suggestions {
  /** The editor plugin; must come before the read-only guard so it sees input first. */
  plugin: Plugin
  /** The "Föreslå ändringar" switch (drafters) or the "you are suggesting" note (reviewers). */
  mode: SuggestMode
  /** The list of open suggestions per section. */
  panel: ReturnType<typeof suggestionsPanel>
  destroy(): void
}

/**
 * Suggested changes in the open agreement: suggest mode, the inline marks, the list, and the outbox
 * that sends finished drafts. A draft becomes pending (anchored with Yjs relative positions, so it
 * stays on its words) and is sent; while the network is down it stays pending and is resent.
 */
export function createSuggestions(ctx: SuggestionsContext): Suggestions {
  const { agreementId, access } = ctx
  const mode = suggestModeToggle(access, agreementId)
  const teardown: (() => void)[] = [() => mode.destroy()]
  // Suggestions not yet accepted by the server outlive a reload: they wait in this browser's storage.
  const outboxKey = `overens.suggestions.outbox.${agreementId}`
  let pending: PendingSuggestion[] = loadOutbox(outboxKey)
  const saveOutbox = (): void => {
    try {
      if (pending.length === 0) localStorage.removeItem(outboxKey)
      else localStorage.setItem(outboxKey, JSON.stringify(pending))
    } catch {
      // Storage full or disabled: the outbox still lives in memory for this page.
    }
  }
  let gate: ReturnType<typeof pointerGate> | null = null
  let retry: ReturnType<typeof setTimeout> | null = null
  let seq = 0

  const dispatchMeta = (key: string, make: (view: EditorView) => void): void => {
    const view = ctx.getView()
    if (!view) return
    if (gate) gate.run(key, () => make(view))
    else make(view)
  }
  const pushPending = (): void => {
    saveOutbox()
    dispatchMeta('pending', (view) => view.dispatch(setPending(view.state.tr, pending)))
  }

  const post = (item: PendingSuggestion): void => {
    suggestionsApi.create(agreementId, { anchor: item.anchor, originalText: item.originalText, text: item.text }).then(
      () => {
        // The refetched list draws it from now on; until then the pending copy covers the gap.
        pending = pending.filter((p) => p !== item)
        list.refresh()
        pushPending()
      },
      (err: unknown) => {
        if (err instanceof ApiError) {
          // Refused for good (text changed meanwhile, no longer allowed): say so and drop it.
          pending = pending.filter((p) => p !== item)
          pushPending()
          mode.notify(err.code === 'stale' || err.code === 'anchor_not_found' ? 'suggestionsStale' : 'suggestionsSaveFailed', { message: err.message })
          return
        }
        // No answer (offline): keep it and try again.
        retry ??= setTimeout(resend, 5000)
      },
    )
  }
  const resend = (): void => {
    retry = null
    for (const item of pending) post(item)
  }
  addEventListener('online', resend)
  teardown.push(() => removeEventListener('online', resend))

  const send = (view: EditorView, draft: Draft): void => {
    const anchor = anchorFromRange(view.state, draft.from, draft.to)
    if (!anchor) {
      mode.notify('suggestionsStale')
      return
    }
    // An insertion is a point: one anchor for both ends, so the server sees start = end.
    const item: PendingSuggestion = {
      key: `pending-${Date.now().toString(36)}-${++seq}`,
      anchor: draft.from === draft.to ? { start: anchor.start, end: anchor.start } : anchor,
      originalText: view.state.doc.textBetween(draft.from, draft.to),
      text: draft.text,
    }
    pending = [...pending, item]
    saveOutbox()
    // Called from inside an update: the pending list reaches the editor right after it.
    queueMicrotask(pushPending)
    post(item)
  }

  const plugin = suggestPlugin({
    isSuggesting: () => mode.active(),
    send,
    refuse: () => mode.notify('suggestionsNotPossible'),
    me: () => ctx.identity(),
    onClick: (id) => {
      dispatchMeta('active', (view) => view.dispatch(setActiveSuggestion(view.state.tr, id)))
      panel.element.querySelector(`[data-suggestion-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' })
    },
    onUpdate: () => panel.render(),
  })

  const decide = async (decision: SuggestionDecision, ids: string[]): Promise<void> => {
    if (ids.length === 0) return
    const results = await suggestionsApi.decide(agreementId, decision, ids)
    const outdated = results.filter((r) => r.code === 'outdated').length
    if (outdated > 0) mode.notify('suggestionsSomeOutdated', { count: outdated })
    const accepted = decision === 'accept' ? results.filter((r) => r.ok).map((r) => r.id) : []
    if (accepted.length > 0) {
      // Undone newest first, so each one finds the words it put in where it left them.
      panel.offerUndo(accepted.length, async () => {
        let ok = true
        for (const id of [...accepted].reverse())
          ok =
            (await suggestionsApi.undoAccept(agreementId, id).then(
              () => true,
              () => false,
            )) && ok
        list.refresh()
        return ok
      })
    }
    list.refresh()
  }
  const panel = suggestionsPanel({
    access,
    getView: ctx.getView,
    decide,
    withdraw: async (id) => {
      await suggestionsApi.withdraw(agreementId, id)
      list.refresh()
    },
    showInText: (id) => {
      const view = ctx.getView()
      const range = view ? suggestKey.getState(view.state)?.ranges.get(id) : null
      if (!view || !range) return
      const tr = setActiveSuggestion(view.state.tr, id)
        .setSelection(TextSelection.create(view.state.doc, range.from, range.to))
        .scrollIntoView()
      view.dispatch(tr)
    },
  })

  const list = liveResource(
    agreementId,
    'suggestions',
    () => suggestionsApi.list(agreementId),
    (data) => {
      if (!data) return
      const open = data.filter((s) => s.status === 'open')
      dispatchMeta('suggestions', (view) => view.dispatch(setSuggestions(view.state.tr, open)))
    },
  )
  teardown.push(list.stop)
  teardown.push(
    ctx.onView((view) => {
      gate = pointerGate(view.dom)
      teardown.push(gate.destroy)
      list.refresh()
      if (pending.length > 0) {
        pushPending()
        resend()
      }
    }),
  )
  // Turning suggest mode off (or a role change) finishes the draft; the editor's editability follows.
  teardown.push(
    mode.subscribe(() => {
      const view = ctx.getView()
      view?.setProps({})
    }),
  )
  teardown.push(() => {
    if (retry) clearTimeout(retry)
    panel.destroy()
  })

  return {
    plugin,
    mode,
    panel,
    destroy: () => {
      for (const fn of teardown.splice(0).reverse()) fn()
    },
  }
}

function loadOutbox(key: string): PendingSuggestion[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (p): p is PendingSuggestion =>
        typeof p === 'object' &&
        p !== null &&
        typeof p.key === 'string' &&
        typeof p.originalText === 'string' &&
        typeof p.text === 'string' &&
        typeof p.anchor?.start === 'string' &&
        typeof p.anchor?.end === 'string',
    )
  } catch {
    return []
  }
}
