import { Router } from 'express'
import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'
import type { AgreementService } from '../agreements/service.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { AuditLog } from '../membership/audit.ts'
import { permissionsOf } from '../membership/roles.ts'
import { TemplateClauseMissingError, type ClauseLibrary, type Template } from '../../clause-library/index.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { requireAccess, requireUser } from './access.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

const CreateBody = z
  .strictObject({
    title: text(LIMITS.titleMaxLength),
    municipality: text(LIMITS.municipalityMaxLength),
    /** Defaults to the template's language, else Swedish. */
    lang: z.enum(['sv', 'en']).optional(),
    skeleton: z.boolean().default(false),
    templateId: z.string().min(1).max(64).optional(),
  })
  .refine((b) => !(b.skeleton && b.templateId !== undefined), { message: 'a template replaces the skeleton; give one or the other', path: ['templateId'] })

const PatchBody = z
  .strictObject({ title: text(LIMITS.titleMaxLength).optional(), municipality: text(LIMITS.municipalityMaxLength).optional() })
  .refine((b) => b.title !== undefined || b.municipality !== undefined, { message: 'give a title or a municipality to change' })

export const AGREEMENT_ID = /^[A-Za-z0-9_-]{1,64}$/

export interface AgreementRouteDeps {
  service: AgreementService
  memberships: MembershipRepository
  audit: AuditLog
  /** A template the person may use (their organisation's), with its library; null when not visible. */
  templateFor?: (templateId: string, userId: string) => Promise<{ template: Template; library: ClauseLibrary } | null>
}

export function agreementRoutes({ service, memberships, audit, templateFor }: AgreementRouteDeps): Router {
  const router = Router()
  const access = (action: Parameters<typeof requireAccess>[1]) => requireAccess(memberships, action)

  router.param('id', (_req, _res, next, id: string) => {
    next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement'))
  })

  router.get('/', requireUser, async (_req, res) => {
    res.json({ agreements: await memberships.agreementsOf(res.locals.user.id) })
  })

  router.post('/', requireUser, async (req, res) => {
    const input = parseBody(CreateBody, req.body)
    let source: { template: Template; library: ClauseLibrary } | undefined
    if (input.templateId !== undefined) {
      source = (await templateFor?.(input.templateId, res.locals.user.id)) ?? undefined
      if (!source) throw notFound('template')
    }
    let meta
    try {
      meta = await service.create({ ...input, lang: input.lang ?? source?.template.lang ?? 'sv', template: source })
    } catch (err) {
      if (err instanceof TemplateClauseMissingError) throw new HttpError(409, 'template_incomplete', err.message)
      throw err
    }
    await memberships.add(meta.id, res.locals.user.id, 'owner')
    await audit.record(meta.id, res.locals.user.id, 'agreement_created', {
      title: meta.title,
      skeleton: input.skeleton,
      ...(input.templateId === undefined ? {} : { templateId: input.templateId }),
    })
    res.status(201).json({ ...meta, role: 'owner' })
  })

  router.get('/:id', access('read'), async (req, res) => {
    const meta = await service.get(String(req.params.id))
    if (!meta) throw notFound('agreement')
    const role = res.locals.role
    res.json({ ...meta, role, permissions: permissionsOf(role), content: await service.content(meta.id) })
  })

  router.patch('/:id', access('edit'), async (req, res) => {
    const patch = parseBody(PatchBody, req.body)
    const meta = await service.update(String(req.params.id), patch)
    if (!meta) throw notFound('agreement')
    await audit.record(meta.id, res.locals.user.id, 'agreement_renamed', patch)
    res.json(meta)
  })

  router.delete('/:id', access('delete'), async (req, res) => {
    const id = String(req.params.id)
    const meta = await service.get(id)
    if (!meta || !(await service.delete(id))) throw notFound('agreement')
    // The audit trail outlives the agreement, and says who deleted it.
    await audit.record(id, res.locals.user.id, 'agreement_deleted', { title: meta.title })
    res.status(204).end()
  })

  return router
}
