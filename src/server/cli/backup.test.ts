import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityReport } from '../../domain/integrity.js';
import { jsonHeaders, makeApi } from '../test-support/api.js';
import { signInStaff } from '../test-support/staff.js';
import { launchedDemoWave } from '../test-support/wave.js';
import { backup } from './backup.js';
import { scratchDir } from '../test-support/scratch.js';
import { jobOutcome } from '../test-support/jobs.js';

const scratch = scratchDir('backup');
let coordinator: string;
beforeAll(async () => {
  coordinator = (await signInStaff({ role: 'coordinator', agencies: ['kab-contoh'] })).token;
});

describe('npm run backup', () => {
  it('copies the store while submissions are being written, and the restored copy passes the integrity check', async () => {
    const w = await launchedDemoWave(scratch.file('survey.db'), coordinator);
    // Submissions in flight while the copy is taken.
    const inFlight = Promise.all(
      w.links.slice(0, 12).map(async (link, i) => {
        for (const t of (await w.open(link.code)).tickets) expect((await w.submit(link.code, t.id, (i % 5) + 1)).status).toBe(200);
      }),
    );
    const lines: string[] = [];
    const file = scratch.file('cadangan.db');
    const said = await backup([file], { DATA_DIR: scratch.dir }, (l) => lines.push(l));
    await inFlight;
    expect(said).toMatch(/cadangan\.db/);
    expect(lines.at(-1)).toMatch(/^100% /);

    // Restored: the copy opened as a store of its own, checked through the API.
    const restored = makeApi({ file });
    const call = (method: string, path: string) => restored.app.request(path, { method, headers: jsonHeaders(coordinator) });
    const job = await jobOutcome(call, await call('POST', `/api/waves/${w.wave.id}/verify`));
    const report = job.result as IntegrityReport;
    expect(report.ok, JSON.stringify(report.mismatches.slice(0, 3))).toBe(true);
    expect(report.totals.issued).toBe(report.totals.remaining + report.totals.responses);
    expect(report.totals.responses).toBeGreaterThanOrEqual(0);
    await restored.store.close();
  });

  it('refuses a missing argument, an existing file and a data folder without a store, writing nothing', async () => {
    await expect(backup([], { DATA_DIR: scratch.dir })).rejects.toThrow(/usage/);
    await expect(backup([scratch.file('survey.db')], { DATA_DIR: scratch.dir })).rejects.toThrow(/exists/);
    const empty = mkdtempSync(join(tmpdir(), 'b360-empty-'));
    await expect(backup([join(empty, 'x.db')], { DATA_DIR: empty })).rejects.toThrow(/No database/);
    expect(existsSync(join(empty, 'x.db'))).toBe(false);
    rmSync(empty, { recursive: true, force: true });
  });
});
