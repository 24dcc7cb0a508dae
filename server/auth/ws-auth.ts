import { CloseCode } from '../../schema/limits.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { Role } from '../membership/roles.ts'
import { can } from '../membership/roles.ts'
import type { Access } from '../sync/peer.ts'
import type { Authenticate } from '../sync/websocket.ts'
import type { AccountRepository } from './accounts.ts'
import { userFromRequest } from './principal.ts'

export const accessFor = (role: Role): Access => (can(role, 'edit') ? 'write' : 'read')

/**
 * Websocket authentication from the session cookie or `?token=`. A non-member is told the agreement
 * does not exist, as over HTTP, so agreement ids cannot be probed.
 */
export function accountAuthenticator(accounts: AccountRepository, memberships: MembershipRepository): Authenticate {
  return async (request, agreementId) => {
    const user = userFromRequest(request, accounts, { allowQueryToken: true })
    if (!user) return { ok: false, code: CloseCode.Unauthorized, reason: 'log in first' }
    const member = memberships.get(agreementId, user.id)
    if (!member) return { ok: false, code: CloseCode.AgreementNotFound, reason: 'agreement not found' }
    return {
      ok: true,
      access: accessFor(member.role),
      principal: { userId: user.id, name: user.displayName, party: member.partyName, role: member.role },
    }
  }
}
