import { CloseCode } from '../schema/index.ts'
import type { AgreementAccess } from './agreement-access.ts'
import type { Role } from './api.ts'
import { h } from './dom.ts'
import { onLangChange, t } from './i18n.ts'
import { ROLE_LABEL } from './role-badge.ts'
import type { CollabSession } from './session.ts'

/**
 * Text on this device that the person's role cannot save. A read-only person's browser never sends
 * content (client/write-gate.ts), so the server never throws them out for it; when what it held back
 * carried text the server does not have (typed offline before a demotion, say), this says so, names
 * the role the person has now (never a change that did not happen), and offers the one way back: drop
 * this device's copy. A final 4403 while still a member with a read-only role (edits sent before the
 * role was known) gets the same notice instead of the generic "no longer access" banner.
 */
export function refusedEditsView(session: CollabSession, access: AgreementAccess): { element: HTMLElement; destroy: () => void } {
  const message = h('p', { class: 'refused-edits-message' })
  const discard = h('button', {
    class: 'button',
    text: 'refusedEditsDiscard',
    attrs: { type: 'button', 'data-testid': 'discard-refused-edits' },
    on: {
      click: () => {
        discard.disabled = true
        // clearData deletes this agreement's IndexedDB copy; the reload then starts from the server's text.
        void session.persistence.clearData().finally(() => location.reload())
      },
    },
  })
  const element = h('div', { class: 'refused-edits', attrs: { role: 'alert', hidden: true } }, message, discard)

  let refusedAs: Role | null = null
  let asked = false
  const render = (): void => {
    const role = access.role()
    const show = role !== null && !access.canEdit() && (session.getState().unsavable || refusedAs !== null)
    element.hidden = !show
    if (show) message.textContent = t('structureUnsavable', { role: t(ROLE_LABEL[role]).toLocaleLowerCase() })
  }
  const offSession = session.subscribe((state) => {
    render()
    if (asked || state.closed?.code !== CloseCode.Forbidden) return
    asked = true
    // Decided by a fresh answer after the close: a removed person gets 404 (the generic banner says so).
    access.load().then(
      (found) => {
        refusedAs = found.role && !access.canEdit() ? found.role : null
        render()
      },
      () => undefined,
    )
  })
  const offAccess = access.subscribe(render)
  const offLang = onLangChange(render)
  return {
    element,
    destroy: () => {
      offSession()
      offAccess()
      offLang()
    },
  }
}
