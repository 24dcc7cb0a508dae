import { request } from '../api.ts'

/** The review routes of ARCHITECTURE.md (comments, review status, versions, diff, members), typed. */

import type { CommentThread, Member, ReviewRecord, ReviewStatus, VersionInfo } from '../../schema/api-types.ts'
import type { DiffBlock } from '../../schema/doc-diff.ts'

export type { Comment, Member, ReviewRecord, ReviewStatus, VersionInfo } from '../../schema/api-types.ts'
export type { DiffBlock } from '../../schema/doc-diff.ts'
export type Thread = CommentThread
export type Anchor = CommentThread['anchor']

const base = (id: string): string => `/api/agreements/${encodeURIComponent(id)}`

export const reviewApi = {
  members: (id: string) => request<{ members: Member[] }>('GET', `${base(id)}/members`).then((r) => r.members),

  threads: (id: string) => request<{ threads: Thread[] }>('GET', `${base(id)}/comments`).then((r) => r.threads),
  openThread: (id: string, input: { anchor: Anchor; quote: string; body: string; mentions: string[] }) => request<Thread>('POST', `${base(id)}/comments`, input),
  reply: (id: string, threadId: string, input: { body: string; mentions: string[] }) => request<Thread>('POST', `${base(id)}/comments/${encodeURIComponent(threadId)}/replies`, input),
  resolve: (id: string, threadId: string, resolved: boolean) => request<Thread>('POST', `${base(id)}/comments/${encodeURIComponent(threadId)}/resolve`, { resolved }),

  reviews: (id: string) => request<{ reviews: ReviewRecord[] }>('GET', `${base(id)}/reviews`).then((r) => r.reviews),
  setReview: (id: string, uid: string, status: ReviewStatus, note?: string) => request<ReviewRecord>('PUT', `${base(id)}/reviews/${encodeURIComponent(uid)}`, note ? { status, note } : { status }),

  versions: (id: string) => request<{ versions: VersionInfo[] }>('GET', `${base(id)}/versions`).then((r) => r.versions),
  saveVersion: (id: string, name: string) => request<VersionInfo>('POST', `${base(id)}/versions`, { name }),
  version: (id: string, versionId: string) => request<VersionInfo & { content: unknown }>('GET', `${base(id)}/versions/${encodeURIComponent(versionId)}`),
  /** `from` and `to` are version ids or "current". */
  diff: (id: string, from: string, to: string) => request<{ blocks: DiffBlock[] }>('GET', `${base(id)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).then((r) => r.blocks),
}
