/**
 * Sealed answers, end to end, on a closed wave of BENCH_EMPLOYEES (default 10,000) people:
 *  1. sealing one submission (what submitResponse adds per request);
 *  2. one trustee's decryption shares, both phases, in headless Chromium (the trustee's browser),
 *     on the same package the API serves, with the same code the Web Worker runs;
 *  3. the server: checking two trustees' shares, combining them and scoring every employee.
 * The wave is written straight into SQLite: every group's responses are real sealed rows, and its
 * tally their real sum.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { defaultQuestionnaire, type Answer, type Relationship } from '../src/domain/questionnaire.js';
import { waveSettingsSchema, type Wave } from '../src/domain/schema.js';
import { scoreGroups } from '../src/domain/scoring.js';
import { paramsOf } from '../src/domain/sealing/ceremony-state.js';
import { addSealed, seal, slotCount, slotPlaintexts, SmallLogs, sumSealed } from '../src/domain/sealing/elgamal.js';
import { decodeBytes, decodePoint, encode, sealingReady } from '../src/domain/sealing/group.js';
import { trusteeShares, type GroupToOpen } from '../src/domain/sealing/opening.js';
import type { GroupShares, Phase } from '../src/domain/sealing/schema.js';
import { trusteeKey } from '../src/domain/sealing/trustee-session.js';
import { answerCodes } from '../src/domain/tally.js';
import { OpeningService } from '../src/server/sealing/opening-service.js';
import { ceremonyInMemory } from '../src/server/test-support/ceremony.js';
import { WorkerShareChecks } from '../src/server/sealing/share-checks.js';
import { openSqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { report } from './report.js';
import { syntheticOrg } from './synthetic-org.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
await sealingReady();

// A ceremony of three trustees, held here as their three browsers would.
const { ceremony, seats } = ceremonyInMemory('bench-kunci', 'bench');
const params = paramsOf(ceremony);
const K = decodePoint(ceremony.jointKey!);

// 1. Sealing one submission.
const answers = (seed: number): Record<string, Answer> =>
  Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, (seed + i) % 17 === 0 ? 'na' : (((seed * 7 + i) % 5) + 1) as Answer]));
const pool: Uint8Array[] = [];
const SEALS = 2000;
const started = performance.now();
for (let i = 0; i < SEALS; i++) pool.push(seal(K, slotPlaintexts(defaultQuestionnaire, answerCodes(defaultQuestionnaire, answers(i)))));
const sealMs = (performance.now() - started) / SEALS;
console.log(`${`seal one submission (${slotCount} slots)`.padEnd(44)} ${sealMs.toFixed(2).padStart(7)} ms  one core, ${SEALS} submissions; the HTTP thread's cost per submitResponse`);

// The closed wave: self, superior, four peers for everyone, four subordinates for one in five.
const dir = mkdtempSync(join(tmpdir(), 'b360-sealing-'));
const store = openSqliteStore(join(dir, 'bench.db'), { journalTruncateMs: 0 });
// As the server runs it (node.ts): shares checked and combined on worker threads, one per core.
const checks = new WorkerShareChecks();
try {
  const { employees, units } = syntheticOrg(EMPLOYEES);
  await store.createAgency({ id: 'bench', name: 'Bench', createdAt: new Date().toISOString() });
  await store.applyRoster('bench', { units, employees, deactivateMissing: false });
  const settings = waveSettingsSchema.parse({});
  const wave: Wave = {
    id: 'bench',
    agencyId: 'bench',
    name: 'Bench',
    questionnaireVersion: defaultQuestionnaire.version,
    status: 'closed',
    scope: { kind: 'all' },
    opensAt: null,
    closesAt: new Date().toISOString(),
    settings,
    planSeed: 1,
    createdAt: new Date().toISOString(),
    launchedAt: new Date().toISOString(),
    closedAt: new Date().toISOString(),
  };
  await store.createWave(wave);
  await store.createCeremony(ceremony);
  const db = store.db;
  db.prepare('INSERT INTO wave_seals VALUES (?, ?, ?)').run('bench', ceremony.id, ceremony.jointKey);
  // Every response its own row, as the trustee's browser insists (a row shown twice is refused):
  // a pooled row plus a sealing of zero, so the plaintexts are the pool's and every α is new.
  const zeros: Uint8Array[] = [];
  const rowOf = (n: number) => {
    const z = Math.floor(n / pool.length);
    while (zeros.length <= z) zeros.push(seal(K, new Array<number>(slotCount).fill(0)));
    return addSealed(pool[n % pool.length]!, zeros[z]!);
  };
  const insertResponse = db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertTally = db.prepare('INSERT INTO tallies VALUES (?, ?, ?, ?, ?, ?)');
  let responses = 0;
  let groups = 0;
  db.transaction(() => {
    employees.forEach((e, i) => {
      const plan: [Relationship, number][] = [['self', 1], ['superior', e.supervisorNip ? 1 : 0], ['peer', 4], ['subordinate', i % 5 === 0 ? 4 : 0]];
      for (const [rel, n] of plan) {
        if (n === 0) continue;
        groups++;
        const rows = Array.from({ length: n }, (_, j) => rowOf(responses + j));
        rows.forEach((row, j) => insertResponse.run(`${e.nip}-${rel}-${j}`, 'bench', 'bench', e.nip, e.unitId, rel, defaultQuestionnaire.version, Buffer.from(row)));
        insertTally.run('bench', e.nip, rel, e.unitId, n, Buffer.from(sumSealed(rows)));
        responses += n;
      }
    });
  })();
  console.log(`closed wave: ${EMPLOYEES.toLocaleString('en')} employees, ${groups.toLocaleString('en')} groups, ${responses.toLocaleString('en')} sealed responses`);

  const service = new OpeningService(store, checks);
  const all = async (phase: Phase) => {
    const out: GroupToOpen[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page = await service.package(wave, phase, offset, 500);
      out.push(...page.groups.map((g) => ({ ...g, responses: g.responses.map((r) => decodeBytes(r)) })));
      offset = page.next;
    }
    return out;
  };
  const rules = { params, waveId: 'bench', k: settings.anonymityThreshold, questionnaire: defaultQuestionnaire };
  const keyOf = (i: number) => trusteeKey(ceremony, { index: i, secret: seats[i - 1]!.secret });

  // 3a. Trustee 2's shares (made here: the server's side is what is measured) and trustee 1's counts.
  let serverMs = 0;
  let lastChunkMs = 0;
  const accept = async (phase: Phase, index: number, shares: GroupShares[]) => {
    const t0 = performance.now();
    for (let i = 0; i < shares.length; i += 100) {
      const c0 = performance.now();
      await service.accept(wave, phase, index, shares.slice(i, i + 100));
      lastChunkMs = performance.now() - c0;
    }
    serverMs += performance.now() - t0;
  };
  const countsPackage = await all('counts');
  const logs = new SmallLogs();
  const countsOf2 = trusteeShares(rules, 'counts', keyOf(2), countsPackage, logs);
  await accept('counts', 2, countsOf2);

  // 2. Trustee 1 in Chromium: the counts package, then (after trustee 2's counts) the sums package.
  const bundleDir = join(dir, 'bundle');
  await build({
    logLevel: 'silent',
    configFile: false,
    build: { outDir: bundleDir, lib: { entry: 'bench/browser-trustee.ts', formats: ['es'], fileName: 'trustee' }, minify: true },
  });
  const key1 = keyOf(1);
  const payload = (phase: Phase, groups: GroupToOpen[]) =>
    JSON.stringify({
      rules: { params, waveId: 'bench', k: rules.k },
      phase,
      key: { index: 1, share: encode(key1.share), verificationKeys: [...key1.verificationKeys].map(([i, v]) => [i, encode(v)]) },
      groups: groups.map((g) => ({ ...g, responses: g.responses.map((r) => encode(r)) })),
    });
  writeFileSync(join(bundleDir, 'counts.json'), payload('counts', countsPackage));
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : req.url!.slice(1);
    if (name === 'index.html') {
      res.setHeader('content-type', 'text/html');
      return res.end('<!doctype html><script type="module" src="/trustee.js"></script>');
    }
    try {
      res.setHeader('content-type', name.endsWith('.js') ? 'text/javascript' : 'application/json');
      res.end(readFileSync(join(bundleDir, name)));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  const inBrowser = async (file: string) =>
    page.evaluate(async (f) => (window as unknown as { runTrustee: (f: string) => Promise<{ ms: number; shares: GroupShares[] }> }).runTrustee(f), file);
  const counts1 = await inBrowser('/counts.json');
  await accept('counts', 1, counts1.shares);
  const sumsPackage = await all('sums');
  writeFileSync(join(bundleDir, 'sums.json'), payload('sums', sumsPackage));
  const sums1 = await inBrowser('/sums.json');
  await browser.close();
  server.close();
  const trusteeMs = counts1.ms + sums1.ms;
  report(
    `one trustee's shares in Chromium, ${EMPLOYEES.toLocaleString('en')} employees`,
    trusteeMs,
    EMPLOYEES <= 10_000 ? 300_000 : null,
    `counts ${(counts1.ms / 1000).toFixed(1)} s + sums ${(sums1.ms / 1000).toFixed(1)} s, ${(counts1.shares.length + sums1.shares.length).toLocaleString('en')} share sets (stretch ≤ 60 s)`,
  );

  // 3b. The server: trustee 2's sums, then combining and scoring.
  const sumsOf2 = trusteeShares(rules, 'sums', keyOf(2), sumsPackage, logs);
  await accept('sums', 1, sums1.shares);
  await accept('sums', 2, sumsOf2);
  const t0 = performance.now();
  const tallies = (await service.tallies(wave))!;
  const scores = scoreGroups(tallies, { k: settings.anonymityThreshold, weights: settings.groupWeights, questionnaire: defaultQuestionnaire });
  const scoreMs = performance.now() - t0;
  serverMs += scoreMs;
  report(
    `server: check, combine and score ${EMPLOYEES.toLocaleString('en')} employees`,
    serverMs,
    EMPLOYEES >= 100_000 ? 60_000 : null,
    `all four uploads' checks and combinations plus scoring, on ${checks.threads} share-check threads; ${scores.size.toLocaleString('en')} ratees scored`,
  );
  report(
    `server: results after the last upload`,
    lastChunkMs + scoreMs,
    null,
    `its last chunk of 100 groups checked and combined (${lastChunkMs.toFixed(0)} ms), then every tally read and scored (${scoreMs.toFixed(0)} ms): groups are combined as each quorum completes`,
  );
} finally {
  await checks.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
