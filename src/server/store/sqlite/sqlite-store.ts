import Database from 'better-sqlite3';
import type { Agency, AuditEvent, Employee, Unit } from '../../../domain/schema.js';
import type { AgencySummary, RecordOutcome, ResponseDraft, RosterChange, RosterOutcome, StoredJob, SurveyStore } from '../port.js';
import { storedJob } from '../stored-shape.js';
import * as coverage from './coverage.js';
import { migrations } from './migrations.js';
import { rosterWriter } from './roster-writer.js';
import { toAgency, toAuditEvent, toEmployee, toUnit } from './rows.js';
import * as sealing from './sealing.js';
import { Statements, type Row } from './statements.js';
import { configureConnection, SubmissionQueue } from './submissions.js';
import * as waves from './waves.js';

/*
 * The embedded store: one SQLite file. This class holds the connection, its lifecycle and the
 * agency records; each other concern has its own module over the same prepared statements
 * (waves.ts, coverage.ts, sealing.ts, roster-writer.ts, submissions.ts), bound here.
 */

/**
 * Opens (creating if needed) a SQLite store at `file`; ':memory:' for throwaway stores.
 * `journalTruncateMs`: how often the write-ahead log is folded into the database and emptied.
 * `submissions`: 'thread' (the default for a file) writes them from a worker thread; 'inline' on
 * this one (always for ':memory:').
 */
export function openSqliteStore(file: string, options: { journalTruncateMs?: number; submissions?: 'thread' | 'inline' } = {}): SqliteStore {
  const db = new Database(file);
  configureConnection(db);
  // 64 MB of page cache: a national-size launch touches far more than the 2 MB default.
  db.pragma('cache_size = -65536');
  migrate(db);
  const threaded = !db.memory && (options.submissions ?? 'thread') === 'thread';
  return new SqliteStore(db, options.journalTruncateMs ?? 2000, threaded ? { file: db.name } : { db });
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    })();
  }
}

export class SqliteStore implements SurveyStore {
  readonly engine = 'sqlite';
  private dirty = false;
  private readonly timer: NodeJS.Timeout | null;
  private readonly submissions: SubmissionQueue;
  private readonly q: Statements;
  /** Units change only with a roster import; coverage reads them on every poll. */
  private readonly unitsCache = new Map<string, Unit[]>();
  private writeRoster: ReturnType<typeof rosterWriter> | null = null;

  constructor(
    readonly db: Database.Database,
    journalTruncateMs: number,
    writer: { file: string } | { db: Database.Database },
  ) {
    // The write-ahead log keeps old page images, commit by commit: a diff of two of them could pair
    // a deleted ticket with the response written beside it. Folding it back and emptying it
    // leaves only the database file, where secure_delete has zeroed the ticket.
    this.timer = db.memory || journalTruncateMs <= 0 ? null : setInterval(() => this.truncateJournal(), journalTruncateMs);
    this.timer?.unref();
    this.submissions = new SubmissionQueue(writer, () => (this.dirty = true));
    this.q = new Statements(db);
  }

  /** Checkpoints the write-ahead log and truncates it to zero bytes, if nothing holds it open. */
  truncateJournal(): boolean {
    if (!this.dirty || !this.db.open) return true;
    // Without waiting: the submission writer may be committing, and this thread serves requests.
    // A busy journal is tried again on the next tick. Under a steady stream of submissions the
    // writer's own checkpoints (every 1,000 pages) keep reusing the journal from its start, so old
    // page images are overwritten within seconds, and the first quiet tick empties it.
    const patience = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) this.dirty = false;
      return result?.busy === 0;
    } finally {
      this.db.pragma(`busy_timeout = ${patience}`);
    }
  }

  private sql(text: string): Database.Statement {
    return this.q.sql(text);
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (!this.db.open) return;
    await this.submissions.close();
    this.dirty = true;
    this.truncateJournal();
    this.db.close();
  }

  async saveJob(job: StoredJob): Promise<void> {
    this.sql('INSERT INTO jobs (id, agency_id, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body').run(job.id, job.agencyId, JSON.stringify(job));
  }

  async getJob(id: string): Promise<StoredJob | null> {
    const row = this.sql('SELECT body FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? storedJob(row.body) : null;
  }

  async saveJobFile(jobId: string, bytes: Uint8Array): Promise<void> {
    this.sql('INSERT INTO job_files (job_id, bytes) VALUES (?, ?) ON CONFLICT (job_id) DO UPDATE SET bytes = excluded.bytes').run(jobId, bytes);
  }

  async readJobFile(jobId: string): Promise<Uint8Array | null> {
    const row = this.sql('SELECT bytes FROM job_files WHERE job_id = ?').get(jobId) as { bytes: Uint8Array } | undefined;
    return row ? new Uint8Array(row.bytes) : null;
  }

  async deleteJobFile(jobId: string): Promise<void> {
    this.sql('DELETE FROM job_files WHERE job_id = ?').run(jobId);
  }

  async createAgency(agency: Agency): Promise<'created' | 'exists'> {
    const info = this
      .sql('INSERT INTO agencies (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(agency.id, agency.name, agency.createdAt);
    return info.changes === 1 ? 'created' : 'exists';
  }

  async getAgency(id: string): Promise<Agency | null> {
    const row = this.sql('SELECT * FROM agencies WHERE id = ?').get(id) as Row | undefined;
    return row ? toAgency(row) : null;
  }

  async listAgencies(ids?: readonly string[]): Promise<Agency[]> {
    if (ids && ids.length === 0) return [];
    const rows = ids
      ? (this
          .sql(`SELECT * FROM agencies WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`)
          .all(JSON.stringify(ids)) as Row[])
      : (this.sql('SELECT * FROM agencies ORDER BY name').all() as Row[]);
    return rows.map(toAgency);
  }

  async summarizeAgency(id: string): Promise<AgencySummary> {
    const units = this.sql('SELECT count(*) AS n FROM units WHERE agency_id = ?').get(id) as { n: number };
    const people = this
      .sql('SELECT count(*) AS n FROM employees WHERE agency_id = ? AND active = 1')
      .get(id) as { n: number };
    return { units: units.n, activeEmployees: people.n };
  }

  async applyRoster(agencyId: string, change: RosterChange): Promise<RosterOutcome> {
    this.unitsCache.delete(agencyId);
    return (this.writeRoster ??= rosterWriter(this.db))(agencyId, change);
  }

  /** The file behind this store, for threads that open their own connection; null in memory. */
  get file(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  /** After another connection changed an agency's units (a roster written on its own thread). */
  forgetUnits(agencyId: string): void {
    this.unitsCache.delete(agencyId);
  }

  async listUnits(agencyId: string): Promise<Unit[]> {
    const cached = this.unitsCache.get(agencyId);
    if (cached) return [...cached];
    const units = this.readUnits(agencyId);
    this.unitsCache.set(agencyId, units);
    return [...units];
  }

  private readUnits(agencyId: string): Unit[] {
    return (this.sql('SELECT * FROM units WHERE agency_id = ? ORDER BY id').all(agencyId) as Row[]).map(toUnit);
  }

  async listEmployees(agencyId: string): Promise<Employee[]> {
    return (this.sql('SELECT * FROM employees WHERE agency_id = ? ORDER BY name, nip').all(agencyId) as Row[]).map(
      toEmployee,
    );
  }

  async getUnits(agencyId: string, ids: readonly string[]): Promise<Unit[]> {
    const rows = this.sql('SELECT * FROM units WHERE agency_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id').all(agencyId, JSON.stringify(ids)) as Row[];
    return rows.map(toUnit);
  }

  async getEmployees(agencyId: string, nips: readonly string[]): Promise<Employee[]> {
    const rows = this
      .sql('SELECT * FROM employees WHERE agency_id = ? AND nip IN (SELECT value FROM json_each(?))')
      .all(agencyId, JSON.stringify(nips)) as Row[];
    return rows.map(toEmployee);
  }

  /** Group commit on the writer thread: see submissions.ts. */
  recordResponse(invitationId: string, ticketId: string, draft: ResponseDraft, now: string): Promise<RecordOutcome> {
    return this.submissions.record([invitationId, ticketId, draft, now]);
  }

  // Waves, launch, links and invitations: waves.ts.
  readonly createWave: SurveyStore['createWave'] = async (wave) => waves.createWave(this.q, wave);
  readonly updateDraftWave: SurveyStore['updateDraftWave'] = async (wave) => waves.updateDraftWave(this.q, wave);
  readonly getWave: SurveyStore['getWave'] = async (id) => waves.getWave(this.q, id);
  readonly listWaves: SurveyStore['listWaves'] = async (agencyId) => waves.listWaves(this.q, agencyId);
  readonly launchWave: SurveyStore['launchWave'] = async (launch, progress) => {
    // One transaction: nothing to report until it has committed.
    const outcome = waves.launchWave(this.q, launch);
    const rows = launch.invitations.length + launch.tickets.length;
    if (outcome === 'launched') progress?.(rows, rows);
    return outcome;
  };
  readonly readLinks: SurveyStore['readLinks'] = async (waveId, page) => waves.readLinks(this.q, waveId, page);
  readonly confirmLinks: SurveyStore['confirmLinks'] = async (waveId) => waves.confirmLinks(this.q, waveId);
  readonly hasLinks: SurveyStore['hasLinks'] = async (waveId) => waves.hasLinks(this.q, waveId);
  readonly reissueInvitation: SurveyStore['reissueInvitation'] = async (waveId, raterNip, next) => waves.reissueInvitation(this.q, waveId, raterNip, next);
  readonly closeWave: SurveyStore['closeWave'] = async (waveId, closedAt) => waves.closeWave(this.q, waveId, closedAt);
  readonly findInvitationByCodeHash: SurveyStore['findInvitationByCodeHash'] = async (codeHash) => waves.findInvitationByCodeHash(this.q, codeHash);
  readonly listTicketsOfInvitation: SurveyStore['listTicketsOfInvitation'] = async (invitationId) => waves.listTicketsOfInvitation(this.q, invitationId);

  // Coverage, progress and the ledger: coverage.ts.
  readonly coverageFacts: SurveyStore['coverageFacts'] = async (waveId, query) => coverage.coverageFacts(this.q, waveId, query);
  readonly listRaterProgress: SurveyStore['listRaterProgress'] = async (waveId) => coverage.listRaterProgress(this.q, waveId);
  // Progress is counted live by coverageFacts: nothing to recount.
  readonly recountRaters: SurveyStore['recountRaters'] = async () => ({ countedAt: null });
  readonly ledgerFacts: SurveyStore['ledgerFacts'] = async (waveId) => coverage.ledgerFacts(this.q, waveId);
  readonly listRatees: SurveyStore['listRatees'] = async (waveId) => coverage.listRatees(this.q, waveId);

  // Sealed answers, ceremonies and opening: sealing.ts.
  readonly sealedResponses: SurveyStore['sealedResponses'] = async (waveId, groups) => sealing.sealedResponses(this.q, waveId, groups);
  readonly listTallies: SurveyStore['listTallies'] = async (waveId) => sealing.listTallies(this.q, waveId);
  readonly getWaveSeal: SurveyStore['getWaveSeal'] = async (waveId) => sealing.getWaveSeal(this.q, waveId);
  readonly createCeremony: SurveyStore['createCeremony'] = async (c) => sealing.createCeremony(this.q, c);
  readonly getCeremony: SurveyStore['getCeremony'] = async (id) => sealing.getCeremony(this.q, id);
  readonly listCeremonies: SurveyStore['listCeremonies'] = async (agencyId) => sealing.listCeremonies(this.q, agencyId);
  readonly saveCeremony: SurveyStore['saveCeremony'] = async (c, expectedVersion) => sealing.saveCeremony(this.q, c, expectedVersion);
  readonly saveDecryptionShares: SurveyStore['saveDecryptionShares'] = async (waveId, phase, index, shares) => sealing.saveDecryptionShares(this.q, waveId, phase, index, shares);
  readonly listDecryptionShares: SurveyStore['listDecryptionShares'] = async (waveId, phase, groups) => sealing.listDecryptionShares(this.q, waveId, phase, groups);
  readonly saveOpened: SurveyStore['saveOpened'] = async (waveId, opened) => sealing.saveOpened(this.q, waveId, opened);
  readonly countDecryptionShares: SurveyStore['countDecryptionShares'] = async (waveId, phase) => sealing.countDecryptionShares(this.q, waveId, phase);
  readonly listOpened: SurveyStore['listOpened'] = async (waveId, groups) => sealing.listOpened(this.q, waveId, groups);

  async appendAuditEvent(e: AuditEvent): Promise<void> {
    this
      .sql(
        `INSERT INTO audit_events (id, agency_id, wave_id, actor_uid, actor_email, action, at, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.agencyId, e.waveId, e.actor.uid, e.actor.email, e.action, e.at, JSON.stringify(e.details));
  }

  async listAuditEvents(agencyId: string, options: { waveId?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
    const rows = options.waveId
      ? (this
          .sql('SELECT * FROM audit_events WHERE agency_id = ? AND wave_id = ? ORDER BY at DESC, rowid DESC LIMIT ?')
          .all(agencyId, options.waveId, limit) as Row[])
      : (this
          .sql('SELECT * FROM audit_events WHERE agency_id = ? ORDER BY at DESC, rowid DESC LIMIT ?')
          .all(agencyId, limit) as Row[]);
    return rows.map(toAuditEvent);
  }
}
