/** Agreements with their compacted Yjs snapshot and the tail of updates appended since. */
export default `CREATE TABLE agreements (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     municipality TEXT NOT NULL,
     lang TEXT NOT NULL CHECK (lang IN ('sv','en')),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     snapshot BLOB,
     snapshot_seq INTEGER NOT NULL DEFAULT 0,
     canonical_json TEXT
   ) STRICT;
   CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
     data BLOB NOT NULL
   ) STRICT;
   CREATE INDEX updates_by_agreement ON updates(agreement_id, seq);`
