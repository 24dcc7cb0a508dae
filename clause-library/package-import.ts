import { z } from 'zod'
import { canonicalJson } from '../schema/canonical-json.ts'
import { ClauseLoadError } from './errors.ts'
import type { ClauseLibrary } from './library.ts'
import { clauseContent, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, packageChecksum, sameContent } from './package-format.ts'
import type { ClauseRecord } from './record.ts'
import { sha256Hex } from './sha256.ts'
import { templateSchema, type Template } from './template.ts'
import { validateClause } from './validate.ts'

export type PackageError = { code: 'malformed'; path: string; message: string } | { code: 'tampered'; message: string } | { code: 'too_new'; formatVersion: number; message: string }

export interface ClauseRename {
  from: string
  to: string
  version: number
}

/** What the server has to write, in one transaction. Nothing in the existing library is replaced. */
export interface ImportPlan {
  /** The template with clause references rewritten to the ids chosen here. */
  template: Template
  /** New records to add to the library. */
  clausesToAdd: ClauseRecord[]
  /** Package clauses that the library already holds with identical content. */
  reused: { id: string; version: number }[]
  /** Package clauses whose id was taken by different content, and the id they get instead. */
  renamed: ClauseRename[]
}

export type ParsePackageResult = { ok: true; plan: ImportPlan } | { ok: false; error: PackageError }

export interface ParsePackageOptions {
  /**
   * The checksum proves integrity, not who approved a clause, so imported clauses arrive as drafts
   * (their review record kept for the local reviewer) unless the caller trusts the source.
   */
  keepApproval?: boolean
}

const envelopeSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  template: templateSchema,
  clauses: z.array(z.unknown()),
  checksum: z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 hex digest'),
})

const malformed = (path: string, message: string): ParsePackageResult => ({ ok: false, error: { code: 'malformed', path, message } })

/**
 * Checks a template package (JSON text or already parsed) and plans its import into `existing`.
 * Order matters: the format version is read before the shape, so a package from a newer Överens is
 * reported as too new rather than as malformed.
 */
export function parseTemplatePackage(input: unknown, existing: ClauseLibrary, options: ParsePackageOptions = {}): ParsePackageResult {
  let raw = input
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input)
    } catch (err) {
      return malformed('', `not valid JSON: ${(err as Error).message}`)
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return malformed('', 'a template package is a JSON object')
  const head = raw as Record<string, unknown>
  if (head.format !== PACKAGE_FORMAT) return malformed('format', `not an Överens template package (format must be "${PACKAGE_FORMAT}")`)
  if (typeof head.formatVersion === 'number' && Number.isInteger(head.formatVersion) && head.formatVersion > PACKAGE_FORMAT_VERSION) {
    return {
      ok: false,
      error: {
        code: 'too_new',
        formatVersion: head.formatVersion,
        message: `package format version ${head.formatVersion} is newer than this version of Överens understands (${PACKAGE_FORMAT_VERSION})`,
      },
    }
  }
  const envelope = envelopeSchema.safeParse(raw)
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!
    return malformed(issue.path.map(String).join('.'), issue.message)
  }
  // Over the raw objects, not zod's output, so that any added or changed byte is noticed.
  if (packageChecksum(head.template, head.clauses) !== envelope.data.checksum) {
    return { ok: false, error: { code: 'tampered', message: 'the checksum does not match the content: the package was changed or damaged' } }
  }

  const clauses: ClauseRecord[] = []
  for (const [i, data] of envelope.data.clauses.entries()) {
    try {
      clauses.push(validateClause({ file: `clauses.${i}`, data }))
    } catch (err) {
      if (err instanceof ClauseLoadError) return malformed(`clauses.${i}${err.path ? `.${err.path}` : ''}`, err.detail)
      throw err
    }
  }
  return planImport(envelope.data.template, clauses, existing, options)
}

function planImport(template: Template, clauses: ClauseRecord[], existing: ClauseLibrary, options: ParsePackageOptions): ParsePackageResult {
  const packaged = new Map<string, ClauseRecord>()
  for (const [i, c] of clauses.entries()) {
    const key = `${c.id}@${c.version}`
    if (packaged.has(key)) return malformed(`clauses.${i}.id`, `clause ${c.id} version ${c.version} appears twice`)
    packaged.set(key, c)
  }

  const items: Template['items'] = []
  for (const [i, item] of template.items.entries()) {
    const version = item.version ?? newestIn(clauses, item.clauseId)
    if (version === undefined || !packaged.has(`${item.clauseId}@${version}`)) {
      return malformed(`template.items.${i}.clauseId`, `clause ${item.clauseId} is not included in the package`)
    }
    items.push({ ...item, version })
  }

  const plan: ImportPlan = { template: { ...template, items: [] }, clausesToAdd: [], reused: [], renamed: [] }
  const finalId = new Map<string, string>()
  for (const clause of clauses) {
    const id = chooseId(clause, existing)
    finalId.set(`${clause.id}@${clause.version}`, id)
    if (id !== clause.id) plan.renamed.push({ from: clause.id, to: id, version: clause.version })
    if (existing.get(id, clause.version)) {
      plan.reused.push({ id, version: clause.version })
    } else {
      const imported = options.keepApproval ? clause : { ...clause, status: 'draft' as const }
      plan.clausesToAdd.push({ ...imported, id })
    }
  }
  const added = new Set<string>()
  for (const c of plan.clausesToAdd) {
    const key = `${c.id}@${c.version}`
    if (added.has(key)) return malformed('clauses', `two packaged clauses would both be imported as ${c.id} version ${c.version}`)
    added.add(key)
  }
  plan.template.items = items.map((item) => ({ ...item, clauseId: finalId.get(`${item.clauseId}@${item.version}`)! }))
  return { ok: true, plan }
}

function newestIn(clauses: ClauseRecord[], id: string): number | undefined {
  const versions = clauses.filter((c) => c.id === id).map((c) => c.version)
  return versions.length > 0 ? Math.max(...versions) : undefined
}

/**
 * Keeps the packaged id when it is free or holds the same content; otherwise a suffix derived from
 * the content, so that importing the same package twice lands on the same ids instead of piling up
 * copies. Longer suffixes are only reached on a (practically impossible) prefix collision.
 */
function chooseId(clause: ClauseRecord, existing: ClauseLibrary): string {
  const same = existing.get(clause.id, clause.version)
  if (!existing.has(clause.id) || (same && sameContent(same, clause))) return clause.id
  const base = clause.id.replace(/~import-[0-9a-f]+$/, '')
  const digest = sha256Hex(canonicalJson(clauseContent(clause)))
  for (const length of [8, 16, 64]) {
    const candidate = `${base}~import-${digest.slice(0, length)}`
    const taken = existing.get(candidate, clause.version)
    if (!existing.has(candidate) || (taken && sameContent(taken, clause))) return candidate
  }
  throw new Error(`cannot find a free id for imported clause ${clause.id}`)
}
