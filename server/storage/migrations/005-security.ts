/**
 * Invitations you can trust, names kept as they were, and an audit trail that outlives its agreement.
 *
 * - invitations get a public id (for listing and revoking), a use count and limit, and a revocation;
 *   `invitation_uses` remembers who came in through which link, so removing them kills the link.
 * - the audit log stores the actor's name at the time, and no longer cascades with the agreement
 *   (SQLite cannot drop a foreign key, so the table is rebuilt).
 * - a review record stores its author's name at the time.
 */
export default `
   ALTER TABLE invitations ADD COLUMN id TEXT;
   UPDATE invitations SET id = substr(token_hash, 1, 32);
   CREATE UNIQUE INDEX invitations_by_id ON invitations(id);
   CREATE INDEX invitations_by_agreement ON invitations(agreement_id);
   ALTER TABLE invitations ADD COLUMN max_uses INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE invitations ADD COLUMN uses INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE invitations ADD COLUMN revoked_at TEXT;
   ALTER TABLE invitations ADD COLUMN revoked_reason TEXT;
   CREATE TABLE invitation_uses (
     invitation_id TEXT NOT NULL,
     agreement_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (invitation_id, user_id)
   ) STRICT;
   CREATE INDEX invitation_uses_by_member ON invitation_uses(agreement_id, user_id);

   CREATE TABLE audit_log_kept (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     agreement_id TEXT NOT NULL,
     at TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT,
     action TEXT NOT NULL,
     details TEXT NOT NULL
   ) STRICT;
   INSERT INTO audit_log_kept (seq, agreement_id, at, actor_id, actor_name, action, details)
     SELECT a.seq, a.agreement_id, a.at, a.actor_id, u.display_name, a.action, a.details FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id;
   DROP TABLE audit_log;
   ALTER TABLE audit_log_kept RENAME TO audit_log;
   CREATE INDEX audit_by_agreement ON audit_log(agreement_id, seq);
   ALTER TABLE org_audit_log ADD COLUMN actor_name TEXT;

   ALTER TABLE reviews ADD COLUMN by_name TEXT;
   UPDATE reviews SET by_name = (SELECT display_name FROM users WHERE id = reviews.by_user);`
