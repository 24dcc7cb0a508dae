import { LIMITS } from '../schema/index.ts'
import { h } from './dom.ts'
import { t } from './i18n.ts'
import { changeIdentity, normalizeName, type Identity } from './identity.ts'
import { errorMessage } from './list-page.ts'

/**
 * Changes the account's display name: the one the co-authors see next to the cursor, in presence and
 * in the members list. The name was chosen at sign-up, so the dialog can always be cancelled.
 */
export function askForName({ current }: { current: string }): Promise<Identity | null> {
  return new Promise((resolve) => {
    const input = h('input', {
      class: 'input',
      attrs: { name: 'displayName', required: true, maxlength: LIMITS.displayNameMaxLength, autocomplete: 'name', value: current },
    })
    const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
    const submit = h('button', { class: 'button', text: 'namePromptSubmit', attrs: { type: 'submit' } })
    const form = h(
      'form',
      { class: 'name-form', attrs: { method: 'dialog' } },
      h('h2', { text: 'namePromptTitle' }),
      h('p', { class: 'muted', text: 'namePromptText' }),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'namePromptLabel' }), input),
      error,
      h('div', { class: 'form-actions' }, h('button', { class: 'button button-secondary', text: 'namePromptCancel', attrs: { type: 'button' }, on: { click: () => finish(null) } }), submit),
    )
    const dialog = h('dialog', { class: 'name-dialog' }, form)

    const finish = (identity: Identity | null): void => {
      dialog.close()
      dialog.remove()
      resolve(identity)
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const name = normalizeName(input.value)
      if (!name) {
        input.focus()
        return
      }
      submit.disabled = true
      error.hidden = true
      changeIdentity(name).then(finish, (err: unknown) => {
        submit.disabled = false
        error.hidden = false
        error.textContent = t('nameChangeError', { message: errorMessage(err) })
      })
    })
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      finish(null)
    })
    document.body.append(dialog)
    dialog.showModal()
    input.select()
  })
}
