/**
 * Roles per agreement and what each may do. The single table the server consults on every HTTP route
 * and websocket connection; the client only mirrors it to hide controls.
 */
import { ROLES, type Role } from '../../schema/api-types.ts'

export { ROLES, type Role }

export type Action =
  | 'read' // see the agreement, its members, parties, comments, versions
  | 'edit' // change the text (websocket updates), rename, parties
  | 'comment' // write comments and replies, resolve threads
  | 'suggest' // propose wording (suggested changes); deciding them needs 'edit'
  | 'submit_for_review' // mark a section or clause draft / ready for review
  | 'review' // approve or request changes
  | 'save_version'
  | 'manage_members' // invite, add, change roles, remove
  | 'read_audit'
  | 'delete'

const PERMISSIONS: Record<Role, readonly Action[]> = {
  owner: ['read', 'edit', 'comment', 'suggest', 'submit_for_review', 'save_version', 'manage_members', 'read_audit', 'delete'],
  drafter: ['read', 'edit', 'comment', 'suggest', 'submit_for_review', 'save_version'],
  reviewer: ['read', 'comment', 'suggest', 'review'],
  viewer: ['read'],
}

export function can(role: Role | null, action: Action): boolean {
  return role !== null && PERMISSIONS[role].includes(action)
}

export function permissionsOf(role: Role): readonly Action[] {
  return PERMISSIONS[role]
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
