/** Plans and launches a 100,000-person wave on SQLite; prints times and peak memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planWave } from '../src/domain/planner.js';
import { waveSettingsSchema } from '../src/domain/schema.js';
import { openSqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { buildLaunch, planFor } from '../src/server/waves/plan.js';
import { benchDraftWave } from './launched-wave.js';
import { syntheticOrg } from './synthetic-org.js';
import { report, time } from './report.js';

const SIZE = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const { employees, units } = syntheticOrg(SIZE);
const settings = waveSettingsSchema.parse({});

const plan = time(() =>
  planWave({ people: employees.map((e) => ({ nip: e.nip, unitId: e.unitId, supervisorNip: e.supervisorNip })), rateeNips: null, settings, seed: 1 }),
);
report(`plan ${SIZE.toLocaleString('en')} employees`, plan.ms, 2000, `${plan.value.assignments.length.toLocaleString('en')} assignments, ${plan.value.shortfalls.length.toLocaleString('en')} shortfalls`);

const dir = mkdtempSync(join(tmpdir(), 'b360-bench-'));
try {
  const store = openSqliteStore(join(dir, 'bench.db'));
  await store.createAgency({ id: 'bench', name: 'Bench', createdAt: new Date().toISOString() });
  await store.applyRoster('bench', { units, employees, deactivateMissing: false });
  const wave = benchDraftWave('w-bench');
  await store.createWave(wave);
  // What POST /launch does: re-plan from the store, mint codes and hashes, write it all in one transaction.
  const launch = await time(async () => {
    const planned = (await planFor(store, wave))!;
    const built = buildLaunch(wave, planned, new Date(), { ceremonyId: 'bench', jointKey: 'bench' });
    return { built, outcome: await store.launchWave(built) };
  }).promise;
  if (launch.value.outcome !== 'launched') throw new Error(`launch failed: ${launch.value.outcome}`);
  report(
    `launch ${SIZE.toLocaleString('en')} employees on SQLite`,
    launch.ms,
    15_000,
    `${launch.value.built.invitations.length.toLocaleString('en')} invitations, ${launch.value.built.tickets.length.toLocaleString('en')} tickets`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
