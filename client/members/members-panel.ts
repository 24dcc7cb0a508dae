import { currentUser } from '../account.ts'
import { h } from '../dom.ts'
import { onLangChange } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { auditLogView } from './audit-log.ts'
import { sharedGroupStore } from './group-store.ts'
import { inviteForm } from './invite-form.ts'
import { memberAddForm } from './member-add-form.ts'
import { memberListView } from './member-list.ts'
import { partiesView } from './parties-view.ts'

/**
 * The writing group card: members with party, role and mandate; parties; and for owners adding
 * people, invitation links and the audit log. The controls follow the person's role, and are rebuilt
 * when it changes while the page is open; the server refuses whatever the role does not allow.
 */
export const membersPanel: EditorPanel = ({ agreementId, session, access }) => {
  const { store, release } = sharedGroupStore(agreementId, session.provider.awareness)
  const body = h('div', { class: 'members-panel' })
  let renderers: (() => void)[] = []

  const build = (): void => {
    if (access.getState().status === 'lost') {
      renderers = []
      body.replaceChildren(h('p', { class: 'muted members-lost', text: 'membersLost' }))
      return
    }
    const canManage = access.can('manage_members')
    const list = memberListView({ store, selfId: currentUser()?.id ?? null, canManage })
    const parties = partiesView(store, () => access.can('edit'))
    const add = canManage ? memberAddForm(store) : null
    renderers = [list.render, parties.render, ...(add ? [add.render] : [])]
    body.replaceChildren(list.element, add?.element ?? '', canManage ? inviteForm(agreementId) : '', parties.element, canManage ? auditLogView(agreementId, () => store.get().members ?? []) : '')
    for (const render of renderers) render()
  }

  build()
  // Role names and party types are written out, not data-i18n labels: a language switch re-renders.
  const renderAll = (): void => {
    for (const render of renderers) render()
  }
  const offStore = store.subscribe(renderAll)
  const offLang = onLangChange(renderAll)
  let lastRole = access.role()
  const offAccess = access.subscribe((state) => {
    if (access.role() === lastRole && state.status !== 'lost') return
    lastRole = access.role()
    build()
  })

  return {
    id: 'members',
    title: 'membersTitle',
    body,
    destroy: () => {
      offStore()
      offLang()
      offAccess()
      release()
    },
  }
}
