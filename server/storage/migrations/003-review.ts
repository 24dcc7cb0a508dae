/** Comment threads anchored with Yjs relative positions, review status per section/clause, named versions. */
export default `
   CREATE TABLE comment_threads (
     id TEXT PRIMARY KEY,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     anchor_start TEXT NOT NULL,
     anchor_end TEXT NOT NULL,
     quote TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     resolved_by TEXT REFERENCES users(id),
     resolved_at TEXT
   ) STRICT;
   CREATE INDEX threads_by_agreement ON comment_threads(agreement_id, created_at);
   CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
     author_id TEXT NOT NULL REFERENCES users(id),
     body TEXT NOT NULL,
     mentions TEXT NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX comments_by_thread ON comments(thread_id, created_at);
   CREATE TABLE reviews (
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     target_uid TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('draft','ready_for_review','approved','changes_requested')),
     note TEXT,
     by_user TEXT NOT NULL REFERENCES users(id),
     at TEXT NOT NULL,
     approved_hash TEXT,
     PRIMARY KEY (agreement_id, target_uid)
   ) STRICT;
   CREATE TABLE versions (
     id TEXT PRIMARY KEY,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     state BLOB NOT NULL,
     canonical_json TEXT NOT NULL
   ) STRICT;
   CREATE INDEX versions_by_agreement ON versions(agreement_id, created_at);`
