import type { EventStreams } from './event-streams.ts'
import { Router } from 'express'
import * as Y from 'yjs'
import { z } from 'zod'
import { diffDocuments } from '../../schema/doc-diff.ts'
import { findByUid, reviewHash } from '../../schema/review-hash.ts'
import type { AgreementService } from '../agreements/service.ts'
import { canonicalContent } from '../agreements/yjs-content.ts'
import type { AuditLog } from '../membership/audit.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import { can } from '../membership/roles.ts'
import type { CommentRepository } from '../review/comments.ts'
import type { AgreementEvents } from '../review/events.ts'
import { REVIEW_STATUSES, type ReviewRepository } from '../review/reviews.ts'
import { VersionLimitError, type VersionRepository } from '../review/versions.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import { requireAccess } from './access.ts'
import { HttpError, notFound, parseBody } from './errors.ts'
import { AGREEMENT_ID } from './agreements.ts'
import { LIMITS } from '../../schema/limits.ts'

const RelativePosition = z
  .string()
  .max(1024)
  .refine((b64) => {
    try {
      Y.decodeRelativePosition(Buffer.from(b64, 'base64'))
      return true
    } catch {
      return false
    }
  }, 'not an encoded Yjs relative position')
const Body = z.string().trim().min(1).max(LIMITS.commentMaxLength)
const Mentions = z.array(z.string().uuid()).max(20).default([])
const NewThread = z.strictObject({ anchor: z.strictObject({ start: RelativePosition, end: RelativePosition }), quote: z.string().max(500), body: Body, mentions: Mentions })
const Reply = z.strictObject({ body: Body, mentions: Mentions })
const Resolve = z.strictObject({ resolved: z.boolean() })
const SetReview = z.strictObject({ status: z.enum(REVIEW_STATUSES), note: z.string().trim().max(LIMITS.noteMaxLength).nullable().optional() })
const NewVersion = z.strictObject({ name: z.string().trim().min(1).max(LIMITS.nameMaxLength) })

export interface ReviewRouteDeps {
  service: AgreementService
  registry: DocumentRegistry
  memberships: MembershipRepository
  audit: AuditLog
  comments: CommentRepository
  reviews: ReviewRepository
  versions: VersionRepository
  events: AgreementEvents
  streams: EventStreams
}

/** Comments, review status, named versions, export and live change events of one agreement. */
export function reviewRoutes(deps: ReviewRouteDeps): Router {
  const { service, registry, memberships, audit, comments, reviews, versions, events, streams } = deps
  const router = Router()
  const access = (action: Parameters<typeof requireAccess>[1]) => requireAccess(memberships, action)
  router.param('id', (_req, _res, next, id: string) => next(AGREEMENT_ID.test(id) ? undefined : notFound('agreement')))

  /** Mentions must name members of this agreement; anything else is refused, not silently dropped. */
  const checkMentions = async (agreementId: string, mentions: string[]) => {
    if (mentions.length === 0) return
    const members = new Set((await memberships.list(agreementId)).map((m) => m.userId))
    const strangers = mentions.filter((m) => !members.has(m))
    if (strangers.length > 0) throw new HttpError(400, 'invalid_input', 'mentions must be members of this agreement')
  }

  router.get('/:id/comments', access('read'), async (req, res) => {
    res.json({ threads: await comments.list(String(req.params.id)) })
  })

  router.post('/:id/comments', access('comment'), async (req, res) => {
    const id = String(req.params.id)
    const body = parseBody(NewThread, req.body)
    await checkMentions(id, body.mentions)
    const threadId = await comments.openThread(id, res.locals.user.id, body)
    events.emit(id, 'comments')
    res.status(201).json(await comments.get(id, threadId))
  })

  router.post('/:id/comments/:threadId/replies', access('comment'), async (req, res) => {
    const id = String(req.params.id)
    const threadId = String(req.params.threadId)
    const body = parseBody(Reply, req.body)
    await checkMentions(id, body.mentions)
    if (!(await comments.reply(id, threadId, res.locals.user.id, body.body, body.mentions))) throw notFound('comment thread')
    events.emit(id, 'comments')
    res.status(201).json(await comments.get(id, threadId))
  })

  router.post('/:id/comments/:threadId/resolve', access('comment'), async (req, res) => {
    const id = String(req.params.id)
    const threadId = String(req.params.threadId)
    const body = parseBody(Resolve, req.body)
    if (!(await comments.setResolved(id, threadId, res.locals.user.id, body.resolved))) throw notFound('comment thread')
    events.emit(id, 'comments')
    res.json(await comments.get(id, threadId))
  })

  router.get('/:id/reviews', access('read'), async (req, res) => {
    const id = String(req.params.id)
    const content = await service.content(id)
    res.json({
      reviews: (await reviews.list(id)).map((r) => {
        const node = findByUid(content, r.targetUid)
        return { ...r, exists: node !== null, changedSinceApproval: r.status === 'approved' && (!node || reviewHash(node) !== r.approvedHash) }
      }),
    })
  })

  router.put('/:id/reviews/:uid', access('read'), async (req, res) => {
    const id = String(req.params.id)
    const uid = String(req.params.uid)
    const body = parseBody(SetReview, req.body)
    const needed = body.status === 'approved' || body.status === 'changes_requested' ? 'review' : 'submit_for_review'
    if (!can(res.locals.role, needed)) throw new HttpError(403, 'forbidden', `your role (${res.locals.role}) may not set "${body.status}"`)
    const node = findByUid(await service.content(id), uid)
    if (!node || (node.type !== 'section' && node.type !== 'clause')) throw notFound('section or clause')
    const approvedHash = body.status === 'approved' ? reviewHash(node) : null
    await reviews.set(id, uid, body.status, res.locals.user.id, body.note ?? null, approvedHash)
    await audit.record(id, res.locals.user.id, 'review_status_changed', { targetUid: uid, kind: node.attrs?.kind ?? node.attrs?.clauseId ?? null, status: body.status })
    events.emit(id, 'reviews')
    res.json((await reviews.list(id)).find((r) => r.targetUid === uid))
  })

  router.get('/:id/versions', access('read'), async (req, res) => {
    res.json({ versions: await versions.list(String(req.params.id)) })
  })

  router.post('/:id/versions', access('save_version'), async (req, res) => {
    const id = String(req.params.id)
    const body = parseBody(NewVersion, req.body)
    const frozen = await registry.withDocument(id, (doc) => ({ state: Y.encodeStateAsUpdate(doc.doc), json: canonicalContent(doc.doc).json }))
    let version
    try {
      version = await versions.save(id, body.name, res.locals.user.id, frozen.state, frozen.json)
    } catch (err) {
      if (err instanceof VersionLimitError) throw new HttpError(err.limit === 'count' ? 409 : 413, err.limit === 'count' ? 'too_many_versions' : 'versions_too_large', err.message)
      throw err
    }
    await audit.record(id, res.locals.user.id, 'version_saved', { versionId: version.id, name: version.name })
    events.emit(id, 'versions')
    res.status(201).json(version)
  })

  router.delete('/:id/versions/:versionId', access('delete'), async (req, res) => {
    const id = String(req.params.id)
    const info = await versions.info(id, String(req.params.versionId))
    if (!info || !(await versions.delete(id, info.id))) throw notFound('version')
    await audit.record(id, res.locals.user.id, 'version_deleted', { versionId: info.id, name: info.name })
    events.emit(id, 'versions')
    res.status(204).end()
  })

  router.get('/:id/versions/:versionId', access('read'), async (req, res) => {
    const id = String(req.params.id)
    const info = await versions.info(id, String(req.params.versionId))
    const content = info ? await versions.content(id, info.id) : null
    if (!info || !content) throw notFound('version')
    res.json({ ...info, content })
  })

  /** `from` and `to` are version ids or "current"; by default the newest version against now. */
  router.get('/:id/diff', access('read'), async (req, res) => {
    const id = String(req.params.id)
    const resolve = async (ref: string) => (ref === 'current' ? service.content(id) : versions.content(id, ref))
    const from = String(req.query.from ?? (await versions.list(id))[0]?.id ?? 'current')
    const to = String(req.query.to ?? 'current')
    const [before, after] = await Promise.all([resolve(from), resolve(to)])
    if (!before || !after) throw notFound('version')
    res.json({ from, to, blocks: diffDocuments(before, after) })
  })

  router.get('/:id/export', access('read'), async (req, res) => {
    const id = String(req.params.id)
    const meta = await service.get(id)
    if (!meta) throw notFound('agreement')
    // A HEAD sends no agreement, so it is no export.
    if (req.method === 'GET') await audit.record(id, res.locals.user.id, 'exported', { format: 'json' })
    res.setHeader('Content-Disposition', `attachment; filename="overens-${id}.json"`)
    res.json({ ...meta, parties: await memberships.parties(id), content: await service.content(id) })
  })

  /** Server-sent events: the editor refetches comments, reviews, versions or members when told. */
  router.get('/:id/events', access('read'), (req, res) => {
    const id = String(req.params.id)
    const userId = res.locals.user.id
    // Events pass one after the other, each after its membership check, so they keep their order.
    let delivered = Promise.resolve()
    let unsubscribe = () => {}
    const stream = streams.start(res, () => unsubscribe())
    unsubscribe = events.subscribe(id, (event) => {
      delivered = delivered
        .then(async () => {
          // A person removed from the agreement hears nothing more of it.
          if (!(await memberships.roleOf(id, userId))) return stream.end()
          stream.send(event)
        })
        .catch(() => stream.end())
    })
  })

  return router
}
