import Database from 'better-sqlite3';
import type { Agency, AuditEvent, Employee, Invitation, Ticket, Unit, Wave } from '../../../domain/schema.js';
import type { GroupShares } from '../../../domain/sealing/opening.js';
import type { Ceremony, Phase } from '../../../domain/sealing/schema.js';
import {
  type AgencySummary,
  type GroupKey,
  type InvitationLink,
  type OpenedGroup,
  type SealedResponse,
  type StoredTally,
  type WaveSeal,
  type RaterProgress,
  type RecordOutcome,
  type ResponseDraft,
  type RosterChange,
  type RosterOutcome,
  type SurveyStore,
  type WaveLaunch,
} from '../port.js';
import { groupCounts } from '../group-counts.js';
import { migrations } from './migrations.js';
import { rosterWriter, toUnit } from './roster-writer.js';
import { configureConnection, SubmissionQueue } from './submissions.js';
import { isAtRisk, rateeProgress, type CoverageFacts, type CoverageQuery } from '../../../domain/coverage.js';
import type { LedgerFacts } from '../../../domain/integrity.js';
import { relationships, type Relationship } from '../../../domain/questionnaire.js';

type Row = Record<string, unknown>;

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

const toAgency = (r: Row): Agency => ({ id: r.id as string, name: r.name as string, createdAt: r.created_at as string });


const toEmployee = (r: Row): Employee => ({
  nip: r.nip as string,
  agencyId: r.agency_id as string,
  name: r.name as string,
  unitId: r.unit_id as string,
  position: r.position as string,
  supervisorNip: (r.supervisor_nip as string | null) ?? null,
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  active: r.active === 1,
});

const toAuditEvent = (r: Row): AuditEvent => ({
  id: r.id as string,
  agencyId: r.agency_id as string,
  waveId: (r.wave_id as string | null) ?? null,
  actor: { uid: r.actor_uid as string, email: (r.actor_email as string | null) ?? null },
  action: r.action as AuditEvent['action'],
  at: r.at as string,
  details: JSON.parse(r.details as string) as Record<string, unknown>,
});

const toWave = (r: Row): Wave => ({
  id: r.id as string,
  agencyId: r.agency_id as string,
  name: r.name as string,
  questionnaireVersion: r.questionnaire_version as string,
  status: r.status as Wave['status'],
  scope: JSON.parse(r.scope as string) as Wave['scope'],
  opensAt: (r.opens_at as string | null) ?? null,
  closesAt: r.closes_at as string,
  settings: JSON.parse(r.settings as string) as Wave['settings'],
  planSeed: r.plan_seed as number,
  createdAt: r.created_at as string,
  launchedAt: (r.launched_at as string | null) ?? null,
  closedAt: (r.closed_at as string | null) ?? null,
});

const waveParams = (w: Wave) => ({
  id: w.id,
  agency_id: w.agencyId,
  name: w.name,
  questionnaire_version: w.questionnaireVersion,
  status: w.status,
  scope: JSON.stringify(w.scope),
  opens_at: w.opensAt,
  closes_at: w.closesAt,
  settings: JSON.stringify(w.settings),
  plan_seed: w.planSeed,
  created_at: w.createdAt,
  launched_at: w.launchedAt,
  closed_at: w.closedAt,
});

const toInvitation = (r: Row): Invitation => ({
  id: r.id as string,
  waveId: r.wave_id as string,
  agencyId: r.agency_id as string,
  raterNip: r.rater_nip as string,
  codeHash: r.code_hash as string,
});

const toTicket = (r: Row): Ticket => ({
  id: r.id as string,
  invitationId: r.invitation_id as string,
  waveId: r.wave_id as string,
  rateeNip: r.ratee_nip as string,
  relationship: r.relationship as Ticket['relationship'],
});

/** Per relationship: issued at launch and responses so far, for the groups that exist. */
function countsToGroups(issued: readonly number[], done: readonly number[]): CoverageFacts['units'][number]['groups'] {
  const groups: CoverageFacts['units'][number]['groups'] = {};
  relationships.forEach((rel, i) => {
    if (issued[i]! > 0 || done[i]! > 0) groups[rel] = { issued: issued[i]!, responses: done[i]! };
  });
  return groups;
}


const toSealedResponse = (r: Row): SealedResponse => ({
  id: r.id as string,
  rateeNip: r.ratee_nip as string,
  rateeUnitId: r.ratee_unit_id as string,
  relationship: r.relationship as Relationship,
  questionnaireVersion: r.questionnaire_version as string,
  sealed: new Uint8Array(r.sealed as Buffer),
});

/**
 * Groups as a JSON list for `json_each`, so one statement reads any number of them; queries put it
 * first with CROSS JOIN, which makes SQLite look each group up by key instead of scanning the table.
 */
const groupsJson = (groups: readonly GroupKey[]) => JSON.stringify(groups.map((g) => [g.rateeNip, g.relationship]));

export class SqliteStore implements SurveyStore {
  readonly engine = 'sqlite';
  private dirty = false;
  private readonly timer: NodeJS.Timeout | null;
  private readonly submissions: SubmissionQueue;
  private readonly statements = new Map<string, Database.Statement>();
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

  /** Prepares each SQL text once: preparing costs more than running most of these queries. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
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

  async createWave(wave: Wave): Promise<void> {
    this
      .sql(
        `INSERT INTO waves (id, agency_id, name, questionnaire_version, status, scope, opens_at, closes_at, settings, plan_seed, created_at, launched_at, closed_at)
         VALUES (@id, @agency_id, @name, @questionnaire_version, @status, @scope, @opens_at, @closes_at, @settings, @plan_seed, @created_at, @launched_at, @closed_at)`,
      )
      .run(waveParams(wave));
  }

  async updateDraftWave(wave: Wave): Promise<'updated' | 'not_found' | 'not_draft'> {
    return this.db.transaction(() => {
      const current = this.sql('SELECT status FROM waves WHERE id = ?').pluck().get(wave.id) as string | undefined;
      if (!current) return 'not_found' as const;
      if (current !== 'draft') return 'not_draft' as const;
      this
        .sql(
          `UPDATE waves SET name = @name, questionnaire_version = @questionnaire_version, scope = @scope, opens_at = @opens_at,
             closes_at = @closes_at, settings = @settings WHERE id = @id AND status = 'draft'`,
        )
        .run(waveParams(wave));
      return 'updated' as const;
    }).immediate();
  }

  async getWave(id: string): Promise<Wave | null> {
    const row = this.sql('SELECT * FROM waves WHERE id = ?').get(id) as Row | undefined;
    return row ? toWave(row) : null;
  }

  async listWaves(agencyId: string): Promise<Wave[]> {
    return (this.sql('SELECT * FROM waves WHERE agency_id = ? ORDER BY created_at DESC, id').all(agencyId) as Row[]).map(toWave);
  }

  async launchWave(launch: WaveLaunch): Promise<'launched' | 'not_found' | 'not_draft'> {
    return this.db.transaction(() => {
      const wave = this.sql('SELECT status, agency_id, settings FROM waves WHERE id = ?').get(launch.waveId) as Row | undefined;
      if (!wave) return 'not_found' as const;
      if (wave.status !== 'draft') return 'not_draft' as const;
      const issued = new Map<string, number>();
      for (const t of launch.tickets) issued.set(t.invitationId, (issued.get(t.invitationId) ?? 0) + 1);
      const unitOf = new Map(
        (this.sql('SELECT nip, unit_id FROM employees WHERE agency_id = ?').raw().all(wave.agency_id) as [string, string][]).map(([nip, unit]) => [nip, unit]),
      );
      // Runs: the raters of one unit, numbered in order so a wave's runs are contiguous.
      const runs = new Map<string, { invitations: number; run: number }>();
      for (const i of launch.invitations) {
        const unitId = unitOf.get(i.raterNip) ?? '';
        const r = runs.get(unitId);
        if (r) r.invitations++;
        else runs.set(unitId, { invitations: 1, run: 0 });
      }
      const addRun = this.sql('INSERT INTO ticket_runs (wave_id, unit_id, invitations) VALUES (?, ?, ?)');
      for (const unitId of [...runs.keys()].sort()) {
        const r = runs.get(unitId)!;
        r.run = Number(addRun.run(launch.waveId, unitId, r.invitations).lastInsertRowid);
      }
      const runOf = new Map<string, number>();
      const invite = this.sql(
        'INSERT INTO invitations (id, wave_id, agency_id, rater_nip, code_hash, tickets_issued, rater_unit_id, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const i of launch.invitations) {
        const run = runs.get(unitOf.get(i.raterNip) ?? '')!.run;
        runOf.set(i.id, run);
        invite.run(i.id, launch.waveId, i.agencyId, i.raterNip, i.codeHash, issued.get(i.id) ?? 0, unitOf.get(i.raterNip) ?? '', run);
      }
      const ticket = this.sql('INSERT INTO tickets (run, invitation_id, id, ratee_nip, relationship, issued) VALUES (?, ?, ?, ?, ?, ?)');
      const slot = { self: 0, superior: 1, peer: 2, subordinate: 3 } as const;
      const groups = new Map<string, [number, number, number, number]>();
      // In key order, so the B-tree is appended to rather than split all over.
      const ordered = launch.tickets.map((t) => ({ t, run: runOf.get(t.invitationId)! })).sort((a, b) => a.run - b.run);
      for (const { t, run } of ordered) {
        ticket.run(run, t.invitationId, t.id, t.rateeNip, t.relationship, issued.get(t.invitationId)!);
        const counts = groups.get(t.rateeNip) ?? [0, 0, 0, 0];
        counts[slot[t.relationship]]++;
        groups.set(t.rateeNip, counts);
      }
      const k = (JSON.parse(wave.settings as string) as { anonymityThreshold: number }).anonymityThreshold;
      const groupRow = this.sql(
        `INSERT INTO ratee_groups (wave_id, ratee_unit_id, ratee_nip, self, superior, peer, subordinate, k, at_risk, progress)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const perUnit = new Map<string, { ratees: number; atRisk: number; counts: [number, number, number, number] }>();
      for (const nip of [...groups.keys()].sort()) {
        const counts = groups.get(nip)!;
        const unitId = unitOf.get(nip) ?? '';
        const g = countsToGroups(counts, [0, 0, 0, 0]);
        const risk = isAtRisk(g, k);
        groupRow.run(launch.waveId, unitId, nip, ...counts, k, Number(risk), rateeProgress(g, k));
        const u = perUnit.get(unitId) ?? { ratees: 0, atRisk: 0, counts: [0, 0, 0, 0] };
        u.ratees++;
        u.atRisk += Number(risk);
        counts.forEach((n, i) => (u.counts[i] = u.counts[i]! + n));
        perUnit.set(unitId, u);
      }
      const unitRow = this.sql(
        `INSERT INTO unit_groups (wave_id, unit_id, ratees, at_risk, self, superior, peer, subordinate, self_done, superior_done, peer_done, subordinate_done)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)`,
      );
      for (const [unitId, u] of perUnit) unitRow.run(launch.waveId, unitId, u.ratees, u.atRisk, ...u.counts);
      this.sql('INSERT INTO link_batches (wave_id, links) VALUES (?, ?)').run(launch.waveId, JSON.stringify(launch.links));
      this.sql('INSERT INTO wave_seals (wave_id, ceremony_id, joint_key) VALUES (?, ?, ?)').run(launch.waveId, launch.seal.ceremonyId, launch.seal.jointKey);
      this
        .sql(`UPDATE waves SET status = 'open', launched_at = ?, opens_at = ? WHERE id = ?`)
        .run(launch.launchedAt, launch.opensAt, launch.waveId);
      return 'launched' as const;
    }).immediate();
  }

  async takeLinks(waveId: string): Promise<InvitationLink[] | null> {
    return this.db.transaction(() => {
      const links = this.sql('SELECT links FROM link_batches WHERE wave_id = ?').pluck().get(waveId) as string | undefined;
      if (links === undefined) return null;
      this.sql('DELETE FROM link_batches WHERE wave_id = ?').run(waveId);
      return JSON.parse(links) as InvitationLink[];
    }).immediate();
  }

  async hasLinks(waveId: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM link_batches WHERE wave_id = ?').get(waveId) !== undefined;
  }

  async reissueInvitation(
    waveId: string,
    raterNip: string,
    next: { id: string; codeHash: string; ticketId: () => string },
  ): Promise<{ status: 'reissued'; movedTickets: number } | { status: 'not_found' }> {
    return this.db.transaction(() => {
      const old = this.sql('SELECT * FROM invitations WHERE wave_id = ? AND rater_nip = ?').get(waveId, raterNip) as Row | undefined;
      if (!old) return { status: 'not_found' as const };
      this.sql('DELETE FROM invitations WHERE id = ?').run(old.id);
      this
        .sql(
          'INSERT INTO invitations (id, wave_id, agency_id, rater_nip, code_hash, tickets_issued, rater_unit_id, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(next.id, waveId, old.agency_id, raterNip, next.codeHash, old.tickets_issued, old.rater_unit_id, old.run);
      const ids = this.sql('SELECT id FROM tickets WHERE run = ? AND invitation_id = ?').pluck().all(old.run, old.id) as string[];
      const move = this.sql('UPDATE tickets SET invitation_id = ?, id = ? WHERE run = ? AND invitation_id = ? AND id = ?');
      for (const id of ids) move.run(next.id, next.ticketId(), old.run, old.id, id);
      return { status: 'reissued' as const, movedTickets: ids.length };
    }).immediate();
  }

  async closeWave(waveId: string, closedAt: string): Promise<'closed' | 'not_found' | 'not_open'> {
    return this.db.transaction(() => {
      const status = this.sql('SELECT status FROM waves WHERE id = ?').pluck().get(waveId) as string | undefined;
      if (!status) return 'not_found' as const;
      if (status !== 'open') return 'not_open' as const;
      this.sql(`UPDATE waves SET status = 'closed', closed_at = ? WHERE id = ?`).run(closedAt, waveId);
      return 'closed' as const;
    }).immediate();
  }

  async findInvitationByCodeHash(codeHash: string): Promise<Invitation | null> {
    const row = this.sql('SELECT * FROM invitations WHERE code_hash = ?').get(codeHash) as Row | undefined;
    return row ? toInvitation(row) : null;
  }

  async listTicketsOfInvitation(invitationId: string): Promise<Ticket[]> {
    const rows = this
      .sql(
        `SELECT t.*, i.wave_id FROM invitations i JOIN tickets t ON t.run = i.run AND t.invitation_id = i.id
         WHERE i.id = ? ORDER BY t.ratee_nip, t.relationship`,
      )
      .all(invitationId) as Row[];
    return rows.map(toTicket);
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

  async coverageFacts(waveId: string, query: CoverageQuery): Promise<CoverageFacts> {
    return this.db.transaction(() => {
      const agencyId = this.sql('SELECT agency_id FROM waves WHERE id = ?').pluck().get(waveId) as string | undefined;
      if (agencyId === undefined) return { units: [], ratees: { total: 0, atRisk: 0, rows: [] }, perDay: [] };
      const units = new Map<string, CoverageFacts['units'][number]>();
      const unit = (unitId: string) => {
        let u = units.get(unitId);
        if (!u) units.set(unitId, (u = { unitId, raters: { invited: 0, finished: 0, partly: 0, notStarted: 0 }, groups: {}, ratees: 0, rateesAtRisk: 0 }));
        return u;
      };
      // Progress is the count of each rater's remaining tickets: one ordered scan of the wave's runs
      // (a narrow covering index), one number per rater still to finish: run × 2 + not started.
      const runUnit = new Map<number, string>();
      for (const [run, unitId, invitations] of this
        .sql('SELECT run, unit_id, invitations FROM ticket_runs WHERE wave_id = ?')
        .raw()
        .all(waveId) as [number, string, number][]) {
        runUnit.set(run, unitId);
        const r = unit(unitId).raters;
        r.invited += invitations;
        r.finished += invitations;
      }
      const pending = this
        .sql(
          `SELECT run * 2 + (count(*) >= max(issued)) FROM tickets
           WHERE run IN (SELECT run FROM ticket_runs WHERE wave_id = ?) GROUP BY run, invitation_id`,
        )
        .pluck()
        .all(waveId) as number[];
      for (const packed of pending) {
        const r = unit(runUnit.get(Math.floor(packed / 2))!).raters;
        r.finished--;
        if (packed % 2 === 1) r.notStarted++;
        else r.partly++;
      }
      for (const [unitId, ratees, atRisk, ...counts] of this
        .sql(
          `SELECT unit_id, ratees, at_risk, self, superior, peer, subordinate, self_done, superior_done, peer_done, subordinate_done
           FROM unit_groups WHERE wave_id = ?`,
        )
        .raw()
        .all(waveId) as [string, number, number, ...number[]][]) {
        const u = unit(unitId);
        u.ratees = ratees;
        u.rateesAtRisk = atRisk;
        u.groups = countsToGroups(counts.slice(0, 4), counts.slice(4));
      }
      // Kept in the domain's rateeOrder by the ratee_groups_order index, so the first rows come straight off it.
      const inUnits = query.unitIds ? 'AND ratee_unit_id IN (SELECT value FROM json_each(:units))' : '';
      const params = { wave: waveId, limit: query.limit, ...(query.unitIds ? { units: JSON.stringify(query.unitIds) } : {}) };
      const inScope = query.unitIds ? new Set(query.unitIds) : null;
      const totals = { total: 0, at_risk: 0 };
      for (const u of units.values()) {
        if (inScope && !inScope.has(u.unitId)) continue;
        totals.total += u.ratees;
        totals.at_risk += u.rateesAtRisk;
      }
      const rows = (
        this
          .sql(
            `SELECT g.*, coalesce(e.name, '') AS name FROM (
               SELECT * FROM ratee_groups WHERE wave_id = :wave ${inUnits} ORDER BY at_risk DESC, progress, ratee_nip LIMIT :limit) g
             LEFT JOIN employees e ON e.agency_id = :agency AND e.nip = g.ratee_nip
             ORDER BY g.at_risk DESC, g.progress, g.ratee_nip`,
          )
          .all({ ...params, agency: agencyId }) as Row[]
      ).map((r) => ({ nip: r.ratee_nip as string, name: r.name as string, unitId: r.ratee_unit_id as string, groups: groupCounts(r) }));
      const perDay = this
        .sql('SELECT day, responses FROM wave_days WHERE wave_id = ? ORDER BY day')
        .all(waveId) as CoverageFacts['perDay'];
      return { units: [...units.values()], ratees: { total: totals.total, atRisk: totals.at_risk, rows }, perDay };
    })();
  }

  async listRaterProgress(waveId: string): Promise<RaterProgress[]> {
    return this
      .sql(
        `SELECT rater_nip AS raterNip, rater_unit_id AS unitId, tickets_issued AS issued,
           (SELECT count(*) FROM tickets t WHERE t.run = i.run AND t.invitation_id = i.id) AS "left"
         FROM invitations i WHERE i.wave_id = ?`,
      )
      .all(waveId) as RaterProgress[];
  }

  async ledgerFacts(waveId: string): Promise<LedgerFacts> {
    return this.db.transaction(() => {
      const groups = new Map<string, LedgerFacts['groups'][number]>();
      const group = (rateeNip: string, relationship: Relationship) => {
        const key = `${rateeNip}/${relationship}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { rateeNip, relationship, issued: null, remaining: 0, responses: 0, counted: null }));
        return g;
      };
      for (const l of this.sql('SELECT * FROM ratee_groups WHERE wave_id = ?').all(waveId) as Row[]) {
        for (const relationship of relationships) {
          if ((l[relationship] as number) > 0 || (l[`${relationship}_done`] as number) > 0) {
            const g = group(l.ratee_nip as string, relationship);
            g.issued = l[relationship] as number;
            g.counted = l[`${relationship}_done`] as number;
          }
        }
      }
      for (const t of this
        .sql(
          `SELECT ratee_nip, relationship, count(*) AS n FROM tickets
           WHERE run IN (SELECT run FROM ticket_runs WHERE wave_id = ?) GROUP BY ratee_nip, relationship`,
        )
        .all(waveId) as { ratee_nip: string; relationship: Relationship; n: number }[]) {
        group(t.ratee_nip, t.relationship).remaining = t.n;
      }
      for (const r of this
        .sql('SELECT ratee_nip, relationship, count(*) AS n FROM responses WHERE wave_id = ? GROUP BY ratee_nip, relationship')
        .all(waveId) as { ratee_nip: string; relationship: Relationship; n: number }[]) {
        group(r.ratee_nip, r.relationship).responses = r.n;
      }
      const raters = this
        .sql(
          `SELECT i.tickets_issued AS issued, (SELECT count(*) FROM tickets t WHERE t.run = i.run AND t.invitation_id = i.id) AS "left"
           FROM invitations i WHERE i.wave_id = ?`,
        )
        .all(waveId) as LedgerFacts['raters'];
      return { groups: [...groups.values()], raters };
    })();
  }

  async sealedResponses(waveId: string, groups?: readonly GroupKey[]): Promise<SealedResponse[]> {
    const rows = groups
      ? (this
          .sql(
            `SELECT r.* FROM json_each(?) g CROSS JOIN responses r ON r.wave_id = ? AND r.ratee_nip = g.value ->> 0 AND r.relationship = g.value ->> 1
             ORDER BY r.ratee_nip, r.relationship, r.id`,
          )
          .all(groupsJson(groups), waveId) as Row[])
      : (this.sql('SELECT * FROM responses WHERE wave_id = ? ORDER BY ratee_nip, relationship, id').all(waveId) as Row[]);
    return rows.map(toSealedResponse);
  }

  async listTallies(waveId: string): Promise<StoredTally[]> {
    return (this.sql('SELECT * FROM tallies WHERE wave_id = ? ORDER BY ratee_nip, relationship').all(waveId) as Row[]).map((r) => ({
      rateeNip: r.ratee_nip as string,
      relationship: r.relationship as Relationship,
      rateeUnitId: r.ratee_unit_id as string,
      responses: r.responses as number,
      sealed: new Uint8Array(r.sealed as Buffer),
    }));
  }

  async getWaveSeal(waveId: string): Promise<WaveSeal | null> {
    const r = this.sql('SELECT ceremony_id, joint_key FROM wave_seals WHERE wave_id = ?').get(waveId) as Row | undefined;
    return r ? { ceremonyId: r.ceremony_id as string, jointKey: r.joint_key as string } : null;
  }

  async createCeremony(c: Ceremony): Promise<void> {
    this.sql('INSERT INTO ceremonies (id, agency_id, created_at, version, body) VALUES (?, ?, ?, ?, ?)').run(c.id, c.agencyId, c.createdAt, c.version, JSON.stringify(c));
  }

  async getCeremony(id: string): Promise<Ceremony | null> {
    const body = this.sql('SELECT body FROM ceremonies WHERE id = ?').pluck().get(id) as string | undefined;
    return body ? (JSON.parse(body) as Ceremony) : null;
  }

  async listCeremonies(agencyId: string): Promise<Ceremony[]> {
    return (this.sql('SELECT body FROM ceremonies WHERE agency_id = ? ORDER BY created_at DESC, id').pluck().all(agencyId) as string[]).map(
      (b) => JSON.parse(b) as Ceremony,
    );
  }

  async saveCeremony(c: Ceremony, expectedVersion: number): Promise<'saved' | 'conflict'> {
    const changed = this.sql('UPDATE ceremonies SET version = ?, body = ? WHERE id = ? AND version = ?').run(c.version, JSON.stringify(c), c.id, expectedVersion).changes;
    return changed === 1 ? 'saved' : 'conflict';
  }

  async saveDecryptionShares(waveId: string, phase: Phase, trusteeIndex: number, shares: readonly GroupShares[]): Promise<void> {
    const put = this.sql(
      `INSERT INTO decryption_shares (wave_id, phase, ratee_nip, relationship, trustee_index, body) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (wave_id, phase, ratee_nip, relationship, trustee_index) DO UPDATE SET body = excluded.body`,
    );
    this.db.transaction(() => {
      for (const s of shares) put.run(waveId, phase, s.rateeNip, s.relationship, trusteeIndex, JSON.stringify(s));
    })();
  }

  async listDecryptionShares(waveId: string, phase: Phase, groups?: readonly GroupKey[]): Promise<{ trusteeIndex: number; shares: GroupShares }[]> {
    const rows = groups
      ? (this
          .sql(
            `SELECT d.trustee_index, d.body FROM json_each(?) g CROSS JOIN decryption_shares d
               ON d.wave_id = ? AND d.phase = ? AND d.ratee_nip = g.value ->> 0 AND d.relationship = g.value ->> 1
             ORDER BY d.ratee_nip, d.relationship, d.trustee_index`,
          )
          .raw()
          .all(groupsJson(groups), waveId, phase) as [number, string][])
      : (this
          .sql('SELECT trustee_index, body FROM decryption_shares WHERE wave_id = ? AND phase = ? ORDER BY ratee_nip, relationship, trustee_index')
          .raw()
          .all(waveId, phase) as [number, string][]);
    return rows.map(([trusteeIndex, body]) => ({ trusteeIndex, shares: JSON.parse(body) as GroupShares }));
  }

  async saveOpened(waveId: string, opened: readonly OpenedGroup[]): Promise<void> {
    const put = this.sql(
      `INSERT INTO opened_groups (wave_id, ratee_nip, relationship, counts, sums) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (wave_id, ratee_nip, relationship) DO UPDATE SET counts = coalesce(excluded.counts, counts), sums = coalesce(excluded.sums, sums)`,
    );
    this.db.transaction(() => {
      for (const g of opened) put.run(waveId, g.rateeNip, g.relationship, g.counts && JSON.stringify(g.counts), g.sums && JSON.stringify(g.sums));
    })();
  }

  async countDecryptionShares(waveId: string, phase: Phase): Promise<Map<number, number>> {
    const rows = this.sql('SELECT trustee_index, count(*) FROM decryption_shares WHERE wave_id = ? AND phase = ? GROUP BY trustee_index').raw().all(waveId, phase) as [number, number][];
    return new Map(rows);
  }

  async listOpened(waveId: string, groups?: readonly GroupKey[]): Promise<OpenedGroup[]> {
    const rows = groups
      ? (this
          .sql(
            `SELECT o.* FROM json_each(?) g CROSS JOIN opened_groups o ON o.wave_id = ? AND o.ratee_nip = g.value ->> 0 AND o.relationship = g.value ->> 1
             ORDER BY o.ratee_nip, o.relationship`,
          )
          .all(groupsJson(groups), waveId) as Row[])
      : (this.sql('SELECT * FROM opened_groups WHERE wave_id = ? ORDER BY ratee_nip, relationship').all(waveId) as Row[]);
    return rows.map((r) => ({
      rateeNip: r.ratee_nip as string,
      relationship: r.relationship as Relationship,
      counts: r.counts === null ? null : (JSON.parse(r.counts as string) as number[]),
      sums: r.sums === null ? null : (JSON.parse(r.sums as string) as Record<number, number>),
    }));
  }

  async listRatees(waveId: string): Promise<{ nip: string; unitId: string }[]> {
    return (this.sql('SELECT ratee_nip, ratee_unit_id FROM ratee_groups WHERE wave_id = ? ORDER BY ratee_nip').raw().all(waveId) as [string, string][]).map(
      ([nip, unitId]) => ({ nip, unitId }),
    );
  }

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
