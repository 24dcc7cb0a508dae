import { LIMITS } from '../../schema/limits.ts'
import type { Role } from '../api.ts'
import { h } from '../dom.ts'
import { getLang, t } from '../i18n.ts'
import { field, problemMessage, roleName, roleSelect } from './labels.ts'
import { membersApi } from './members-api.ts'
import { pendingInvitations } from './pending-invitations.ts'

/**
 * Owners make an invitation link for a role, valid for some days, and pass it on however they like
 * (mail, chat). Whoever opens it and signs in joins with that role, so the link is shown once here.
 */
export function inviteForm(agreementId: string): HTMLElement {
  const role = roleSelect('drafter')
  const days = h('input', { class: 'input', attrs: { name: 'expiresInDays', type: 'number', min: 1, max: 90, value: 14, required: true } })
  const uses = h('input', { class: 'input', attrs: { name: 'maxUses', type: 'number', min: 1, max: LIMITS.invitationMaxUses, value: LIMITS.invitationDefaultUses, required: true } })
  const pending = pendingInvitations(agreementId)
  const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
  const submit = h('button', { class: 'button invite-create', text: 'inviteCreate', attrs: { type: 'submit' } })
  const link = h('input', { class: 'input invite-link', i18nAttrs: { 'aria-label': 'inviteLinkLabel' }, attrs: { readonly: true } })
  const copy = h('button', { class: 'button button-secondary invite-copy', text: 'inviteCopy', attrs: { type: 'button' } })
  const expiry = h('p', { class: 'muted invite-expiry' })
  const result = h('div', { class: 'invite-result', attrs: { hidden: true } }, h('div', { class: 'invite-link-row' }, link, copy), expiry)

  copy.addEventListener('click', () => {
    link.select()
    const done = (): void => {
      copy.textContent = t('inviteCopied')
    }
    // The clipboard API needs a secure context; selecting the text still lets people copy by hand.
    if (navigator.clipboard) navigator.clipboard.writeText(link.value).then(done, () => undefined)
  })

  const form = h(
    'form',
    { class: 'invite-form' },
    h('div', { class: 'field-row' }, field('membersRole', role), field('inviteDays', days), field('securityInviteUses', uses)),
    error,
    h('div', { class: 'form-actions' }, submit),
    result,
    pending.element,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit.disabled = true
    error.hidden = true
    const chosen = role.value as Role
    membersApi
      .invite(agreementId, chosen, Math.min(90, Math.max(1, Math.round(Number(days.value) || 14))), Math.min(LIMITS.invitationMaxUses, Math.max(1, Math.round(Number(uses.value) || 1))))
      .then(
        (invitation) => {
          link.value = new URL(invitation.path, location.origin).href
          copy.dataset.i18n = 'inviteCopy'
          copy.textContent = t('inviteCopy')
          const date = new Intl.DateTimeFormat(getLang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' }).format(new Date(invitation.expiresAt))
          expiry.textContent = t('inviteExpires', { date, role: roleName(chosen).toLocaleLowerCase(getLang()) })
          result.hidden = false
          link.select()
          pending.refresh()
        },
        (err: unknown) => {
          error.hidden = false
          error.textContent = problemMessage(err)
        },
      )
      .finally(() => {
        submit.disabled = false
      })
  })
  return h('details', { class: 'members-section members-invite' }, h('summary', { text: 'inviteCreateTitle' }), form)
}
