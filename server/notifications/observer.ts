import type { RequestHandler } from 'express'
import type { Logger } from '../log.ts'
import type { MembershipRepository } from '../membership/repository.ts'
import type { Role } from '../membership/roles.ts'
import type { Inbox } from './inbox.ts'

export interface ObserverDeps {
  inbox: Inbox
  memberships: MembershipRepository
  /** The heading of a section (or the first words of a clause) by uid, to say which one. */
  targetTitle(agreementId: string, uid: string): Promise<string | null>
  log: Logger
}

type Rule = (ctx: { params: string[]; body: unknown; request: Record<string, unknown>; actor: { id: string; name: string } }) => Promise<void> | void

/**
 * Turns the writing group's actions into notifications without the routes knowing: it watches the
 * successful answers of the routes that mention, review or accept, and writes to the inboxes of the
 * people concerned (never to the one who acted). Paths are relative to /api.
 */
export function notificationObserver({ inbox, memberships, targetTitle, log }: ObserverDeps): RequestHandler {
  const recipients = async (agreementId: string, roles: Role[], actorId: string): Promise<string[]> =>
    (await memberships.list(agreementId)).filter((m) => roles.includes(m.role) && m.userId !== actorId).map((m) => m.userId)

  const mentions: Rule = async ({ params, body, request, actor }) => {
    const [agreementId] = params
    if (!agreementId) return
    const ids = Array.isArray(request.mentions) ? request.mentions.filter((m): m is string => typeof m === 'string') : []
    const threadId = (body as { id?: unknown } | null)?.id
    const members = new Set((await memberships.list(agreementId)).map((m) => m.userId))
    for (const userId of new Set(ids)) {
      if (userId === actor.id || !members.has(userId)) continue
      await inbox.add(userId, { kind: 'mention', agreementId, actorName: actor.name, target: typeof threadId === 'string' ? threadId : null, excerpt: String(request.body ?? '') })
    }
  }

  const rules: { method: string; pattern: RegExp; rule: Rule }[] = [
    { method: 'POST', pattern: /^\/agreements\/([^/]+)\/comments$/, rule: mentions },
    { method: 'POST', pattern: /^\/agreements\/([^/]+)\/comments\/([^/]+)\/replies$/, rule: mentions },
    {
      method: 'PUT',
      pattern: /^\/agreements\/([^/]+)\/reviews\/([^/]+)$/,
      rule: async ({ params, body, actor }) => {
        const [agreementId, uid] = params as [string, string]
        const record = body as { status?: string; note?: string | null }
        const kind = record.status === 'approved' ? 'approved' : record.status === 'changes_requested' ? 'changes_requested' : record.status === 'ready_for_review' ? 'ready_for_review' : null
        if (!kind) return
        const to = await recipients(agreementId, kind === 'ready_for_review' ? ['reviewer'] : ['owner', 'drafter'], actor.id)
        if (to.length === 0) return
        const title = (await targetTitle(agreementId, uid)) ?? ''
        const excerpt = record.note ? `${title}: ${record.note}` : title
        for (const userId of to) await inbox.add(userId, { kind, agreementId, actorName: actor.name, target: uid, excerpt })
      },
    },
    {
      method: 'POST',
      pattern: /^\/invitations\/([^/]+)\/accept$/,
      rule: async ({ body, actor }) => {
        const { agreementId, role } = body as { agreementId?: unknown; role?: unknown }
        if (typeof agreementId !== 'string') return
        for (const userId of await recipients(agreementId, ['owner'], actor.id)) {
          await inbox.add(userId, { kind: 'invitation_accepted', agreementId, actorName: actor.name, excerpt: typeof role === 'string' ? role : '', dedupeKey: `joined:${agreementId}:${actor.id}` })
        }
      },
    },
  ]

  return (req, res, next) => {
    const match = rules.find((r) => r.method === req.method && r.pattern.test(req.path))
    if (!match) return next()
    const params = (match.pattern.exec(req.path) ?? []).slice(1).map((p) => decodeURIComponent(p))
    const json = res.json.bind(res)
    res.json = (body: unknown) => {
      const user = res.locals.user
      if (user && res.statusCode >= 200 && res.statusCode < 300) {
        const request = (req.body ?? {}) as Record<string, unknown>
        // After the answer: a failing notification never fails the action it is about.
        Promise.resolve()
          .then(() => match.rule({ params, body, request, actor: { id: user.id, name: user.displayName } }))
          .catch((err: unknown) => log.warn('notification not written', { err: String(err) }))
      }
      return json(body)
    }
    next()
  }
}
