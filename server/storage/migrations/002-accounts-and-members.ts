/** Users, sessions and access tokens; parties, members and invitations of an agreement; the audit log. */
export default `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT NOT NULL,
     display_name TEXT NOT NULL,
     is_admin INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('session','access_token')),
     label TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX sessions_by_user ON sessions(user_id);
   CREATE TABLE parties (
     id TEXT PRIMARY KEY,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     type TEXT NOT NULL CHECK (type IN ('public','idea_driven')),
     org_nr TEXT,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE members (
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('owner','drafter','reviewer','viewer')),
     party_id TEXT REFERENCES parties(id) ON DELETE SET NULL,
     mandate TEXT,
     added_at TEXT NOT NULL,
     PRIMARY KEY (agreement_id, user_id)
   ) STRICT;
   CREATE INDEX members_by_user ON members(user_id);
   CREATE TABLE invitations (
     token_hash TEXT PRIMARY KEY,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('owner','drafter','reviewer','viewer')),
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     actor_id TEXT,
     action TEXT NOT NULL,
     details TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_by_agreement ON audit_log(agreement_id, seq);`
