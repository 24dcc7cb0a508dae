import { AuditLog, ORGANISATION_SCOPE, type AuditEntry } from '../membership/audit.ts'
import type { Database } from '../storage/database.ts'

export type OrgAuditEntry = AuditEntry

/**
 * Who changed an organisation's library: members, clause versions, approvals, templates, imports and
 * exports. Kept apart from the agreement audit log, whose rows belong to an agreement.
 */
export class OrgAuditLog extends AuditLog {
  constructor(database: Database, now: () => Date = () => new Date()) {
    super(database, now, ORGANISATION_SCOPE)
  }
}
