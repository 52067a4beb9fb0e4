/**
 * The deployable build under firebase-tools' Auth, Functions and Hosting emulators, exercised
 * only through the Hosting emulator's URL, as a browser would reach the deployed site.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire } from '../src/domain/questionnaire.js';
import { grant } from '../src/server/cli/grant.js';
import { startEmulators, type RunningEmulators } from './emulators.js';
import { downloadAllLinks } from '../src/server/test-support/links.js';
import { launchThroughApi } from '../src/server/test-support/jobs.js';

// Ports 5440-5446, apart from every other test, `npm start` (8080/9099), Playwright (4173/9399)
// and `npm run emulators` (5000-5006); its own demo project, so its hub never meets another's.
const BASE_PORT = Number(process.env.TEST_EMULATORS_PORT ?? 5440);
const PROJECT = 'demo-berakhlak-smoke';
const buildDir = mkdtempSync(join(tmpdir(), 'b360-emulators-build-'));
const spaDir = join(buildDir, 'public');
let emulators: RunningEmulators | undefined;
let startSeconds = 0;

beforeAll(async () => {
  const began = Date.now();
  // The SPA is built into a folder of its own, so dist/ (which other runs serve) is never touched.
  emulators = await startEmulators({
    projectId: PROJECT,
    basePort: BASE_PORT,
    spaDir,
    buildSpa: true,
    functionsDir: join(buildDir, 'functions'),
    seed: true,
    quiet: true,
    timeoutMs: 120_000, // gives up (and cleans up) before the hook's own limit
  });
  startSeconds = (Date.now() - began) / 1000;
}, 150_000);

afterAll(async () => {
  await emulators?.stop();
  rmSync(buildDir, { recursive: true, force: true });
}, 30_000);

const site = (path: string, init?: RequestInit) => fetch(`${emulators!.hostingUrl}${path}`, init);

async function authCall(path: string, body: object): Promise<{ idToken: string; localId: string }> {
  const res = await fetch(`http://${emulators!.authHost}/identitytoolkit.googleapis.com/v1/${path}?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { idToken: string; localId: string };
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

describe('Firebase Hosting + Cloud Function under the emulators', () => {
  it('starts within two minutes', () => {
    console.log(`emulators up (SPA build, functions build, auth + functions + hosting, first call) in ${startSeconds.toFixed(1)} s`);
    expect(startSeconds).toBeLessThan(120);
  });

  it('rewrites /api/** to the function, which answers from the SQLite store', async () => {
    const res = await site('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', store: 'sqlite', storeReachedAt: expect.any(String), time: expect.any(String) });

    const config = (await (await site('/api/config')).json()) as { firebase: { projectId: string }; authEmulatorUrl: string };
    expect(config).toEqual({ firebase: expect.objectContaining({ projectId: PROJECT }), authEmulatorUrl: `http://${emulators!.authHost}` });
    const missing = await site('/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('serves the SPA with the security headers, hashed assets for a year, and /r as respond.html', async () => {
    const home = await site('/');
    expect(home.status).toBe(200);
    // Pages revalidate on every visit, so a redeploy reaches phones at once; hashed assets stay a year.
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    for (const [key, value] of Object.entries(securityHeaders)) expect(home.headers.get(key), key).toBe(value);
    const html = await home.text();
    expect(html).toBe(readFileSync(join(spaDir, 'index.html'), 'utf8'));

    const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const script = await site(asset!);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');

    const respond = await site('/r');
    expect(respond.status).toBe(200);
    expect(respond.headers.get('cache-control')).toBe('no-cache');
    expect(await respond.text()).toBe(readFileSync(join(spaDir, 'respond.html'), 'utf8'));
    for (const [key, value] of Object.entries(securityHeaders)) expect(respond.headers.get(key), key).toBe(value);

    // A client-side route falls through to the SPA.
    const deep = await site('/gelombang/abc/cakupan');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect(await deep.text()).toBe(html);
  });

  it('lets staff in with Auth emulator tokens and keeps everyone else out', async () => {
    const email = `smoke-${Date.now()}@test.example`;
    const password = 'smoke-password-1';
    const signUp = await authCall('accounts:signUp', { email, password, returnSecureToken: true });

    expect((await site('/api/agencies')).status).toBe(401);
    expect((await site('/api/me', { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    const noRole = await site('/api/me', { headers: { authorization: `Bearer ${signUp.idToken}` } });
    expect(noRole.status).toBe(403);
    expect(((await noRole.json()) as { error: { code: string } }).error.code).toBe('no_role');

    // The repo's own `npm run grant`, against this Auth emulator.
    await grant([email, 'admin'], { FIREBASE_PROJECT_ID: PROJECT, FIREBASE_AUTH_EMULATOR_HOST: emulators!.authHost });
    const { idToken } = await authCall('accounts:signInWithPassword', { email, password, returnSecureToken: true });
    const headers = { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' };

    const me = await site('/api/me', { headers });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ uid: signUp.localId, email, role: 'admin', trustee: false, agencies: [] });

    // The demo agency was seeded into the same SQLite file the function opened.
    const agencies = await site('/api/agencies', { headers });
    expect(agencies.status).toBe(200);
    expect(((await agencies.json()) as { agencies: { id: string }[] }).agencies.map((a) => a.id)).toEqual(['kab-contoh']);

    // A JSON body travels through Hosting into the function (Cloud Functions' rawBody).
    const created = await site('/api/agencies', { method: 'POST', headers, body: JSON.stringify({ id: 'kab-asap', name: 'Kabupaten Asap' }) });
    expect(created.status).toBe(201);
    const again = (await (await site('/api/agencies', { headers })).json()) as { agencies: { id: string }[] };
    expect(again.agencies.map((a) => a.id).sort()).toEqual(['kab-asap', 'kab-contoh']);
    const bad = await site('/api/agencies', { method: 'POST', headers, body: '{"id": ' });
    expect(bad.status).toBe(400);

    // A seeded coordinator sees their agency only.
    const coordinator = await authCall('accounts:signInWithPassword', { email: 'koordinator@demo.test', password: 'berakhlak-demo', returnSecureToken: true });
    const own = await site('/api/agencies', { headers: { authorization: `Bearer ${coordinator.idToken}` } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { agencies: { id: string }[] }).agencies.map((a) => a.id)).toEqual(['kab-contoh']);
  });

  it('takes a respondent’s answers through Hosting into the function’s store, once', async () => {
    const coordinator = await authCall('accounts:signInWithPassword', { email: 'koordinator@demo.test', password: 'berakhlak-demo', returnSecureToken: true });
    const headers = { authorization: `Bearer ${coordinator.idToken}`, 'content-type': 'application/json' };
    const call = async <T>(path: string, body: unknown): Promise<T> => {
      const res = await site(path, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
      return (await res.json()) as T;
    };
    const wave = await call<{ id: string }>('/api/agencies/kab-contoh/waves', { name: 'Smoke', closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const { planHash } = await call<{ planHash: string }>(`/api/waves/${wave.id}/plan`, undefined);
    // The launch runs as a job on the task-queue function (runJob), through the Cloud Tasks emulator.
    const launched = await launchThroughApi((method, path, payload) => site(path, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) }), wave.id, planHash);
    expect(launched.wave.status).toBe('open');
    const { links } = await downloadAllLinks((method, path) => site(path, { method, headers }), wave.id);

    const respond = (path: string, body: unknown) => site(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const code = links[0]!.code;
    const opened = (await (await respond('/api/respond/open', { code })).json()) as { tickets: { id: string }[] };
    const answers = Object.fromEntries(defaultQuestionnaire.items.map((item) => [item.behaviourId, 4]));
    const submission = { code, ticketId: opened.tickets[0]!.id, questionnaireVersion: defaultQuestionnaire.version, answers };
    const first = await respond('/api/respond/submit', submission);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'recorded' });
    // A retry after a lost reply: the ticket is gone, the answer already recorded.
    expect(await (await respond('/api/respond/submit', submission)).json()).toEqual({ status: 'already_recorded' });
    const left = (await (await respond('/api/respond/open', { code })).json()) as { tickets: { id: string }[] };
    expect(left.tickets).toHaveLength(opened.tickets.length - 1);
  });
});
