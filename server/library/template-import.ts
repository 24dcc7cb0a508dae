import {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  builtinLibrary,
  canonicalJson,
  createLibrary,
  packageChecksum,
  parseTemplatePackage,
  type ClauseRecord,
  type ClauseRename,
  type PackageError,
  type Template,
} from '../../clause-library/index.ts'
import type { Database } from '../storage/database.ts'
import type { AuditLog } from '../membership/audit.ts'
import { orgClauseId, type OrgClauseRepository } from './org-clauses.ts'
import { lockOrganisation, type Organisation } from './organisations.ts'
import type { StoredTemplate, TemplateRepository } from './templates.ts'

export type ImportOutcome =
  | {
      ok: true
      template: StoredTemplate
      /** True when the organisation already had this template and nothing new was written. */
      templateReused: boolean
      added: { id: string; version: number }[]
      reused: { id: string; version: number }[]
      renamed: ClauseRename[]
    }
  | { ok: false; error: PackageError }

export interface ImportDeps {
  database: Database
  clauses: OrgClauseRepository
  templates: TemplateRepository
  audit: AuditLog
}

const sameClause = (a: ClauseRecord, b: ClauseRecord): boolean =>
  canonicalJson({ s: a.sectionId, v: a.version, p: a.parameters, t: a.text }) === canonicalJson({ s: b.sectionId, v: b.version, p: b.parameters, t: b.text })

/**
 * Imports a template package into an organisation: every packaged clause that is not word for word a
 * built-in of this installation moves into the organisation's namespace (a package from another
 * installation carries that installation's `org:<slug>/` ids, and a built-in this release lacks must not
 * later collide with the real one). The clause library then plans the import against what the
 * organisation already has, never overwriting anything, and clauses plus template are written in one
 * transaction. Importing the same package again finds everything in place and writes nothing.
 */
export async function importTemplatePackage(deps: ImportDeps, org: Organisation, input: unknown, userId: string): Promise<ImportOutcome> {
  // First pass against an empty library: format, version, shape and checksum, with approvals as packaged.
  const checked = parseTemplatePackage(input, createLibrary([]), { keepApproval: true })
  if (!checked.ok) return checked

  const builtins = builtinLibrary()
  const homeId = new Map<string, string>()
  const seen = new Set<string>()
  const clauses: ClauseRecord[] = []
  for (const clause of checked.plan.clausesToAdd) {
    const builtin = builtins.get(clause.id, clause.version)
    const id = builtin && sameClause(builtin, clause) ? clause.id : orgClauseId(org, clause.id)
    const key = `${id}@${clause.version}`
    if (seen.has(key)) {
      return { ok: false, error: { code: 'malformed', path: 'clauses', message: `two packaged clauses would both become ${id} version ${clause.version}` } }
    }
    seen.add(key)
    homeId.set(`${clause.id}@${clause.version}`, id)
    clauses.push({ ...clause, id })
  }
  const template: Template = {
    ...checked.plan.template,
    items: checked.plan.template.items.map((item) => ({ ...item, clauseId: homeId.get(`${item.clauseId}@${item.version}`)! })),
  }

  const rehomed = { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, template, clauses, checksum: packageChecksum(template, clauses) }

  // Planned and written in one transaction that awaits only its own queries (see Database), so on
  // SQLite it runs within one turn of the event loop. On PostgreSQL the organisation's row is locked
  // first: a second import of the same package at the same moment waits, then plans against what the
  // first wrote and finds everything in place, instead of failing on the clauses' primary key or
  // storing the template twice.
  return deps.database.db.transaction().execute(async (trx): Promise<ImportOutcome> => {
    await lockOrganisation(deps.database, trx, org.id)
    const planned = parseTemplatePackage(rehomed, await deps.clauses.libraryFor([org.id], trx))
    if (!planned.ok) return planned
    const { plan } = planned
    await deps.clauses.insertImported(trx, org.id, plan.clausesToAdd, userId)
    const existing = await deps.templates.findSame(org.id, plan.template, trx)
    const stored = existing ?? (await deps.templates.create(org.id, plan.template, 'imported', userId, trx))
    const added = plan.clausesToAdd.map((c) => ({ id: c.id, version: c.version }))
    if (!existing || added.length > 0) {
      await deps.audit.within(trx).record(org.id, userId, 'template_imported', { templateId: stored.template.id, packagedTemplateId: checked.plan.template.id, added, renamed: plan.renamed })
    }
    return { ok: true, template: stored, templateReused: existing !== null, added, reused: plan.reused, renamed: plan.renamed }
  })
}
