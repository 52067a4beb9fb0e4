import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { firestoreStore, indexUse, officialEmulator as official, useFirestoreEmulator } from '../../test-support/firestore-emulator.js';
import { exemptionProblems, fieldsNamedInQueries, type IndexConfig } from '../../test-support/firestore-indexing.js';
import { concurrentCases, declaredConcurrentCases, describeStoreContract } from '../contract.js';
import { RampLimiter } from './ramp.js';

/**
 * The contract runs against the official emulator, every case, when FIRESTORE_EMULATOR_HOST is
 * set; otherwise against @firestore-emulator/server in memory, which has no real transactions, so
 * the cases that race are skipped and named here.
 */
useFirestoreEmulator(() =>
  console.info(`Firestore contract cases skipped on @firestore-emulator/server (no real transactions): ${concurrentCases.join('; ')}`),
);

let projects = 0;
const storeFor = firestoreStore;

/** The contract expects counts as they are now: no snapshot may be reused. */
const live = { coverage: { countsMaxAgeMs: 0, ratersMaxAgeMs: 0 } };

describeStoreContract(
  official ? 'firestore (official emulator)' : 'firestore (@firestore-emulator/server, sequential cases)',
  async () => {
    // A project per case: every case starts from an empty database.
    const projectId = `demo-contract-${process.pid}-${projects++}`;
    return { store: storeFor(projectId, live), reopen: async () => storeFor(projectId, live) };
  },
  { sequentialOnly: !official },
);

describe('firestore contract coverage', () => {
  it.runIf(!official)(`skips only the cases that need real transactions: ${concurrentCases.join('; ')}`, () => {
    // The list printed as skipped is the list of cases the contract declared (once, for this store).
    expect(declaredConcurrentCases).toEqual([...concurrentCases]);
  });
});

describe('the 500/50/5 ramp', () => {
  it('allows 500 writes a second for 5 minutes, then 50% more every 5 minutes', () => {
    const ramp = new RampLimiter();
    expect(ramp.allowedBy(1000)).toBe(500);
    expect(ramp.allowedBy(300_000)).toBe(150_000);
    expect(ramp.allowedBy(301_000)).toBe(150_750);
    expect(ramp.allowedBy(600_000)).toBe(150_000 + 225_000);
  });

  it('makes a launch wait when it writes faster than the ramp', async () => {
    let now = 0;
    const waits: number[] = [];
    const ramp = new RampLimiter(
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    await ramp.take(500);
    expect(waits).toEqual([]);
    await ramp.take(1500);
    // 2,000 writes: 500 at once, 1,500 more at 500 a second take 3 seconds.
    expect(now).toBe(3000);
  });
});

describe('openStore', () => {
  it('opens the Firestore adapter for STORE=firestore, against the emulator here', async () => {
    const { loadStoreConfig, openStore } = await import('../open.js');
    const config = loadStoreConfig('demo-open-store', { STORE: 'firestore' });
    expect(config).toEqual({ engine: 'firestore', projectId: 'demo-open-store' });
    const store = await openStore(config);
    expect(store.engine).toBe('firestore');
    expect(await store.createAgency({ id: 'kab-a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' })).toBe('created');
    expect((await store.getAgency('kab-a'))?.name).toBe('A');
    // A document that does not have its stored shape is refused, not passed on.
    await (store as import('./firestore-store.js').FirestoreStore).db.collection('agencies').doc('kab-b').set({ id: 'kab-b', createdAt: 5 });
    await expect(store.getAgency('kab-b')).rejects.toThrow(/an agencies document does not have the stored shape: name, createdAt/);
    await store.close();
  });
});

// Last in the file: the whole contract has run, so every query the adapter makes has been seen.
describe('index exemptions (firestore.indexes.json)', () => {
  it.runIf(!official)('exempt every field no query reads and none that one does, within 200 overrides', () => {
    const config = JSON.parse(readFileSync(new URL('../../../../firestore.indexes.json', import.meta.url), 'utf8')) as IndexConfig;
    expect(indexUse().queried.size).toBeGreaterThan(5);
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(new URL(f, dir), 'utf8'));
    const named = fieldsNamedInQueries(sources);
    expect(named).toContain('waveId');
    expect(exemptionProblems(indexUse(), config, named)).toEqual([]);
    // The check bites: exempt a queried field, unexempt an unqueried one, exempt what nothing writes.
    const broken: IndexConfig = {
      ...config,
      fieldOverrides: [
        ...config.fieldOverrides.filter((o) => !(o.collectionGroup === 'employees' && o.fieldPath === 'email')),
        { collectionGroup: 'tickets', fieldPath: 'waveId', indexes: [] },
        { collectionGroup: 'tickets', fieldPath: 'nothing', indexes: [] },
      ],
    };
    expect(exemptionProblems(indexUse(), broken, named)).toEqual([
      'employees.email is indexed but no query reads it',
      'tickets.nothing is exempted but never written',
      'tickets.waveId is exempted but a query names waveId',
      'tickets.waveId is queried but exempted',
    ]);
  });
});
