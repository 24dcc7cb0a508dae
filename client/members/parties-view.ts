import { h } from '../dom.ts'
import { t } from '../i18n.ts'
import { field, PARTY_TYPE_LABEL, problemMessage } from './labels.ts'
import { membersApi, type Party, type PartyType } from './members-api.ts'
import type { GroupStore } from './group-store.ts'

/**
 * The parties of the agreement: the municipality (public) and the idea-driven organisation(s), with
 * their organisation numbers. Everyone sees them; drafters and owners add and correct them.
 */
export function partiesView(store: GroupStore, canEdit: () => boolean): { element: HTMLElement; render: () => void } {
  const list = h('ul', { class: 'party-list' })
  const empty = h('p', { class: 'muted parties-empty', text: 'partiesEmpty' })
  const count = h('span', { class: 'muted parties-count' })
  const addSlot = h('div', { class: 'party-add-slot' })
  let editing: string | null = null
  // As in the member list: an open editor survives re-renders.
  let openForm: { partyId: string; element: HTMLElement } | null = null

  const render = (): void => {
    const parties = store.get().parties ?? []
    count.textContent = parties.length ? ` (${parties.length})` : ''
    empty.hidden = parties.length > 0
    if (openForm && openForm.partyId !== editing) openForm = null
    list.replaceChildren(
      ...parties.map((p) => {
        if (!canEdit() || p.id !== editing) return row(p)
        openForm ??= { partyId: p.id, element: partyForm(p) }
        return openForm.element
      }),
    )
    if (canEdit() && !addSlot.firstChild) addSlot.append(addForm())
    if (!canEdit()) addSlot.replaceChildren()
  }

  const row = (p: Party): HTMLElement =>
    h(
      'li',
      { class: 'party', attrs: { 'data-party-id': p.id } },
      h(
        'div',
        { class: 'member-head' },
        h('span', { class: 'party-name' }, p.name),
        canEdit()
          ? h('button', {
              class: 'link-button party-edit',
              text: 'partyEdit',
              attrs: { type: 'button' },
              on: {
                click: () => {
                  editing = p.id
                  render()
                },
              },
            })
          : null,
      ),
      h('div', { class: 'muted party-meta' }, [t(PARTY_TYPE_LABEL[p.type]), p.orgNr ? t('partyOrgNrShort', { orgNr: p.orgNr }) : ''].filter(Boolean).join(' · ')),
    )

  /** One form for adding (no party) and for correcting one in place. */
  const partyForm = (p: Party | null): HTMLElement => {
    const name = h('input', { class: 'input', attrs: { name: 'partyName', required: true, maxlength: 200, value: p?.name ?? '' } })
    const type = h(
      'select',
      { class: 'input', attrs: { name: 'partyType' } },
      h('option', { text: 'partyTypePublic', attrs: { value: 'public' } }),
      h('option', { text: 'partyTypeIdeaDriven', attrs: { value: 'idea_driven' } }),
    )
    type.value = p?.type ?? 'idea_driven'
    const orgNr = h('input', {
      class: 'input',
      attrs: { name: 'orgNr', pattern: '[0-9]{6}-?[0-9]{4}', placeholder: '802000-0000', value: p?.orgNr ?? '', inputmode: 'numeric' },
    })
    const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
    const form = h(
      p ? 'li' : 'div',
      { class: p ? 'party party-form' : 'party-add-form' },
      field('partyName', name),
      h('div', { class: 'field-row' }, field('partyType', type), field('partyOrgNr', orgNr)),
      error,
      h(
        'div',
        { class: 'form-actions' },
        p
          ? h('button', {
              class: 'button button-secondary',
              text: 'membersCancel',
              attrs: { type: 'button' },
              on: {
                click: () => {
                  editing = null
                  render()
                },
              },
            })
          : null,
        h('button', { class: 'button party-save', text: p ? 'membersSave' : 'partyAdd', attrs: { type: 'button' }, on: { click: () => save() } }),
      ),
    )
    // Not a <form>: the party editor can sit inside the list, and Enter should still save.
    form.addEventListener('keydown', (e) => {
      if (e instanceof KeyboardEvent && e.key === 'Enter' && e.target instanceof HTMLInputElement) {
        e.preventDefault()
        save()
      }
    })
    const save = (): void => {
      if (!name.reportValidity() || !orgNr.reportValidity()) return
      error.hidden = true
      const body = { name: name.value.trim(), type: type.value as PartyType, orgNr: orgNr.value.trim() || null }
      const saved = p ? membersApi.updateParty(store.agreementId, p.id, body) : membersApi.addParty(store.agreementId, body)
      saved.then(
        () => {
          editing = null
          if (!p) addSlot.replaceChildren()
          store.refresh()
        },
        (err: unknown) => {
          error.hidden = false
          error.textContent = problemMessage(err)
        },
      )
    }
    return form
  }

  const addForm = (): HTMLElement => h('details', { class: 'members-section party-add' }, h('summary', { text: 'partyAddTitle' }), partyForm(null))

  const element = h('details', { class: 'members-section parties', attrs: { open: true } }, h('summary', {}, h('span', { text: 'partiesTitle' }), count), empty, list, addSlot)
  return { element, render }
}
