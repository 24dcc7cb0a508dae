import { findByUid, reviewHash } from '../../schema/review-hash.ts'
import { canonicalContent } from '../agreements/yjs-content.ts'
import type { Logger } from '../log.ts'
import type { ReviewRepository } from '../review/reviews.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import type { Inbox } from './inbox.ts'

/**
 * "The section you approved was changed": every few seconds, for each agreement open on this server
 * that has approvals, compares each approved section's or clause's fingerprint with the one approved.
 * The approver is told once per approval (the dedupe key holds the approved fingerprint), however
 * many more edits follow. Only loaded documents are looked at: text changes only while one is open.
 */
export function watchApprovals({
  registry,
  reviews,
  inbox,
  log,
  intervalMs = 3000,
}: {
  registry: DocumentRegistry
  reviews: ReviewRepository
  inbox: Inbox
  log: Logger
  intervalMs?: number
}): () => void {
  let running = false
  const sweep = async (): Promise<void> => {
    if (running) return
    running = true
    try {
      const docs = await registry.loadedDocuments()
      if (docs.length === 0) return
      // On SQLite every query answers synchronously: one list per loaded agreement held the event loop
      // for the whole pass (tens of ms with a few hundred open), delaying every edit in between.
      const withApprovals = await reviews.withApprovals(docs.map((doc) => doc.id))
      for (const doc of docs) {
        if (!withApprovals.has(doc.id)) continue
        // Let sockets in between agreements: each one costs a query and a canonical walk of its text.
        await new Promise((resolve) => setImmediate(resolve))
        const approved = (await reviews.list(doc.id)).filter((r) => r.status === 'approved' && r.approvedHash)
        if (approved.length === 0) continue
        const content = canonicalContent(doc.doc).json
        for (const record of approved) {
          const node = findByUid(content, record.targetUid)
          if (!node || reviewHash(node) === record.approvedHash) continue
          const heading = Array.isArray(node.content) ? (node.content[0] as { content?: { text?: string }[] } | undefined) : undefined
          const title = (heading?.content ?? []).map((c) => c.text ?? '').join('')
          await inbox.add(record.by, {
            kind: 'approved_section_changed',
            agreementId: doc.id,
            actorName: '',
            target: record.targetUid,
            excerpt: title,
            dedupeKey: `changed:${doc.id}:${record.targetUid}:${record.approvedHash}`,
          })
        }
      }
    } catch (err) {
      log.warn('approval watch failed', { err: String(err) })
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void sweep(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
