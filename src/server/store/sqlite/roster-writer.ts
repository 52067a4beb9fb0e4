import type Database from 'better-sqlite3';
import type { RosterNow } from '../../../domain/roster.js';
import type { Employee } from '../../../domain/schema.js';
import { StoreError, type RosterChange, type RosterOutcome } from '../port.js';
import { toUnit } from './rows.js';

/*
 * The roster on the embedded store, for any connection: the store's own, or the one a roster
 * upload's thread opens so that tens of thousands of rows are checked and written off the thread
 * that serves respondents (see roster/roster-imports.ts).
 */

/** What an import is checked against: every person's NIP and standing, and the units. */
export function readRosterNow(db: Database.Database, agencyId: string): RosterNow {
  const employees = (db.prepare('SELECT nip, active FROM employees WHERE agency_id = ?').all(agencyId) as { nip: string; active: number }[]).map((e) => ({
    nip: e.nip,
    active: e.active === 1,
  }));
  const units = (db.prepare('SELECT * FROM units WHERE agency_id = ? ORDER BY id').all(agencyId) as Record<string, unknown>[]).map(toUnit);
  return { employees, units };
}

type PersonFields = Omit<Employee, 'nip' | 'agencyId'>;
/** A person's row as stored, for telling an unchanged row from a changed one. */
const personKey = (e: PersonFields) => JSON.stringify([e.name, e.unitId, e.position, e.supervisorNip, e.email, e.phone, e.active]);
const unitKey = (u: { name: string; parentId: string | null; path: string }) => JSON.stringify([u.name, u.parentId, u.path]);

interface Stored {
  version: number;
  units: Map<string, string>;
  people: Map<string, string>;
}

/**
 * Writes a checked roster in one transaction: all of it or, for an unknown agency, none. Only rows
 * that differ from what is stored are written, and what is stored is read before the write lock is
 * taken (again under it only if another roster write came in between): the lock is SQLite's only
 * one, every submission of every agency waits while it is held, and a re-import of 40,000 people
 * with a few changes should hold it for the few.
 */
export function rosterWriter(db: Database.Database): (agencyId: string, change: RosterChange) => RosterOutcome {
  const version = db.prepare('SELECT roster_version FROM agencies WHERE id = ?').pluck();
  const storedUnits = db.prepare('SELECT id, name, parent_id, path FROM units WHERE agency_id = ?').raw();
  const storedPeople = db.prepare('SELECT nip, name, unit_id, position, supervisor_nip, email, phone, active FROM employees WHERE agency_id = ?').raw();
  const read = db.transaction((agencyId: string): Stored | null => {
    const v = version.get(agencyId) as number | undefined;
    if (v === undefined) return null;
    const units = new Map(
      (storedUnits.all(agencyId) as [string, string, string | null, string][]).map(([id, name, parentId, path]) => [id, unitKey({ name, parentId, path })]),
    );
    const people = new Map(
      (storedPeople.all(agencyId) as [string, string, string, string, string | null, string | null, string | null, number][]).map(
        ([nip, name, unitId, position, supervisorNip, email, phone, active]) => [nip, personKey({ name, unitId, position, supervisorNip, email, phone, active: active === 1 })],
      ),
    );
    return { version: v, units, people };
  });
  const upsertUnit = db.prepare(
    `INSERT INTO units (agency_id, id, name, parent_id, path) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (agency_id, id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, path = excluded.path`,
  );
  const upsert = db.prepare(
    `INSERT INTO employees (agency_id, nip, name, unit_id, position, supervisor_nip, email, phone, active)
     VALUES (@agencyId, @nip, @name, @unitId, @position, @supervisorNip, @email, @phone, @active)
     ON CONFLICT (agency_id, nip) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id,
       position = excluded.position, supervisor_nip = excluded.supervisor_nip, email = excluded.email,
       phone = excluded.phone, active = excluded.active`,
  );
  const deactivate = db.prepare(
    `UPDATE employees SET active = 0 WHERE agency_id = ? AND active = 1
     AND nip NOT IN (SELECT value FROM json_each(?))`,
  );
  const bump = db.prepare('UPDATE agencies SET roster_version = roster_version + 1 WHERE id = ?');
  /** What to write against what is stored: the new and changed rows only. */
  const diff = (change: RosterChange, stored: Stored) => ({
    version: stored.version,
    units: change.units.filter((u) => stored.units.get(u.id) !== unitKey({ name: u.name, parentId: u.parentId, path: JSON.stringify(u.path) })),
    employees: change.employees.filter((e) => stored.people.get(e.nip) !== personKey(e)),
    created: change.employees.filter((e) => !stored.people.has(e.nip)).length,
  });
  const write = db.transaction((agencyId: string, change: RosterChange, planned: ReturnType<typeof diff> | null): RosterOutcome => {
    const now = version.get(agencyId) as number | undefined;
    if (now === undefined) throw new StoreError('agency_not_found', `agency ${agencyId} does not exist`);
    // Planned against what another roster write has since changed: plan again, under the lock.
    const rows = planned && planned.version === now ? planned : diff(change, read(agencyId)!);
    for (const u of rows.units) upsertUnit.run(agencyId, u.id, u.name, u.parentId, JSON.stringify(u.path));
    for (const e of rows.employees) upsert.run({ ...e, agencyId, active: e.active ? 1 : 0 });
    const deactivated = change.deactivateMissing ? deactivate.run(agencyId, JSON.stringify(change.employees.map((e) => e.nip))).changes : 0;
    if (rows.units.length || rows.employees.length || deactivated) bump.run(agencyId);
    return { created: rows.created, updated: change.employees.length - rows.created, deactivated };
  });
  return (agencyId, change) => {
    const stored = read.deferred(agencyId);
    return write.immediate(agencyId, change, stored && diff(change, stored));
  };
}
