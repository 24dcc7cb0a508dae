import { describe, expect, it } from 'vitest'
import { describeAuditEntry } from '../../../client/members/audit-log.ts'
import type { Member } from '../../../client/members/members-api.ts'
import { parseRoute } from '../../../client/router.ts'

const rut: Member = { userId: 'u-rut', email: 'rut@example.se', displayName: 'Rut Granskare', role: 'drafter', partyId: null, partyName: null, mandate: null, addedAt: '2026-11-22T09:00:00Z' }

describe('routes of accounts and invitations', () => {
  it('reads an invitation link, and leaves the other pages as they were', () => {
    expect(parseRoute('/invite/abc_DEF-123')).toEqual({ page: 'invite', token: 'abc_DEF-123' })
    expect(parseRoute('/invite/abc/')).toEqual({ page: 'invite', token: 'abc' })
    expect(parseRoute('/invite/')).toEqual({ page: 'list' })
    expect(parseRoute('/a/x1')).toEqual({ page: 'editor', agreementId: 'x1' })
    expect(parseRoute('/')).toEqual({ page: 'list' })
  })
})

describe('the audit log in words (Swedish, the default)', () => {
  const entry = (action: string, details: Record<string, unknown>, actorName: string | null = 'Olivia Ägare') => ({ seq: 1, at: '2026-11-22T10:00:00Z', actorId: null, actorName, action, details })

  it('names the member a change concerns and the roles in lower case', () => {
    expect(describeAuditEntry(entry('role_changed', { userId: 'u-rut', from: 'reviewer', to: 'drafter' }), [rut])).toBe('Olivia Ägare ändrade rollen för Rut Granskare från granskare till skribent')
    expect(describeAuditEntry(entry('invitation_accepted', { role: 'reviewer' }, 'Rut Granskare'), [rut])).toBe('Rut Granskare gick med via inbjudningslänk som granskare')
  })

  it('falls back to the email of someone no longer in the group, then to "en medlem"', () => {
    expect(describeAuditEntry(entry('member_added', { userId: 'u-gone', email: 'gone@example.se', role: 'viewer' }), [rut])).toBe('Olivia Ägare lade till gone@example.se som läsare')
    expect(describeAuditEntry(entry('member_removed', { userId: 'u-gone' }, null), [])).toBe('Någon tog bort en medlem ur skrivgruppen')
  })

  it('shows an action it does not know by its name rather than hiding it', () => {
    expect(describeAuditEntry(entry('something_new', {}), [])).toBe('Olivia Ägare something new')
  })
})
