import type { AgreementAccess, AccessState } from './agreement-access.ts'
import type { Role } from './api.ts'
import { h } from './dom.ts'
import { onLangChange, t, type MessageKey } from './i18n.ts'

export const ROLE_LABEL: Record<Role, MessageKey> = {
  owner: 'roleOwner',
  drafter: 'roleDrafter',
  reviewer: 'roleReviewer',
  viewer: 'roleViewer',
}

/** Read-only roles say what they can still do, so a greyed-out editor is not mistaken for a fault. */
const ROLE_HINT: Partial<Record<Role, MessageKey>> = {
  reviewer: 'roleReviewerHint',
  viewer: 'roleViewerHint',
}

/** The person's role in the open agreement, next to the connection status. */
export function roleBadgeView(access: AgreementAccess): { element: HTMLElement; destroy: () => void } {
  const element = h('span', { class: 'role-badge', attrs: { 'data-testid': 'role-badge', hidden: true } })
  const render = (state: AccessState = access.getState()): void => {
    element.hidden = state.status === 'loading' || state.status === 'unknown'
    if (state.status === 'lost') {
      element.dataset.role = 'none'
      element.textContent = t('roleNone')
    } else if (state.status === 'known') {
      element.dataset.role = state.role
      const hint = ROLE_HINT[state.role]
      element.textContent = hint ? `${t(ROLE_LABEL[state.role])} – ${t(hint)}` : t(ROLE_LABEL[state.role])
    }
  }
  render()
  const unsubscribe = access.subscribe(render)
  const offLang = onLangChange(() => render())
  return {
    element,
    destroy: () => {
      unsubscribe()
      offLang()
    },
  }
}
