/**
 * "Markera som uppfyllt": a member's judgement that a validator criterion is met although the
 * validator cannot see it, with a short note. One per criterion of a section; `section_hash` is the
 * section's text when it was marked, so the mark lapses (re-opens) when that text changes.
 */
export default `
   CREATE TABLE validator_acks (
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     section_id TEXT NOT NULL,
     code TEXT NOT NULL,
     note TEXT NOT NULL,
     section_hash TEXT NOT NULL,
     user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (agreement_id, section_id, code)
   ) STRICT;
`
