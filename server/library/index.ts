import type { ClauseLibrary, Template } from '../../clause-library/index.ts'
import type { Database } from '../storage/database.ts'
import { AuditLog, ORGANISATION_SCOPE } from '../membership/audit.ts'
import { OrgClauseRepository } from './org-clauses.ts'
import { OrganisationRepository } from './organisations.ts'
import { TemplateRepository } from './templates.ts'

/** Organisation libraries and templates over the repositories' database (either engine), wired once per server. */
export interface LibraryServices {
  database: Database
  organisations: OrganisationRepository
  clauses: OrgClauseRepository
  templates: TemplateRepository
  /** Who changed the organisation's library: members, clause versions, approvals, templates, imports and exports. */
  audit: AuditLog
  /**
   * A template the person may use, with the library it is built from (built-ins plus its
   * organisation's clauses); null when it does not exist or the person is not in its organisation.
   */
  templateFor(templateId: string, userId: string): Promise<{ template: Template; library: ClauseLibrary; orgId: string } | null>
}

export function createLibraryServices(database: Database): LibraryServices {
  const organisations = new OrganisationRepository(database)
  const clauses = new OrgClauseRepository(database)
  const templates = new TemplateRepository(database)
  return {
    database,
    organisations,
    clauses,
    templates,
    audit: new AuditLog(database, () => new Date(), ORGANISATION_SCOPE),
    async templateFor(templateId, userId) {
      const stored = await templates.get(templateId)
      if (!stored || !(await organisations.roleOf(stored.orgId, userId))) return null
      return { template: stored.template, library: await clauses.libraryFor([stored.orgId]), orgId: stored.orgId }
    },
  }
}
