/**
 * The JSON shapes the HTTP API sends (ARCHITECTURE.md), defined once: the server's repositories return
 * them and the browser reads them, so the two cannot drift apart.
 */
export const ROLES = ['owner', 'drafter', 'reviewer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export type PartyType = 'public' | 'idea_driven'

export interface Party {
  id: string
  name: string
  type: PartyType
  orgNr: string | null
}

export interface Member {
  userId: string
  email: string
  displayName: string
  role: Role
  partyId: string | null
  partyName: string | null
  /** Free text: what this person may commit their party to ("får skriva under"). */
  mandate: string | null
  addedAt: string
}

export interface AuditEntry {
  seq: number
  at: string
  actorId: string | null
  actorName: string | null
  action: string
  details: Record<string, unknown>
}

export interface Comment {
  id: string
  authorId: string
  authorName: string
  body: string
  mentions: string[]
  createdAt: string
}

export interface CommentThread {
  id: string
  /** Yjs relative positions (base64 of Y.encodeRelativePosition), so the range follows concurrent edits. */
  anchor: { start: string; end: string }
  /** The text the thread was opened on, to show when the anchored text was deleted. */
  quote: string
  createdBy: string
  createdAt: string
  resolvedBy: string | null
  resolvedAt: string | null
  comments: Comment[]
}

export const REVIEW_STATUSES = ['draft', 'ready_for_review', 'approved', 'changes_requested'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

export interface ReviewRecord {
  targetUid: string
  status: ReviewStatus
  note: string | null
  by: string
  byName: string
  at: string
  /** reviewHash of the section or clause when it was approved; null for other statuses. */
  approvedHash: string | null
}

export interface VersionInfo {
  id: string
  name: string
  createdBy: string
  createdByName: string
  createdAt: string
}

export type NotificationKind = 'mention' | 'changes_requested' | 'approved' | 'ready_for_review' | 'invitation_accepted' | 'approved_section_changed'

/** One entry of a person's inbox. */
export interface Notification {
  id: string
  kind: NotificationKind
  agreementId: string | null
  agreementTitle: string | null
  actorName: string
  /** A section or clause uid, or a comment thread id: where the link goes. */
  target: string | null
  excerpt: string
  createdAt: string
  read: boolean
}

/** A validator criterion the group marked as met ("Markera som uppfyllt"). */
export interface CriterionAck {
  sectionId: string
  code: string
  note: string
  /** Hash of the section's text when it was marked; a different text re-opens the criterion. */
  sectionHash: string
  userId: string | null
  createdAt: string
}
