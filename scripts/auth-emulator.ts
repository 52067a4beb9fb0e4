import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface AuthEmulator {
  host: string;
  stop(): Promise<void>;
}

const firebaseBin = join(createRequire(import.meta.url).resolve('firebase-tools/package.json'), '..', 'lib', 'bin', 'firebase.js');

/** Where a running emulator of this work folder is recorded, so a crashed `npm start` can find it. */
const pidFileOf = (workDir: string) => join(workDir, 'emulator.pid');
/** How often the accounts are checked for changes and, when changed, exported. */
const persistEveryMs = 2_000;

function commandLineOf(pid: number): string | null {
  try {
    if (existsSync(`/proc/${pid}/cmdline`)) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

/** Whether `pid` still runs: a zombie (exited, not yet reaped by its new parent) does not. */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state follows the command name in parentheses: "1234 (node) Z ...".
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * An emulator left running by a `npm start` that was killed (kill -9, a closed terminal) still
 * holds its port and the newest accounts. It is stale when the recorded process still runs our
 * config file and the run that started it is gone (a live `npm start` on the same folder keeps its
 * emulator); it is stopped with the signal that makes it export, so nothing it holds is lost.
 * Anything else on the port is not ours to stop, and the caller refuses.
 */
async function stopStaleEmulator(workDir: string, configFile: string): Promise<boolean> {
  const pidFile = pidFileOf(workDir);
  if (!existsSync(pidFile)) return false;
  const [pid = NaN, parent = NaN] = readFileSync(pidFile, 'utf8').trim().split(/\s+/).map(Number);
  if (!Number.isInteger(pid) || pid <= 0 || !processRunning(pid)) return false;
  if (Number.isInteger(parent) && parent > 0 && processRunning(parent)) return false;
  const command = commandLineOf(pid);
  if (!command?.includes('emulators:start') || !command.includes(configFile)) return false;
  console.log(`Auth emulator dari jalannya yang terhenti (pid ${pid}) dihentikan / stopping the Auth emulator left by a run that crashed (pid ${pid})`);
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // Gone between the check and the signal: nothing left to stop.
    }
  };
  signal('SIGINT');
  const deadline = Date.now() + 60_000;
  while (processRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (processRunning(pid)) signal('SIGKILL');
  while (processRunning(pid)) await new Promise((r) => setTimeout(r, 100));
  rmSync(pidFile, { force: true });
  return true;
}

const portTaken = (host: string, port: number) =>
  fetch(`http://${host}:${port}/`).then(
    () => true,
    () => false,
  );

/**
 * Starts firebase-tools' Auth emulator (pure Node, offline) for a demo project. With `persistDir`
 * the accounts are imported on start, exported within seconds of every change (so a crash keeps
 * them) and exported again on stop.
 */
export async function startAuthEmulator(options: {
  projectId: string;
  host: string;
  port: number;
  workDir: string;
  persistDir?: string;
  quiet?: boolean;
}): Promise<AuthEmulator> {
  if (!options.projectId.startsWith('demo-')) throw new Error('The local Auth emulator only runs for demo- project ids');
  mkdirSync(options.workDir, { recursive: true });
  const configFile = join(options.workDir, 'firebase.emulators.json');
  if (await portTaken(options.host, options.port)) {
    const stopped = await stopStaleEmulator(options.workDir, configFile);
    if (!stopped || (await portTaken(options.host, options.port)))
      throw new Error(`Port ${options.port} on ${options.host} is already in use: is another emulator or npm start running?`);
  }
  // Its own ports for the hub and logging, so a test run can sit beside a running `npm start`.
  writeFileSync(
    configFile,
    JSON.stringify({
      emulators: {
        auth: { host: options.host, port: options.port },
        hub: { host: options.host, port: options.port + 1 },
        logging: { host: options.host, port: options.port + 2 },
        ui: { enabled: false },
        singleProjectMode: true,
      },
    }),
  );
  const args = [firebaseBin, 'emulators:start', '--only', 'auth', '--project', options.projectId, '--config', configFile];
  if (options.persistDir) {
    if (existsSync(join(options.persistDir, 'firebase-export-metadata.json'))) args.push('--import', options.persistDir);
    args.push('--export-on-exit', options.persistDir);
  }
  const logFile = join(options.workDir, 'emulator.log');
  const logFd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.workDir,
    detached: true,
    // Its output goes to a file, not a pipe: an emulator left running by a killed `npm start` would
    // die of a broken pipe at its next log line (its export on stop among them), losing accounts.
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', CI: process.env.CI ?? '' },
  });
  closeSync(logFd);
  const output = () => readFileSync(logFile, 'utf8');
  if (!options.quiet) console.log(`[auth-emulator] log: ${logFile}`);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // The emulator and the run that started it: the emulator is stale only once that run is gone.
  if (child.pid) writeFileSync(pidFileOf(options.workDir), `${child.pid} ${process.pid}`);
  const stopOnExit = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', stopOnExit);

  const host = `${options.host}:${options.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Auth emulator exited with code ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      stopOnExit();
      throw new Error(`Auth emulator did not start within 90 s:\n${output()}`);
    }
    const up = await fetch(`http://${host}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const persist = options.persistDir ? persistAccounts(options.projectId, host, `${options.host}:${options.port + 1}`, options.persistDir) : null;
  return {
    host,
    async stop() {
      await persist?.stop();
      rmSync(pidFileOf(options.workDir), { force: true });
      if (child.exitCode !== null || !child.pid) return;
      process.kill(-child.pid, 'SIGINT');
      // Exporting the accounts happens on this signal; only a hung emulator is killed.
      const timer = setTimeout(() => {
        console.error('Auth emulator did not stop within 60 s; killing it (accounts created this run may be lost)');
        stopOnExit();
      }, 60_000);
      await exited;
      clearTimeout(timer);
      process.off('exit', stopOnExit);
    },
  };
}

/**
 * Exports the accounts through the emulator hub whenever they change. The hub writes the export to
 * a temporary folder and swaps it in, so a crash mid-export leaves the previous one.
 */
function persistAccounts(projectId: string, authHost: string, hubHost: string, persistDir: string): { stop(): Promise<void> } {
  let last: string | null = null;
  let running: Promise<void> | null = null;
  const check = async () => {
    const res = await fetch(`http://${authHost}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:query`, {
      signal: AbortSignal.timeout(10_000),
      method: 'POST',
      headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
      body: JSON.stringify({ returnUserInfo: true }),
    });
    if (!res.ok) return;
    const digest = createHash('sha256').update(await res.text()).digest('hex');
    if (digest === last) return;
    const exported = await fetch(`http://${hubHost}/_admin/export`, {
      signal: AbortSignal.timeout(30_000),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: persistDir, initiatedBy: 'berakhlak-start', targets: ['auth'] }),
    });
    if (exported.ok) last = digest;
  };
  const timer = setInterval(() => {
    // One check at a time, each bounded in time; a failed one is tried again at a later tick.
    if (running) return;
    running = check()
      .catch(() => undefined)
      .finally(() => (running = null));
  }, persistEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
