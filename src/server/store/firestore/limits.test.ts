import { beforeAll, describe, expect, it } from 'vitest';
import { documentSize as guardDocumentSize, firestoreLimits, idProblem } from '../../test-support/firestore-limits.js';
import { firestoreStore, guardedRequests, limitBreaches, officialEmulator, useFirestoreEmulator } from '../../test-support/firestore-emulator.js';
import { unitIdFor, unitsFromPaths } from '../../../domain/units.js';
import { agency, draftWave, launchOf, loadThrowawayKey, NIP_A, person, responseDraft } from '../contract/fixtures.js';
import { commitInBatches, documentSize } from './batches.js';
import { RampLimiter } from './ramp.js';
import { inProcessJobs } from '../../jobs/runner.js';
import { startJob } from '../../jobs/service.js';
import { dayShardsFor } from './submissions.js';

/*
 * Firestore's limits, which the in-memory emulator does not enforce, checked by the limits guard
 * (test-support/firestore-limits.ts) on every request: first that the guard refuses what Firestore
 * refuses, then the adapter's national-scale cases, each of which broke a limit before its fix.
 */
useFirestoreEmulator();
// Responses are sealed with a throwaway key: the store only ever sees sealed bytes.
beforeAll(loadThrowawayKey);

let projects = 0;
const fresh = () => firestoreStore(`demo-limits-${process.pid}-${projects++}`);
const text = (bytes: number) => 'x'.repeat(bytes);

/** A proto-shaped document, as the emulator decodes one, for the guard's size rule. */
const protoDoc = (name: string, fields: Record<string, { value_type: string; string_value?: string }>) => ({
  name,
  fields: new Map(Object.entries(fields).map(([k, v]) => [k, { string_value: '', bytes_value: new Uint8Array(), reference_value: '', array_value: { values: [] }, map_value: { fields: new Map() }, ...v }])),
});

// The guard wraps the in-memory emulator; the official one, when configured, runs unguarded.
describe.skipIf(officialEmulator)('the limits guard', () => {
  it('sizes a document by the storage-size rules: the documented example is 147 bytes, in the guard and in the adapter', async () => {
    // firebase.google.com/docs/firestore/storage-size: users/jeff/tasks/my_task_id with four fields.
    const doc = protoDoc('projects/p/databases/(default)/documents/users/jeff/tasks/my_task_id', {
      type: { value_type: 'string_value', string_value: 'Personal' },
      done: { value_type: 'boolean_value' },
      priority: { value_type: 'integer_value' },
      description: { value_type: 'string_value', string_value: 'Learn Cloud Firestore' },
    });
    expect(guardDocumentSize(doc)).toBe(147);
    const ref = fresh().db.collection('users').doc('jeff').collection('tasks').doc('my_task_id');
    expect(documentSize(ref, { type: 'Personal', done: false, priority: 1, description: 'Learn Cloud Firestore' })).toBe(147);
  });

  it('names the ids Firestore refuses', () => {
    expect(idProblem('__tickets__')).toMatch(/reserved/);
    expect(idProblem('..')).not.toBeNull();
    expect(idProblem(text(1501))).toMatch(/longer/);
    expect(idProblem('t__a_b__')).toBeNull();
  });

  it('refuses an oversized document, a reserved id, 501 writes and an 11 MB commit, storing nothing of them', async () => {
    const { db } = fresh();
    const col = db.collection('probe');
    await expect(col.doc('big').set({ s: text(firestoreLimits.documentBytes) })).rejects.toThrow(/document size/);
    await expect(col.doc('__reserved__').set({ a: 1 })).rejects.toThrow(/reserved id/);
    const many = db.batch();
    for (let i = 0; i < 501; i++) many.set(col.doc(`d${i}`), { i });
    await expect(many.commit()).rejects.toThrow(/writes per commit/);
    const heavy = db.batch();
    for (let i = 0; i < 11; i++) heavy.set(col.doc(`h${i}`), { s: text(1_000_000) });
    await expect(heavy.commit()).rejects.toThrow(/request size/);
    expect((await col.get()).size).toBe(0);
    await col.doc('fine').set({ s: text(1000) });
    expect((await col.get()).size).toBe(1);
    expect(limitBreaches().map((b) => b.rule)).toEqual(expect.arrayContaining(['document size', 'document id', 'writes per commit', 'request size']));
  });
});

describe.skipIf(officialEmulator)('the adapter within Firestore’s limits', () => {
  it('commits many large documents in commits under 10 MiB (they went by count: 16 MB in one)', async () => {
    const { db } = fresh();
    const col = db.collection('heavy');
    await commitInBatches(
      db,
      Array.from({ length: 40 }, (_, i) => ({ set: col.doc(`d${i}`), data: { s: text(400_000) } })),
    );
    expect((await col.get()).size).toBe(40);
  });

  it('stores a link list of long unit paths in documents under 1 MiB, and hands it back whole and in order', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
    // A ministry's paths: five levels of long names and full names with degrees, ~560 bytes a link:
    // 2,000 of them (the old chunk) weigh more than 1 MiB.
    const path = ['Kementerian Pendidikan Dasar dan Menengah', 'Direktorat Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan Menengah', 'Direktorat Sekolah Menengah Pertama', 'Subbagian Tata Usaha dan Rumah Tangga'];
    const links = Array.from({ length: 2100 }, (_, i) => ({ nip: NIP_A, name: `Dr. Raden Ajeng Siti Nurhaliza Kusumawardhani, S.Pd., M.Pd. (${i})`, unitPath: [...path, `Kelompok Kerja Penyusunan Rencana Program, Anggaran, Pelaporan dan Evaluasi Kinerja Satuan Kerja pada Sekretariat Direktorat Jenderal beserta Unit Pelaksana Teknis di Daerah ${i}`], email: `pegawai${i}@kemdikdasmen.go.id`, phone: '081234567890', code: `CODE${i}` }));
    expect(await store.launchWave({ ...launchOf('w1'), links })).toBe('launched');
    const read: string[] = [];
    for (let page: number | null = 0; page !== null; ) {
      const got = await store.readLinks('w1', page);
      read.push(...got!.links.map((l) => l.code));
      page = got!.next;
    }
    expect(read).toEqual(links.map((l) => l.code));
    expect(await store.confirmLinks('w1')).toBe(2100);
  });

  it('stores tickets whose plain ids would read as reserved (`__…__`)', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
    const base = launchOf('w1');
    const launch = {
      ...base,
      invitations: [{ ...base.invitations[0]!, id: '__inv' }],
      tickets: [{ ...base.tickets[0]!, invitationId: '__inv', id: 'ticket__' }],
    };
    expect(await store.launchWave(launch)).toBe('launched');
    expect(await store.listTicketsOfInvitation('__inv')).toEqual([expect.objectContaining({ id: 'ticket__' })]);
    expect(await store.recordResponse('__inv', 'ticket__', responseDraft('r1'), '2026-06-02T00:00:00.000Z')).toBe('recorded');
    expect(await store.listTicketsOfInvitation('__inv')).toEqual([]);
  });

  it('reads people by NIP in requests of at most 500 names (one getAll of all 250,000 pending raters overflowed the stack and the 10 MiB request)', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    await store.applyRoster('kab-a', { units: [], employees: [], deactivateMissing: false });
    const nips = Array.from({ length: 1_500 }, (_, i) => `19850312201001${String(i).padStart(4, '0')}`);
    const before = guardedRequests().length;
    expect(await store.getEmployees('kab-a', nips)).toEqual([]);
    const reads = guardedRequests().slice(before).filter((r) => r.rpc === 'BatchGetDocuments');
    expect(reads.reduce((n, r) => n + r.documents, 0)).toBe(1_500);
    expect(Math.max(...reads.map((r) => r.documents))).toBeLessThanOrEqual(500);
  });

  it('keeps the coverage snapshot of 2,100 units with a ministry’s long unit ids in documents under 1 MiB', async () => {
    // Five minutes after launch: the snapshot is rebuilt, raters' progress is the launch's own.
    const store = firestoreStore(`demo-limits-${process.pid}-${projects++}`, { coverage: { now: () => Date.parse('2026-06-01T01:05:00.000Z') } });
    await store.createAgency(agency('kab-a'));
    // Unit ids are slugs of the whole path, about 185 characters in a ministry: the old 3,000 units a
    // document went over 1 MiB from about 2,000 units.
    const top = ['Kementerian Pendidikan Dasar dan Menengah', 'Direktorat Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan Menengah'];
    const paths = Array.from({ length: 2100 }, (_, i) => [...top, `Direktorat Sekolah Menengah ${i % 30}`, `Subdirektorat Peningkatan Mutu Pendidik dan Tenaga Kependidikan ${i}`]);
    const nip = (i: number) => `19850312201001${String(i).padStart(4, '0')}`;
    const employees = paths.map((p, i) => person('kab-a', nip(i), `Pegawai ${i}`, unitIdFor(p)));
    await store.applyRoster('kab-a', { units: unitsFromPaths('kab-a', paths), employees, deactivateMissing: false });
    await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
    const invitations = employees.map((e, i) => ({ id: `inv-${String(i).padStart(4, '0')}`, waveId: 'w1', agencyId: 'kab-a', raterNip: e.nip, codeHash: `h-${i}` }));
    const tickets = invitations.map((inv, i) => ({ id: `t-${i}`, invitationId: inv.id, waveId: 'w1', rateeNip: nip((i + 1) % 2100), relationship: 'peer' as const }));
    expect(await store.launchWave({ ...launchOf('w1'), invitations, tickets, links: [] })).toBe('launched');
    const facts = await store.coverageFacts('w1', { k: 3, unitIds: null, focus: null, limit: 10 });
    expect(facts.units).toHaveLength(2100);
    expect(facts.units.reduce((n, u) => n + u.raters.invited, 0)).toBe(2100);
  }, 120_000);
});

describe.skipIf(officialEmulator)('reads of one integrity check', () => {
  it('reads every query of the ledger at one read time, Firestore’s own (a submission between two queries was a mismatch)', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
    await store.launchWave(launchOf('w1'));
    const before = guardedRequests().length;
    const facts = await store.ledgerFacts('w1');
    expect(facts.raters).toHaveLength(2);
    const queries = guardedRequests().slice(before).filter((r) => r.rpc === 'RunQuery');
    // Invitations, tickets, ratees and responses.
    expect(queries).toHaveLength(4);
    expect(new Set(queries.map((q) => q.readTime)).size).toBe(1);
    expect(queries[0]!.readTime).not.toBeNull();
  });
});

describe.skipIf(officialEmulator)('reads that repeat', () => {
  it('reads an agency’s units once per roster change: later calls read the agency document only (every poll read every unit)', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    const paths = Array.from({ length: 30 }, (_, i) => ['Sekretariat', `Bagian ${i}`]);
    await store.applyRoster('kab-a', { units: unitsFromPaths('kab-a', paths), employees: [], deactivateMissing: false });
    const unitQueries = (from: number) => guardedRequests().slice(from).filter((r) => r.rpc === 'RunQuery').length;
    const first = guardedRequests().length;
    expect(await store.listUnits('kab-a')).toHaveLength(31);
    expect(unitQueries(first)).toBe(1);
    const again = guardedRequests().length;
    expect(await store.listUnits('kab-a')).toHaveLength(31);
    expect(unitQueries(again)).toBe(0);
    // A roster with a new unit: the next call reads the units again and sees it.
    await store.applyRoster('kab-a', { units: unitsFromPaths('kab-a', [['Sekretariat', 'Bagian Baru']]), employees: [], deactivateMissing: false });
    const changed = guardedRequests().length;
    expect((await store.listUnits('kab-a')).map((u) => u.name)).toContain('Bagian Baru');
    expect(unitQueries(changed)).toBe(1);
  });
});

describe.skipIf(officialEmulator)('writes that spread', () => {
  it('launches in random order under a ramp of its own: each launch starts at 500 a second (the shared ramp stopped limiting after two hours)', async () => {
    const ramps: RampLimiter[] = [];
    const store = firestoreStore(`demo-limits-${process.pid}-${projects++}`, { ramp: () => (ramps.push(new RampLimiter()), ramps.at(-1)!) });
    await store.createAgency(agency('kab-a'));
    const base = launchOf('w1');
    const launchOfSize = (waveId: string) => ({
      ...base,
      waveId,
      launchId: `launch-${waveId}`,
      invitations: base.invitations.map((i) => ({ ...i, id: `${waveId}-${i.id}`, waveId })),
      tickets: Array.from({ length: 600 }, (_, n) => ({ id: `t-${String(n).padStart(4, '0')}`, invitationId: `${waveId}-inv-a`, waveId, rateeNip: NIP_A, relationship: 'peer' as const })),
    });
    const before = guardedRequests().length;
    for (const id of ['w1', 'w2']) {
      await store.createWave(draftWave(id, 'kab-a', '2026-05-01T00:00:00.000Z'));
      expect(await store.launchWave(launchOfSize(id))).toBe('launched');
    }
    // One ramp per launch, and only launches took one (creating agencies and waves is not ramped work).
    expect(ramps).toHaveLength(2);
    const first = guardedRequests().slice(before).find((r) => r.rpc === 'Commit' && r.documents === 500)!;
    const tickets = first.paths.filter((p) => p.startsWith('tickets/'));
    // In key order the first commit held the invitations and the first 497 tickets, sorted.
    expect(tickets.length).toBeLessThan(500);
    expect(tickets).not.toEqual([...tickets].sort());
    expect(new Set(first.paths.map((p) => p.split('/')[0]))).toEqual(new Set(['tickets', 'invitations', 'waves']));
  });

  it('imports a roster as a job: its rows in commits within the limits, its progress saved to the end, its file deleted', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    const jobs = inProcessJobs();
    const actor = { uid: 'u1', email: 'koordinator@kab.test', role: 'coordinator' as const, trustee: false, agencies: ['kab-a'] };
    // 1,500 people in 150 units, each a four-level path of long Indonesian names.
    const nipOf = (i: number) => `198503122010${String(1 + Math.floor(i / 999)).padStart(2, '0')}1${String(1 + (i % 999)).padStart(3, '0')}`;
    const unitOf = (i: number) => `Direktorat Jenderal Perbendaharaan > Kantor Wilayah ${i % 15} > Bidang Pelaksanaan Anggaran ${i % 5} > Seksi ${i % 10}`;
    const csv = ['NIP,Nama,Unit Kerja', ...Array.from({ length: 1500 }, (_, i) => `${nipOf(i)},Pegawai ${i},${unitOf(i)}`)].join('\n');
    const before = limitBreaches().length;
    const { job } = await startJob({ store, jobs }, actor, { kind: 'roster.import', agencyId: 'kab-a', waveId: null, input: { roster: { fileKind: 'csv', deactivateMissing: false } } }, new Date(), new TextEncoder().encode(csv));
    await jobs.idle();
    const ended = await store.getJob(job.id);
    const units = (await store.listUnits('kab-a')).length;
    expect(ended, JSON.stringify(ended?.error)).toMatchObject({ status: 'succeeded', result: { created: 1500 }, progress: { done: units + 1500, total: units + 1500 } });
    expect((await store.listEmployees('kab-a')).length).toBe(1500);
    expect(await store.readJobFile(job.id)).toBeNull();
    expect(limitBreaches().slice(before)).toEqual([]);
  });

  it('sizes the day counter’s shards from the wave: a small wave counts its day on one document (every wave had 20)', async () => {
    const store = fresh();
    await store.createAgency(agency('kab-a'));
    await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
    const base = launchOf('w1');
    const tickets = Array.from({ length: 600 }, (_, n) => ({ id: `t-${n}`, invitationId: 'inv-a', waveId: 'w1', rateeNip: NIP_A, relationship: 'peer' as const }));
    expect(await store.launchWave({ ...base, tickets })).toBe('launched');
    const wave = store.db.collection('waves').doc('w1');
    expect((await wave.get()).data()!.dayShards).toBe(dayShardsFor(600));
    for (let n = 0; n < 12; n++) expect(await store.recordResponse('inv-a', `t-${n}`, responseDraft(`r-${n}`), '2026-06-02T02:00:00.000Z')).toBe('recorded');
    const days = await wave.collection('days').get();
    expect(days.docs.map((d) => d.data())).toEqual([{ day: '2026-06-02', responses: 12 }]);
    // The largest ministry (250,000 raters, 6.7 tickets each) takes 47: docs/capacity.md's counters.
    expect([dayShardsFor(600), dayShardsFor(250_000 * 6.7)]).toEqual([1, 47]);
  });
});
