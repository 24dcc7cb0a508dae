import { Router, type ErrorRequestHandler, type RequestHandler } from 'express'
import { z } from 'zod'
import { exportTemplatePackage, templateSchema, TemplateClauseMissingError, PACKAGE_FORMAT_VERSION } from '../../clause-library/index.ts'
import type { AgreementService } from '../agreements/service.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { can } from '../membership/roles.ts'
import { templateFromContent } from '../library/agreement-template.ts'
import type { LibraryServices } from '../library/index.ts'
import { canInOrg, isGoneError, type OrgAction } from '../library/organisations.ts'
import { importTemplatePackage } from '../library/template-import.ts'
import { templateProblems, type StoredTemplate } from '../library/templates.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { requireUser } from './access.ts'
import { requireOrg } from './library-routes.ts'

declare module 'express-serve-static-core' {
  interface Locals {
    template: StoredTemplate
  }
}

/** A new template as the client sends it: the server chooses the id. */
const TemplateBody = templateSchema.omit({ id: true })

const EditTemplateBody = z.strictObject({
  name: z.strictObject({ sv: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).optional(),
  municipality: z.string().trim().max(200).optional(),
})

const FromAgreementBody = z.strictObject({
  agreementId: z.string().min(1).max(64),
  name: z.strictObject({ sv: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
})

export interface TemplateRouteDeps {
  /** For "save this agreement as a template": who may read the agreement, and its content. */
  memberships: MembershipRepository
  service: AgreementService
}

const view = (t: StoredTemplate) => ({ ...t.template, orgId: t.orgId, source: t.source, createdAt: t.createdAt, createdBy: t.createdBy })

/**
 * Templates over HTTP (mounted under /api): per organisation, export as a package and import one.
 * Creating an agreement from a template is POST /api/agreements with `templateId`.
 */
export function templateRoutes(library: LibraryServices, { memberships, service }: TemplateRouteDeps): Router {
  const router = Router()
  const { organisations, templates, clauses, audit } = library

  /** Guards /templates/:id: the template's organisation decides, with 404 for outsiders. */
  const template =
    (action: OrgAction): RequestHandler =>
    async (req, res, next) => {
      if (!res.locals.user) return next(new HttpError(401, 'unauthenticated', 'log in first'))
      const stored = await templates.get(String(req.params.id))
      const role = stored ? await organisations.roleOf(stored.orgId, res.locals.user.id) : null
      if (!stored || !role) return next(notFound('template'))
      if (!canInOrg(role, action)) return next(new HttpError(403, 'forbidden', `your role in this organisation (${role}) may not ${action}`))
      res.locals.template = stored
      next()
    }

  router.get('/organisations/:orgId/templates', requireOrg(library, 'read'), async (_req, res) => {
    res.json({ templates: (await templates.listOf(res.locals.org.id)).map(view) })
  })

  router.post('/organisations/:orgId/templates', requireOrg(library, 'author'), async (req, res) => {
    const body = parseBody(TemplateBody, req.body)
    const problems = templateProblems(body, await clauses.libraryFor([res.locals.org.id]))
    if (problems.length > 0) {
      throw new HttpError(400, 'invalid_template', `invalid template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems)
    }
    const stored = await templates.create(res.locals.org.id, body, 'authored', res.locals.user.id)
    await audit.record(res.locals.org.id, res.locals.user.id, 'template_created', { templateId: stored.template.id })
    res.status(201).json(view(stored))
  })

  // Reading the agreement is enough: the template only points at clauses the organisation can already see.
  router.post('/organisations/:orgId/templates/from-agreement', requireOrg(library, 'author'), async (req, res) => {
    const body = parseBody(FromAgreementBody, req.body)
    const meta = can(await memberships.roleOf(body.agreementId, res.locals.user.id), 'read') ? await service.get(body.agreementId) : null
    if (!meta) throw notFound('agreement')
    const { body: template, skipped } = templateFromContent(await service.content(meta.id), await clauses.libraryFor([res.locals.org.id]), {
      name: body.name,
      lang: meta.lang,
      municipality: meta.municipality,
    })
    const stored = await templates.create(res.locals.org.id, template, 'authored', res.locals.user.id)
    await audit.record(res.locals.org.id, res.locals.user.id, 'template_created', { templateId: stored.template.id, fromAgreement: meta.id, skipped: skipped.length })
    res.status(201).json({ template: view(stored), skipped })
  })

  router.post('/organisations/:orgId/templates/import', requireOrg(library, 'author'), async (req, res) => {
    const outcome = await importTemplatePackage(library, res.locals.org, req.body, res.locals.user.id)
    if (!outcome.ok) {
      const { error } = outcome
      if (error.code === 'malformed') throw new HttpError(400, 'malformed_package', error.message, { path: error.path })
      if (error.code === 'tampered') throw new HttpError(422, 'tampered_package', error.message)
      throw new HttpError(422, 'package_too_new', error.message, { formatVersion: error.formatVersion, supported: PACKAGE_FORMAT_VERSION })
    }
    res.status(outcome.templateReused && outcome.added.length === 0 ? 200 : 201).json({
      template: view(outcome.template),
      templateReused: outcome.templateReused,
      added: outcome.added,
      reused: outcome.reused,
      renamed: outcome.renamed,
    })
  })

  // For the "new agreement" dialog: every template the person may start from, across their organisations.
  router.get('/templates', requireUser, async (_req, res) => {
    const orgs = await organisations.listFor(res.locals.user.id)
    const lists = await Promise.all(orgs.map(async (o) => (await templates.listOf(o.id)).map((t) => ({ ...view(t), orgName: o.name }))))
    res.json({ templates: lists.flat() })
  })

  router.get('/templates/:id', template('read'), (_req, res) => {
    res.json(view(res.locals.template))
  })

  /** Edits a template's name and municipality; its clauses and outline come from "Spara som mall". */
  router.patch('/templates/:id', template('author'), async (req, res) => {
    const body = parseBody(EditTemplateBody, req.body)
    const { template: t, orgId } = res.locals.template
    const { id: _id, ...current } = t
    const updated = await templates.update(t.id, {
      ...current,
      ...(body.name ? { name: body.name } : {}),
      ...(body.municipality !== undefined ? (body.municipality ? { municipality: body.municipality } : { municipality: undefined }) : {}),
    })
    if (!updated) throw notFound('template')
    await audit.record(orgId, res.locals.user.id, 'template_edited', { templateId: t.id })
    res.json(view(updated))
  })

  router.delete('/templates/:id', template('approve'), async (_req, res) => {
    const { template: t, orgId } = res.locals.template
    await templates.delete(t.id)
    await audit.record(orgId, res.locals.user.id, 'template_deleted', { templateId: t.id })
    res.status(204).end()
  })

  router.get('/templates/:id/package', template('read'), async (_req, res) => {
    const { template: t, orgId } = res.locals.template
    let pkg
    try {
      pkg = exportTemplatePackage(t, await clauses.libraryFor([orgId]))
    } catch (err) {
      if (err instanceof TemplateClauseMissingError) throw new HttpError(409, 'template_incomplete', err.message)
      throw err
    }
    await audit.record(orgId, res.locals.user.id, 'template_exported', { templateId: t.id, checksum: pkg.checksum })
    res.setHeader('Content-Disposition', `attachment; filename="template-${t.id}.json"`)
    res.json(pkg)
  })

  // Since the handlers await, an organisation can be deleted between the guard and the write.
  router.use(((err, _req, _res, next) => next(isGoneError(err) ? notFound('organisation') : err)) as ErrorRequestHandler)

  return router
}
