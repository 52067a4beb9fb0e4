import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { draftWave } from '../store/contract/fixtures.js';
import type { StoredJob, SurveyStore } from '../store/port.js';
import { inProcessJobs } from './runner.js';
import { executeJob, startJob } from './service.js';

const actor = { uid: 'u1', email: 'koor@example.test', role: 'coordinator' as const, trustee: false, agencies: ['kab-a'] };
const at = new Date('2026-06-01T01:00:00.000Z');
let store: SurveyStore;
afterEach(async () => store?.close());

describe('jobs', () => {
  it('records a refusal of the work as the job’s error, in both languages, and leaves an ended job alone', async () => {
    store = openSqliteStore(':memory:');
    const jobs = inProcessJobs();
    const { job } = await startJob({ store, jobs }, actor, { kind: 'wave.launch', agencyId: 'kab-a', waveId: 'no-such-wave', input: { planHash: 'h' } }, at);
    expect(job).toMatchObject({ status: 'running', progress: { done: 0, total: 0 }, result: null, error: null });
    await jobs.idle();
    const failed = (await store.getJob(job.id))!;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'wave_not_found', messages: { id: 'Gelombang survei tidak ditemukan.', en: 'Survey wave not found.' } } });
    // A task delivered again finds the job ended and does nothing (its updatedAt stays).
    await executeJob({ store, now: () => new Date('2026-06-02T00:00:00.000Z') }, job.id);
    expect(await store.getJob(job.id)).toEqual(failed);
  });

  it('records anything else as internal, with nothing of the error in the job', async () => {
    const sqlite = openSqliteStore(':memory:');
    store = sqlite;
    await store.createAgency({ id: 'kab-a', name: 'A', createdAt: at.toISOString() });
    await store.createWave(draftWave('w1', 'kab-a', at.toISOString()));
    // A wave row that does not have its stored shape: reading it throws, naming the row's columns.
    sqlite.db.prepare("UPDATE waves SET settings = 'not json' WHERE id = 'w1'").run();
    const job: StoredJob = {
      id: 'j1', kind: 'wave.launch', agencyId: 'kab-a', waveId: 'w1', status: 'running', progress: { done: 0, total: 0 }, result: null, error: null,
      createdAt: at.toISOString(), updatedAt: at.toISOString(), input: { planHash: 'h' }, actor,
    };
    await store.saveJob(job);
    await expect(store.getWave('w1')).rejects.toThrow(/stored shape: settings/);
    await executeJob({ store }, 'j1');
    const ended = (await store.getJob('j1'))!;
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(JSON.stringify(ended)).not.toContain('stored shape');
  });
});
