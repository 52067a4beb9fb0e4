/**
 * Coverage and the integrity check of a 100,000-employee wave on SQLite, with 40% of tickets
 * answered. The answers are written in bulk by SQL (setup only, not what is measured).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLedger } from '../src/domain/integrity.js';
import { coverageOf } from '../src/server/routes/coverage.js';
import { openSqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { launchedWave } from './launched-wave.js';
import { report, time } from './report.js';

const SIZE = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'b360-coverage-'));
try {
  const store = openSqliteStore(join(dir, 'bench.db'), { journalTruncateMs: 0 });
  const now = new Date();
  const { wave, tickets } = await launchedWave(store, SIZE, now);
  const answered = tickets.filter((_, i) => i % 5 < 2);
  store.db.transaction(() => {
    const find = store.db.prepare('SELECT ratee_nip, relationship FROM tickets WHERE invitation_id = ? AND id = ?');
    const drop = store.db.prepare('DELETE FROM tickets WHERE invitation_id = ? AND id = ?');
    const insert = store.db.prepare(
      `INSERT INTO responses (id, wave_id, agency_id, ratee_nip, ratee_unit_id, relationship, questionnaire_version, answers, submitted_on)
       VALUES (?, ?, 'bench', ?, '', ?, 'berakhlak-2021.1', '{}', ?)`,
    );
    answered.forEach((t, i) => {
      const row = find.get(t.invitationId, t.ticketId) as { ratee_nip: string; relationship: string };
      drop.run(t.invitationId, t.ticketId);
      insert.run(randomBytes(16).toString('base64url'), wave.id, row.ratee_nip, row.relationship, `2026-06-0${1 + (i % 5)}`);
    });
  })();
  const launchedWaveRow = (await store.getWave(wave.id))!;

  const runs: number[] = [];
  let coverage!: Awaited<ReturnType<typeof coverageOf>>;
  for (let i = 0; i < 5; i++) {
    const run = await time(() => coverageOf(store, launchedWaveRow, now, { limit: 5000 }).then((c) => JSON.stringify(c).length)).promise;
    runs.push(run.ms);
    if (i === 0) coverage = await coverageOf(store, launchedWaveRow, now, { limit: 5000 });
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
