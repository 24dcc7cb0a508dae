import { builtinLibrary, clauseNamespace, createLibrary, type ClauseLibrary } from '../../clause-library/index.ts'
import { nodeFromJSON } from '../../schema/schema.ts'
import type { Node as PMNode } from 'prosemirror-model'
import type { AgreementService } from '../agreements/service.ts'
import type { OrgClauseRepository } from '../library/org-clauses.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { VersionRepository } from '../review/versions.ts'
import type { Database } from '../storage/database.ts'
import { findDiarienummer, type ExportModel } from './model.ts'
import { clauseProvenance } from './provenance.ts'

const SLUGS_PER_QUERY = 500

export interface GatherDeps {
  service: AgreementService
  memberships: MembershipRepository
  versions: VersionRepository
  database: Database
  orgClauses: OrgClauseRepository
}

export interface GatherOptions {
  /** A named version's id; the text as it is now when absent. */
  versionId?: string
  appendix: boolean
  now?: Date
}

/** The export model of one agreement, or null when the agreement (or the asked version) does not exist. */
export async function gatherExport(deps: GatherDeps, agreementId: string, options: GatherOptions): Promise<ExportModel | null> {
  const meta = await deps.service.get(agreementId)
  if (!meta) return null
  let json: unknown
  let version: ExportModel['version'] = null
  if (options.versionId !== undefined) {
    const info = await deps.versions.info(agreementId, options.versionId)
    json = info ? await deps.versions.content(agreementId, info.id) : null
    if (!info || !json) return null
    version = { name: info.name, createdAt: info.createdAt }
  } else {
    json = await deps.service.content(agreementId)
    if (!json) return null
  }
  const content = nodeFromJSON(json)
  const members = await deps.memberships.list(agreementId)
  const parties = (await deps.memberships.parties(agreementId)).map((p) => ({
    name: p.name,
    type: p.type,
    orgNr: p.orgNr,
    signatories: members.filter((m) => m.partyId === p.id).map((m) => ({ name: m.displayName, mandate: m.mandate })),
  }))
  const date = (version ? new Date(version.createdAt) : (options.now ?? new Date())).toISOString().slice(0, 10)
  return {
    title: titleOf(content) || meta.title,
    municipality: meta.municipality,
    lang: meta.lang,
    parties,
    diarienummer: findDiarienummer(content),
    version,
    date,
    content,
    clauses: options.appendix ? clauseProvenance(content, await libraryFor(deps, content)) : null,
  }
}

function titleOf(doc: PMNode): string {
  const first = doc.firstChild
  return first?.type.name === 'title' ? first.textContent.trim() : ''
}

/**
 * Built-in clauses plus those of each organisation whose namespace the document's clauses name: the
 * provenance of a clause is shown to every reader of the agreement, member of that organisation or not,
 * because its wording is already in the text they read.
 */
async function libraryFor(deps: GatherDeps, doc: PMNode): Promise<ClauseLibrary> {
  const slugs = new Set<string>()
  doc.descendants((node) => {
    if (node.type.name === 'clause' && typeof node.attrs.clauseId === 'string') {
      const slug = clauseNamespace(node.attrs.clauseId)
      if (slug) slugs.add(slug)
    }
    return node.type.name !== 'clause'
  })
  const builtin = builtinLibrary()
  if (slugs.size === 0) return builtin
  // A crafted text may name thousands of namespaces; asked in slices, within every engine's bound on parameters.
  const all = [...slugs].sort()
  const orgIds: string[] = []
  for (let i = 0; i < all.length; i += SLUGS_PER_QUERY) {
    const found = await deps.database.db.selectFrom('organisations').select('id').where('slug', 'in', all.slice(i, i + SLUGS_PER_QUERY)).orderBy('slug').execute()
    orgIds.push(...found.map((o) => o.id))
  }
  return createLibrary([...builtin.records, ...(await deps.orgClauses.recordsOf(orgIds))])
}
