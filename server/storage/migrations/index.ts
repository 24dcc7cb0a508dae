import agreements from './001-agreements.ts'
import accountsAndMembers from './002-accounts-and-members.ts'
import review from './003-review.ts'
import clauseLibrary from './004-clause-library.ts'
import security from './005-security.ts'
import validator from './007-validator.ts'
import notifications from './010-notifications.ts'
import suggestions from './011-suggestions.ts'

/**
 * The SQLite schema, one step per feature, applied in order and recorded in `PRAGMA user_version`.
 * Never edit a step that has shipped; add a new one.
 */
export const MIGRATIONS: readonly string[] = [agreements, accountsAndMembers, review, clauseLibrary, security, validator, notifications, suggestions]
