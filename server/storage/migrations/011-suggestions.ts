/**
 * Suggested changes: proposed wording anchored with Yjs relative positions, like comment threads, so a
 * reviewer proposes text without any write access to the agreement's Y.Doc. `original_text` is the text
 * the suggestion was made against; a suggestion whose range no longer holds it is outdated.
 * `applied_start`/`applied_end` anchor the text an accepted suggestion put in, so the acceptance can
 * be undone while that text is unchanged.
 */
export default `
   CREATE TABLE suggestions (
     id TEXT PRIMARY KEY,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     author_id TEXT NOT NULL REFERENCES users(id),
     kind TEXT NOT NULL CHECK (kind IN ('insert','delete','replace')),
     anchor_start TEXT NOT NULL,
     anchor_end TEXT NOT NULL,
     original_text TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','accepted','rejected','withdrawn')),
     decided_by TEXT REFERENCES users(id),
     decided_at TEXT,
     applied_start TEXT,
     applied_end TEXT
   ) STRICT;
   CREATE INDEX suggestions_by_agreement ON suggestions(agreement_id, status, created_at);`
