import type { IncomingMessage } from 'node:http'
import { CloseCode } from '../../schema/limits.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { Role } from '../membership/roles.ts'
import { can } from '../membership/roles.ts'
import type { Access, Principal } from '../sync/peer.ts'
import type { Authenticate } from '../sync/websocket.ts'
import type { AccountRepository } from './accounts.ts'
import { originVerdict } from './origin.ts'
import { callerFromRequest } from './principal.ts'

export const accessFor = (role: Role): Access => (can(role, 'edit') ? 'write' : 'read')

/** A principal as the websocket peer keeps it, plus the hash of the secret it connected with. */
export type CredentialedPrincipal = Principal & { credential?: string }

/**
 * Refuses a websocket upgrade a browser sends from a page of another origin (another port of the same
 * host included) before the handshake completes: such a page would otherwise read and write the
 * agreement with the visitor's session cookie.
 */
export const upgradeFromOwnOrigin =
  (publicOrigins: readonly string[] | null) =>
  (request: IncomingMessage): boolean =>
    originVerdict(request, publicOrigins) !== 'foreign'

/**
 * Websocket authentication from the session cookie (only with our own Origin) or `?token=` (clients
 * without Origin: no browser sends those). A non-member is told the agreement does not exist, as over
 * HTTP, so agreement ids cannot be probed.
 */
export function accountAuthenticator(
  accounts: AccountRepository,
  memberships: MembershipRepository,
  { cookieName, publicOrigins }: { cookieName: string; publicOrigins: readonly string[] | null },
): Authenticate {
  return async (request, agreementId) => {
    const origin = originVerdict(request, publicOrigins)
    if (origin === 'foreign') return { ok: false, code: CloseCode.Forbidden, reason: 'connections from another site are not accepted' }
    const caller = await callerFromRequest(request, accounts, { cookieName, allowQueryToken: true, allowCookie: origin === 'same' })
    if (!caller) return { ok: false, code: CloseCode.Unauthorized, reason: 'log in first' }
    const member = await memberships.get(agreementId, caller.user.id)
    if (!member) return { ok: false, code: CloseCode.AgreementNotFound, reason: 'agreement not found' }
    // The credential rides along (never into presence), so revoking it can close this connection.
    const principal: CredentialedPrincipal = { userId: caller.user.id, name: caller.user.displayName, party: member.partyName, role: member.role, credential: caller.credential }
    return { ok: true, access: accessFor(member.role), principal }
  }
}
