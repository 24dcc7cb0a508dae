import { h } from './dom.ts'
import type { MessageKey } from './i18n.ts'

/**
 * The column right of the document. Panels (presence now; validator and clause library later) are
 * stacked cards, each collapsible, so a new panel is one `add` call and needs no layout work.
 */
export interface SidePanel {
  element: HTMLElement
  add(panel: { id: string; title: MessageKey; body: HTMLElement; collapsed?: boolean }): void
}

export function createSidePanel(): SidePanel {
  const element = h('aside', { class: 'side-panel', i18nAttrs: { 'aria-label': 'sidePanelLabel' } })
  return {
    element,
    add({ id, title, body, collapsed = false }) {
      const bodyId = `panel-${id}-body`
      const toggle = h(
        'button',
        {
          class: 'panel-toggle',
          attrs: { type: 'button', 'aria-expanded': String(!collapsed), 'aria-controls': bodyId },
          on: {
            click: () => {
              const open = toggle.getAttribute('aria-expanded') !== 'true'
              toggle.setAttribute('aria-expanded', String(open))
              wrapper.hidden = !open
            },
          },
        },
        h('span', { class: 'panel-title', text: title }),
        h('span', { class: 'panel-chevron', attrs: { 'aria-hidden': 'true' } }),
      )
      const wrapper = h('div', { class: 'panel-body', attrs: { id: bodyId, hidden: collapsed } }, body)
      element.append(h('section', { class: 'panel-card', attrs: { 'data-panel': id } }, h('h2', { class: 'panel-heading' }, toggle), wrapper))
    },
  }
}
