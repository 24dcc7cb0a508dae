import './security.css'
import { changePassword, listSessions, logOutEverywhere, MIN_PASSWORD_LENGTH, revokeSession, setCurrentUser, type AccountSession } from './account.ts'
import { ApiError } from './api.ts'
import { h } from './dom.ts'
import { getLang, t } from './i18n.ts'
import { errorMessage } from './list-page.ts'

const date = (iso: string): string => new Intl.DateTimeFormat(getLang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

/**
 * The account: change the password (which ends every other sign-in and token), see where the account
 * is signed in and which access tokens exist, end any of them, or log out everywhere.
 */
export function openAccountDialog(): void {
  const current = h('input', { class: 'input', attrs: { name: 'currentPassword', type: 'password', required: true, autocomplete: 'current-password', maxlength: 256 } })
  const next = h('input', { class: 'input', attrs: { name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password', minlength: MIN_PASSWORD_LENGTH, maxlength: 256 } })
  const passwordStatus = h('p', { class: 'muted', attrs: { role: 'status', 'data-testid': 'password-status' } })
  const passwordSubmit = h('button', { class: 'button', text: 'securityPasswordSubmit', attrs: { type: 'submit' } })
  const passwordForm = h(
    'form',
    { class: 'account-password' },
    h('h3', { text: 'securityPasswordTitle' }),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'securityPasswordCurrent' }), current),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'securityPasswordNew' }), next),
    passwordStatus,
    h('div', { class: 'form-actions' }, passwordSubmit),
  )
  const list = h('ul', { class: 'account-sessions', attrs: { 'data-testid': 'account-sessions' } })
  const listError = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
  const everywhere = h('button', { class: 'button button-secondary', text: 'securityLogoutEverywhere', attrs: { type: 'button' } })
  const close = h('button', { class: 'button button-secondary', text: 'securityClose', attrs: { type: 'button' } })
  const dialog = h(
    'dialog',
    { class: 'account-dialog', attrs: { 'aria-labelledby': 'account-dialog-title' } },
    h('h2', { text: 'securityAccountTitle', attrs: { id: 'account-dialog-title' } }),
    passwordForm,
    h('h3', { text: 'securitySessionsTitle' }),
    list,
    listError,
    h('div', { class: 'form-actions' }, everywhere, close),
  )

  const row = (s: AccountSession): HTMLElement => {
    const kind = t(s.kind === 'session' ? 'securitySessionKindSession' : 'securitySessionKindToken')
    const label = [kind, s.label, s.current ? t('securitySessionThis') : null, t('securitySessionSince', { date: date(s.createdAt) })].filter(Boolean).join(' · ')
    const revoke = h('button', { class: 'button button-quiet', text: 'securitySessionRevoke', attrs: { type: 'button', 'data-session': s.id } })
    revoke.addEventListener('click', () => {
      revoke.disabled = true
      revokeSession(s.id).then(
        () => (s.current ? finish(true) : refresh()),
        (err: unknown) => showError(err),
      )
    })
    return h('li', { class: 'account-session' }, h('span', {}, label), revoke)
  }
  const showError = (err: unknown): void => {
    listError.hidden = false
    listError.textContent = t('securityError', { message: errorMessage(err) })
  }
  const refresh = (): void => {
    listSessions().then((sessions) => list.replaceChildren(...sessions.map(row)), showError)
  }
  const finish = (signedOut = false): void => {
    dialog.close()
    dialog.remove()
    if (signedOut) setCurrentUser(null)
  }

  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault()
    passwordSubmit.disabled = true
    changePassword(current.value, next.value)
      .then(
        () => {
          passwordStatus.textContent = t('securityPasswordDone')
          current.value = ''
          next.value = ''
          refresh()
        },
        (err: unknown) => {
          passwordStatus.textContent = err instanceof ApiError && err.code === 'wrong_password' ? t('securityPasswordWrong') : t('securityError', { message: errorMessage(err) })
        },
      )
      .finally(() => {
        passwordSubmit.disabled = false
      })
  })
  everywhere.addEventListener('click', () => {
    logOutEverywhere().then(() => finish(false), showError)
  })
  close.addEventListener('click', () => finish())
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    finish()
  })
  document.body.append(dialog)
  dialog.showModal()
  refresh()
}
