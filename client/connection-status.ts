import { CloseCode } from '../schema/index.ts'
import { h } from './dom.ts'
import { onLangChange, t, type MessageKey } from './i18n.ts'
import type { CollabSession, SessionState } from './session.ts'

/**
 * What the person is told about their edits. Each state is a promise we can keep: "saved" only once
 * every local edit has left on a synced connection, "offline" only while IndexedDB holds them.
 */
export type ConnectionStatus = 'connecting' | 'saved' | 'saving' | 'offline' | 'reconnecting' | 'closed'

export function deriveStatus(s: SessionState): ConnectionStatus {
  if (s.closed) return 'closed'
  if (!s.online) return 'offline'
  if (!s.connected) return s.everSynced || s.unsentEdits ? 'reconnecting' : 'connecting'
  if (!s.synced) return s.unsentEdits ? 'saving' : 'connecting'
  return s.unsentEdits ? 'saving' : 'saved'
}

const LABEL: Record<ConnectionStatus, MessageKey> = {
  connecting: 'statusConnecting',
  saved: 'statusSaved',
  saving: 'statusSaving',
  offline: 'statusOffline',
  reconnecting: 'statusReconnecting',
  closed: 'statusClosed',
}

const HINT: Partial<Record<ConnectionStatus, MessageKey>> = {
  saved: 'statusSavedHint',
  saving: 'statusSavingHint',
  offline: 'statusOfflineHint',
  reconnecting: 'statusReconnectingHint',
}

export function closeMessage(code: number): MessageKey {
  switch (code) {
    case CloseCode.AgreementNotFound:
      return 'closedNotFound'
    case CloseCode.SchemaIncompatible:
      return 'closedSchema'
    case CloseCode.Unauthorized:
      return 'closedUnauthorized'
    case CloseCode.Forbidden:
      return 'closedForbidden'
    case CloseCode.DocumentTooLarge:
      return 'closedTooLarge'
    case CloseCode.MalformedMessage:
      return 'closedMalformed'
    case CloseCode.SchemaViolation:
      return 'structureClosedSchema'
    default:
      return 'closedOther'
  }
}

/**
 * The status pill. `data-state` (the status shown), `data-sent` ("all" once every local edit has left
 * on a synced connection) and `data-local` ("stored" once IndexedDB has every local edit) are for
 * tests and styling, so neither has to parse the translated text.
 */
export function connectionStatusView(session: CollabSession): { element: HTMLElement; destroy: () => void } {
  const dot = h('span', { class: 'status-dot', attrs: { 'aria-hidden': 'true' } })
  const label = h('span', { class: 'status-label' })
  const element = h('div', { class: 'connection-status', attrs: { role: 'status', 'aria-live': 'polite' } }, dot, label)

  let shown: ConnectionStatus | null = null
  let savingTimer: ReturnType<typeof setTimeout> | null = null
  const paint = (status: ConnectionStatus): void => {
    shown = status
    element.dataset.state = status
    label.textContent = t(LABEL[status])
    const hint = HINT[status]
    if (hint) element.title = t(hint)
    else element.removeAttribute('title')
  }
  const render = (): void => {
    const state = session.getState()
    element.dataset.local = state.unstoredEdits ? 'storing' : 'stored'
    element.dataset.sent = state.unsentEdits ? 'pending' : 'all'
    const status = deriveStatus(state)
    // On a healthy connection every keystroke is "saving" for a few milliseconds. Showing that would
    // make the pill (and screen readers, via aria-live) flicker; it only appears if sending lingers.
    if (status === 'saving' && shown === 'saved') {
      savingTimer ??= setTimeout(() => {
        savingTimer = null
        paint(deriveStatus(session.getState()))
      }, SAVING_DISPLAY_DELAY_MS)
      return
    }
    if (savingTimer) clearTimeout(savingTimer)
    savingTimer = null
    paint(status)
  }
  render()
  const unsubscribe = session.subscribe(render)
  const offLang = onLangChange(() => shown && paint(shown))
  return {
    element,
    destroy: () => {
      if (savingTimer) clearTimeout(savingTimer)
      unsubscribe()
      offLang()
    },
  }
}

const SAVING_DISPLAY_DELAY_MS = 400

/** The banner shown when the server closed the connection for good; it explains and offers a reload. */
export function closedBannerView(session: CollabSession): { element: HTMLElement; destroy: () => void } {
  const message = h('p', { class: 'closed-message' })
  const element = h(
    'div',
    { class: 'closed-banner', attrs: { role: 'alert', hidden: true } },
    message,
    h('button', { class: 'button', text: 'reload', attrs: { type: 'button' }, on: { click: () => location.reload() } }),
  )
  const render = (): void => {
    const closed = session.getState().closed
    element.hidden = !closed
    if (closed) message.textContent = t(closeMessage(closed.code), { code: closed.code })
  }
  render()
  const unsubscribe = session.subscribe(render)
  const offLang = onLangChange(render)
  return {
    element,
    destroy: () => {
      unsubscribe()
      offLang()
    },
  }
}
