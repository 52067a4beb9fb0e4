import { describe, expect, it } from 'vitest';
import { StoreError } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { importRoster } from './roster-imports.js';
import { scratchDir } from '../test-support/scratch.js';

const scratch = scratchDir('roster-imports');

const nip = (i: number) => `198503122010011${String(i).padStart(3, '0')}`;
const file = (rows: string[]) => new TextEncoder().encode(['NIP,Nama,Unit Kerja,NIP Atasan', ...rows].join('\n'));
const first = file([`${nip(1)},Sari,Setda,`, `${nip(2)},Budi,Setda > Bagian Umum,${nip(1)}`]);
const second = file([`${nip(1)},Sari,Setda,`, `${nip(3)},Citra,Setda > Bagian Umun,${nip(1)}`]);

async function storeOf(where: 'file' | 'memory') {
  const store = openSqliteStore(where === 'file' ? scratch.file() : ':memory:');
  await store.createAgency({ id: 'kab-a', name: 'Kabupaten A', createdAt: '2026-01-01T00:00:00.000Z' });
  return store;
}

describe('importRoster', () => {
  it('on a store file, checks and writes on the upload thread; the store sees the new units at once', async () => {
    const store = await storeOf('file');
    expect(await store.listUnits('kab-a')).toEqual([]); // now cached
    const run = await importRoster(store, { agencyId: 'kab-a', bytes: first, kind: 'csv', dryRun: false, deactivateMissing: false });
    expect(run).toMatchObject({ check: { ok: true, employees: [], report: { rows: 2, created: 2, newUnitsTotal: 2 } }, outcome: { created: 2, updated: 0 } });
    expect((await store.listUnits('kab-a')).map((u) => u.id)).toEqual(['setda', 'setda.bagian-umum']);
    expect((await store.listEmployees('kab-a')).map((e) => e.name)).toEqual(['Budi', 'Sari']);
    await store.close();
  });

  it('answers the same figures through the port as on the upload thread, and a dry run changes nothing', async () => {
    const [onFile, inMemory] = await Promise.all([storeOf('file'), storeOf('memory')]);
    const runs = [];
    for (const store of [onFile, inMemory]) {
      await importRoster(store, { agencyId: 'kab-a', bytes: first, kind: 'csv', dryRun: false, deactivateMissing: false });
      const dry = await importRoster(store, { agencyId: 'kab-a', bytes: second, kind: 'csv', dryRun: true, deactivateMissing: true });
      expect(dry.outcome).toBeNull();
      expect((await store.listEmployees('kab-a')).filter((e) => e.active)).toHaveLength(2);
      runs.push(dry.check);
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toMatchObject({
      ok: true,
      report: { created: 1, updated: 1, deactivated: 1, lookAlikes: [{ path: ['Setda', 'Bagian Umun'], like: ['Setda', 'Bagian Umum'], reason: 'spelling' }] },
    });
    await Promise.all([onFile.close(), inMemory.close()]);
  });

  it('writes nothing for a refused file, and names an agency that is gone', async () => {
    const store = await storeOf('file');
    const refused = await importRoster(store, { agencyId: 'kab-a', bytes: file(['123,Sari,Setda,']), kind: 'csv', dryRun: false, deactivateMissing: false });
    expect(refused).toMatchObject({ check: { ok: false, rowsTotal: 1 }, outcome: null });
    expect(await store.listEmployees('kab-a')).toEqual([]);
    await expect(importRoster(store, { agencyId: 'kab-gone', bytes: first, kind: 'csv', dryRun: false, deactivateMissing: false })).rejects.toBeInstanceOf(StoreError);
    await store.close();
  });
});
