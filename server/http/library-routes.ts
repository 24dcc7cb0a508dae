import { Router, type ErrorRequestHandler, type RequestHandler } from 'express'
import { z } from 'zod'
import { ClauseLoadError, LANGS, builtinLibrary, clauseNamespace, createLibrary, searchClauses, type ClauseRecord } from '../../clause-library/index.ts'
import { CLAUSE_SECTION_ID_TUPLE } from '../../schema/sections.ts'
import type { AccountRepository } from '../auth/accounts.ts'
import type { LibraryServices } from '../library/index.ts'
import { AlreadyApprovedError, VersionConflictError, builtinView, orgClauseId, type ClauseVersionView } from '../library/org-clauses.ts'
import { LastAdminError, ORG_ROLES, SlugTakenError, canInOrg, isGoneError, type OrgAction, type Organisation, type OrgRole } from '../library/organisations.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { requireUser } from './access.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    org: Organisation
    orgRole: OrgRole
  }
}

const name = z.string().trim().min(1).max(200)
const OrgType = z.enum(['public', 'idea_driven'])
const CreateOrgBody = z.strictObject({
  name,
  type: OrgType,
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lower-case letters, digits and dashes, at most 40')
    .optional(),
})
const PatchOrgBody = z.strictObject({ name: name.optional(), type: OrgType.optional() }).refine((b) => b.name !== undefined || b.type !== undefined, { message: 'give a name or a type to change' })
const OrgRoleSchema = z.enum(ORG_ROLES)
const AddMemberBody = z.strictObject({ email: z.string().trim().toLowerCase().email(), role: OrgRoleSchema.default('member') })
const PatchMemberBody = z.strictObject({ role: OrgRoleSchema })
/** The clause's shape is checked by the clause library's own validation; here only what the server adds. */
const ClauseBody = z.strictObject({
  id: z.string().min(1).max(200),
  // Neutral headings (insurance, communication, other, annexes) are clause homes as well.
  sectionId: z.enum(CLAUSE_SECTION_ID_TUPLE),
  parameters: z.array(z.unknown()).max(50).default([]),
  text: z.unknown(),
  basedOn: z.number().int().positive().optional(),
})
const ApproveBody = z.strictObject({ note: z.string().trim().max(2000).default('') })
const SearchQuery = z.object({
  q: z.string().max(200).default(''),
  section: z.enum(CLAUSE_SECTION_ID_TUPLE).optional(),
  lang: z.enum(LANGS).optional(),
  status: z.enum(['any', 'approved']).default('any'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/**
 * Guards a route of one organisation (`:orgId`). Non-members get 404 so an organisation's existence is
 * not revealed; members without the permission get 403.
 */
export function requireOrg(library: LibraryServices, action: OrgAction): RequestHandler {
  return async (req, res, next) => {
    if (!res.locals.user) return next(new HttpError(401, 'unauthenticated', 'log in first'))
    const orgId = String(req.params.orgId)
    const role = await library.organisations.roleOf(orgId, res.locals.user.id)
    const org = role ? await library.organisations.get(orgId) : null
    if (!role || !org) return next(notFound('organisation'))
    if (!canInOrg(role, action)) return next(new HttpError(403, 'forbidden', `your role in this organisation (${role}) may not ${action}`))
    res.locals.org = org
    res.locals.orgRole = role
    next()
  }
}

/** An invalid clause is the author's to fix (400 naming the field); anything else is ours. */
function rethrowClauseError(err: unknown): never {
  if (err instanceof ClauseLoadError) {
    throw new HttpError(400, 'invalid_clause', `invalid clause: ${err.path ? `${err.path}: ` : ''}${err.detail}`, [{ path: err.path, message: err.detail }])
  }
  throw err
}

/**
 * The clause library over HTTP (mounted under /api): search and versions for the editor's panel, and
 * organisations with their members and clause versions.
 */
export function libraryRoutes(library: LibraryServices, accounts: AccountRepository): Router {
  const router = Router()
  const org = (action: OrgAction) => requireOrg(library, action)
  const { organisations, clauses, audit } = library

  router.get('/clauses', requireUser, async (req, res) => {
    const query = parseBody(SearchQuery, req.query)
    const orgs = await organisations.listFor(res.locals.user.id)
    const records = [...builtinLibrary().records, ...(await clauses.recordsOf(orgs.map((o) => o.id)))]
    const usable = query.status === 'approved' ? records.filter((r) => r.status === 'approved') : records
    const hits = searchClauses(createLibrary(usable), query.q, { sectionId: query.section, lang: query.lang, limit: query.limit })
    const bySlug = new Map(orgs.map((o) => [o.slug, o]))
    res.json({
      hits: hits.map((h) => ({ score: h.score, ...viewOf(h.clause, bySlug) })),
    })
  })

  // A wildcard, so a namespaced id (`org:<slug>/<section>.<variant>`) works with or without encoding its slash.
  router.get('/clauses/*id', requireUser, async (req, res) => {
    const segments = (req.params as { id: string[] | string }).id
    const id = Array.isArray(segments) ? segments.join('/') : segments
    const builtin = builtinLibrary()
    if (clauseNamespace(id) === null) {
      const versions = builtin.records.filter((r) => r.id === id)
      if (versions.length === 0) throw notFound('clause')
      return res.json({ id, origin: { kind: 'builtin' }, versions: versions.map(builtinView) })
    }
    const versions = await clauses.versions(id)
    const owner = versions[0]?.origin
    if (owner?.kind !== 'organisation' || !(await organisations.roleOf(owner.orgId, res.locals.user.id))) throw notFound('clause')
    res.json({ id, origin: owner, versions })
  })

  router.post('/organisations', requireUser, async (req, res) => {
    const body = parseBody(CreateOrgBody, req.body)
    let created: Organisation
    try {
      created = await organisations.create(body, res.locals.user.id)
    } catch (err) {
      if (err instanceof SlugTakenError) throw new HttpError(409, 'slug_taken', err.message)
      throw err
    }
    await audit.record(created.id, res.locals.user.id, 'organisation_created', { name: created.name, slug: created.slug })
    res.status(201).json({ ...created, role: 'admin' })
  })

  router.get('/organisations', requireUser, async (_req, res) => {
    res.json({ organisations: await organisations.listFor(res.locals.user.id) })
  })

  router.get('/organisations/:orgId', org('read'), (_req, res) => {
    res.json({ ...res.locals.org, role: res.locals.orgRole })
  })

  router.patch('/organisations/:orgId', org('manage'), async (req, res) => {
    const patch = parseBody(PatchOrgBody, req.body)
    const updated = await organisations.update(res.locals.org.id, patch)
    await audit.record(res.locals.org.id, res.locals.user.id, 'organisation_changed', patch)
    res.json({ ...updated, role: res.locals.orgRole })
  })

  router.delete('/organisations/:orgId', org('manage'), async (_req, res) => {
    await organisations.delete(res.locals.org.id)
    res.status(204).end()
  })

  router.get('/organisations/:orgId/members', org('read'), async (_req, res) => {
    res.json({ members: await organisations.members(res.locals.org.id) })
  })

  router.post('/organisations/:orgId/members', org('manage'), async (req, res) => {
    const body = parseBody(AddMemberBody, req.body)
    const user = await accounts.findByEmail(body.email)
    if (!user) throw new HttpError(404, 'no_such_user', 'no account with this email; ask them to sign up first')
    if (!(await organisations.addMember(res.locals.org.id, user.id, body.role))) {
      throw new HttpError(409, 'already_member', 'this person is already a member; change their role instead')
    }
    await audit.record(res.locals.org.id, res.locals.user.id, 'member_added', { userId: user.id, email: user.email, role: body.role })
    res.status(201).json(await organisations.member(res.locals.org.id, user.id))
  })

  router.patch('/organisations/:orgId/members/:userId', org('manage'), async (req, res) => {
    const body = parseBody(PatchMemberBody, req.body)
    const userId = String(req.params.userId)
    const before = await organisations.roleOf(res.locals.org.id, userId)
    if (!before) throw notFound('member')
    if (!(await lastAdmin(() => organisations.setRole(res.locals.org.id, userId, body.role)))) throw notFound('member')
    if (before !== body.role) await audit.record(res.locals.org.id, res.locals.user.id, 'role_changed', { userId, from: before, to: body.role })
    res.json(await organisations.member(res.locals.org.id, userId))
  })

  // Any member may leave; removing someone else takes an admin.
  router.delete('/organisations/:orgId/members/:userId', org('read'), async (req, res) => {
    const userId = String(req.params.userId)
    if (userId !== res.locals.user.id && !canInOrg(res.locals.orgRole, 'manage')) {
      throw new HttpError(403, 'forbidden', `your role in this organisation (${res.locals.orgRole}) may not manage`)
    }
    if (!(await lastAdmin(() => organisations.removeMember(res.locals.org.id, userId)))) throw notFound('member')
    await audit.record(res.locals.org.id, res.locals.user.id, 'member_removed', { userId })
    res.status(204).end()
  })

  router.get('/organisations/:orgId/audit', org('manage'), async (_req, res) => {
    res.json({ entries: await audit.list(res.locals.org.id) })
  })

  router.get('/organisations/:orgId/clauses', org('read'), async (_req, res) => {
    res.json({ clauses: await clauses.latestOf(res.locals.org.id) })
  })

  router.post('/organisations/:orgId/clauses', org('author'), async (req, res) => {
    const body = parseBody(ClauseBody, req.body)
    const namespace = clauseNamespace(body.id)
    if (namespace !== null && namespace !== res.locals.org.slug) {
      throw new HttpError(400, 'invalid_input', `clause ids of this organisation start with org:${res.locals.org.slug}/`, [{ path: 'id', message: 'wrong namespace' }])
    }
    const id = orgClauseId(res.locals.org, body.id)
    let view: ClauseVersionView
    try {
      view = await clauses.addVersion(res.locals.org.id, { ...body, id }, res.locals.user.id)
    } catch (err) {
      if (err instanceof VersionConflictError) throw new HttpError(409, 'version_conflict', err.message, { latest: err.latest })
      rethrowClauseError(err)
    }
    await audit.record(res.locals.org.id, res.locals.user.id, 'clause_version_added', { clauseId: id, version: view.clause.version })
    res.status(201).json(view)
  })

  router.post('/organisations/:orgId/clauses/:clauseId/versions/:version/approve', org('approve'), async (req, res) => {
    const body = parseBody(ApproveBody, req.body)
    const version = Number(req.params.version)
    const raw = String(req.params.clauseId)
    // Another organisation's clause is as invisible here as one that does not exist.
    const namespace = clauseNamespace(raw)
    if ((namespace !== null && namespace !== res.locals.org.slug) || !Number.isInteger(version)) throw notFound('clause version')
    const id = orgClauseId(res.locals.org, raw)
    let view: ClauseVersionView | null
    try {
      view = await clauses.approve(id, version, res.locals.user, body.note)
    } catch (err) {
      if (err instanceof AlreadyApprovedError) throw new HttpError(409, 'already_approved', err.message)
      throw err
    }
    if (!view) throw notFound('clause version')
    await audit.record(res.locals.org.id, res.locals.user.id, 'clause_version_approved', { clauseId: id, version, note: body.note })
    res.json(view)
  })

  // Since the handlers await, an organisation can be deleted between the guard and the write.
  router.use(((err, _req, _res, next) => next(isGoneError(err) ? notFound('organisation') : err)) as ErrorRequestHandler)

  return router
}

function viewOf(clause: ClauseRecord, orgsBySlug: Map<string, Organisation>): ClauseVersionView {
  const slug = clauseNamespace(clause.id)
  const org = slug === null ? undefined : orgsBySlug.get(slug)
  if (!org) return builtinView(clause)
  return { clause, origin: { kind: 'organisation', orgId: org.id, orgSlug: org.slug, orgName: org.name } }
}

async function lastAdmin<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof LastAdminError) throw new HttpError(409, 'last_admin', err.message)
    throw err
  }
}
