import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { canonicalJson, checkParams, sha256Hex, type ClauseLibrary, type Template } from '../../clause-library/index.ts'
import type { Database } from '../storage/database.ts'
import type { Tables } from '../storage/tables.ts'
import { binaryOrder } from './binary-order.ts'

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

type Row = Tables['templates']

/** Queries run on the database itself or inside a caller's transaction. */
type Executor = Kysely<Tables>

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
    private readonly database: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `db` is the caller's transaction when the template is written together with other rows (an import). */
  async create(orgId: string, body: TemplateBody, source: 'authored' | 'imported', userId: string, db: Executor = this.database.db): Promise<StoredTemplate> {
    const row: Row = { id: randomBytes(12).toString('base64url'), org_id: orgId, ...stored(body), source, created_by: userId, created_at: this.now().toISOString() }
    await db.insertInto('templates').values(row).execute()
    return toStored(row)
  }

  async get(id: string): Promise<StoredTemplate | null> {
    const row = await this.database.db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toStored(row) : null
  }

  async listOf(orgId: string): Promise<StoredTemplate[]> {
    const rows = await this.database.db.selectFrom('templates').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy(binaryOrder(this.database, 'id')).execute()
    return rows.map(toStored)
  }

  /** A template of the organisation with exactly this content, whatever its id (the oldest if several). */
  async findSame(orgId: string, body: TemplateBody | Template, db: Executor = this.database.db): Promise<StoredTemplate | null> {
    const row = await db
      .selectFrom('templates')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('content_hash', '=', templateContentHash(body))
      .orderBy('created_at')
      .orderBy(binaryOrder(this.database, 'id'))
      .limit(1)
      .executeTakeFirst()
    return row ? toStored(row) : null
  }

  /** Replaces a template's content (its name, municipality…); the id, organisation and source stay. */
  async update(id: string, body: TemplateBody): Promise<StoredTemplate | null> {
    const result = await this.database.db.updateTable('templates').set(stored(body)).where('id', '=', id).executeTakeFirst()
    return Number(result.numUpdatedRows) > 0 ? this.get(id) : null
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.database.db.deleteFrom('templates').where('id', '=', id).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async count(orgId?: string): Promise<number> {
    let query = this.database.db.selectFrom('templates').select((eb) => eb.fn.countAll().as('n'))
    if (orgId !== undefined) query = query.where('org_id', '=', orgId)
    return Number((await query.executeTakeFirstOrThrow()).n)
  }
}

/** The stored columns of a template's content: everything but the id, and its hash. */
function stored(body: TemplateBody | Template): Pick<Row, 'body' | 'content_hash'> {
  const { id: _ignored, ...content } = body as Template
  return { body: JSON.stringify(content), content_hash: templateContentHash(content) }
}
