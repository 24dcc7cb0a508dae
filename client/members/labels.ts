import { ApiError, type Role } from '../api.ts'
import { h } from '../dom.ts'
import { t, type MessageKey } from '../i18n.ts'
import { ROLE_LABEL } from '../role-badge.ts'
import type { PartyType } from './members-api.ts'
import { ROLES } from './members-api.ts'

/** Shared wording and controls of the writing-group panel: roles, party types, mandates, errors. */
export function roleName(role: Role): string {
  return t(ROLE_LABEL[role])
}

export const PARTY_TYPE_LABEL: Record<PartyType, MessageKey> = {
  public: 'partyTypePublic',
  idea_driven: 'partyTypeIdeaDriven',
}

/** The mandates a writing group usually records; any other wording may be typed. */
const MANDATE_SUGGESTIONS: readonly MessageKey[] = ['mandateMaySign', 'mandateAnchorBoard', 'mandateAnchorCommittee']

export function roleSelect(selected: Role, name = 'role'): HTMLSelectElement {
  const select = h('select', { class: 'input', attrs: { name } }, ...ROLES.map((role) => h('option', { text: ROLE_LABEL[role], attrs: { value: role } })))
  select.value = selected
  return select
}

let datalistSeq = 0
/** A text input with the usual mandates offered, in the current language. */
export function mandateInput(value: string | null): HTMLElement {
  const id = `mandate-suggestions-${++datalistSeq}`
  const input = h('input', {
    class: 'input',
    i18nAttrs: { placeholder: 'membersMandatePlaceholder' },
    attrs: { name: 'mandate', maxlength: 500, list: id, value: value ?? '' },
  })
  const list = h('datalist', { attrs: { id } }, ...MANDATE_SUGGESTIONS.map((key) => h('option', { attrs: { value: t(key) } })))
  return h('span', { class: 'mandate-input' }, input, list)
}

export function field(label: MessageKey, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control)
}

/** The server's refusal in the person's language where we know the reason, its own words otherwise. */
export function problemMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const known: Record<string, MessageKey> = {
      last_owner: 'membersErrorLastOwner',
      no_such_user: 'membersErrorNoSuchUser',
      already_member: 'membersErrorAlready',
      forbidden: 'membersErrorForbidden',
    }
    const key = known[err.code]
    if (key) return t(key)
  }
  return t('membersErrorOther', { message: err instanceof Error ? err.message : String(err) })
}
