/**
 * The JSON shape of a suggested change as the HTTP API sends it, shared by server and browser.
 * Anchors are base64 `Y.encodeRelativePosition`, like comment anchors; an insertion has start = end.
 */
export const SUGGESTION_KINDS = ['insert', 'delete', 'replace'] as const
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number]

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number]

export interface Suggestion {
  id: string
  kind: SuggestionKind
  anchor: { start: string; end: string }
  /** The text the suggestion replaces or deletes, as it was when it was made ('' for an insertion). */
  originalText: string
  /** The proposed text ('' for a deletion). */
  text: string
  authorId: string
  authorName: string
  /** The author's party in this agreement, if the owner assigned one. */
  authorParty: string | null
  createdAt: string
  status: SuggestionStatus
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  /** Whether the anchored text still reads `originalText` (computed by the server when listed). */
  outdated: boolean
}

export type SuggestionDecision = 'accept' | 'reject'

/** The outcome per suggestion of POST /suggestions/decide. */
export interface DecisionResult {
  id: string
  ok: boolean
  /** Why it was not done: `not_found`, `not_open`, `outdated`. */
  code?: 'not_found' | 'not_open' | 'outdated'
}
