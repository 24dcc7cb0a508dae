import { Router } from 'express'
import { z } from 'zod'
import { LIMITS } from '../../schema/limits.ts'
import type { AgreementService } from '../agreements/service.ts'
import { HttpError, notFound, parseBody } from './errors.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

const CreateBody = z.strictObject({
  title: text(LIMITS.titleMaxLength),
  municipality: text(LIMITS.municipalityMaxLength),
  lang: z.enum(['sv', 'en']).default('sv'),
  skeleton: z.boolean().default(false),
})

const PatchBody = z
  .strictObject({ title: text(LIMITS.titleMaxLength).optional(), municipality: text(LIMITS.municipalityMaxLength).optional() })
  .refine((b) => b.title !== undefined || b.municipality !== undefined, { message: 'give a title or a municipality to change' })

const AGREEMENT_ID = /^[A-Za-z0-9_-]{1,64}$/

export function agreementRoutes(service: AgreementService): Router {
  const router = Router()

  router.param('id', (_req, _res, next, id: string) => {
    next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement'))
  })

  router.get('/', async (_req, res) => {
    res.json({ agreements: await service.list() })
  })

  router.post('/', async (req, res) => {
    const input = parseBody(CreateBody, req.body)
    res.status(201).json(await service.create(input))
  })

  router.get('/:id', async (req, res) => {
    const meta = await service.get(req.params.id)
    if (!meta) throw notFound('agreement')
    res.json({ ...meta, content: await service.content(meta.id) })
  })

  router.patch('/:id', async (req, res) => {
    const patch = parseBody(PatchBody, req.body)
    const meta = await service.update(req.params.id, patch)
    if (!meta) throw notFound('agreement')
    res.json(meta)
  })

  router.delete('/:id', async (req, res) => {
    if (!(await service.delete(req.params.id))) throw notFound('agreement')
    res.status(204).end()
  })

  return router
}

export { HttpError }
