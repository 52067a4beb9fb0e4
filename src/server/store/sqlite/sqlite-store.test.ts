import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../contract.js';
import { openSqliteStore } from './sqlite-store.js';
import { migrations } from './migrations.js';
import { SEALED_BYTES } from '../../../domain/sealing/elgamal.js';
import { waveSettingsSchema, type Employee } from '../../../domain/schema.js';
import Database from 'better-sqlite3';
import { defaultQuestionnaire } from '../../../domain/questionnaire.js';
import { sealedDraft, throwawayKey } from '../../test-support/sealed.js';
import { scratchDir } from '../../test-support/scratch.js';

const scratch = scratchDir('sqlite');
let n = 0;

describeStoreContract('sqlite', async () => {
  const file = scratch.file();
  return { store: openSqliteStore(file), reopen: async () => openSqliteStore(file) };
});

describe('sqlite adapter specifics', () => {
  beforeAll(() => throwawayKey());

  it('refuses a row that does not have its stored shape instead of passing it on', async () => {
    const store = openSqliteStore(':memory:');
    await store.createAgency({ id: 'kab-a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' });
    const wave = {
      id: 'w1',
      agencyId: 'kab-a',
      name: 'Gelombang',
      questionnaireVersion: defaultQuestionnaire.version,
      status: 'draft' as const,
      scope: { kind: 'all' as const },
      opensAt: null,
      closesAt: '2026-02-01T00:00:00.000Z',
      settings: waveSettingsSchema.parse({}),
      planSeed: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      launchedAt: null,
      closedAt: null,
    };
    await store.createWave(wave);
    expect(await store.getWave('w1')).toEqual(wave);
    store.db.prepare(`UPDATE waves SET settings = '{"anonymityThreshold":"tiga"}' WHERE id = 'w1'`).run();
    await expect(store.getWave('w1')).rejects.toThrow(/a waves row does not have the stored shape: settings\.anonymityThreshold/);
    store.db.prepare(`UPDATE waves SET scope = '{kind' WHERE id = 'w1'`).run();
    await expect(store.getWave('w1')).rejects.toThrow(/a waves row does not have the stored shape: scope/);
    store.db.prepare(`UPDATE agencies SET name = x'00' WHERE id = 'kab-a'`).run();
    await expect(store.getAgency('kab-a')).rejects.toThrow(/an agencies row does not have the stored shape: name/);
    await store.close();
  });

  it('writes only the roster rows that changed: the write lock is every submission\'s wait', async () => {
    const store = openSqliteStore(':memory:');
    await store.createAgency({ id: 'kab-a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' });
    const units = [{ id: 'setda', agencyId: 'kab-a', name: 'Setda', parentId: null, path: ['Setda'] }];
    const people: Employee[] = Array.from({ length: 50 }, (_, i) => ({
      nip: `198503122010011${String(i).padStart(3, '0')}`,
      agencyId: 'kab-a',
      name: `Pegawai ${i}`,
      unitId: 'setda',
      position: 'Staf',
      supervisorNip: null,
      email: null,
      phone: null,
      active: true,
    }));
    const written = async (employees: typeof people, deactivateMissing = false) => {
      const before = store.db.prepare('SELECT total_changes()').pluck().get() as number;
      const outcome = await store.applyRoster('kab-a', { units, employees, deactivateMissing });
      return { outcome, rows: (store.db.prepare('SELECT total_changes()').pluck().get() as number) - before };
    };
    // 50 people, 1 unit and the agency's roster version.
    expect(await written(people)).toEqual({ outcome: { created: 50, updated: 0, deactivated: 0 }, rows: 52 });
    expect(await written(people)).toEqual({ outcome: { created: 0, updated: 50, deactivated: 0 }, rows: 0 });
    const changed = people.map((p, i) => (i === 7 ? { ...p, email: 'baru@kab.test' } : p));
    expect(await written(changed)).toEqual({ outcome: { created: 0, updated: 50, deactivated: 0 }, rows: 2 });
    expect((await store.listEmployees('kab-a')).find((p) => p.nip === people[7]!.nip)?.email).toBe('baru@kab.test');
    // Deactivated, then back in the file: active again.
    expect((await written(changed.slice(1), true)).outcome.deactivated).toBe(1);
    expect(await written(changed)).toEqual({ outcome: { created: 0, updated: 50, deactivated: 0 }, rows: 2 });
    expect((await store.listEmployees('kab-a')).every((p) => p.active)).toBe(true);
    await store.close();
  });

  it('runs in WAL mode with secure_delete on and every migration recorded once', () => {
    const file = scratch.file('pragmas.db');
    const store = openSqliteStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    store.db.close();
    const again = openSqliteStore(file);
    const versions = again.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    again.db.close();
  });

  it('drops the plaintext responses of earlier versions: no answer column and no answer left in the file', async () => {
    const file = scratch.file('plaintext.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('secure_delete = ON');
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((x) => x.version <= 5)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, '2026-01-01T00:00:00.000Z');
    }
    const marker = 'JAWABAN-RAHASIA-PENILAI';
    old
      .prepare(
        `INSERT INTO responses (id, wave_id, agency_id, ratee_nip, ratee_unit_id, relationship, questionnaire_version, answers, submitted_on, codes)
         VALUES ('r1', 'w1', 'kab-a', '198503122010011001', 'u', 'peer', ?, ?, '2026-06-01', '5555')`,
      )
      .run(defaultQuestionnaire.version, JSON.stringify({ 'bp-1': 5, note: marker }));
    old.close();
    const store = openSqliteStore(file);
    const columns = store.db.prepare('SELECT name FROM pragma_table_info(?)').pluck();
    expect(columns.all('responses')).toEqual(['id', 'wave_id', 'agency_id', 'ratee_nip', 'ratee_unit_id', 'relationship', 'questionnaire_version', 'sealed']);
    expect(store.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
    await store.close();
    const bytes = readFileSync(file);
    expect(bytes.includes(marker)).toBe(false);
  });

  it('drops sealed rows of the nine-slot format and keeps those of the current one', async () => {
    const file = scratch.file('nine-slots.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((x) => x.version <= 6)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, '2026-01-01T00:00:00.000Z');
    }
    for (const [wave, bytes] of [['w-old', 576], ['w-new', SEALED_BYTES]] as const) {
      old.prepare("INSERT INTO responses VALUES (?, ?, 'kab-a', 'n1', 'u', 'peer', 'q', ?)").run(`r-${wave}`, wave, Buffer.alloc(bytes, 1));
      old.prepare("INSERT INTO tallies VALUES (?, 'n1', 'peer', 'u', 1, ?)").run(wave, Buffer.alloc(bytes, 1));
      old.prepare("INSERT INTO decryption_shares VALUES (?, 'counts', 'n1', 'peer', 1, '{}')").run(wave);
    }
    old.close();
    const store = openSqliteStore(file);
    for (const table of ['responses', 'tallies', 'decryption_shares']) {
      expect(store.db.prepare(`SELECT wave_id FROM ${table}`).pluck().all()).toEqual(['w-new']);
    }
    await store.close();
  });

  it('refuses to change or remove an audit event', async () => {
    const store = openSqliteStore(':memory:');
    await store.appendAuditEvent({
      id: 'e1',
      agencyId: 'kab-a',
      waveId: null,
      actor: { uid: 'u', email: null },
      action: 'wave.create',
      at: '2026-01-01T00:00:00.000Z',
      details: {},
    });
    expect(() => store.db.prepare("UPDATE audit_events SET action = 'wave.close'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    await store.close();
  });

  /** One open wave with `count` tickets of one invitation. */
  async function openWave(file: string, count: number) {
    const store = openSqliteStore(file);
    await store.createAgency({ id: 'kab-a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' });
    await store.createWave({
      id: 'w1', agencyId: 'kab-a', name: 'W', questionnaireVersion: 'berakhlak-2021.1', status: 'draft', scope: { kind: 'all' },
      opensAt: null, closesAt: '2026-12-31T00:00:00.000Z', settings: waveSettingsSchema.parse({}), planSeed: 1,
      createdAt: '2026-01-01T00:00:00.000Z', launchedAt: null, closedAt: null,
    });
    const tickets = Array.from({ length: count }, (_, i) => ({ id: `t${i + 1}`, invitationId: 'inv', waveId: 'w1', rateeNip: '198503122010011001', relationship: 'peer' as const }));
    await store.launchWave({
      waveId: 'w1', launchId: 'launch-1', launchedAt: '2026-06-01T00:00:00.000Z', opensAt: '2026-06-01T00:00:00.000Z',
      invitations: [{ id: 'inv', waveId: 'w1', agencyId: 'kab-a', raterNip: '199001012015022002', codeHash: 'h' }],
      tickets, links: [], seal: { ceremonyId: 'c', jointKey: 'k' },
    });
    return store;
  }

  it.each([
    ['on this thread (in memory)', () => ':memory:'],
    ['on the writer thread (a file)', () => scratch.file(`batch-${n++}.db`)],
  ])('keeps one failing submission from undoing the others committed with it, %s', async (_, file) => {
    const store = await openWave(file(), 3);
    const draft = sealedDraft;
    const now = '2026-06-02T00:00:00.000Z';
    // The second submission reuses the first one's response id: a constraint error of its own.
    const batch = Promise.allSettled([
      store.recordResponse('inv', 't1', draft('same'), now),
      store.recordResponse('inv', 't2', draft('same'), now),
      store.recordResponse('inv', 't3', draft('other'), now),
    ]);
    // Nothing is written until the batch is committed together.
    expect(await store.sealedResponses('w1')).toEqual([]);
    const outcomes = await batch;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.sealedResponses('w1')).map((r) => r.id).sort()).toEqual(['other', 'same']);
    expect((await store.listTicketsOfInvitation('inv')).map((t) => t.id)).toEqual(['t2']);
    await store.close();
  });

  it('finishes the submissions in flight before it closes, and they are all in the file', async () => {
    const file = scratch.file(`close-${n++}.db`);
    const store = await openWave(file, 20);
    const draft = sealedDraft;
    const submitted = Array.from({ length: 20 }, (_, i) => store.recordResponse('inv', `t${i + 1}`, draft(`r${i}`), '2026-06-02T00:00:00.000Z'));
    await store.close();
    expect(await Promise.all(submitted)).toEqual(Array(20).fill('recorded'));
    const again = openSqliteStore(file);
    expect(await again.sealedResponses('w1')).toHaveLength(20);
    expect(await again.listTicketsOfInvitation('inv')).toEqual([]);
    await again.close();
  });

  it('records every submission while the journal is being truncated beside the writer thread', async () => {
    const file = scratch.file(`truncate-${n++}.db`);
    const store = await openWave(file, 600);
    await store.close();
    // The journal is folded back and emptied every millisecond while 600 submissions arrive.
    const busy = openSqliteStore(file, { journalTruncateMs: 1 });
    const draft = sealedDraft;
    // Submissions keep arriving, a few every millisecond, so batches are in flight while it truncates.
    const submitted = Array.from({ length: 600 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, Math.floor(i / 3))).then(() =>
        busy.recordResponse('inv', `t${i + 1}`, draft(`r${i}`), '2026-06-02T00:00:00.000Z').catch((error: Error) => error.message),
      ),
    );
    const outcomes = await Promise.all(submitted);
    expect(outcomes.filter((o) => o !== 'recorded')).toEqual([]);
    expect(await busy.sealedResponses('w1')).toHaveLength(600);
    // Once submissions stop, the next tick empties the journal while the writer's connection stays open.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(`${file}-wal`).size).toBe(0);
    await busy.close();
  }, 30_000);

  it('lets a script that submits and closes its store exit normally, with the response on disk', async () => {
    const file = scratch.file(`script-${n++}.db`);
    await (await openWave(file, 1)).close();
    const script = scratch.file(`submit-${n++}.mts`);
    writeFileSync(
      script,
      `import { openSqliteStore } from ${JSON.stringify(join(process.cwd(), 'src/server/store/sqlite/sqlite-store.ts'))};
       const store = openSqliteStore(${JSON.stringify(file)});
       console.log(await store.recordResponse('inv', 't1', { id: 'r1', questionnaireVersion: 'berakhlak-2021.1', sealed: new Uint8Array(${JSON.stringify([...sealedDraft('r1').sealed])}), day: '2026-06-02' }, '2026-06-02T00:00:00.000Z'));
       await store.close();
       console.log('closed');`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: run.status, stdout: run.stdout.trim().split('\n') }, run.stderr).toEqual({ status: 0, stdout: ['recorded', 'closed'] });
    const again = openSqliteStore(file);
    expect((await again.sealedResponses('w1')).map((r) => r.id)).toEqual(['r1']);
    await again.close();
  }, 40_000);
});
