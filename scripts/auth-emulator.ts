import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface AuthEmulator {
  host: string;
  stop(): Promise<void>;
}

const firebaseBin = join(createRequire(import.meta.url).resolve('firebase-tools/package.json'), '..', 'lib', 'bin', 'firebase.js');

/**
 * Starts firebase-tools' Auth emulator (pure Node, offline) for a demo project. With `persistDir`
 * the accounts are imported on start and exported on stop, so restarts keep them.
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
  const taken = await fetch(`http://${options.host}:${options.port}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`Port ${options.port} on ${options.host} is already in use: is another emulator or npm start running?`);
  mkdirSync(options.workDir, { recursive: true });
  const configFile = join(options.workDir, 'firebase.emulators.json');
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
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.workDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', CI: process.env.CI ?? '' },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (!options.quiet) process.stdout.write(chunk.toString().replace(/^/gm, '[auth-emulator] '));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stopOnExit = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', stopOnExit);

  const host = `${options.host}:${options.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Auth emulator exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      stopOnExit();
      throw new Error(`Auth emulator did not start within 90 s:\n${output}`);
    }
    const up = await fetch(`http://${host}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    host,
    async stop() {
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
