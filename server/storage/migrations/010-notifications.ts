/** The in-app inbox: one row per person and event, read or unread; `dedupe_key` makes a repeated event one row. */
export default `
   CREATE TABLE notifications (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     agreement_id TEXT REFERENCES agreements(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('mention','changes_requested','approved','ready_for_review','invitation_accepted','approved_section_changed')),
     actor_name TEXT NOT NULL,
     target TEXT,
     excerpt TEXT NOT NULL,
     dedupe_key TEXT,
     created_at TEXT NOT NULL,
     read_at TEXT
   ) STRICT;
   CREATE INDEX notifications_by_user ON notifications(user_id, created_at);
   CREATE UNIQUE INDEX notifications_dedupe ON notifications(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
`
