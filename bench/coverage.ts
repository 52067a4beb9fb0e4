/**
 * Coverage and the integrity check of a 100,000-employee wave on SQLite, with 40% of tickets
 * answered through the store's submission path (setup, not measured).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLedger } from '../src/domain/integrity.js';
import { coverageOf } from '../src/server/coverage/service.js';
import { openSqliteStore, type SqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { launchedWave } from './launched-wave.js';
import { sealedDraft } from '../src/server/test-support/sealed.js';
import { report, time } from './report.js';

const SIZE = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'b360-coverage-'));
try {
  const store = openSqliteStore(join(dir, 'bench.db'), { journalTruncateMs: 0 });
  const now = new Date();
  // Setup in its own function, so the 600,000 ticket objects it holds are garbage before measuring.
  const wave = await answeredWave(store, now);
  const launchedWaveRow = (await store.getWave(wave.id))!;

  const runs: number[] = [];
  let coverage!: Awaited<ReturnType<typeof coverageOf>>;
  for (let i = 0; i < 5; i++) {
    const run = await time(() => coverageOf(store, launchedWaveRow, now, { limit: 1000 }).then((c) => JSON.stringify(c).length)).promise;
    runs.push(run.ms);
    if (i === 0) coverage = await coverageOf(store, launchedWaveRow, now, { limit: 1000 });
  }
  runs.sort((a, b) => a - b);
  report(
    `coverage of a ${SIZE.toLocaleString('en')}-employee wave (median of 5)`,
    runs[2]!,
    300,
    `slowest ${runs[4]!.toFixed(0)} ms; ${coverage.raters.invited.toLocaleString('en')} raters, ${coverage.tickets.issued.toLocaleString('en')} tickets, ${coverage.tickets.used.toLocaleString('en')} used, ${coverage.units.length.toLocaleString('en')} units, JSON incl.`,
  );
  const verify = await time(async () => checkLedger(await store.ledgerFacts(wave.id), wave.id, now.toISOString())).promise;
  report(`verifyWave ${SIZE.toLocaleString('en')}-employee wave`, verify.ms, null, `ok: ${verify.value.ok}, ${verify.value.totals.groups.toLocaleString('en')} ratee groups`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Launches the wave and answers 40% of its tickets through the store's submission path. */
async function answeredWave(store: SqliteStore, now: Date) {
  const { wave, tickets } = await launchedWave(store, SIZE, now);
  const answered = tickets.filter((_, i) => i % 5 < 2);
  // Through the store's own submission path, 5,000 at a time (each batch is one group commit).
  for (let i = 0; i < answered.length; i += 5000) {
    await Promise.all(
      answered.slice(i, i + 5000).map((t, j) =>
        store.recordResponse(
          t.invitationId,
          t.ticketId,
          sealedDraft(randomBytes(16).toString('base64url'), `2026-06-0${1 + ((i + j) % 5)}`),
          now.toISOString(),
        ),
      ),
    );
  }
  return wave;
}
