/**
 * `npm run emulators`: the deployable build (the SPA in dist/, the function in functions-dist/)
 * under firebase-tools' Auth, Functions and Hosting emulators, with firebase.json's own hosting
 * rewrites and headers: what `firebase deploy` would publish, offline, for project demo-berakhlak.
 * The Firestore emulator needs Java, so the function runs with STORE=sqlite in a throwaway folder.
 *
 * Options: --no-build (serve dist/ as it is; the function is always rebuilt, in about a second),
 * --no-seed (no demo agency and accounts). EMULATORS_PORT (default 5000) is the first of seven
 * ports: hosting, functions, auth, hub, logging, eventarc, tasks. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firebaseAuthFor } from '../src/server/firebase.js';
import { demoAccountsText, ensureDemoAccounts, seedDemoData } from '../src/server/seed/demo.js';
import { stopOnSignals } from './stop-on-signals.js';
import { openStore } from '../src/server/store/open.js';
import { buildFunctions } from './build-functions.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const firebaseBin = join(require.resolve('firebase-tools/package.json'), '..', 'lib', 'bin', 'firebase.js');
const viteBin = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');

export interface EmulatorsOptions {
  projectId?: string;
  host?: string;
  /** First of seven consecutive ports (hosting, functions, auth, hub, logging, eventarc, tasks). */
  basePort?: number;
  /** The built SPA; built there first when `buildSpa`. Default: dist/. */
  spaDir?: string;
  buildSpa?: boolean;
  /** Where the function is built. Default: functions-dist/. */
  functionsDir?: string;
  /** Seed the demo agency and accounts (as `npm start` does). */
  seed?: boolean;
  quiet?: boolean;
  /** How long start-up (builds included) may take before giving up and stopping what it started. */
  timeoutMs?: number;
}

export interface RunningEmulators {
  projectId: string;
  /** Firebase Hosting's emulator: the SPA, and /api/** rewritten to the function. */
  hostingUrl: string;
  functionsUrl: string;
  /** host:port of the Auth emulator. */
  authHost: string;
  /** The function's SQLite folder (removed on stop). */
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

function run(command: string, args: string[], quiet: boolean): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit' });
    let errors = '';
    child.stderr?.on('data', (b: Buffer) => (errors += b.toString()));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} failed with code ${code}\n${errors}`))));
  });
}

/** The staff SPA, then the respondent page, into one folder (as `npm run build`, elsewhere if asked). */
export async function buildSpa(outDir: string, quiet = true): Promise<void> {
  await run(process.execPath, [viteBin, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], quiet);
  await run(process.execPath, [viteBin, 'build', '-c', 'vite.respondent.config.ts', '--logLevel', 'warn', '--outDir', outDir], quiet);
}

const portTaken = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

export async function startEmulators(options: EmulatorsOptions = {}): Promise<RunningEmulators> {
  const projectId = options.projectId ?? 'demo-berakhlak';
  if (!projectId.startsWith('demo-')) throw new Error('The emulators only run for demo- project ids, which can never reach a real project');
  const host = options.host ?? '127.0.0.1';
  const base = options.basePort ?? 5000;
  const [hostingPort, functionsPort, authPort, hubPort, loggingPort, eventarcPort, tasksPort] = [0, 1, 2, 3, 4, 5, 6].map((i) => base + i) as [
    number, number, number, number, number, number, number,
  ];
  for (const port of [hostingPort, functionsPort, authPort, hubPort]) {
    if (await portTaken(`http://${host}:${port}/`)) throw new Error(`Port ${port} on ${host} is in use: are the emulators already running?`);
  }
  const quiet = options.quiet ?? false;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  const spaDir = resolve(root, options.spaDir ?? 'dist');
  const functionsDir = resolve(root, options.functionsDir ?? 'functions-dist');
  // The region the hosting rewrite names must be the function's; the .env the build writes carries it.
  await Promise.all([
    options.buildSpa ? buildSpa(spaDir, quiet) : Promise.resolve(),
    buildFunctions({ outDir: functionsDir, env: { API_REGION: process.env.API_REGION } }),
  ]);
  try {
    readFileSync(join(spaDir, 'index.html'));
  } catch {
    throw new Error(`No SPA build in ${spaDir}: run npm run build (or drop --no-build)`);
  }

  // firebase.json's hosting and functions sections as they are, pointed at the two builds. The
  // CLI resolves both folders inside the config's folder, hence the links.
  const workDir = mkdtempSync(join(tmpdir(), 'b360-emulators-'));
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir);
  symlinkSync(spaDir, join(workDir, 'public'), 'dir');
  symlinkSync(functionsDir, join(workDir, 'functions'), 'dir');
  const project = JSON.parse(readFileSync(join(root, 'firebase.json'), 'utf8')) as {
    hosting: Record<string, unknown>;
    functions: Record<string, unknown>;
  };
  // Deploy hooks (the builds) are not the emulators' business: the builds above already ran.
  const hosting = { ...project.hosting, predeploy: undefined };
  const functions = { ...project.functions, predeploy: undefined };
  const at = (port: number) => ({ host, port });
  writeFileSync(
    join(workDir, 'firebase.json'),
    JSON.stringify(
      {
        hosting: { ...hosting, public: 'public' },
        functions: { ...functions, source: 'functions' },
        emulators: {
          hosting: at(hostingPort),
          functions: at(functionsPort),
          auth: at(authPort),
          hub: at(hubPort),
          logging: at(loggingPort),
          eventarc: at(eventarcPort),
          tasks: at(tasksPort),
          ui: { enabled: false },
          singleProjectMode: true,
        },
      },
      null,
      2,
    ),
  );

  // Only the function's settings and what the CLI needs to stay offline; nothing from a parent
  // process (a test's emulator host, a real project id, NODE_OPTIONS) leaks into the function.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(FIREBASE_|GCLOUD_|GOOGLE_|GCP_|NODE_OPTIONS$|VITEST|STORE$|DATA_DIR$|WEB_)/.test(key)) delete env[key];
  }
  Object.assign(env, {
    NO_UPDATE_NOTIFIER: '1',
    FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true',
    // Discovery through a manifest file, not a server on a random port in 8000-8999.
    FIREBASE_FUNCTIONS_DISCOVERY_OUTPUT_PATH: 'true',
    // The CLI asks npm for the newest firebase-functions; offline, npm answers at once.
    npm_config_offline: 'true',
    METADATA_SERVER_DETECTION: 'none',
    STORE: 'sqlite',
    DATA_DIR: dataDir,
  });
  const child: ChildProcess = spawn(
    process.execPath,
    [firebaseBin, 'emulators:start', '--only', 'auth,functions,hosting', '--project', projectId, '--config', join(workDir, 'firebase.json')],
    { cwd: workDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (!quiet) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '[emulators] '));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', kill);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(kill, 20_000);
      await exited;
      clearTimeout(timer);
    }
    // The function's workers are in the CLI's process group; take down any it left behind.
    kill();
    process.off('exit', kill);
    rmSync(workDir, { recursive: true, force: true });
  };

  const hostingUrl = `http://${host}:${hostingPort}`;
  const authHost = `${host}:${authPort}`;
  try {
    // Up when the function answers through Hosting's rewrite (which also warms a worker).
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The emulators exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) throw new Error(`The emulators did not start within ${timeoutMs / 1000} s`);
      if (/All emulators ready/.test(output)) {
        const wait = Math.max(1000, Math.min(20_000, deadline - Date.now()));
        const res = await fetch(`${hostingUrl}/api/health`, { signal: AbortSignal.timeout(wait) }).catch(() => null);
        if (res?.ok) break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (options.seed) {
      // The same SQLite file the function opens (WAL mode: both processes may use it at once).
      const store = await openStore({ engine: 'sqlite', file: join(dataDir, 'survey.db') });
      try {
        await seedDemoData(store, { keyDir: join(dataDir, 'wali-kunci') });
      } finally {
        await store.close();
      }
      await ensureDemoAccounts(firebaseAuthFor(projectId, authHost));
    }
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output}`);
  }
  return {
    projectId,
    hostingUrl,
    functionsUrl: `http://${host}:${functionsPort}/${projectId}`,
    authHost,
    dataDir,
    output: () => output,
    stop,
  };
}

async function main() {
  const started = Date.now();
  const emulators = await startEmulators({
    basePort: Number(process.env.EMULATORS_PORT ?? 5000),
    buildSpa: !process.argv.includes('--no-build'),
    seed: !process.argv.includes('--no-seed'),
    quiet: !process.env.VERBOSE,
  });
  const seeded = !process.argv.includes('--no-seed');
  console.log(`
  Emulator Firebase siap / Firebase emulators ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${emulators.projectId})
  ➜ Hosting (SPA + /api → function api): ${emulators.hostingUrl}
    Auth emulator: http://${emulators.authHost}
    SQLite (throwaway): ${emulators.dataDir}
${seeded ? `${demoAccountsText()}\n` : ''}  Ctrl-C untuk berhenti / to stop.
`);
  stopOnSignals(() => emulators.stop());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
