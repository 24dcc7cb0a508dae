/**
 * Organisations with their members, their own clause versions (with approval) and templates, and an
 * audit log per organisation (the agreement audit log needs an agreement).
 *
 * A clause version's wording never changes once written: a trigger refuses it, so "edit" can only ever
 * mean a new version. Approval is the one thing added later, once.
 */
export default `
   CREATE TABLE organisations (
     id TEXT PRIMARY KEY,
     slug TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     type TEXT NOT NULL CHECK (type IN ('public','idea_driven')),
     created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   -- Slugs of deleted organisations stay taken: agreements still hold clause nodes with their ids, and a
   -- new organisation reusing the slug would make those ids point at different wording.
   CREATE TABLE retired_slugs (
     slug TEXT PRIMARY KEY,
     retired_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE organisation_members (
     org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('member','lawyer','admin')),
     added_at TEXT NOT NULL,
     PRIMARY KEY (org_id, user_id)
   ) STRICT;
   CREATE INDEX organisation_members_by_user ON organisation_members(user_id);
   CREATE TABLE org_clauses (
     clause_id TEXT NOT NULL,
     version INTEGER NOT NULL CHECK (version > 0),
     org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
     section_id TEXT NOT NULL,
     parameters TEXT NOT NULL,
     text_sv TEXT NOT NULL,
     text_en TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('authored','imported')),
     imported_review TEXT,
     created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
     created_at TEXT NOT NULL,
     approved_by TEXT REFERENCES users(id) ON DELETE SET NULL,
     approved_by_name TEXT,
     approved_at TEXT,
     approval_note TEXT,
     PRIMARY KEY (clause_id, version)
   ) STRICT;
   CREATE INDEX org_clauses_by_org ON org_clauses(org_id, clause_id, version);
   CREATE TRIGGER org_clause_versions_are_immutable
     BEFORE UPDATE OF clause_id, version, org_id, section_id, parameters, text_sv, text_en, source, imported_review, created_by, created_at
     ON org_clauses
   BEGIN
     SELECT RAISE(ABORT, 'a clause version is never changed; add a new version');
   END;
   CREATE TRIGGER org_clause_approval_is_final
     BEFORE UPDATE OF approved_at ON org_clauses WHEN OLD.approved_at IS NOT NULL
   BEGIN
     SELECT RAISE(ABORT, 'this clause version is already approved');
   END;
   CREATE TABLE templates (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
     body TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('authored','imported')),
     created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX templates_by_org ON templates(org_id, content_hash);
   CREATE TABLE org_audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     org_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     actor_id TEXT,
     action TEXT NOT NULL,
     details TEXT NOT NULL
   ) STRICT;
   CREATE INDEX org_audit_by_org ON org_audit_log(org_id, seq);`
