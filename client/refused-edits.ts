import { CloseCode } from '../schema/index.ts'
import type { AgreementAccess } from './agreement-access.ts'
import type { Role } from './api.ts'
import { h } from './dom.ts'
import { onLangChange, t } from './i18n.ts'
import { ROLE_LABEL } from './role-badge.ts'
import type { CollabSession } from './session.ts'

/**
 * Edits made before the role became read-only (typed offline, or on their way when an owner changed
 * the role) can never be stored: the server refuses them with 4403 on every connection, and
 * IndexedDB would offer them again on every visit, so the page would stay closed for good. The
 * person is still a member; this says so and offers the one way back: drop this device's copy.
 * Shown instead of the generic "no longer access" banner, which it precedes (see styles.css).
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

  // Decided by a fresh answer after the close: a removed person gets 404 (the generic banner says so),
  // a person whose role may still write was refused for another reason.
  let refusedAs: Role | null = null
  let asked = false
  const render = (): void => {
    element.hidden = !refusedAs
    if (refusedAs) message.textContent = t('refusedEdits', { role: t(ROLE_LABEL[refusedAs]).toLocaleLowerCase() })
  }
  const offSession = session.subscribe((state) => {
    if (asked || state.closed?.code !== CloseCode.Forbidden) return
    asked = true
    access.load().then(
      (found) => {
        refusedAs = found.role && !access.canEdit() ? found.role : null
        render()
      },
      () => undefined,
    )
  })
  const offLang = onLangChange(render)
  return {
    element,
    destroy: () => {
      offSession()
      offLang()
    },
  }
}
