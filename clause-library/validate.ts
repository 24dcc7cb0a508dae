import { ClauseLoadError } from './errors.ts'
import { LANGS, clauseRecordSchema, localClauseId, type ClauseRecord } from './record.ts'
import { STANDALONE_TYPES } from './blocks.ts'
import { placeholderNames, splitParagraphs } from './placeholders.ts'

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
  // Only an organisation's approval flow produces a reviewed clause; a suggestion carries no review record.
  if (clause.status === 'starter' && clause.review !== null) {
    throw new ClauseLoadError(file, 'review', 'a starter clause has no review record: nobody has reviewed it')
  }
  const declared = new Map<string, number>()
  clause.parameters.forEach((p, i) => {
    if (declared.has(p.name)) throw new ClauseLoadError(file, `parameters.${i}.name`, `parameter "${p.name}" is declared twice`)
    declared.set(p.name, i)
    if ((p.type === 'choice') !== (p.options !== undefined)) {
      throw new ClauseLoadError(file, `parameters.${i}.options`, 'a choice parameter needs options, and only a choice parameter has them')
    }
    if ((p.type === 'rows') !== (p.columns !== undefined)) {
      throw new ClauseLoadError(file, `parameters.${i}.columns`, 'a rows parameter needs columns, and only a rows parameter has them')
    }
    if (p.unit !== undefined && p.type !== 'number' && p.type !== 'months') {
      throw new ClauseLoadError(file, `parameters.${i}.unit`, 'only number and months parameters have unit words')
    }
    if (STANDALONE_TYPES.has(p.type)) {
      for (const lang of LANGS) {
        if (!splitParagraphs(clause.text[lang]).includes(`{${p.name}}`)) {
          throw new ClauseLoadError(file, `text.${lang}`, `{${p.name}} is a table or signature block and must stand alone in its paragraph`)
        }
      }
    }
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
