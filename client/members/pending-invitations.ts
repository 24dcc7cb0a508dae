import type { Role } from '../api.ts'
import { request } from '../api.ts'
import { h } from '../dom.ts'
import { getLang, t } from '../i18n.ts'
import { problemMessage, roleName } from './labels.ts'

/** A link that still admits someone, as the owner sees it (never its secret). */
export interface PendingInvitation {
  id: string
  role: Role
  createdBy: string
  createdByName: string | null
  createdAt: string
  expiresAt: string
  maxUses: number
  usesLeft: number
}

const base = (id: string): string => `/api/agreements/${encodeURIComponent(id)}/invitations`

export const pendingInvitationsApi = {
  list: (agreementId: string) => request<{ invitations: PendingInvitation[] }>('GET', base(agreementId)).then((r) => r.invitations),
  revoke: (agreementId: string, invitationId: string) => request<void>('DELETE', `${base(agreementId)}/${encodeURIComponent(invitationId)}`),
}

/**
 * The owner's list of live invitation links: who made each, for which role, how many uses are left
 * and until when, with a button that withdraws it. `refresh` is called after a link is made.
 */
export function pendingInvitations(agreementId: string): { element: HTMLElement; refresh: () => void } {
  const list = h('ul', { class: 'pending-invitations', attrs: { 'data-testid': 'pending-invitations' } })
  const empty = h('p', { class: 'muted', text: 'securityPendingNone', attrs: { hidden: true } })
  const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
  const date = (iso: string) => new Intl.DateTimeFormat(getLang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' }).format(new Date(iso))

  const refresh = (): void => {
    pendingInvitationsApi.list(agreementId).then(
      (invitations) => {
        error.hidden = true
        empty.hidden = invitations.length > 0
        list.replaceChildren(
          ...invitations.map((i) => {
            const revoke = h('button', { class: 'button button-quiet', text: 'securityPendingRevoke', attrs: { type: 'button', 'data-invitation': i.id } })
            revoke.addEventListener('click', () => {
              revoke.disabled = true
              pendingInvitationsApi.revoke(agreementId, i.id).then(refresh, (err: unknown) => {
                revoke.disabled = false
                error.hidden = false
                error.textContent = problemMessage(err)
              })
            })
            const text = t('securityPendingRow', { role: roleName(i.role), inviter: i.createdByName ?? '?', uses: i.usesLeft, date: date(i.expiresAt) })
            return h('li', { class: 'pending-invitation' }, h('span', {}, text), revoke)
          }),
        )
      },
      (err: unknown) => {
        error.hidden = false
        error.textContent = problemMessage(err)
      },
    )
  }
  refresh()
  return { element: h('div', { class: 'members-pending' }, h('h4', { text: 'securityPendingTitle' }), list, empty, error), refresh }
}
