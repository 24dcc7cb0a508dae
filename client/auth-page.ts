import { LIMITS } from '../schema/index.ts'
import { logIn, MIN_PASSWORD_LENGTH, signUp } from './account.ts'
import { ApiError } from './api.ts'
import { h } from './dom.ts'
import { t, type MessageKey } from './i18n.ts'
import { normalizeName } from './identity.ts'
import type { Page } from './router.ts'

type Mode = 'login' | 'signup'

/**
 * Log in or create an account: shown instead of any page while the browser has no session. On
 * success the account module announces the user and the app renders the page that was asked for,
 * so an invitation link opened while signed out is accepted right after.
 */
export function authPage({ invitation }: { invitation: boolean }): Page {
  // Someone following an invitation link most likely has no account yet.
  let mode: Mode = invitation ? 'signup' : 'login'

  const email = h('input', { class: 'input', attrs: { name: 'email', type: 'email', required: true, autocomplete: 'email', maxlength: 254 } })
  const password = h('input', { class: 'input', attrs: { name: 'password', type: 'password', required: true, maxlength: 256 } })
  const displayName = h('input', { class: 'input', attrs: { name: 'displayName', maxlength: LIMITS.displayNameMaxLength, autocomplete: 'name' } })
  const nameField = field('authName', displayName)
  const passwordHint = h('span', { class: 'muted hint', text: 'authPasswordHint' })
  const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert', 'data-testid': 'auth-error' } })
  const submit = h('button', { class: 'button', attrs: { type: 'submit' } })
  const heading = h('h1', {})
  const switchText = h('span', { class: 'muted' })
  const switchButton = h('button', { class: 'link-button auth-switch', attrs: { type: 'button' }, on: { click: () => setMode(mode === 'login' ? 'signup' : 'login') } })

  const form = h(
    'form',
    { class: 'card auth-form' },
    heading,
    invitation ? h('p', { class: 'auth-invitation', text: 'authInvitation' }) : null,
    nameField,
    field('authEmail', email),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'authPassword' }), password, passwordHint),
    error,
    h('div', { class: 'form-actions' }, submit),
    h('p', { class: 'auth-switch-row' }, switchText, ' ', switchButton),
  )

  const setMode = (next: Mode): void => {
    mode = next
    form.dataset.mode = mode
    const signup = mode === 'signup'
    setText(heading, signup ? 'authSignupTitle' : 'authLoginTitle')
    setText(submit, signup ? 'authSignupSubmit' : 'authLoginSubmit')
    setText(switchText, signup ? 'authHaveAccount' : 'authNoAccount')
    setText(switchButton, signup ? 'authToLogin' : 'authToSignup')
    nameField.hidden = !signup
    displayName.required = signup
    passwordHint.hidden = !signup
    // The browser's own check, so a short password is refused before a round trip.
    password.minLength = signup ? MIN_PASSWORD_LENGTH : 0
    password.autocomplete = signup ? 'new-password' : 'current-password'
    error.hidden = true
  }
  setMode(mode)

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit.disabled = true
    error.hidden = true
    const attempt = mode === 'signup' ? signUp({ email: email.value.trim(), password: password.value, displayName: normalizeName(displayName.value) }) : logIn(email.value.trim(), password.value)
    attempt
      .catch((err: unknown) => {
        error.hidden = false
        error.textContent = t(authErrorMessage(err))
        password.select()
      })
      .finally(() => {
        submit.disabled = false
      })
  })

  const element = h('div', { class: 'auth-page' }, form)
  queueMicrotask(() => (mode === 'signup' ? displayName : email).focus())
  return { element, destroy: () => undefined }
}

function field(label: MessageKey, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control)
}

/** Keeps `data-i18n` in step so a language switch relabels the current mode. */
function setText(el: HTMLElement, key: MessageKey): void {
  el.dataset.i18n = key
  el.textContent = t(key)
}

function authErrorMessage(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'authErrorNetwork'
  switch (err.code) {
    case 'invalid_credentials':
      return 'authErrorCredentials'
    case 'too_many_attempts':
      return 'authErrorTooMany'
    case 'email_taken':
      return 'authErrorEmailTaken'
    case 'invalid_input':
      return 'authErrorInvalid'
    default:
      return 'authErrorOther'
  }
}
