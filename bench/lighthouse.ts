/**
 * Lighthouse on the respondent page (`/r#CODE` with a real, open invitation), mobile form factor
 * with Lighthouse's default simulated throttling (slow 4G, 4× CPU slowdown), performance and
 * accessibility. The page is built fresh from the current source into a temporary folder and
 * served by the real server (submit-server.ts) in a child process; Chromium is Debian's.
 * CHROME_PATH (or CHROMIUM_PATH, as in playwright.config.ts) picks another browser;
 * LIGHTHOUSE_REPORT=file.json keeps the full report.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { serverNodeFlags } from '../scripts/server-flags.js';

const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const dir = mkdtempSync(join(tmpdir(), 'b360-lighthouse-'));
const distDir = join(dir, 'dist');
const vite = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');
execFileSync(process.execPath, [vite, 'build', '-c', 'vite.respondent.config.ts', '--logLevel', 'error', '--outDir', distDir, '--emptyOutDir'], {
  stdio: 'inherit',
});
// The server only serves a built SPA from a folder with an index.html; this bench never asks for it.
copyFileSync(join(distDir, 'respond.html'), join(distDir, 'index.html'));

const port = 8900 + Math.floor(Math.random() * 200);
const child = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'bench/submit-server.ts', join(dir, 'tickets.json')], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:1',
    BENCH_DIST_DIR: distDir,
    BENCH_RATERS: '60',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let chrome: LaunchedChrome | undefined;
try {
  const url: string = await new Promise((ready, fail) => {
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\S+)/.exec(b.toString());
      if (m) ready(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  const [ticket] = JSON.parse(readFileSync(join(dir, 'tickets.json'), 'utf8')) as { code: string }[];
  // No config: Lighthouse's default is the mobile form factor with simulated throttling. The
  // performance score varies by a few points between runs (TBT follows the host's load), so, as
  // Lighthouse advises, the run with the median score of five counts (LIGHTHOUSE_RUNS to change).
  const runs: Result[] = [];
  for (let i = 0; i < Number(process.env.LIGHTHOUSE_RUNS ?? 5); i++) {
    // A fresh browser profile each run, so no run sees what the page stored on the last one.
    chrome = await launch({ chromePath, chromeFlags });
    const result = await lighthouse(`${url}/r#${ticket!.code}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
    if (!result) throw new Error('Lighthouse returned no result');
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    runs.push(result.lhr);
    await chrome.kill();
    chrome = undefined;
  }
  runs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
  const lhr = runs[Math.floor(runs.length / 2)]!;
  if (process.env.LIGHTHOUSE_REPORT) writeFileSync(process.env.LIGHTHOUSE_REPORT, JSON.stringify(lhr));
  for (const w of lhr.runWarnings) console.warn(`  warning: ${w}`);

  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const perf = score('performance');
  const a11y = score('accessibility');
  const ms = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const seconds = (id: string) => `${(ms(id) / 1000).toFixed(1)} s`;
  const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN;
  console.log(
    `${'Lighthouse respondent page (mobile)'.padEnd(44)} perf ${String(perf).padStart(3)}  (goal ≥ 95: ${perf >= 95 ? 'met' : 'MISSED'})  a11y ${a11y} (goal 100: ${a11y === 100 ? 'met' : 'MISSED'})  FCP ${seconds('first-contentful-paint')}, LCP ${seconds('largest-contentful-paint')}, TBT ${ms('total-blocking-time').toFixed(0)} ms, CLS ${+cls.toFixed(3)}  (median of ${runs.length}: ${runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100)).join(', ')})`,
  );
  // What to fix: every failing accessibility audit, and the performance metrics that cost points.
  for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
    const audit = lhr.audits[ref.id];
    if (ref.weight === 0 || !audit || audit.score === null || audit.score >= 1) continue;
    console.log(`  a11y failing: ${audit.id} — ${audit.title}`);
    const items = audit.details && 'items' in audit.details ? (audit.details.items as { node?: { selector?: string; snippet?: string } }[]) : [];
    for (const item of items.slice(0, 5)) if (item.node) console.log(`      ${item.node.selector ?? ''}  ${item.node.snippet ?? ''}`);
  }
  if (perf < 95) {
    for (const ref of lhr.categories.performance?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9) console.log(`  perf: ${audit.title} ${audit.displayValue ?? ''} (score ${Math.round(audit.score * 100)})`);
    }
  }
} finally {
  await chrome?.kill();
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
}
