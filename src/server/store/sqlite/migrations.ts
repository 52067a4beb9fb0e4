/** Append-only list: a shipped migration is never edited, only followed by a new one. */
export const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE agencies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE units (
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_id TEXT,
        path TEXT NOT NULL,
        PRIMARY KEY (agency_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE employees (
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        nip TEXT NOT NULL,
        name TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        position TEXT NOT NULL,
        supervisor_nip TEXT,
        email TEXT,
        phone TEXT,
        active INTEGER NOT NULL,
        PRIMARY KEY (agency_id, nip)
      ) WITHOUT ROWID;
      CREATE TABLE audit_events (
        id TEXT PRIMARY KEY,
        agency_id TEXT NOT NULL,
        wave_id TEXT,
        actor_uid TEXT NOT NULL,
        actor_email TEXT,
        action TEXT NOT NULL,
        at TEXT NOT NULL,
        details TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX audit_events_by_agency ON audit_events (agency_id, at);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `,
  },
];
