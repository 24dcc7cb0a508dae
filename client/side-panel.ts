import { h } from './dom.ts'
import type { MessageKey } from './i18n.ts'

/**
 * The side area right of the document: one tab per panel (a registry: a panel is one `add` call), a
 * count on each tab, and only the chosen panel shown, so nothing starts thousands of pixels down.
 * Below the wide breakpoint the whole area is a drawer that the editor bar's "Paneler" button opens.
 *
 * Every panel body lives in a `.panel-card[data-panel=<id>]` (role tabpanel). For panels that reveal
 * themselves the old way (`card.querySelector('.panel-toggle').click()` when `aria-expanded` is
 * false) each card keeps a hidden `.panel-toggle` that selects its tab.
 */
export interface SidePanel {
  element: HTMLElement
  /** The "Paneler" button for narrow screens; the page puts it in its bar. */
  drawerToggle: HTMLButtonElement
  add(panel: { id: string; title: MessageKey; tab?: MessageKey; body: HTMLElement; collapsed?: boolean }): void
  /** The number on a panel's tab (open comments, errors to fix…); `null` or 0 hides it. */
  setCount(id: string, count: number | null): void
  /** Shows a panel (selects its tab, opens the drawer on a narrow screen). */
  reveal(id: string, options?: { focus?: boolean }): void
  selected(): string | null
  /** Closes the drawer on a narrow screen (after navigating to a place in the text). */
  closeDrawer(options?: { returnFocus?: boolean }): void
  destroy(): void
}

const STORAGE_KEY = 'overens.panel'
const NARROW = '(max-width: 900px)'

/** Reveals the panel that holds `inside` (for panel modules that only have their own element). */
export function revealPanel(inside: Element): void {
  inside.closest('[data-panel]')?.dispatchEvent(new CustomEvent('overens:reveal-panel', { bubbles: true }))
}

export function createSidePanel(): SidePanel {
  const tabs = h('div', { class: 'panel-tabs', attrs: { role: 'tablist', 'aria-orientation': 'horizontal' }, i18nAttrs: { 'aria-label': 'layoutPanelsLabel' } })
  const panels = h('div', { class: 'panel-stack' })
  const closeButton = h('button', {
    class: 'button button-quiet drawer-close',
    text: 'layoutPanelsClose',
    attrs: { type: 'button' },
    on: { click: () => closeDrawer({ returnFocus: true }) },
  })
  const top = h('div', { class: 'side-top panel-card', attrs: { 'data-panel': 'presence' } })
  const element = h('aside', { class: 'side-panel', attrs: { id: 'side-panel' }, i18nAttrs: { 'aria-label': 'sidePanelLabel' } }, h('div', { class: 'drawer-head' }, closeButton), top, tabs, panels)
  const drawerToggle = h('button', {
    class: 'button button-secondary drawer-toggle',
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'side-panel', 'data-testid': 'drawer-toggle' },
  })
  drawerToggle.append(h('span', { text: 'layoutPanelsOpen' }))

  const entries = new Map<string, { tab: HTMLButtonElement; card: HTMLElement; toggle: HTMLButtonElement; count: HTMLElement; n: number }>()
  let current: string | null = null
  let stored: string | null = null
  try {
    stored = sessionStorage.getItem(STORAGE_KEY)
  } catch {
    stored = null
  }

  const narrow = matchMedia(NARROW)
  const setOpen = (open: boolean): void => {
    element.classList.toggle('is-open', open)
    drawerToggle.setAttribute('aria-expanded', String(open))
  }
  function closeDrawer({ returnFocus = false }: { returnFocus?: boolean } = {}): void {
    if (!element.classList.contains('is-open')) return
    setOpen(false)
    if (returnFocus) drawerToggle.focus()
  }
  drawerToggle.addEventListener('click', () => {
    const open = !element.classList.contains('is-open')
    setOpen(open)
    if (open) (entries.get(current ?? '')?.tab ?? closeButton).focus()
  })
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && narrow.matches && element.classList.contains('is-open') && !event.defaultPrevented) {
      // A popover or dialog inside handles its own Escape first.
      if ((event.target as Element).closest('[role=dialog]')) return
      closeDrawer({ returnFocus: true })
    }
  })
  const onNarrowChange = (): void => {
    if (!narrow.matches) setOpen(false)
  }
  narrow.addEventListener('change', onNarrowChange)

  const select = (id: string, { focus = false }: { focus?: boolean } = {}): void => {
    const entry = entries.get(id)
    if (!entry) return
    current = id
    for (const [other, e] of entries) {
      const on = other === id
      e.tab.setAttribute('aria-selected', String(on))
      e.tab.tabIndex = on ? 0 : -1
      e.card.hidden = !on
      e.toggle.setAttribute('aria-expanded', String(on))
    }
    try {
      sessionStorage.setItem(STORAGE_KEY, id)
    } catch {
      // Not remembered; the choice still applies now.
    }
    if (focus) entry.tab.focus()
  }

  // Arrow keys move between tabs (and show them), as in every tab list; Home and End jump to the ends.
  tabs.addEventListener('keydown', (event) => {
    const ids = [...entries.keys()]
    const at = ids.indexOf(current ?? '')
    let next = -1
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (at + 1) % ids.length
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (at - 1 + ids.length) % ids.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = ids.length - 1
    if (next < 0) return
    event.preventDefault()
    select(ids[next]!, { focus: true })
  })

  return {
    element,
    drawerToggle,
    add({ id, title, tab: tabLabel, body }) {
      if (id === 'presence') {
        // Who is here now is always in view, above the tabs: it is not something one goes looking for.
        top.append(h('h2', { class: 'side-top-title' }, h('span', { class: 'panel-title', text: title })), body)
        return
      }
      const tabId = `tab-${id}`
      const bodyId = `panel-${id}-body`
      const count = h('span', { class: 'panel-count', attrs: { hidden: true } })
      const tab = h(
        'button',
        {
          class: 'panel-tab',
          attrs: { type: 'button', role: 'tab', id: tabId, 'aria-controls': bodyId, 'aria-selected': 'false', tabindex: -1, 'data-tab': id },
          on: { click: () => select(id) },
        },
        h('span', { class: 'panel-tab-label', text: tabLabel ?? title }),
        count,
      )
      const toggle = h('button', { class: 'panel-toggle', attrs: { type: 'button', hidden: true, tabindex: -1, 'aria-expanded': 'false' }, on: { click: () => reveal(id) } })
      const card = h(
        'section',
        { class: 'panel-card', attrs: { 'data-panel': id, role: 'tabpanel', id: bodyId, 'aria-labelledby': tabId, tabindex: 0, hidden: true } },
        toggle,
        h('h2', { class: 'panel-heading' }, h('span', { class: 'panel-title', text: title })),
        h('div', { class: 'panel-body' }, body),
      )
      card.addEventListener('overens:reveal-panel', () => reveal(id))
      tabs.append(tab)
      panels.append(card)
      entries.set(id, { tab, card, toggle, count, n: 0 })
      if (current === null || id === stored) select(id)
    },
    setCount(id, n) {
      const entry = entries.get(id)
      if (!entry) return
      entry.n = n ?? 0
      entry.count.hidden = !n
      entry.count.textContent = n ? String(n) : ''
    },
    reveal,
    selected: () => current,
    closeDrawer,
    destroy() {
      narrow.removeEventListener('change', onNarrowChange)
    },
  }

  function reveal(id: string, { focus = false }: { focus?: boolean } = {}): void {
    select(id)
    if (narrow.matches) setOpen(true)
    if (focus) entries.get(id)?.tab.focus()
  }
}
