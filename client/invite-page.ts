import { ApiError, request, type Role } from './api.ts'
import { h } from './dom.ts'
import { t } from './i18n.ts'
import { agreementPath, type Page } from './router.ts'

/**
 * `/invite/<token>`: accepts the invitation for the signed-in person and opens the agreement. The
 * link only ever passes through, so the agreement replaces it in the history. Accepting twice is
 * harmless (the server keeps the existing membership), which makes a reload safe.
 */
export function invitePage({ token, navigate }: { token: string; navigate: (path: string, options?: { replace?: boolean }) => void }): Page {
  const message = h('p', { class: 'invite-message', text: 'inviteAccepting' })
  const back = h('a', { class: 'button button-secondary', text: 'backToList', attrs: { href: '/', 'data-route': true, hidden: true } })
  const element = h('div', { class: 'invite-page' }, h('section', { class: 'card' }, h('h1', { text: 'inviteTitle' }), message, back))
  let destroyed = false

  request<{ agreementId: string; role: Role }>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`).then(
    ({ agreementId }) => {
      if (!destroyed) navigate(agreementPath(agreementId), { replace: true })
    },
    (err: unknown) => {
      if (destroyed) return
      // A 401 is handled by the app (the login page comes back, and this page with it).
      if (err instanceof ApiError && err.status === 401) return
      const key = err instanceof ApiError && err.status === 404 ? 'inviteInvalid' : 'inviteFailed'
      message.dataset.i18n = key
      message.textContent = t(key)
      message.classList.add('error')
      message.setAttribute('role', 'alert')
      back.hidden = false
    },
  )
  return {
    element,
    destroy: () => {
      destroyed = true
    },
  }
}
