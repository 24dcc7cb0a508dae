import type Database from 'better-sqlite3'
import type { ClauseLibrary, Template } from '../../clause-library/index.ts'
import { sqliteDatabase } from '../storage/database.ts'
import { OrgAuditLog } from './org-audit.ts'
import { OrgClauseRepository } from './org-clauses.ts'
import { OrganisationRepository } from './organisations.ts'
import { TemplateRepository } from './templates.ts'

/** Organisation libraries and templates over the shared SQLite database, wired once per server. */
export interface LibraryServices {
  db: Database.Database
  organisations: OrganisationRepository
  clauses: OrgClauseRepository
  templates: TemplateRepository
  audit: OrgAuditLog
  /**
   * A template the person may use, with the library it is built from (built-ins plus its
   * organisation's clauses); null when it does not exist or the person is not in its organisation.
   */
  templateFor(templateId: string, userId: string): { template: Template; library: ClauseLibrary; orgId: string } | null
}

export function createLibraryServices(db: Database.Database): LibraryServices {
  const organisations = new OrganisationRepository(db)
  const clauses = new OrgClauseRepository(db)
  const templates = new TemplateRepository(db)
  return {
    db,
    organisations,
    clauses,
    templates,
    audit: new OrgAuditLog(sqliteDatabase(db)),
    templateFor(templateId, userId) {
      const stored = templates.get(templateId)
      if (!stored || !organisations.roleOf(stored.orgId, userId)) return null
      return { template: stored.template, library: clauses.libraryFor([stored.orgId]), orgId: stored.orgId }
    },
  }
}
