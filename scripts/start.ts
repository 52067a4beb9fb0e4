/**
 * `npm start`: the whole local stack in one process tree: the SPA build, the Firebase Auth
 * emulator (demo project, accounts kept in the data folder), and the API + SPA on one port with
 * the embedded SQLite store. Demo data is seeded on the first run only. Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/server/config.js';
import { firebaseAuthFor } from '../src/server/firebase.js';
import { startNodeServer } from '../src/server/node.js';
import { demoAccountsText, demoKeyPassphrase, ensureDemoAccounts, seedDemoData } from '../src/server/seed/demo.js';
import { stopOnSignals } from './stop-on-signals.js';
import { startAuthEmulator } from './auth-emulator.js';

const viteBin = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');

function vite(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn', ...args], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`vite build ${args.join(' ')} failed with code ${code}`))));
  });
}

/** The staff SPA, then the respondent page (its own build, into the same folder). */
async function buildSpa(): Promise<void> {
  await vite([]);
  await vite(['-c', 'vite.respondent.config.ts']);
}

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const skipBuild = process.argv.includes('--no-build');
  console.log('Memulai BerAKHLAK 360 / starting the local stack…');

  const [, emulator] = await Promise.all([
    skipBuild ? Promise.resolve() : buildSpa(),
    config.authEmulatorHost
      ? (() => {
          const [host, port] = config.authEmulatorHost.split(':') as [string, string];
          return startAuthEmulator({
            projectId: config.projectId,
            host,
            port: Number(port),
            workDir: join(config.dataDir, 'emulator'),
            persistDir: join(config.dataDir, 'auth'),
            quiet: !process.env.VERBOSE,
          });
        })()
      : Promise.resolve(null),
  ]);

  const server = await startNodeServer(config, { log: process.env.QUIET ? undefined : (l) => console.log(l) });
  const keyDir = join(config.dataDir, 'wali-kunci');
  const seeded = await seedDemoData(server.store, { keyDir });
  if (emulator) await ensureDemoAccounts(firebaseAuthFor(config.projectId, config.authEmulatorHost));

  console.log(`
  BerAKHLAK 360 siap / ready in ${((Date.now() - started) / 1000).toFixed(1)} s
  ➜ ${server.url}
  Data: ${config.dataDir} (${seeded === 'seeded' ? 'demo data baru dibuat / demo data seeded' : 'data lama dipakai / existing data kept'})
${demoAccountsText()}
  Berkas kunci wali kunci / trustees' key files: ${keyDir} (frasa sandi / passphrase: ${demoKeyPassphrase})
  Ctrl-C untuk berhenti / to stop.
`);

  stopOnSignals(async () => {
    await server.close();
    await emulator?.stop();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
