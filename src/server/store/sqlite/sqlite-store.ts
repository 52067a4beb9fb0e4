import Database from 'better-sqlite3';
import type { Agency, AuditEvent, Employee, Unit } from '../../../domain/schema.js';
import { StoreError, type AgencySummary, type RosterChange, type RosterOutcome, type SurveyStore } from '../port.js';
import { migrations } from './migrations.js';

type Row = Record<string, unknown>;

/** Opens (creating if needed) a SQLite store at `file`; ':memory:' for throwaway stores. */
export function openSqliteStore(file: string): SqliteStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Deleted rows (used tickets) are overwritten with zeros, so they cannot be carved from the file.
  db.pragma('secure_delete = ON');
  // FULL: an acknowledged write survives a power cut, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return new SqliteStore(db);
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

const toUnit = (r: Row): Unit => ({
  id: r.id as string,
  agencyId: r.agency_id as string,
  name: r.name as string,
  parentId: (r.parent_id as string | null) ?? null,
  path: JSON.parse(r.path as string) as string[],
});

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

export class SqliteStore implements SurveyStore {
  readonly engine = 'sqlite';

  constructor(readonly db: Database.Database) {}

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createAgency(agency: Agency): Promise<'created' | 'exists'> {
    const info = this.db
      .prepare('INSERT INTO agencies (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(agency.id, agency.name, agency.createdAt);
    return info.changes === 1 ? 'created' : 'exists';
  }

  async getAgency(id: string): Promise<Agency | null> {
    const row = this.db.prepare('SELECT * FROM agencies WHERE id = ?').get(id) as Row | undefined;
    return row ? toAgency(row) : null;
  }

  async listAgencies(ids?: readonly string[]): Promise<Agency[]> {
    if (ids && ids.length === 0) return [];
    const rows = ids
      ? (this.db
          .prepare(`SELECT * FROM agencies WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`)
          .all(JSON.stringify(ids)) as Row[])
      : (this.db.prepare('SELECT * FROM agencies ORDER BY name').all() as Row[]);
    return rows.map(toAgency);
  }

  async summarizeAgency(id: string): Promise<AgencySummary> {
    const units = this.db.prepare('SELECT count(*) AS n FROM units WHERE agency_id = ?').get(id) as { n: number };
    const people = this.db
      .prepare('SELECT count(*) AS n FROM employees WHERE agency_id = ? AND active = 1')
      .get(id) as { n: number };
    return { units: units.n, activeEmployees: people.n };
  }

  async applyRoster(agencyId: string, change: RosterChange): Promise<RosterOutcome> {
    const apply = this.db.transaction((): RosterOutcome => {
      if (!this.db.prepare('SELECT 1 FROM agencies WHERE id = ?').get(agencyId)) {
        throw new StoreError('agency_not_found', `agency ${agencyId} does not exist`);
      }
      const upsertUnit = this.db.prepare(
        `INSERT INTO units (agency_id, id, name, parent_id, path) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (agency_id, id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, path = excluded.path`,
      );
      for (const u of change.units) upsertUnit.run(agencyId, u.id, u.name, u.parentId, JSON.stringify(u.path));

      const exists = this.db.prepare('SELECT 1 FROM employees WHERE agency_id = ? AND nip = ?').pluck();
      const upsert = this.db.prepare(
        `INSERT INTO employees (agency_id, nip, name, unit_id, position, supervisor_nip, email, phone, active)
         VALUES (@agencyId, @nip, @name, @unitId, @position, @supervisorNip, @email, @phone, @active)
         ON CONFLICT (agency_id, nip) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id,
           position = excluded.position, supervisor_nip = excluded.supervisor_nip, email = excluded.email,
           phone = excluded.phone, active = excluded.active`,
      );
      let created = 0;
      let updated = 0;
      for (const e of change.employees) {
        if (exists.get(agencyId, e.nip)) updated++;
        else created++;
        upsert.run({ ...e, agencyId, active: e.active ? 1 : 0 });
      }
      let deactivated = 0;
      if (change.deactivateMissing) {
        deactivated = this.db
          .prepare(
            `UPDATE employees SET active = 0 WHERE agency_id = ? AND active = 1
             AND nip NOT IN (SELECT value FROM json_each(?))`,
          )
          .run(agencyId, JSON.stringify(change.employees.map((e) => e.nip))).changes;
      }
      return { created, updated, deactivated };
    });
    return apply.immediate();
  }

  async listUnits(agencyId: string): Promise<Unit[]> {
    return (this.db.prepare('SELECT * FROM units WHERE agency_id = ? ORDER BY id').all(agencyId) as Row[]).map(toUnit);
  }

  async listEmployees(agencyId: string): Promise<Employee[]> {
    return (this.db.prepare('SELECT * FROM employees WHERE agency_id = ? ORDER BY name, nip').all(agencyId) as Row[]).map(
      toEmployee,
    );
  }

  async appendAuditEvent(e: AuditEvent): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO audit_events (id, agency_id, wave_id, actor_uid, actor_email, action, at, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.agencyId, e.waveId, e.actor.uid, e.actor.email, e.action, e.at, JSON.stringify(e.details));
  }

  async listAuditEvents(agencyId: string, options: { waveId?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
    const rows = options.waveId
      ? (this.db
          .prepare('SELECT * FROM audit_events WHERE agency_id = ? AND wave_id = ? ORDER BY at DESC, id LIMIT ?')
          .all(agencyId, options.waveId, limit) as Row[])
      : (this.db
          .prepare('SELECT * FROM audit_events WHERE agency_id = ? ORDER BY at DESC, id LIMIT ?')
          .all(agencyId, limit) as Row[]);
    return rows.map(toAuditEvent);
  }
}
