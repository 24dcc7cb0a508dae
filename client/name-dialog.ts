import { LIMITS } from '../schema/index.ts'
import { h } from './dom.ts'
import { changeIdentity, normalizeName, type Identity } from './identity.ts'

/**
 * Asks for the display name. On the first visit there is no way around it (`required`): a cursor
 * without a name tells the co-authors nothing.
 */
export function askForName({ current, required }: { current?: string; required: boolean }): Promise<Identity | null> {
  return new Promise((resolve) => {
    const input = h('input', {
      class: 'input',
      attrs: { name: 'displayName', required: true, maxlength: LIMITS.displayNameMaxLength, autocomplete: 'name', value: current ?? '' },
    })
    const form = h(
      'form',
      { class: 'name-form', attrs: { method: 'dialog' } },
      h('h2', { text: 'namePromptTitle' }),
      h('p', { class: 'muted', text: 'namePromptText' }),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'namePromptLabel' }), input),
      h(
        'div',
        { class: 'form-actions' },
        required
          ? null
          : h('button', { class: 'button button-secondary', text: 'namePromptCancel', attrs: { type: 'button' }, on: { click: () => finish(null) } }),
        h('button', { class: 'button', text: 'namePromptSubmit', attrs: { type: 'submit' } }),
      ),
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
      finish(changeIdentity(name))
    })
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      if (!required) finish(null)
    })
    document.body.append(dialog)
    dialog.showModal()
    input.focus()
  })
}
