import type { Role } from '../api.ts'
import { h } from '../dom.ts'
import { getLang, t, type MessageKey } from '../i18n.ts'
import { problemMessage, roleName } from './labels.ts'
import { membersApi, type AuditEntry, type Member } from './members-api.ts'

const ACTION: Record<string, MessageKey> = {
  agreement_created: 'auditAgreementCreated',
  agreement_renamed: 'auditAgreementRenamed',
  member_added: 'auditMemberAdded',
  member_removed: 'auditMemberRemoved',
  role_changed: 'auditRoleChanged',
  invitation_created: 'auditInvitationCreated',
  invitation_accepted: 'auditInvitationAccepted',
  party_added: 'auditPartyAdded',
  review_status_changed: 'auditReviewStatusChanged',
  version_saved: 'auditVersionSaved',
  exported: 'auditExported',
  invitation_revoked: 'securityAuditInvitationRevoked',
  party_changed: 'securityAuditPartyChanged',
  party_removed: 'securityAuditPartyRemoved',
  member_details_changed: 'securityAuditMemberDetailsChanged',
  version_deleted: 'securityAuditVersionDeleted',
  agreement_deleted: 'securityAuditAgreementDeleted',
}

const ROLE_VALUES = new Set(['owner', 'drafter', 'reviewer', 'viewer'])

/** One entry as a sentence: "Anna Andersson ändrade rollen för Bertil Berg från granskare till skribent". */
export function describeAuditEntry(entry: AuditEntry, members: readonly Member[]): string {
  const d = entry.details
  const text = (key: string): string => (typeof d[key] === 'string' ? (d[key] as string) : '')
  const role = (key: string): string => (ROLE_VALUES.has(text(key)) ? roleName(text(key) as Role).toLocaleLowerCase(getLang()) : text(key))
  const userId = text('userId')
  const who = members.find((m) => m.userId === userId)?.displayName ?? (text('email') || t('auditSomeMember'))
  const key = ACTION[entry.action]
  const action = key ? t(key, { who, role: role('role'), from: role('from'), to: role('to'), name: text('name') || text('title') }) : entry.action.replaceAll('_', ' ')
  return `${entry.actorName ?? t('auditSomeone')} ${action}`
}

/**
 * The agreement's audit trail for owners: collapsed, fetched when opened (and again on every
 * opening), newest first.
 */
export function auditLogView(agreementId: string, members: () => readonly Member[]): HTMLElement {
  const list = h('ol', { class: 'audit-list' })
  const status = h('p', { class: 'muted audit-status', text: 'auditLoading' })
  const element = h('details', { class: 'members-section audit' }, h('summary', { text: 'auditTitle' }), status, list)
  element.addEventListener('toggle', () => {
    if (!element.open) return
    status.hidden = false
    status.textContent = t('auditLoading')
    membersApi.audit(agreementId).then(
      (entries) => {
        const format = new Intl.DateTimeFormat(getLang() === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })
        status.hidden = entries.length > 0
        status.textContent = t('auditEmpty')
        list.replaceChildren(
          ...entries.map((entry) =>
            h(
              'li',
              { class: 'audit-entry', attrs: { 'data-action': entry.action } },
              h('time', { class: 'muted audit-time', attrs: { datetime: entry.at } }, format.format(new Date(entry.at))),
              h('span', { class: 'audit-text' }, describeAuditEntry(entry, members())),
            ),
          ),
        )
      },
      (err: unknown) => {
        status.textContent = problemMessage(err)
      },
    )
  })
  return element
}
