import { FieldValue, type Query } from 'firebase-admin/firestore';
import type { Agency, AuditEvent, Employee, Unit } from '../../../domain/schema.js';
import { StoreError, type AgencySummary, type RosterChange, type RosterOutcome } from '../port.js';
import { getAllInChunks, type StoreWrite } from './batches.js';
import { agenciesCol, byText, createOnce, toAgency, toAuditEvent, toEmployee, toUnit, type Fs } from './documents.js';

/* Agencies, their units and people, and the audit log, on Firestore. */

export async function createAgency(f: Fs, agency: Agency): Promise<'created' | 'exists'> {
  return (await createOnce(agenciesCol(f.db).doc(agency.id), { ...agency })) ? 'created' : 'exists';
}

export async function getAgency(f: Fs, id: string): Promise<Agency | null> {
  const doc = await agenciesCol(f.db).doc(id).get();
  return doc.exists ? toAgency(doc.data()!) : null;
}

export async function listAgencies(f: Fs, ids?: readonly string[]): Promise<Agency[]> {
  if (ids && ids.length === 0) return [];
  const docs = ids
    ? (await getAllInChunks(f.db, ids.map((id) => agenciesCol(f.db).doc(id)))).filter((d) => d.exists)
    : (await agenciesCol(f.db).get()).docs;
  return docs.map((d) => toAgency(d.data()!)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function summarizeAgency(f: Fs, id: string): Promise<AgencySummary> {
  const agency = agenciesCol(f.db).doc(id);
  const [units, people] = await Promise.all([
    agency.collection('units').count().get(),
    agency.collection('employees').where('active', '==', true).count().get(),
  ]);
  return { units: units.data().count, activeEmployees: people.data().count };
}

/**
 * In batches of 500 (a roster can be larger than one transaction): the route has validated the
 * whole file first, and re-applying the same roster gives the same result.
 */
export async function applyRoster(f: Fs, agencyId: string, change: RosterChange, progress?: (done: number, total: number) => void): Promise<RosterOutcome> {
  const agency = agenciesCol(f.db).doc(agencyId);
  if (!(await agency.get()).exists) throw new StoreError('agency_not_found', `agency ${agencyId} does not exist`);
  const existing = await agency.collection('employees').get();
  const known = new Map(existing.docs.map((d) => [d.id, d.data().active === true]));
  const writes: StoreWrite[] = [];
  for (const u of change.units) {
    writes.push({ set: agency.collection('units').doc(u.id), data: { id: u.id, name: u.name, parentId: u.parentId, path: u.path } });
  }
  let created = 0;
  let updated = 0;
  for (const e of change.employees) {
    if (known.has(e.nip)) updated++;
    else created++;
    writes.push({ set: agency.collection('employees').doc(e.nip), data: { ...e, agencyId } });
  }
  let deactivated = 0;
  if (change.deactivateMissing) {
    const incoming = new Set(change.employees.map((e) => e.nip));
    for (const [nip, active] of known) {
      if (!active || incoming.has(nip)) continue;
      deactivated++;
      writes.push({ update: agency.collection('employees').doc(nip), data: { active: false } });
    }
  }
  // Its own ramp from 500 writes a second (an import of a ministry is ~280,000 writes).
  let done = 0;
  progress?.(0, writes.length);
  await f.commit(writes, { ramp: f.ramp?.(), afterBatch: (written) => progress?.((done += written), writes.length) });
  // After the units are written: a reader that saw the old version reads the units again.
  if (change.units.length > 0) await agency.update({ unitsVersion: FieldValue.increment(1) });
  return { created, updated, deactivated };
}

/** Agencies whose units one process keeps: a ministry's units weigh about a MiB. */
const UNIT_CACHE_AGENCIES = 20;

/**
 * Every unit of the agency, read once per roster change: each call reads the agency document, and
 * the units only when its `unitsVersion` moved (coverage polls and results would otherwise read
 * every unit, hundreds of reads, each time).
 */
export async function listUnits(f: Fs, agencyId: string): Promise<Unit[]> {
  const agency = agenciesCol(f.db).doc(agencyId);
  const version = Number((await agency.get()).data()?.unitsVersion ?? 0);
  const cached = f.units.get(agencyId);
  if (cached?.version === version) return [...cached.units];
  const docs = (await agency.collection('units').get()).docs;
  const units = docs.map((d) => toUnit(d.data(), agencyId)).sort(byText((u) => u.id));
  f.units.delete(agencyId);
  f.units.set(agencyId, { version, units });
  // A Map iterates in insertion order: the first key is the agency read longest ago.
  if (f.units.size > UNIT_CACHE_AGENCIES) f.units.delete(f.units.keys().next().value!);
  return [...units];
}

export async function listEmployees(f: Fs, agencyId: string): Promise<Employee[]> {
  const docs = (await agenciesCol(f.db).doc(agencyId).collection('employees').get()).docs;
  return docs.map((d) => toEmployee(d.data())).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.nip < b.nip ? -1 : 1));
}

export async function getUnits(f: Fs, agencyId: string, ids: readonly string[]): Promise<Unit[]> {
  if (ids.length === 0) return [];
  const units = agenciesCol(f.db).doc(agencyId).collection('units');
  const docs = await getAllInChunks(f.db, ids.map((id) => units.doc(id)));
  return docs.filter((d) => d.exists).map((d) => toUnit(d.data(), agencyId)).sort(byText((u) => u.id));
}

export async function getEmployees(f: Fs, agencyId: string, nips: readonly string[]): Promise<Employee[]> {
  if (nips.length === 0) return [];
  const employees = agenciesCol(f.db).doc(agencyId).collection('employees');
  const docs = await getAllInChunks(f.db, nips.map((nip) => employees.doc(nip)));
  return docs.filter((d) => d.exists).map((d) => toEmployee(d.data()!));
}

export async function appendAuditEvent(f: Fs, event: AuditEvent): Promise<void> {
  // Events of the same millisecond keep their order of appending.
  f.audit.seq = Math.max(f.audit.seq + 1, Date.now() * 1000);
  await f.db.collection('auditEvents').doc(event.id).create({ ...event, seq: f.audit.seq });
}

export async function listAuditEvents(f: Fs, agencyId: string, options: { waveId?: string; limit?: number } = {}): Promise<AuditEvent[]> {
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
  let q: Query = f.db.collection('auditEvents').where('agencyId', '==', agencyId);
  if (options.waveId) q = q.where('waveId', '==', options.waveId);
  const docs = (await q.orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit).get()).docs;
  return docs.map((d) => toAuditEvent(d.data()));
}