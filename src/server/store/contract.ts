import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyStore } from './port.js';
import { agency, audit, concurrentCases, loadThrowawayKey, NIP_A, person, unit } from './contract/fixtures.js';
import { rosterCases } from './contract/roster-cases.js';
import { waveCases } from './contract/wave-cases.js';
import { standingCases } from './contract/standing-cases.js';

/**
 * The behaviour every SurveyStore adapter must have. An adapter's test file calls this with a
 * factory; `reopen` (when the engine is durable) closes the store and opens the same data again.
 */
export interface ContractHarness {
  store: SurveyStore;
  reopen?: () => Promise<SurveyStore>;
}

export interface ContractOptions {
  /** The store's backend has no real transactions (the in-memory Firestore emulator): cases that race are skipped. */
  sequentialOnly?: boolean;
}

/** Cases that need real transactions, by name: listed in the test output where they are skipped. */
export { concurrentCases };
/** The cases `describeStoreContract` declared as needing real transactions, skipped or run. */
export const declaredConcurrentCases: string[] = [];

export function describeStoreContract(name: string, open: () => Promise<ContractHarness>, options: ContractOptions = {}): void {
  describe(`SurveyStore contract: ${name}`, () => {
    beforeAll(async () => {
      await loadThrowawayKey();
    });
    const concurrent = (name: (typeof concurrentCases)[number], fn: () => Promise<void>) => {
      declaredConcurrentCases.push(name);
      (options.sequentialOnly ? it.skip : it)(name, fn);
    };
    let harness: ContractHarness | undefined;
    const start = async () => {
      harness = await open();
      return harness.store;
    };
    afterEach(async () => {
      await harness?.store.close();
      harness = undefined;
    });

    rosterCases(start);
    waveCases(start, concurrent);
    standingCases(start);

    it('saves a job and reads it back whole; a second save replaces it; an unknown id is null', async () => {
      const store = await start();
      const actor = { uid: 'u1', email: 'koor@example.test', role: 'coordinator' as const, trustee: false, agencies: ['kab-a'] };
      const job = {
        id: 'job-1', kind: 'wave.launch' as const, agencyId: 'kab-a', waveId: 'w1', status: 'running' as const, progress: { done: 0, total: 0 },
        result: null, error: null, createdAt: '2026-06-01T01:00:00.000Z', updatedAt: '2026-06-01T01:00:00.000Z', input: { planHash: 'h' }, actor,
      };
      await store.saveJob(job);
      expect(await store.getJob('job-1')).toEqual(job);
      const failed = { ...job, status: 'failed' as const, progress: { done: 10, total: 40 }, error: { code: 'internal', message: 'x', messages: { id: 'x', en: 'x' } } };
      await store.saveJob(failed);
      expect(await store.getJob('job-1')).toEqual(failed);
      expect(await store.getJob('job-2')).toBeNull();
    });

    it('keeps a job’s file whole, byte for byte, until it is deleted', async () => {
      const store = await start();
      // 1.3 MB of every byte value: more than one Firestore document holds.
      const bytes = new Uint8Array(1_300_000).map((_, i) => (i * 7919) % 256);
      await store.saveJobFile('job-1', bytes);
      await store.saveJobFile('job-2', new Uint8Array(0));
      expect(await store.readJobFile('job-1')).toEqual(bytes);
      expect(await store.readJobFile('job-2')).toEqual(new Uint8Array(0));
      expect(await store.readJobFile('job-3')).toBeNull();
      // Saved again, the old parts are gone (a shorter file is not padded by an earlier one's tail).
      await store.saveJobFile('job-1', bytes.subarray(0, 10));
      expect(await store.readJobFile('job-1')).toEqual(bytes.subarray(0, 10));
      await store.deleteJobFile('job-1');
      expect(await store.readJobFile('job-1')).toBeNull();
      expect(await store.readJobFile('job-2')).toEqual(new Uint8Array(0));
    });

    it('keeps everything across a close and reopen', async (ctx) => {
      const first = await start();
      if (!harness?.reopen) ctx.skip();
      await first.createAgency(agency('kab-a'));
      const root = unit('kab-a', ['Sekretariat']);
      await first.applyRoster('kab-a', { units: [root], employees: [person('kab-a', NIP_A, 'Ani', root.id)], deactivateMissing: false });
      await first.appendAuditEvent(audit('e1', 'kab-a', '2026-03-01T08:00:00.000Z'));
      await first.close();
      const again = await harness!.reopen!();
      harness = { store: again };
      expect(await again.getAgency('kab-a')).toEqual(agency('kab-a'));
      expect((await again.listEmployees('kab-a')).map((p) => p.nip)).toEqual([NIP_A]);
      expect((await again.listAuditEvents('kab-a')).map((e) => e.id)).toEqual(['e1']);
    });
  });
}
