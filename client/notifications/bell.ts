import { request } from '../api.ts'
import { h } from '../dom.ts'
import { formatRelative, plural } from '../format.ts'
import { onLangChange, t, type MessageKey } from '../i18n.ts'
import { agreementPath } from '../router.ts'
import type { Notification, NotificationKind } from '../../schema/api-types.ts'

const TEXT: Record<NotificationKind, MessageKey> = {
  mention: 'notificationsMention',
  changes_requested: 'notificationsChangesRequested',
  approved: 'notificationsApproved',
  ready_for_review: 'notificationsReady',
  invitation_accepted: 'notificationsInvitationAccepted',
  approved_section_changed: 'notificationsSectionChanged',
}

/** Where a notification leads: the agreement, at the section, clause or comment thread it is about. */
export function notificationHref(n: Pick<Notification, 'agreementId' | 'target'>): string {
  if (!n.agreementId) return '/'
  return `${agreementPath(n.agreementId)}${n.target ? `#at=${encodeURIComponent(n.target)}` : ''}`
}

/**
 * The bell in the header: the unread count, live over the person's notification stream, and a list
 * that opens right below it (next in the DOM and the Tab order), each entry a link to the place.
 */
export function notificationBell(): { element: HTMLElement; start(): void; stop(): void } {
  let items: Notification[] = []
  let unread = 0
  let source: EventSource | null = null
  const count = h('span', { class: 'panel-count bell-count', attrs: { hidden: true, 'data-testid': 'bell-count' } })
  const hiddenCount = h('span', { class: 'visually-hidden' })
  const button = h(
    'button',
    { class: 'button button-quiet bell', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'notifications-panel', 'data-testid': 'bell' } },
    bellIcon(),
    h('span', { class: 'bell-label', text: 'notificationsBell' }),
    count,
    hiddenCount,
  )
  const list = h('ul', { class: 'notification-list' })
  const empty = h('p', { class: 'muted notifications-empty', text: 'notificationsEmpty' })
  const markAll = h('button', { class: 'button button-quiet', text: 'notificationsMarkAll', attrs: { type: 'button' } })
  const panel = h(
    'section',
    { class: 'notifications-panel', attrs: { id: 'notifications-panel', hidden: true, 'aria-labelledby': 'notifications-title' } },
    h('div', { class: 'notifications-head' }, h('h2', { text: 'notificationsTitle', attrs: { id: 'notifications-title' } }), markAll),
    empty,
    list,
  )
  const element = h('div', { class: 'bell-wrap' }, button, panel)

  const render = (): void => {
    count.hidden = unread === 0
    count.textContent = String(unread)
    count.setAttribute('aria-hidden', 'true')
    hiddenCount.textContent = unread > 0 ? `, ${plural(unread, { one: 'notificationsUnreadOne', other: 'notificationsUnreadOther' })}` : ''
    empty.hidden = items.length > 0
    markAll.hidden = unread === 0
    list.replaceChildren(
      ...items.map((n) =>
        h(
          'li',
          { class: `notification${n.read ? '' : ' is-unread'}`, attrs: { 'data-kind': n.kind } },
          h(
            'a',
            {
              class: 'notification-link',
              attrs: { href: notificationHref(n), 'data-route': true },
              on: {
                click: () => {
                  close()
                  if (!n.read) void request('POST', '/api/notifications/read', { ids: [n.id] }).then(refresh)
                },
              },
            },
            n.read ? null : h('span', { class: 'visually-hidden' }, `${t('notificationsUnread')}: `),
            h('span', { class: 'notification-text' }, t(TEXT[n.kind], { actor: n.actorName, agreement: n.agreementTitle ? `”${n.agreementTitle}”` : t('notificationsUnknownAgreement') })),
            n.excerpt && n.kind !== 'invitation_accepted' ? h('span', { class: 'notification-excerpt' }, n.excerpt) : null,
            h('time', { class: 'notification-time', attrs: { datetime: n.createdAt } }, formatRelative(n.createdAt)),
          ),
        ),
      ),
    )
  }

  const refresh = async (): Promise<void> => {
    try {
      const data = await request<{ notifications: Notification[]; unread: number }>('GET', '/api/notifications')
      items = data.notifications
      unread = data.unread
      render()
    } catch {
      // Signed out or offline: the bell keeps what it had.
    }
  }

  const open = (): void => {
    panel.hidden = false
    button.setAttribute('aria-expanded', 'true')
    void refresh()
  }
  function close({ refocus = false } = {}): void {
    if (panel.hidden) return
    panel.hidden = true
    button.setAttribute('aria-expanded', 'false')
    if (refocus) button.focus()
  }
  button.addEventListener('click', () => (panel.hidden ? open() : close()))
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault()
      close({ refocus: true })
    }
  })
  document.addEventListener('mousedown', (event) => {
    if (!element.contains(event.target as Node)) close()
  })
  markAll.addEventListener('click', () => void request('POST', '/api/notifications/read', { all: true }).then(refresh))
  onLangChange(render)

  return {
    element,
    start() {
      if (source) return
      void refresh()
      source = new EventSource('/api/notifications/stream')
      source.addEventListener('notifications', () => void refresh())
    },
    stop() {
      source?.close()
      source = null
      items = []
      unread = 0
      close()
      render()
    },
  }
}

function bellIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('width', '18')
  svg.setAttribute('height', '18')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('class', 'bell-icon')
  const path = document.createElementNS(ns, 'path')
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z')
  path.setAttribute('fill', 'currentColor')
  svg.append(path)
  return svg
}
