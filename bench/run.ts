/**
 * npm run bench: every benchmark in its own process (so peak memory is its own), one after the
 * other, printing figures and exiting. Not part of npm test.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const benches = ['bench/plan-launch.ts', 'bench/roster-import.ts', 'bench/roster-under-load.ts', 'bench/coverage.ts', 'bench/scoring.ts', 'bench/sealing.ts', 'bench/respondent-bundle.ts', 'bench/lighthouse.ts', 'bench/submit-load.ts', 'bench/firestore-ministry.ts'];

console.log(`BerAKHLAK 360 benchmarks — ${new Date().toISOString()}`);
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`);
let failed = false;
for (const bench of benches) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', bench], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
