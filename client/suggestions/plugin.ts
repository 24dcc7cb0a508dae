import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import { colorForName } from '../identity.ts'
import { t } from '../i18n.ts'
import { formatTime } from '../review/format.ts'
import { resolveSuggestionAnchor } from './anchors.ts'
import { applyEdit, isPlainRange, runBounds, textChangeOf, type Draft, type Edit } from './draft.ts'
import type { Suggestion } from './suggestions-api.ts'

/** A suggestion sent (or waiting to be sent) that the server's list does not hold yet. */
export interface PendingSuggestion {
  key: string
  anchor: { start: string; end: string }
  originalText: string
  text: string
}

type Range = { from: number; to: number } | null

export interface SuggestState {
  suggestions: Suggestion[]
  pending: PendingSuggestion[]
  /** Where each suggestion (by id) and pending one (by key) is now; null once its text is gone. */
  ranges: Map<string, Range>
  draft: Draft | null
  active: string | null
  decorations: DecorationSet
}

interface Meta {
  suggestions?: Suggestion[]
  pending?: PendingSuggestion[]
  draft?: Draft | null
  active?: string | null
}

export const suggestKey = new PluginKey<SuggestState>('suggestions')

export function setSuggestions(tr: Transaction, suggestions: Suggestion[]): Transaction {
  return tr.setMeta(suggestKey, { suggestions } satisfies Meta)
}
export function setPending(tr: Transaction, pending: PendingSuggestion[]): Transaction {
  return tr.setMeta(suggestKey, { pending } satisfies Meta)
}
export function setActiveSuggestion(tr: Transaction, active: string | null): Transaction {
  return tr.setMeta(suggestKey, { active } satisfies Meta)
}

/** Whether a suggestion's text no longer reads what it was made against (or is gone). */
export function isOutdated(state: EditorState, s: { id?: string; key?: string; originalText: string }): boolean {
  const range = suggestKey.getState(state)?.ranges.get(s.id ?? s.key ?? '')
  return !range || state.doc.textBetween(range.from, range.to) !== s.originalText
}

export interface SuggestPluginOptions {
  /** Whether input becomes suggestions now (reviewers always, drafters with the toggle on). */
  isSuggesting(): boolean
  /** Sends a finished draft; the plugin keeps showing it until the server's list has it. */
  send(view: EditorView, draft: Draft): void
  /** Something typed could not become a suggestion. */
  refuse(): void
  /** The signed-in person, for the colour of what they are typing. */
  me(): { name: string; color: string }
  onClick?(id: string): void
  onUpdate?(view: EditorView): void
  /** How long typing may pause before the draft is sent. */
  idleMs?: number
}

/**
 * Suggest mode. Local changes of the text never reach the document while it is on: the transaction
 * is vetoed in filterTransaction and its meaning (typed, deleted or pasted text) becomes part of a
 * draft suggestion instead, which is sent to the server when typing pauses or the caret moves on.
 * Remote changes (the y-sync binding's transactions) pass as always. Open suggestions and the draft
 * are drawn as decorations: struck-through original, underlined proposal, in the author's colour.
 */
export function suggestPlugin(options: SuggestPluginOptions): Plugin<SuggestState> {
  const { isSuggesting, idleMs = 1200 } = options
  let current: EditorView | null = null
  let idle: ReturnType<typeof setTimeout> | null = null

  const flushDraft = (view: EditorView): void => {
    if (idle) clearTimeout(idle)
    idle = null
    const draft = suggestKey.getState(view.state)?.draft
    if (!draft) return
    view.dispatch(view.state.tr.setMeta(suggestKey, { draft: null } satisfies Meta).setMeta('addToHistory', false))
    options.send(view, draft)
  }

  const handleEdit = (view: EditorView, edit: Edit): void => {
    const state = view.state
    const draft = suggestKey.getState(state)?.draft ?? null
    const ranged = edit.input === 'replace' || edit.from !== edit.to
    const caret = ranged ? edit.to : state.selection.head
    if (ranged ? !isPlainRange(state.doc, edit.from, edit.to) : !state.doc.resolve(caret).parent.isTextblock) {
      options.refuse()
      return
    }
    const step = applyEdit(draft, edit, caret, runBounds(state.doc, caret))
    if (step.flush) options.send(view, step.flush)
    const tr = state.tr.setMeta(suggestKey, { draft: step.draft } satisfies Meta)
    tr.setSelection(TextSelection.create(state.doc, step.caret))
    view.dispatch(tr.scrollIntoView())
    if (idle) clearTimeout(idle)
    idle = setTimeout(() => current && flushDraft(current), idleMs)
  }

  return new Plugin<SuggestState>({
    key: suggestKey,
    state: {
      init: () => ({ suggestions: [], pending: [], ranges: new Map(), draft: null, active: null, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(suggestKey) as Meta | undefined
        const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
        if (!meta && !tr.docChanged) return value
        const suggestions = meta?.suggestions ?? value.suggestions
        const pending = meta?.pending ?? value.pending
        const active = meta && 'active' in meta ? (meta.active ?? null) : value.active
        let draft = meta && 'draft' in meta ? (meta.draft ?? null) : value.draft
        if (draft && tr.docChanged && !(meta && 'draft' in meta)) {
          const from = tr.mapping.map(draft.from, -1)
          const to = tr.mapping.map(draft.to, 1)
          draft = from <= to && isPlainRange(state.doc, from, to) ? { ...draft, from, to } : null
        }
        let ranges: Map<string, Range>
        if (meta?.suggestions || meta?.pending || remote) {
          ranges = new Map()
          for (const s of suggestions) ranges.set(s.id, resolveSuggestionAnchor(state, s.anchor))
          for (const p of pending) ranges.set(p.key, resolveSuggestionAnchor(state, p.anchor))
        } else if (tr.docChanged) {
          ranges = new Map()
          for (const [id, range] of value.ranges) {
            if (!range) ranges.set(id, null)
            else {
              // Like the Yjs anchors (assoc 0), both ends stick to the character on their right.
              const from = tr.mapping.map(range.from, 1)
              const to = tr.mapping.map(range.to, 1)
              ranges.set(id, from <= to ? { from, to } : null)
            }
          }
        } else {
          ranges = value.ranges
        }
        const next: SuggestState = { suggestions, pending, ranges, draft, active, decorations: DecorationSet.empty }
        next.decorations = build(state, next, options.me())
        return next
      },
    },
    filterTransaction(tr, state) {
      if (!tr.docChanged || !isSuggesting() || tr.getMeta(ySyncPluginKey) !== undefined) return true
      const change = textChangeOf(state.doc, tr)
      // Dispatching from inside a dispatch would nest state updates: the edit is taken up right after.
      queueMicrotask(() => {
        if (!current) return
        if (!change) options.refuse()
        else handleEdit(current, { input: 'replace', ...change })
      })
      return false
    },
    props: {
      decorations: (state) => suggestKey.getState(state)?.decorations,
      handleDOMEvents: {
        beforeinput(view, event) {
          if (!isSuggesting()) return false
          const input = event as InputEvent
          const { from, to, empty } = view.state.selection
          if (input.inputType === 'insertText' && input.data) {
            event.preventDefault()
            handleEdit(view, { input: 'type', from, to, text: input.data.replace(/[\u0000-\u001f\u007f]/g, ' ') })
            return true
          }
          if ((input.inputType === 'deleteContentBackward' || input.inputType === 'deleteContentForward') && empty) {
            event.preventDefault()
            handleEdit(view, { input: input.inputType === 'deleteContentBackward' ? 'backward' : 'forward', from, to, text: '' })
            return true
          }
          if (input.inputType === 'insertParagraph' || input.inputType === 'insertLineBreak' || input.inputType.startsWith('format')) {
            event.preventDefault()
            options.refuse()
            return true
          }
          return false
        },
        blur(view) {
          flushDraft(view)
          return false
        },
      },
      handleClick(view, _pos, event) {
        // The innermost marked words or proposed text under the click; the caret is placed as usual.
        const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-suggestion-id]')
        const id = target?.dataset.suggestionId
        if (id && suggestKey.getState(view.state)?.suggestions.some((s) => s.id === id)) options.onClick?.(id)
        return false
      },
    },
    view(view) {
      current = view
      return {
        update(v, prev) {
          current = v
          const draft = suggestKey.getState(v.state)?.draft
          // The caret left the draft (a click elsewhere, arrow keys): the draft is finished.
          if (draft && v.state.selection.head !== draft.to && suggestKey.getState(prev)?.draft === draft) flushDraft(v)
          else if (draft && !isSuggesting()) flushDraft(v)
          options.onUpdate?.(v)
        },
        destroy() {
          if (current) flushDraft(current)
          if (idle) clearTimeout(idle)
          current = null
        },
      }
    },
  })
}

/** "Rune Jurist (Växjö kommun) · 29 nov. 2026 10:02" and what is proposed, for hover and focus. */
export function describeSuggestion(s: { authorName: string; authorParty: string | null; createdAt: string; originalText: string; text: string }): string {
  const who = t('suggestionsTip', { name: s.authorName, party: s.authorParty ? ` (${s.authorParty})` : '', time: formatTime(s.createdAt) })
  const what =
    s.originalText === ''
      ? t('suggestionsTipInsert', { who: s.authorName, text: s.text })
      : s.text === ''
        ? t('suggestionsTipDelete', { who: s.authorName, text: s.originalText })
        : t('suggestionsTipReplace', { who: s.authorName, original: s.originalText, text: s.text })
  return `${who}\n${what}`
}

interface Shown {
  id: string
  range: { from: number; to: number }
  text: string
  color: string
  tip: string
  classes: string
}

function build(state: EditorState, value: SuggestState, me: { name: string; color: string }): DecorationSet {
  const shown: Shown[] = []
  for (const s of value.suggestions) {
    const range = value.ranges.get(s.id)
    if (!range) continue
    const outdated = state.doc.textBetween(range.from, range.to) !== s.originalText
    shown.push({
      id: s.id,
      range,
      text: s.text,
      color: colorForName(s.authorName),
      tip: describeSuggestion(s) + (outdated ? `\n${t('suggestionsOutdated')}` : ''),
      classes: `${outdated ? ' is-outdated' : ''}${s.id === value.active ? ' is-active' : ''}`,
    })
  }
  const now = new Date().toISOString()
  for (const p of value.pending) {
    const range = value.ranges.get(p.key)
    if (!range || value.suggestions.some((s) => s.anchor.start === p.anchor.start && s.anchor.end === p.anchor.end && s.text === p.text)) continue
    const tip = `${describeSuggestion({ authorName: me.name, authorParty: null, createdAt: now, originalText: p.originalText, text: p.text })}\n${t('suggestionsPending')}`
    shown.push({ id: p.key, range, text: p.text, color: me.color, tip, classes: ' is-pending' })
  }
  if (value.draft) {
    const { from, to, text } = value.draft
    const tip = describeSuggestion({ authorName: me.name, authorParty: null, createdAt: now, originalText: state.doc.textBetween(from, to), text })
    shown.push({ id: 'draft', range: { from, to }, text, color: me.color, tip, classes: ' is-draft' })
  }
  const decorations: Decoration[] = []
  for (const s of shown) {
    const style = `--suggestion-color: ${s.color}`
    if (s.range.to > s.range.from) {
      decorations.push(Decoration.inline(s.range.from, s.range.to, { class: `suggestion-del${s.classes}`, style, 'data-suggestion-id': s.id, 'data-tip': s.tip }))
    }
    if (s.text) {
      decorations.push(
        Decoration.widget(s.range.to, () => insertion(s, style), {
          side: -1,
          marks: [],
          ignoreSelection: true,
          key: `suggestion:${s.id}:${s.text}:${s.classes}:${s.color}:${s.tip}`,
        }),
      )
    }
  }
  return DecorationSet.create(state.doc, decorations)
}

function insertion(s: Shown, style: string): HTMLElement {
  const span = document.createElement('span')
  span.className = `suggestion-ins${s.classes}`
  span.setAttribute('style', style)
  span.contentEditable = 'false'
  span.tabIndex = s.id === 'draft' ? -1 : 0
  span.dataset.suggestionId = s.id
  span.dataset.tip = s.tip
  span.setAttribute('aria-label', s.tip)
  span.textContent = s.text
  return span
}
