import type { Generated } from 'kysely'

/**
 * The tables the repositories read and write, as kysely sees them, identical on both engines: times
 * are ISO-8601 text, flags and counts are 32-bit integers (numbers on both drivers), JSON is text and
 * binary is a Buffer. The document tables (`agreements` snapshot/updates) belong to the document
 * stores, which use their engine directly on the hot path; repositories only read agreement metadata.
 */
export interface Tables {
  agreements: {
    id: string
    title: string
    municipality: string
    lang: 'sv' | 'en'
    created_at: string
    updated_at: string
  }
  users: {
    id: string
    email: string
    password_hash: string
    display_name: string
    is_admin: number
    created_at: string
  }
  sessions: {
    token_hash: string
    user_id: string
    kind: 'session' | 'access_token'
    label: string | null
    created_at: string
    expires_at: string
  }
  parties: {
    id: string
    agreement_id: string
    name: string
    type: 'public' | 'idea_driven'
    org_nr: string | null
    created_at: string
  }
  members: {
    agreement_id: string
    user_id: string
    role: 'owner' | 'drafter' | 'reviewer' | 'viewer'
    party_id: string | null
    mandate: string | null
    added_at: string
  }
  invitations: {
    token_hash: string
    id: string
    agreement_id: string
    role: 'owner' | 'drafter' | 'reviewer' | 'viewer'
    created_by: string
    created_at: string
    expires_at: string
    max_uses: Generated<number>
    uses: Generated<number>
    revoked_at: string | null
    revoked_reason: string | null
  }
  invitation_uses: {
    invitation_id: string
    agreement_id: string
    user_id: string
    at: string
  }
  /** Outlives its agreement (no foreign key): the trail of who did what stays after a deletion. */
  audit_log: {
    seq: Generated<number>
    agreement_id: string
    at: string
    actor_id: string | null
    actor_name: string | null
    action: string
    details: string
  }
  comment_threads: {
    id: string
    agreement_id: string
    anchor_start: string
    anchor_end: string
    quote: string
    created_by: string
    created_at: string
    resolved_by: string | null
    resolved_at: string | null
  }
  comments: {
    id: string
    thread_id: string
    author_id: string
    body: string
    mentions: string
    created_at: string
  }
  reviews: {
    agreement_id: string
    target_uid: string
    status: 'draft' | 'ready_for_review' | 'approved' | 'changes_requested'
    note: string | null
    by_user: string
    by_name: string | null
    at: string
    approved_hash: string | null
  }
  versions: {
    id: string
    agreement_id: string
    name: string
    created_by: string
    created_at: string
    state: Buffer
    canonical_json: string
  }
  organisations: {
    id: string
    slug: string
    name: string
    type: 'public' | 'idea_driven'
    created_by: string | null
    created_at: string
  }
  retired_slugs: {
    slug: string
    retired_at: string
  }
  organisation_members: {
    org_id: string
    user_id: string
    role: 'member' | 'lawyer' | 'admin'
    added_at: string
  }
  org_clauses: {
    clause_id: string
    version: number
    org_id: string
    section_id: string
    parameters: string
    text_sv: string
    text_en: string
    source: 'authored' | 'imported'
    imported_review: string | null
    created_by: string | null
    created_at: string
    approved_by: string | null
    approved_by_name: string | null
    approved_at: string | null
    approval_note: string | null
  }
  templates: {
    id: string
    org_id: string
    body: string
    content_hash: string
    source: 'authored' | 'imported'
    created_by: string | null
    created_at: string
  }
  org_audit_log: {
    seq: Generated<number>
    org_id: string
    at: string
    actor_id: string | null
    actor_name: string | null
    action: string
    details: string
  }
  validator_acks: {
    agreement_id: string
    section_id: string
    code: string
    note: string
    section_hash: string
    user_id: string | null
    created_at: string
  }
  notifications: {
    id: string
    user_id: string
    agreement_id: string | null
    kind: 'mention' | 'changes_requested' | 'approved' | 'ready_for_review' | 'invitation_accepted' | 'approved_section_changed'
    actor_name: string
    target: string | null
    excerpt: string
    dedupe_key: string | null
    created_at: string
    read_at: string | null
  }
  suggestions: {
    id: string
    agreement_id: string
    author_id: string
    kind: 'insert' | 'delete' | 'replace'
    anchor_start: string
    anchor_end: string
    original_text: string
    text: string
    created_at: string
    status: Generated<'open' | 'accepted' | 'rejected' | 'withdrawn'>
    decided_by: string | null
    decided_at: string | null
    applied_start: string | null
    applied_end: string | null
  }
}
