/**
 * submitResponse over HTTP with 50 concurrent clients against the embedded store, and, in the
 * same run, raw SQLite consume-and-insert transactions per second for comparison. The server runs
 * in its own process with `npm start`'s Node flags; the first 2,000 submissions warm it up.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { postLoad, startServer } from './load-server.js';
import { defaultQuestionnaire, type Answer } from '../src/domain/questionnaire.js';
import { openSqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { launchedWave } from './launched-wave.js';
import { sealedDraft, throwawayKey } from '../src/server/test-support/sealed.js';
import { peakMb } from './report.js';

const answers = Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, ((i % 5) + 1) as Answer]));
const dir = mkdtempSync(join(tmpdir(), 'b360-load-'));

/** openInvitation for every rater once (each code one request), 50 clients; the first 500 warm up. */
async function measureOpen(url: string, tickets: readonly { code: string }[], label: string) {
  const codes = [...new Set(tickets.map((t) => t.code))].slice(0, 20_000);
  let next = 0;
  const load = (amount: number) => postLoad(url, '/api/respond/open', amount, () => JSON.stringify({ code: codes[next++ % codes.length]! }));
  await load(500);
  const result = await load(codes.length - 500);
  console.log(
    `${label.padEnd(44)} ${(result.requests.total / result.duration).toFixed(0).padStart(7)} /s  p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms  ${result['2xx']}/${result.requests.total} 2xx`,
  );
}

const RATERS = Number(process.env.BENCH_RATERS ?? 3000);
const { url, tickets, stop } = await startServer(dir, RATERS, 'small');
try {
  await measureOpen(url, tickets, `openInvitation, 50 clients, ${RATERS.toLocaleString('en')} raters`);
  // Bodies are built before the clock starts: the load generator shares the 2 cores with the server.
  const bodies = tickets.map((t) => JSON.stringify({ code: t.code, ticketId: t.ticketId, questionnaireVersion: defaultQuestionnaire.version, answers }));
  let next = 0;
  let lastResponse = 0;
  const load = (amount: number) => postLoad(url, '/api/respond/submit', amount, () => bodies[next++]!, () => void (lastResponse = performance.now()));
  // Warm-up, not measured: the first requests compile the server's code paths (JIT, zod schemas).
  const WARM_UP = 2000;
  await load(WARM_UP);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await load(bodies.length - WARM_UP);
  // Until the last response: autocannon itself only notices the end on its next whole-second tick.
  const seconds = (lastResponse - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const ok = result['2xx'];
  // Only answers recorded count: a run of refusals is fast and worthless.
  const rate = ok / seconds;
  console.log(
    `${'submitResponse over HTTP, 50 clients'.padEnd(44)} ${rate.toFixed(0).padStart(7)} /s  (goal with sealing ≥ 300/s: ${rate >= 300 && ok === result.requests.total ? 'met' : 'MISSED'})  p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (goal ≤ 150 ms: ${result.latency.p99 <= 150 && ok === result.requests.total ? 'met' : 'MISSED'})  ${ok}/${result.requests.total} 2xx, ${result.errors} errors; load generator used ${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)}% of a core`,
  );

  // The ceiling of this machine and HTTP stack: the cheapest API route under the same load.
  const health = await autocannon({ url: `${url}/api/health`, connections: 50, duration: 8 });
  console.log(
    `${'GET /api/health, 50 clients (ceiling)'.padEnd(44)} ${(health.requests.total / health.duration).toFixed(0).padStart(7)} /s  p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms  (the same server, routing, headers and one SQLite read)`,
  );

  // Raw SQLite: the same consume-and-insert transaction, called directly, one after another.
  // Inline: the transaction itself, without the thread hop the server makes.
  const store = openSqliteStore(join(dir, 'raw.db'), { submissions: 'inline' });
  const raw = await launchedWave(store, RATERS);
  await throwawayKey();
  const drafts = new Map(raw.tickets.map((t) => [t.ticketId, sealedDraft(randomBytes(16).toString('base64url'), '2026-06-01', answers)]));
  const rawStarted = performance.now();
  for (const t of raw.tickets) {
    // Sealed before the clock, as the route does before it calls the store: this is the store alone.
    await store.recordResponse(t.invitationId, t.ticketId, drafts.get(t.ticketId)!, new Date().toISOString());
  }
  const rawRate = raw.tickets.length / ((performance.now() - rawStarted) / 1000);
  await store.close();
  console.log(`${'raw SQLite consume-and-insert (same run)'.padEnd(44)} ${rawRate.toFixed(0).padStart(7)} tx/s  HTTP reaches ${((rate / rawRate) * 100).toFixed(0)}% of it  peak RSS ${peakMb()} MB (load generator)`);
} finally {
  await stop();
}
try {
  // The same page in an agency of 100,000: it must cost what it costs in a small one.
  const large = await startServer(dir, 100_000, 'large');
  try {
    await measureOpen(large.url, large.tickets, 'openInvitation, 50 clients, 100,000 raters');
  } finally {
    await large.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
