import type { Role } from '../api.ts'
import { h } from '../dom.ts'
import { field, mandateInput, problemMessage, roleSelect } from './labels.ts'
import { membersApi, type Party } from './members-api.ts'
import type { GroupStore } from './group-store.ts'

/** Owners add someone who already has an account by email, with role, party and mandate. */
export function memberAddForm(store: GroupStore): { element: HTMLElement; render: () => void } {
  const email = h('input', { class: 'input', attrs: { name: 'email', type: 'email', required: true, autocomplete: 'off' } })
  const role = roleSelect('drafter')
  const party = h('select', { class: 'input', attrs: { name: 'partyId' } })
  const mandate = mandateInput(null)
  const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
  const submit = h('button', { class: 'button', text: 'membersAdd', attrs: { type: 'submit' } })
  const form = h(
    'form',
    { class: 'member-add-form' },
    field('membersEmail', email),
    field('membersRole', role),
    field('membersParty', party),
    field('membersMandate', mandate),
    error,
    h('div', { class: 'form-actions' }, submit),
  )
  const element = h('details', { class: 'members-section members-add' }, h('summary', { text: 'membersAddTitle' }), form)

  const render = (): void => {
    const chosen = party.value
    const parties: Party[] = store.get().parties ?? []
    party.replaceChildren(h('option', { text: 'membersNoParty', attrs: { value: '' } }), ...parties.map((p) => h('option', { attrs: { value: p.id } }, p.name)))
    party.value = parties.some((p) => p.id === chosen) ? chosen : ''
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit.disabled = true
    error.hidden = true
    const mandateText = (mandate.querySelector('input')?.value ?? '').trim()
    membersApi
      .addMember(store.agreementId, { email: email.value.trim(), role: role.value as Role, partyId: party.value || null, mandate: mandateText || null })
      .then(
        () => {
          form.reset()
          role.value = 'drafter'
          store.refresh()
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
  return { element, render }
}
