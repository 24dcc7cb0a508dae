import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { canonicalJson, checkParams, sha256Hex, type ClauseLibrary, type Template } from '../../clause-library/index.ts'

/**
 * Templates of an organisation: an ordered list of clause references with default values, stored as
 * the clause library's Template with the server's id. The content hash (everything but the id) lets an
 * import recognise a template it already holds.
 */

export interface StoredTemplate {
  template: Template
  orgId: string
  source: 'authored' | 'imported'
  createdAt: string
  createdBy: string | null
}

interface Row {
  id: string
  org_id: string
  body: string
  source: 'authored' | 'imported'
  created_by: string | null
  created_at: string
}

const toStored = (r: Row): StoredTemplate => ({
  template: { ...(JSON.parse(r.body) as Omit<Template, 'id'>), id: r.id },
  orgId: r.org_id,
  source: r.source,
  createdAt: r.created_at,
  createdBy: r.created_by,
})

export type TemplateBody = Omit<Template, 'id'>

export function templateContentHash(body: TemplateBody | Template): string {
  const { id: _id, ...rest } = body as Template
  return sha256Hex(canonicalJson(rest))
}

export interface TemplateProblem {
  path: string
  message: string
}

/**
 * What keeps a template from being built with this library: a clause it cannot see, or a value that
 * can never fit. A missing required value is not a problem: it stays visible as `{name}` to fill in.
 */
export function templateProblems(template: TemplateBody, library: ClauseLibrary): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  template.items.forEach((item, i) => {
    const clause = library.get(item.clauseId, item.version)
    if (!clause) {
      problems.push({ path: `items.${i}.clauseId`, message: `clause ${item.clauseId}${item.version ? ` version ${item.version}` : ''} is not in your library` })
      return
    }
    for (const issue of checkParams(clause, item.params)) {
      if (issue.code !== 'missing') problems.push({ path: `items.${i}.params.${issue.name}`, message: issue.code.replaceAll('_', ' ') })
    }
  })
  return problems
}

export class TemplateRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(orgId: string, body: TemplateBody, source: 'authored' | 'imported', userId: string): StoredTemplate {
    const id = randomBytes(12).toString('base64url')
    const { id: _ignored, ...content } = body as Template
    this.db
      .prepare('INSERT INTO templates (id, org_id, body, content_hash, source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, orgId, JSON.stringify(content), templateContentHash(content), source, userId, this.now().toISOString())
    return this.get(id)!
  }

  get(id: string): StoredTemplate | null {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as Row | undefined
    return row ? toStored(row) : null
  }

  listOf(orgId: string): StoredTemplate[] {
    return (this.db.prepare('SELECT * FROM templates WHERE org_id = ? ORDER BY created_at, id').all(orgId) as Row[]).map(toStored)
  }

  /** A template of the organisation with exactly this content, whatever its id. */
  findSame(orgId: string, body: TemplateBody | Template): StoredTemplate | null {
    const row = this.db.prepare('SELECT * FROM templates WHERE org_id = ? AND content_hash = ? ORDER BY created_at LIMIT 1').get(orgId, templateContentHash(body)) as
      | Row
      | undefined
    return row ? toStored(row) : null
  }

  /** Replaces a template's content (its name, municipality…); the id, organisation and source stay. */
  update(id: string, body: TemplateBody): StoredTemplate | null {
    const { id: _ignored, ...content } = body as Template
    const changed = this.db.prepare('UPDATE templates SET body = ?, content_hash = ? WHERE id = ?').run(JSON.stringify(content), templateContentHash(content), id).changes
    return changed > 0 ? this.get(id) : null
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0
  }

  count(orgId?: string): number {
    const sql = orgId ? 'SELECT COUNT(*) AS n FROM templates WHERE org_id = ?' : 'SELECT COUNT(*) AS n FROM templates'
    return (this.db.prepare(sql).get(...(orgId ? [orgId] : [])) as { n: number }).n
  }
}
