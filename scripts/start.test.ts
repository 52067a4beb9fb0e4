import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processRunning } from './auth-emulator.js';

const PORT = 8190;
const AUTH = '127.0.0.1:9490';
const dataDir = mkdtempSync(join(tmpdir(), 'b360-start-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  // SIGTERM first: the start script then stops the emulator it started instead of orphaning it.
  await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => stopStack(c, 'SIGTERM')));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `npm start`'s script as a newcomer would, and resolves once it prints that it is ready. */
function startStack(): Promise<{ child: ChildProcess; output: () => string; seconds: number }> {
  const began = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, FIREBASE_AUTH_EMULATOR_HOST: AUTH, QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((ready, fail) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready in')) ready({ child, output: () => out, seconds: (Date.now() - began) / 1000 });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`start exited with ${code}:\n${out}`)));
  });
}

function stopStack(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
    child.kill(signal);
  });
}

/** An account call to the Auth emulator, as the SPA's sign-in makes it. */
async function accounts(action: 'signUp' | 'signInWithPassword', email: string, password: string): Promise<{ idToken: string }> {
  const res = await fetch(`http://${AUTH}/identitytoolkit.googleapis.com/v1/accounts:${action}?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { idToken: string };
}
const signUp = (email: string, password: string) => accounts('signUp', email, password);
const signIn = async (email: string, password: string) => (await accounts('signInWithPassword', email, password)).idToken;

/** Waits until the accounts kept in the data folder include `email` (they are exported within seconds of a change). */
async function exported(email: string): Promise<void> {
  const file = join(dataDir, 'auth', 'auth_export', 'accounts.json');
  const deadline = Date.now() + 15_000;
  while (!(existsSync(file) && readFileSync(file, 'utf8').includes(email))) {
    if (Date.now() > deadline) throw new Error(`${email} was not exported to ${file} within 15 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function crash(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

const emulatorPid = () => Number(readFileSync(join(dataDir, 'emulator', 'emulator.pid'), 'utf8').split(' ')[0]);


const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${PORT}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

describe('npm start', () => {
  it('seeds once, stops everything on Ctrl-C, and keeps data and accounts across a restart', async () => {
    const first = await startStack();
    expect(first.seconds).toBeLessThan(60);
    expect(first.output()).toContain('demo data seeded');
    expect(first.output()).toContain('koordinator@demo.test');
    expect((await fetch(`http://127.0.0.1:${PORT}/api/health`)).status).toBe(200);

    const coordinator = await signIn('koordinator@demo.test', 'berakhlak-demo');
    const agencies = (await (await api('/api/agencies', coordinator)).json()) as { agencies: { id: string; summary: { activeEmployees: number } }[] };
    expect(agencies.agencies).toEqual([expect.objectContaining({ id: 'kab-contoh', summary: expect.objectContaining({ activeEmployees: 60 }) })]);

    const admin = await signIn('admin@demo.test', 'berakhlak-demo');
    expect((await api('/api/agencies', admin, { method: 'POST', body: JSON.stringify({ id: 'kab-baru', name: 'Kabupaten Baru' }) })).status).toBe(201);
    await signUp('baru@demo.test', 'sandi-baru-1');

    expect(await stopStack(first.child)).toBe(0);
    // Ctrl-C stopped the emulator too: its port is free again.
    await expect(fetch(`http://${AUTH}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${PORT}/api/health`)).rejects.toThrow();

    const second = await startStack();
    expect(second.output()).toContain('existing data kept');
    const adminAgain = await signIn('admin@demo.test', 'berakhlak-demo');
    const all = (await (await api('/api/agencies', adminAgain)).json()) as { agencies: { id: string }[] };
    expect(all.agencies.map((a) => a.id)).toEqual(['kab-baru', 'kab-contoh']);
    const events = (await (await api('/api/agencies/kab-baru/audit-events', adminAgain)).json()) as { events: { action: string }[] };
    expect(events.events.map((e) => e.action)).toEqual(['agency.create']);
    await signIn('baru@demo.test', 'sandi-baru-1');
    expect(await stopStack(second.child)).toBe(0);
  }, 180_000);

  it('keeps accounts through a crash, and the next start stops the emulator a crashed run left', async () => {
    const run = await startStack();
    await signUp('sebelum-crash@demo.test', 'sandi-crash-1');
    await exported('sebelum-crash@demo.test');
    const stalePid = emulatorPid();
    await crash(run.child);
    // kill -9 cannot take the emulator down with it: it is still up, holding the port.
    expect((await fetch(`http://${AUTH}/`)).ok).toBe(true);
    // An account made now lives only in that orphan's memory.
    await signUp('di-emulator-yatim@demo.test', 'sandi-crash-2');

    const next = await startStack();
    expect(next.output()).toContain('crashed');
    expect(processRunning(stalePid)).toBe(false);
    await signIn('sebelum-crash@demo.test', 'sandi-crash-1');
    await signIn('di-emulator-yatim@demo.test', 'sandi-crash-2');

    // A crash of everything (power cut): what was exported before it is still there.
    await signUp('sebelum-padam@demo.test', 'sandi-crash-3');
    await exported('sebelum-padam@demo.test');
    const pid = emulatorPid();
    await crash(next.child);
    process.kill(-pid, 'SIGKILL');
    while (processRunning(pid)) await new Promise((r) => setTimeout(r, 100));

    const last = await startStack();
    expect(last.output()).not.toContain('crashed');
    await signIn('sebelum-padam@demo.test', 'sandi-crash-3');
    await signIn('koordinator@demo.test', 'berakhlak-demo');
    expect(await stopStack(last.child)).toBe(0);
  }, 240_000);
});
