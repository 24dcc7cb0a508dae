import type { AgreementAccess } from '../agreement-access.ts'
import { h } from '../dom.ts'
import { onLangChange, t, type MessageKey } from '../i18n.ts'

/**
 * Whether what this person types becomes suggestions: always for those who may suggest but not edit
 * (reviewers), by choice for those who may edit (drafters, owners: "Föreslå ändringar", like track
 * changes in a word processor), never for viewers.
 */
export interface SuggestMode {
  element: HTMLElement
  /** Input becomes suggestions now. */
  active(): boolean
  /** The person may not edit but may suggest: the editor must take input for suggestions. */
  suggestOnly(): boolean
  subscribe(listener: () => void): () => void
  /** A short message next to the switch, e.g. why some input was refused. */
  notify(key: MessageKey, params?: Record<string, string | number>): void
  destroy(): void
}

export function suggestModeToggle(access: AgreementAccess, agreementId: string): SuggestMode {
  const storageKey = `overens.suggesting.${agreementId}`
  let chosen = sessionStorage.getItem(storageKey) === '1'
  const listeners = new Set<() => void>()

  const canEdit = (): boolean => access.getState().status === 'known' && access.can('edit')
  const canSuggest = (): boolean => access.can('suggest')
  const suggestOnly = (): boolean => canSuggest() && !canEdit()
  const active = (): boolean => suggestOnly() || (canSuggest() && canEdit() && chosen)

  const button = h('button', {
    class: 'suggest-toggle',
    text: 'suggestionsToggle',
    i18nAttrs: { title: 'suggestionsToggleHint' },
    attrs: { type: 'button', 'aria-pressed': 'false', 'data-testid': 'suggest-toggle' },
    on: {
      click: () => {
        chosen = !chosen
        sessionStorage.setItem(storageKey, chosen ? '1' : '0')
        render()
        lastActive = active()
        for (const l of listeners) l()
      },
    },
  })
  const always = h('span', { class: 'suggest-always', text: 'suggestionsAlwaysOn', i18nAttrs: { title: 'suggestionsAlwaysOnHint' }, attrs: { 'data-testid': 'suggest-always' } })
  const message = h('span', { class: 'suggest-notice', attrs: { role: 'status', 'aria-live': 'polite' } })
  const element = h('span', { class: 'suggest-mode', attrs: { hidden: true } }, button, always, message)

  let lastActive = active()
  const render = (): void => {
    element.hidden = !canSuggest()
    button.hidden = !canEdit()
    always.hidden = !suggestOnly()
    button.setAttribute('aria-pressed', String(active()))
    element.classList.toggle('is-active', active())
  }
  const offAccess = access.subscribe(() => {
    render()
    const changed = active() !== lastActive
    lastActive = active()
    if (changed) for (const l of listeners) l()
  })
  const offLang = onLangChange(render)
  render()

  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    element,
    active,
    suggestOnly,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    notify(key, params) {
      message.textContent = t(key, params)
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => (message.textContent = ''), 6000)
    },
    destroy() {
      offAccess()
      offLang()
      if (timer) clearTimeout(timer)
      listeners.clear()
    },
  }
}
