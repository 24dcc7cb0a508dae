import './security.css'
import { currentUser } from './account.ts'
import { ApiError, request, type Role } from './api.ts'
import { authPage } from './auth-page.ts'
import { h } from './dom.ts'
import { getLang, t, type MessageKey } from './i18n.ts'
import { roleName } from './members/labels.ts'
import { agreementPath, type Page } from './router.ts'

/** What GET /api/invitations/:token tells anyone holding the link. */
interface InvitationPreview {
  status: 'valid' | 'expired' | 'used' | 'revoked'
  role: Role
  expiresAt: string
  usesLeft: number
  agreementTitle: string | null
  inviterName: string | null
}

const DEAD: Record<Exclude<InvitationPreview['status'], 'valid'>, MessageKey> = {
  expired: 'securityInviteExpired',
  used: 'securityInviteUsed',
  revoked: 'securityInviteRevoked',
}

/**
 * `/invite/<token>`: names the agreement, the inviter and the role, and joins only when the person
 * clicks. Opening the link (or being sent to it by another site) never joins anyone. A dead link says
 * so before anyone signs up; a live one shows the sign-in form under it when signed out, and this page
 * comes back with the join button after signing in.
 */
export function invitePage({ token, navigate }: { token: string; navigate: (path: string, options?: { replace?: boolean }) => void }): Page {
  const message = h('p', { class: 'invite-message', text: 'securityInviteLoading', attrs: { 'data-testid': 'invite-message' } })
  const detail = h('p', { class: 'muted invite-detail', attrs: { hidden: true } })
  const join = h('button', { class: 'button invite-join', text: 'securityInviteJoin', attrs: { type: 'button', hidden: true, 'data-testid': 'invite-join' } })
  const back = h('a', { class: 'button button-secondary', text: 'backToList', attrs: { href: '/', 'data-route': true, hidden: true } })
  const below = h('div', { class: 'invite-sign-in' })
  const element = h('div', { class: 'invite-page' }, h('section', { class: 'card' }, h('h1', { text: 'inviteTitle' }), message, detail, join, back), below)
  let destroyed = false
  let signIn: Page | null = null

  const say = (key: MessageKey, text = t(key), error = false): void => {
    message.dataset.i18n = key
    message.textContent = text
    message.classList.toggle('error', error)
    if (error) message.setAttribute('role', 'alert')
  }
  const fail = (err: unknown): void => {
    if (destroyed) return
    if (err instanceof ApiError && err.status === 401) return
    const code = err instanceof ApiError ? err.code : ''
    const key: MessageKey =
      code === 'invitation_expired'
        ? DEAD.expired
        : code === 'invitation_used'
          ? DEAD.used
          : code === 'invitation_revoked'
            ? DEAD.revoked
            : err instanceof ApiError && err.status === 404
              ? 'securityInviteUnknown'
              : 'inviteFailed'
    say(key, t(key), true)
    join.hidden = true
    back.hidden = !currentUser()
  }

  request<InvitationPreview>('GET', `/api/invitations/${encodeURIComponent(token)}`).then((preview) => {
    if (destroyed) return
    if (preview.status !== 'valid') return fail(new ApiError(410, `invitation_${preview.status}`, preview.status))
    const role = roleName(preview.role).toLocaleLowerCase(getLang())
    // Text content only: the title and the inviter's name are other people's words.
    delete message.dataset.i18n
    message.textContent = t('securityInviteWhat', { inviter: preview.inviterName ?? '?', title: preview.agreementTitle ?? '?', role })
    detail.textContent = t('securityInviteUsesLeft', { date: new Intl.DateTimeFormat(getLang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' }).format(new Date(preview.expiresAt)) })
    detail.hidden = false
    if (currentUser()) {
      join.hidden = false
      join.focus()
    } else {
      signIn = authPage({ invitation: true })
      below.replaceChildren(h('p', { class: 'muted', text: 'securityInviteSignInFirst' }), signIn.element)
    }
  }, fail)

  join.addEventListener('click', () => {
    join.disabled = true
    request<{ agreementId: string; role: Role }>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, {}).then(
      ({ agreementId }) => {
        if (!destroyed) navigate(agreementPath(agreementId), { replace: true })
      },
      (err: unknown) => {
        join.disabled = false
        fail(err)
      },
    )
  })

  return {
    element,
    destroy: () => {
      destroyed = true
      signIn?.destroy()
    },
  }
}
