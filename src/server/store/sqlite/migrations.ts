
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
      -- Coverage of a 100,000-rater wave in a few hundred milliseconds. Progress stays the count of
      -- each rater's remaining tickets (nothing about a rater is written at submission), so tickets
      -- are grouped into runs: the raters of one unit in one wave. A run's tickets sit together,
      -- each carrying its rater's ticket count, so one short scan per unit counts its raters' progress.
      CREATE TABLE ticket_runs (
        run INTEGER PRIMARY KEY,
        wave_id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        invitations INTEGER NOT NULL
      );
      CREATE INDEX ticket_runs_by_wave ON ticket_runs (wave_id, unit_id);
      ALTER TABLE invitations ADD COLUMN tickets_issued INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE invitations ADD COLUMN rater_unit_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE invitations ADD COLUMN run INTEGER NOT NULL DEFAULT 0;
      UPDATE invitations SET
        tickets_issued = (SELECT count(*) FROM tickets WHERE invitation_id = invitations.id),
        rater_unit_id = coalesce((SELECT unit_id FROM employees e WHERE e.agency_id = invitations.agency_id AND e.nip = invitations.rater_nip), '');
      INSERT INTO ticket_runs (wave_id, unit_id, invitations)
        SELECT wave_id, rater_unit_id, count(*) FROM invitations GROUP BY wave_id, rater_unit_id ORDER BY 1, 2;
      UPDATE invitations SET run = (SELECT run FROM ticket_runs r WHERE r.wave_id = invitations.wave_id AND r.unit_id = invitations.rater_unit_id);
      CREATE TABLE tickets_by_run (
        run INTEGER NOT NULL,
        invitation_id TEXT NOT NULL,
        id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        relationship TEXT NOT NULL,
        -- Tickets issued to this ticket's rater: a rater whose remaining count equals it has not started.
        issued INTEGER NOT NULL,
        PRIMARY KEY (run, invitation_id, id)
      ) WITHOUT ROWID;
      INSERT INTO tickets_by_run
        SELECT i.run, t.invitation_id, t.id, t.ratee_nip, t.relationship, i.tickets_issued FROM tickets t JOIN invitations i ON i.id = t.invitation_id;
      DROP TABLE tickets;
      ALTER TABLE tickets_by_run RENAME TO tickets;
      -- Narrow copy of what progress counts: a third of the bytes to scan.
      CREATE INDEX tickets_progress ON tickets (run, invitation_id, issued);

      -- Per ratee group: responses so far, counted in the submission's transaction. These rows are
      -- about the ratee, like the response itself; unit_groups below keeps the same per unit.
      CREATE TABLE ratee_groups (
        wave_id TEXT NOT NULL,
        ratee_unit_id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        self INTEGER NOT NULL,
        superior INTEGER NOT NULL,
        peer INTEGER NOT NULL,
        subordinate INTEGER NOT NULL,
        self_done INTEGER NOT NULL DEFAULT 0,
        superior_done INTEGER NOT NULL DEFAULT 0,
        peer_done INTEGER NOT NULL DEFAULT 0,
        subordinate_done INTEGER NOT NULL DEFAULT 0,
        -- The wave's k, and where the ratee stands against it (domain isAtRisk and rateeProgress).
        k INTEGER NOT NULL DEFAULT 3,
        at_risk INTEGER NOT NULL DEFAULT 0,
        progress INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (wave_id, ratee_nip)
      ) WITHOUT ROWID;
      INSERT INTO ratee_groups (wave_id, ratee_unit_id, ratee_nip, self, superior, peer, subordinate, self_done, superior_done, peer_done, subordinate_done)
        SELECT l.wave_id, coalesce((SELECT e.unit_id FROM employees e JOIN waves w ON w.agency_id = e.agency_id WHERE w.id = l.wave_id AND e.nip = l.ratee_nip), ''),
          l.ratee_nip, l.self, l.superior, l.peer, l.subordinate,
          (SELECT count(*) FROM responses r WHERE r.wave_id = l.wave_id AND r.ratee_nip = l.ratee_nip AND r.relationship = 'self'),
          (SELECT count(*) FROM responses r WHERE r.wave_id = l.wave_id AND r.ratee_nip = l.ratee_nip AND r.relationship = 'superior'),
          (SELECT count(*) FROM responses r WHERE r.wave_id = l.wave_id AND r.ratee_nip = l.ratee_nip AND r.relationship = 'peer'),
          (SELECT count(*) FROM responses r WHERE r.wave_id = l.wave_id AND r.ratee_nip = l.ratee_nip AND r.relationship = 'subordinate')
        FROM ticket_ledger l;
      DROP TABLE ticket_ledger;
      UPDATE ratee_groups SET k = coalesce((SELECT json_extract(settings, '$.anonymityThreshold') FROM waves w WHERE w.id = ratee_groups.wave_id), 3);
      UPDATE ratee_groups SET
        at_risk = (peer > 0 AND peer_done < k) OR (subordinate > 0 AND subordinate_done < k),
        progress = min(CASE WHEN peer > 0 THEN peer_done ELSE k END, k) + min(CASE WHEN subordinate > 0 THEN subordinate_done ELSE k END, k);
      CREATE INDEX ratee_groups_order ON ratee_groups (wave_id, at_risk DESC, progress, ratee_nip);
      -- The same figures per unit, kept as submissions arrive, so coverage reads one row per unit.
      CREATE TABLE unit_groups (
        wave_id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        ratees INTEGER NOT NULL,
        at_risk INTEGER NOT NULL,
        self INTEGER NOT NULL,
        superior INTEGER NOT NULL,
        peer INTEGER NOT NULL,
        subordinate INTEGER NOT NULL,
        self_done INTEGER NOT NULL,
        superior_done INTEGER NOT NULL,
        peer_done INTEGER NOT NULL,
        subordinate_done INTEGER NOT NULL,
        PRIMARY KEY (wave_id, unit_id)
      ) WITHOUT ROWID;
      INSERT INTO unit_groups
        SELECT wave_id, ratee_unit_id, count(*), sum(at_risk), sum(self), sum(superior), sum(peer), sum(subordinate),
          sum(self_done), sum(superior_done), sum(peer_done), sum(subordinate_done)
        FROM ratee_groups GROUP BY wave_id, ratee_unit_id;
      -- Responses per submission day (the day is already on each response), kept as they arrive.
      CREATE TABLE wave_days (
        wave_id TEXT NOT NULL,
        day TEXT NOT NULL,
        responses INTEGER NOT NULL,
        PRIMARY KEY (wave_id, day)
      ) WITHOUT ROWID;
      INSERT INTO wave_days SELECT wave_id, submitted_on, count(*) FROM responses GROUP BY wave_id, submitted_on;
    `,
  },
  {
    version: 5,
    // Scoring reads one character per item instead of parsing a JSON object per response.
    // Frozen text: written out from the questionnaire of the time (berakhlak-2021.1), so a new
    // questionnaire version never changes what a shipped migration does.
    sql: `
      ALTER TABLE responses ADD COLUMN codes TEXT NOT NULL DEFAULT '';
      -- Scoring reads a wave's responses ratee by ratee from this index alone (no row lookups).
      DROP INDEX responses_by_wave_ratee;
      CREATE INDEX responses_scoring ON responses (wave_id, ratee_nip, relationship, ratee_unit_id, codes);
      UPDATE responses SET codes =
        (CASE json_extract(answers, '$."bp-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."bp-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."bp-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."bp-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."bp-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."bp-3"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ak-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ak-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ak-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ak-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ak-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ak-3"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ko-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ko-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ko-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ko-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ko-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ko-3"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ha-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ha-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ha-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ha-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ha-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ha-3"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."lo-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."lo-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."lo-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."lo-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."lo-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."lo-3"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ad-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ad-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ad-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ad-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."ad-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."ad-3"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."kl-1"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."kl-1"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."kl-2"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."kl-2"') AS TEXT) END) ||
        (CASE json_extract(answers, '$."kl-3"') WHEN 'na' THEN '0' ELSE CAST(json_extract(answers, '$."kl-3"') AS TEXT) END)
      WHERE questionnaire_version = 'berakhlak-2021.1';
    `,
  },
  {
    version: 6,
    // Sealed answers (docs/sealing.md). No deployment held real answers yet: plaintext responses
    // are dropped, not converted, and the waves that held them (launched without a key ceremony,
    // so never openable) are closed. Afterwards no table has a plaintext answer column.
    sql: `
      DROP INDEX responses_scoring;
      DROP TABLE responses;
      UPDATE ratee_groups SET self_done = 0, superior_done = 0, peer_done = 0, subordinate_done = 0,
        at_risk = (peer > 0) OR (subordinate > 0), progress = CASE WHEN peer > 0 THEN 0 ELSE k END + CASE WHEN subordinate > 0 THEN 0 ELSE k END;
      UPDATE unit_groups SET self_done = 0, superior_done = 0, peer_done = 0, subordinate_done = 0,
        at_risk = (SELECT count(*) FROM ratee_groups r WHERE r.wave_id = unit_groups.wave_id AND r.ratee_unit_id = unit_groups.unit_id AND r.at_risk);
      DELETE FROM wave_days;
      UPDATE waves SET status = 'closed', closed_at = coalesce(closed_at, launched_at) WHERE status = 'open';
      -- Only what the anonymity model allows: the group, the questionnaire and the sealed slots.
      -- No rater, code, ticket, time or client data; a random key and no rowid.
      CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        wave_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        ratee_unit_id TEXT NOT NULL,
        relationship TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX responses_by_group ON responses (wave_id, ratee_nip, relationship);
      -- Per group, the sum of its responses' sealed rows, updated in the submission's transaction.
      CREATE TABLE tallies (
        wave_id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        relationship TEXT NOT NULL,
        ratee_unit_id TEXT NOT NULL,
        responses INTEGER NOT NULL,
        sealed BLOB NOT NULL,
        PRIMARY KEY (wave_id, ratee_nip, relationship)
      ) WITHOUT ROWID;
      CREATE TABLE ceremonies (
        id TEXT PRIMARY KEY,
        agency_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX ceremonies_by_agency ON ceremonies (agency_id, created_at);
      CREATE TABLE wave_seals (
        wave_id TEXT PRIMARY KEY,
        ceremony_id TEXT NOT NULL,
        joint_key TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE decryption_shares (
        wave_id TEXT NOT NULL,
        phase TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        relationship TEXT NOT NULL,
        trustee_index INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (wave_id, phase, ratee_nip, relationship, trustee_index)
      ) WITHOUT ROWID;
      CREATE TABLE opened_groups (
        wave_id TEXT NOT NULL,
        ratee_nip TEXT NOT NULL,
        relationship TEXT NOT NULL,
        counts TEXT,
        sums TEXT,
        PRIMARY KEY (wave_id, ratee_nip, relationship)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    // Sealed rows of six slots (berakhlak-tally/2: two values' sums per slot) instead of nine. No
    // deployment holds real answers yet: waves sealed in the nine-slot format (576-byte rows) lose
    // their sealed data, are closed and their counts reset, as migration 6 did for plaintext.
    sql: `
      CREATE TEMP TABLE old_format AS SELECT DISTINCT wave_id FROM tallies WHERE length(sealed) = 576;
      UPDATE ratee_groups SET self_done = 0, superior_done = 0, peer_done = 0, subordinate_done = 0,
        at_risk = (peer > 0) OR (subordinate > 0), progress = CASE WHEN peer > 0 THEN 0 ELSE k END + CASE WHEN subordinate > 0 THEN 0 ELSE k END
        WHERE wave_id IN (SELECT wave_id FROM old_format);
      UPDATE unit_groups SET self_done = 0, superior_done = 0, peer_done = 0, subordinate_done = 0,
        at_risk = (SELECT count(*) FROM ratee_groups r WHERE r.wave_id = unit_groups.wave_id AND r.ratee_unit_id = unit_groups.unit_id AND r.at_risk)
        WHERE wave_id IN (SELECT wave_id FROM old_format);
      DELETE FROM wave_days WHERE wave_id IN (SELECT wave_id FROM old_format);
      UPDATE waves SET status = 'closed', closed_at = coalesce(closed_at, launched_at) WHERE status = 'open' AND id IN (SELECT wave_id FROM old_format);
      DELETE FROM decryption_shares WHERE wave_id IN (SELECT wave_id FROM old_format);
      DELETE FROM opened_groups WHERE wave_id IN (SELECT wave_id FROM old_format);
      DELETE FROM responses WHERE wave_id IN (SELECT wave_id FROM old_format);
      DELETE FROM tallies WHERE wave_id IN (SELECT wave_id FROM old_format);
      DROP TABLE old_format;
    `,
  },
  {
    version: 8,
    // Bumped by every roster write: an import reads what is stored before it takes the write lock,
    // and re-reads it under the lock only if another import wrote in between.
    sql: 'ALTER TABLE agencies ADD COLUMN roster_version INTEGER NOT NULL DEFAULT 0;',
  },
  {
    version: 9,
    // Long work as jobs: the API's job record as JSON, written whole by its runner.
    sql: 'CREATE TABLE jobs (id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;',
  },
  {
    version: 10,
    // The file a job works on (a roster upload), kept until the job ends.
    sql: 'CREATE TABLE job_files (job_id TEXT PRIMARY KEY, bytes BLOB NOT NULL);',
  },
];
