import { h } from '../dom.ts'
import { t } from '../i18n.ts'
import type { Role } from '../api.ts'
import { field, mandateInput, problemMessage, roleName, roleSelect } from './labels.ts'
import { membersApi, type Member, type Party } from './members-api.ts'
import type { GroupStore } from './group-store.ts'

export interface MemberListOptions {
  store: GroupStore
  selfId: string | null
  canManage: boolean
}

/**
 * Who is in the writing group: name, party, role and mandate. Owners edit a row in place (role,
 * party, mandate) and remove people; the server has the last word (it keeps at least one owner).
 */
export function memberListView({ store, selfId, canManage }: MemberListOptions): { element: HTMLElement; render: () => void } {
  const list = h('ul', { class: 'member-list' })
  const status = h('p', { class: 'muted members-status' })
  const element = h('div', { class: 'members' }, status, list)
  let editing: string | null = null
  // The open editor survives re-renders (a refetch, a language switch) so half-made choices stay.
  let openForm: { userId: string; element: HTMLElement } | null = null

  const render = (): void => {
    const { members, parties, failed } = store.get()
    status.hidden = members !== null && !failed
    status.classList.toggle('error', failed)
    status.textContent = t(failed ? 'membersLoadFailed' : 'membersLoading')
    const sorted = [...(members ?? [])].sort((a, b) => rank(a.role) - rank(b.role) || a.displayName.localeCompare(b.displayName))
    if (openForm && openForm.userId !== editing) openForm = null
    list.replaceChildren(
      ...sorted.map((m) => {
        if (!canManage || m.userId !== editing) return row(m)
        openForm ??= { userId: m.userId, element: editRow(m, parties ?? []) }
        return openForm.element
      }),
    )
  }

  const row = (m: Member): HTMLElement =>
    h(
      'li',
      { class: 'member', attrs: { 'data-user-id': m.userId, 'data-email': m.email, 'data-role': m.role } },
      h(
        'div',
        { class: 'member-head' },
        h('span', { class: 'member-name', attrs: { title: m.email } }, m.displayName),
        m.userId === selfId ? h('span', { class: 'muted member-you' }, t('presenceYou')) : null,
        canManage
          ? h('button', {
              class: 'link-button member-edit',
              text: 'membersEdit',
              attrs: { type: 'button' },
              on: {
                click: () => {
                  editing = m.userId
                  render()
                },
              },
            })
          : null,
      ),
      h('div', { class: 'member-meta muted' }, h('span', { class: 'member-role' }, roleName(m.role)), m.partyName ? ` · ${m.partyName}` : ''),
      m.mandate ? h('div', { class: 'member-mandate' }, m.mandate) : null,
    )

  const editRow = (m: Member, parties: Party[]): HTMLElement => {
    const role = roleSelect(m.role)
    const party = h(
      'select',
      { class: 'input', attrs: { name: 'partyId' } },
      h('option', { text: 'membersNoParty', attrs: { value: '' } }),
      ...parties.map((p) => h('option', { attrs: { value: p.id } }, p.name)),
    )
    party.value = m.partyId ?? ''
    const mandate = mandateInput(m.mandate)
    const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
    const fail = (err: unknown): void => {
      error.hidden = false
      error.textContent = problemMessage(err)
    }
    const form = h(
      'form',
      { class: 'member member-form', attrs: { 'data-user-id': m.userId, 'data-email': m.email } },
      h('div', { class: 'member-head' }, h('span', { class: 'member-name' }, m.displayName)),
      field('membersRole', role),
      field('membersParty', party),
      field('membersMandate', mandate),
      error,
      h(
        'div',
        { class: 'form-actions' },
        h('button', {
          class: 'button button-quiet member-remove',
          text: 'membersRemove',
          attrs: { type: 'button' },
          on: {
            click: () => {
              if (!confirm(t('membersRemoveConfirm', { name: m.displayName }))) return
              membersApi.removeMember(store.agreementId, m.userId).then(() => {
                editing = null
                store.refresh()
              }, fail)
            },
          },
        }),
        h('button', {
          class: 'button button-secondary',
          text: 'membersCancel',
          attrs: { type: 'button' },
          on: {
            click: () => {
              editing = null
              render()
            },
          },
        }),
        h('button', { class: 'button member-save', text: 'membersSave', attrs: { type: 'submit' } }),
      ),
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const mandateText = (mandate.querySelector('input')?.value ?? '').trim()
      membersApi.updateMember(store.agreementId, m.userId, { role: role.value as Role, partyId: party.value || null, mandate: mandateText || null }).then((updated) => {
        editing = null
        store.replaceMember(updated)
      }, fail)
    })
    return form
  }

  return { element, render }
}

const ORDER: Record<Role, number> = { owner: 0, drafter: 1, reviewer: 2, viewer: 3 }
const rank = (role: Role): number => ORDER[role]
