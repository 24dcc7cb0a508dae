import { request } from '../api.ts'
import type { AuditEntry, Member, Party, Role } from '../../schema/api-types.ts'

/** The writing group's routes of ARCHITECTURE.md (members, invitations, parties, audit), typed. */
export type { AuditEntry, Member, Party, PartyType } from '../../schema/api-types.ts'

export interface Invitation {
  token: string
  path: string
  expiresAt: string
}

export { ROLES } from '../../schema/api-types.ts'

const base = (id: string): string => `/api/agreements/${encodeURIComponent(id)}`

export const membersApi = {
  members: (id: string) => request<{ members: Member[] }>('GET', `${base(id)}/members`).then((r) => r.members),
  addMember: (id: string, body: { email: string; role: Role; partyId?: string | null; mandate?: string | null }) => request<Member>('POST', `${base(id)}/members`, body),
  updateMember: (id: string, userId: string, patch: { role?: Role; partyId?: string | null; mandate?: string | null }) =>
    request<Member>('PATCH', `${base(id)}/members/${encodeURIComponent(userId)}`, patch),
  removeMember: (id: string, userId: string) => request<void>('DELETE', `${base(id)}/members/${encodeURIComponent(userId)}`),
  invite: (id: string, role: Role, expiresInDays: number, maxUses = 1) => request<Invitation>('POST', `${base(id)}/invitations`, { role, expiresInDays, maxUses }),
  parties: (id: string) => request<{ parties: Party[] }>('GET', `${base(id)}/parties`).then((r) => r.parties),
  addParty: (id: string, party: Omit<Party, 'id'>) => request<Party>('POST', `${base(id)}/parties`, party),
  updateParty: (id: string, partyId: string, patch: Partial<Omit<Party, 'id'>>) => request<Party>('PATCH', `${base(id)}/parties/${encodeURIComponent(partyId)}`, patch),
  audit: (id: string) => request<{ entries: AuditEntry[] }>('GET', `${base(id)}/audit`).then((r) => r.entries),
}
