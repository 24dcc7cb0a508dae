import type { Node as PMNode } from 'prosemirror-model'
import type { EditorView } from 'prosemirror-view'
import { isSectionId, sectionInfo } from '../../schema/sections.ts'
import { currentUser } from '../account.ts'
import type { AgreementAccess } from '../agreement-access.ts'
import { h } from '../dom.ts'
import { getLang, onLangChange, t } from '../i18n.ts'
import { colorForName } from '../identity.ts'
import { formatTime } from '../review/format.ts'
import { suggestKey } from './plugin.ts'
import type { Suggestion, SuggestionDecision } from './suggestions-api.ts'

export interface SuggestionsPanelDeps {
  access: AgreementAccess
  getView(): EditorView | null
  decide(decision: SuggestionDecision, ids: string[]): Promise<void>
  withdraw(id: string): Promise<void>
  showInText(id: string): void
}

interface Item {
  suggestion: Suggestion
  from: number
  /** null: its text is gone; true: the text changed since it was made. */
  state: 'ok' | 'outdated' | 'gone'
}

interface Group {
  key: string
  label: string
  items: Item[]
}

/**
 * The open suggestions, grouped by the section they are in and in document order. Drafters and owners
 * accept or reject one, a section's, or all; authors withdraw their own. A panel of its own, so the
 * side panel (cards or tabs) only needs `mount(container)`.
 */
export function suggestionsPanel(deps: SuggestionsPanelDeps): {
  element: HTMLElement
  render(): void
  mount(container: HTMLElement): void
  /** Offers to take back what this person just accepted, for a while. */
  offerUndo(count: number, undo: () => Promise<boolean>): void
  destroy(): void
} {
  const { access } = deps
  const empty = h('p', { class: 'muted suggestions-empty', text: 'suggestionsEmpty' })
  const bulk = h('div', { class: 'suggestions-bulk' })
  const list = h('div', { class: 'suggestions-groups' })
  const undoBar = h('div', { class: 'suggestions-undo', attrs: { role: 'status', hidden: true } })
  const element = h('div', { class: 'suggestions-panel', attrs: { 'data-testid': 'suggestions-panel' } }, undoBar, empty, bulk, list)
  let undoTimer: ReturnType<typeof setTimeout> | null = null
  let signature = ''

  const canDecide = (): boolean => access.can('edit')

  const button = (key: Parameters<typeof t>[0], className: string, onClick: () => Promise<void>, disabled = false): HTMLButtonElement => {
    const b = h('button', { class: `button button-quiet ${className}`, text: key, attrs: { type: 'button', disabled } })
    b.addEventListener('click', () => {
      b.disabled = true
      void onClick().finally(() => {
        b.disabled = false
      })
    })
    return b
  }

  const collect = (): Group[] => {
    const view = deps.getView()
    const value = view ? suggestKey.getState(view.state) : undefined
    if (!view || !value) return []
    const doc = view.state.doc
    const groups = new Map<string, Group>()
    const items: (Item & { group: { key: string; label: string } })[] = value.suggestions.map((s) => {
      const range = value.ranges.get(s.id) ?? null
      const state: Item['state'] = !range ? 'gone' : doc.textBetween(range.from, range.to) === s.originalText ? 'ok' : 'outdated'
      return { suggestion: s, from: range?.from ?? Number.MAX_SAFE_INTEGER, state, group: range ? sectionOf(doc, range.from) : { key: '~', label: t('suggestionsOutsideSections') } }
    })
    items.sort((a, b) => a.from - b.from || a.suggestion.createdAt.localeCompare(b.suggestion.createdAt))
    for (const item of items) {
      const group = groups.get(item.group.key) ?? { key: item.group.key, label: item.group.label, items: [] }
      groups.set(item.group.key, group)
      group.items.push(item)
    }
    return [...groups.values()]
  }

  const itemView = (item: Item): HTMLElement => {
    const s = item.suggestion
    const mine = currentUser()?.id === s.authorId
    const change = h(
      'button',
      { class: 'suggestion-change', i18nAttrs: { title: 'suggestionsShowInText' }, attrs: { type: 'button' }, on: { click: () => deps.showInText(s.id) } },
      s.originalText ? h('del', { class: 'suggestion-old' }, s.originalText) : null,
      s.originalText && s.text ? ' ' : null,
      s.text ? h('ins', { class: 'suggestion-new' }, s.text) : null,
    )
    const actions = h('div', { class: 'suggestion-actions' })
    if (canDecide()) {
      actions.append(
        button('suggestionsAccept', 'suggestion-accept', () => deps.decide('accept', [s.id]), item.state !== 'ok'),
        button('suggestionsReject', 'suggestion-reject', () => deps.decide('reject', [s.id])),
      )
    }
    if (mine) actions.append(button('suggestionsWithdraw', 'suggestion-withdraw', () => deps.withdraw(s.id)))
    return h(
      'li',
      { class: `suggestion-item is-${item.state}`, attrs: { 'data-suggestion-id': s.id, 'data-kind': s.kind } },
      h(
        'div',
        { class: 'suggestion-meta' },
        h('span', { class: 'suggestion-dot', attrs: { style: `background:${colorForName(s.authorName)}`, 'aria-hidden': 'true' } }),
        h('span', { class: 'suggestion-author' }, s.authorName),
        s.authorParty ? h('span', { class: 'muted suggestion-party' }, s.authorParty) : null,
        h('time', { class: 'muted', attrs: { datetime: s.createdAt } }, formatTime(s.createdAt)),
      ),
      h('span', { class: 'suggestion-kind muted', text: s.kind === 'insert' ? 'suggestionsInsert' : s.kind === 'delete' ? 'suggestionsDelete' : 'suggestionsReplace' }),
      change,
      item.state === 'outdated' ? h('p', { class: 'suggestion-outdated', text: 'suggestionsOutdated' }) : null,
      item.state === 'gone' ? h('p', { class: 'suggestion-outdated', text: 'suggestionsDeleted' }) : null,
      actions,
    )
  }

  const render = (): void => {
    const groups = collect()
    const next = JSON.stringify([getLang(), canDecide(), currentUser()?.id, groups.map((g) => [g.label, g.items.map((i) => [i.suggestion.id, i.state])])])
    if (next === signature) return
    signature = next
    const all = groups.flatMap((g) => g.items)
    empty.hidden = all.length > 0
    const applicable = (items: Item[]): string[] => items.filter((i) => i.state === 'ok').map((i) => i.suggestion.id)
    const ids = (items: Item[]): string[] => items.map((i) => i.suggestion.id)
    bulk.replaceChildren()
    if (canDecide() && all.length > 1) {
      bulk.append(
        button('suggestionsAcceptAll', 'suggestions-accept-all', () => deps.decide('accept', applicable(all)), applicable(all).length === 0),
        button('suggestionsRejectAll', 'suggestions-reject-all', () => deps.decide('reject', ids(all))),
      )
    }
    list.replaceChildren(
      ...groups.map((g) =>
        h(
          'section',
          { class: 'suggestion-group', attrs: { 'data-section': g.key } },
          h(
            'div',
            { class: 'suggestion-group-head' },
            h('h3', { class: 'suggestion-group-title' }, g.label),
            canDecide() && g.items.length > 1
              ? h(
                  'div',
                  { class: 'suggestion-group-actions' },
                  button('suggestionsAcceptSection', 'suggestions-accept-section', () => deps.decide('accept', applicable(g.items)), applicable(g.items).length === 0),
                  button('suggestionsRejectSection', 'suggestions-reject-section', () => deps.decide('reject', ids(g.items))),
                )
              : null,
          ),
          h('ul', { class: 'suggestion-list' }, ...g.items.map(itemView)),
        ),
      ),
    )
  }

  const offAccess = access.subscribe(render)
  const offLang = onLangChange(() => {
    signature = ''
    render()
  })
  render()
  return {
    element,
    render,
    mount(container) {
      container.append(element)
    },
    offerUndo(count, undo) {
      const hide = (): void => {
        undoBar.hidden = true
        undoBar.replaceChildren()
      }
      const message = h('span', {}, t('suggestionsAcceptedUndo', { count }))
      const undoButton = button('suggestionsUndo', 'suggestions-undo-button', async () => {
        if (await undo()) hide()
        else message.textContent = t('suggestionsUndoFailed')
      })
      undoBar.replaceChildren(message, undoButton)
      undoBar.hidden = false
      if (undoTimer) clearTimeout(undoTimer)
      undoTimer = setTimeout(hide, 30_000)
    },
    destroy() {
      if (undoTimer) clearTimeout(undoTimer)
      offAccess()
      offLang()
    },
  }
}

/** The section a position lies in: its kind's name, else its heading, else "outside the sections". */
function sectionOf(doc: PMNode, pos: number): { key: string; label: string } {
  const $pos = doc.resolve(pos)
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth)
    if (node.type.name !== 'section') continue
    const kind: unknown = node.attrs.kind
    const key = String(node.attrs.uid ?? $pos.before(depth))
    if (isSectionId(kind)) return { key, label: sectionInfo(kind).name[getLang()] }
    const heading = node.firstChild?.type.name === 'heading' ? node.firstChild.textContent.trim() : ''
    return { key, label: heading || t('suggestionsOutsideSections') }
  }
  return { key: '~', label: t('suggestionsOutsideSections') }
}
