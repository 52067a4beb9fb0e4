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
      ); -- a rowid table on purpose: staff actions keep their append order within one millisecond
      CREATE INDEX audit_events_by_agency ON audit_events (agency_id, at);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE waves (
        id TEXT PRIMARY KEY,
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        name TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
        scope TEXT NOT NULL,
        opens_at TEXT,
        closes_at TEXT NOT NULL,
        settings TEXT NOT NULL,
        plan_seed INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        launched_at TEXT,
        closed_at TEXT
      ) WITHOUT ROWID;
      CREATE INDEX waves_by_agency ON waves (agency_id, created_at);
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        wave_id TEXT NOT NULL REFERENCES waves(id),
        agency_id TEXT NOT NULL,
        rater_nip TEXT NOT NULL,
        code_hash TEXT NOT NULL UNIQUE
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX invitations_by_wave_rater ON invitations (wave_id, rater_nip);
      -- Keyed by invitation, with short keys and no secondary index: a launch written in
      -- invitation-id order appends 600,000 rows instead of scattering them. The wave is the
      -- invitation's; per-wave scans go through invitations_by_wave_rater.
      CREATE TABLE tickets (
        invitation_id TEXT NOT NULL,
        id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        relationship TEXT NOT NULL,
        PRIMARY KEY (invitation_id, id)
      ) WITHOUT ROWID;
      -- What launch issued per ratee group: the ledger that integrity checks count against.
      CREATE TABLE ticket_ledger (
        wave_id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        self INTEGER NOT NULL,
        superior INTEGER NOT NULL,
        peer INTEGER NOT NULL,
        subordinate INTEGER NOT NULL,
        PRIMARY KEY (wave_id, ratee_nip)
      ) WITHOUT ROWID;
      -- Plain codes wait here for the one download after launch, then are deleted (secure_delete).
      CREATE TABLE link_batches (
        wave_id TEXT PRIMARY KEY,
        links TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    sql: `
      -- Only what the anonymity model allows: no rater, code, ticket, precise time or client data.
      -- A random key and no rowid, so storage order says nothing about submission order.
      CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        wave_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        ratee_unit_id TEXT NOT NULL,
        relationship TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        answers TEXT NOT NULL,
        submitted_on TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX responses_by_wave_ratee ON responses (wave_id, ratee_nip, relationship);
    `,
  },
  {
    version: 4,
    sql: `
      -- Tickets issued to each rater at launch: progress is issued against remaining tickets.
      ALTER TABLE invitations ADD COLUMN tickets_issued INTEGER NOT NULL DEFAULT 0;
      UPDATE invitations SET tickets_issued = (SELECT count(*) FROM tickets WHERE invitation_id = invitations.id);
      CREATE INDEX responses_by_wave_day ON responses (wave_id, submitted_on);
    `,
  },
];
