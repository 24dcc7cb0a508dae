import { ClauseLoadError } from './errors.ts'
import { LANGS, clauseRecordSchema, localClauseId, type ClauseRecord } from './record.ts'
import { placeholderNames } from './placeholders.ts'

/** One clause file before validation: where it came from and its parsed (or unparsable) content. */
export interface ClauseSource {
  file: string
  /** The file's text; parsed here so that bad JSON is reported the same way everywhere. */
  json?: string
  /** Already parsed content (a bundler's JSON import); used when `json` is absent. */
  data?: unknown
}

const formatPath = (path: readonly PropertyKey[]): string => path.map(String).join('.')

/** Validates one clause file: shape, then the rules zod cannot express on a single field. */
export function validateClause(source: ClauseSource): ClauseRecord {
  let data = source.data
  if (source.json !== undefined) {
    try {
      data = JSON.parse(source.json)
    } catch (err) {
      throw new ClauseLoadError(source.file, '', `not valid JSON: ${(err as Error).message}`)
    }
  }
  const parsed = clauseRecordSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ClauseLoadError(source.file, formatPath(issue.path), issue.message)
  }
  const clause = parsed.data
  checkRules(source.file, clause)
  return clause
}

function checkRules(file: string, clause: ClauseRecord): void {
  if (!localClauseId(clause.id).startsWith(`${clause.sectionId}.`)) {
    throw new ClauseLoadError(file, 'id', `id "${clause.id}" must start with its section id "${clause.sectionId}."`)
  }
  const declared = new Map<string, number>()
  clause.parameters.forEach((p, i) => {
    if (declared.has(p.name)) throw new ClauseLoadError(file, `parameters.${i}.name`, `parameter "${p.name}" is declared twice`)
    declared.set(p.name, i)
  })
  for (const lang of LANGS) {
    const used = placeholderNames(clause.text[lang])
    for (const name of used) {
      if (!declared.has(name)) {
        throw new ClauseLoadError(file, `text.${lang}`, `placeholder {${name}} is not a declared parameter`)
      }
    }
    // A declared parameter missing from one language would be filled in but silently dropped there.
    for (const [name, i] of declared) {
      if (!used.has(name)) {
        throw new ClauseLoadError(file, `parameters.${i}.name`, `parameter "${name}" does not appear in text.${lang}`)
      }
    }
  }
}

/** Validates a whole set of files: each on its own, then uniqueness across the set. */
export function validateClauses(sources: readonly ClauseSource[]): ClauseRecord[] {
  const seen = new Map<string, string>()
  return sources.map((source) => {
    const clause = validateClause(source)
    const key = `${clause.id}@${clause.version}`
    const other = seen.get(key)
    if (other !== undefined) {
      throw new ClauseLoadError(source.file, 'id', `clause "${clause.id}" version ${clause.version} is also defined in ${other}`)
    }
    seen.set(key, source.file)
    return clause
  })
}
