import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { defaultQuestionnaire } from '../src/domain/questionnaire.js';
import { sealingReady } from '../src/domain/sealing/group.js';
import { openKeyFile } from '../src/domain/sealing/key-file.js';
import type { Ceremony } from '../src/domain/sealing/schema.js';
import { demoKeyFileName, demoKeyPassphrase } from '../src/server/seed/demo.js';
import { trusteeOpensPhase } from '../src/domain/sealing/trustee-session.js';
import { downloadAllLinks } from '../src/server/test-support/links.js';
import { launchThroughApi } from '../src/server/test-support/jobs.js';

export const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;
const AUTH = `127.0.0.1:${process.env.E2E_AUTH_PORT ?? 9399}`;

/** Signs a seeded account in against the stack's Auth emulator, as the SPA does. */
export async function staffToken(email: string): Promise<string> {
  const res = await fetch(`http://${AUTH}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'berakhlak-demo', returnSecureToken: true }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { idToken: string }).idToken;
}

export async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates, launches and downloads the links of a wave of the demo agency through the API. */
export async function launchWave(name: string, settings: Record<string, unknown> = {}) {
  const token = await staffToken('koordinator@demo.test');
  const wave = await api<{ id: string }>(token, 'POST', '/api/agencies/kab-contoh/waves', {
    name,
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    settings,
  });
  const preview = await api<{ planHash: string }>(token, 'POST', `/api/waves/${wave.id}/plan`);
  await launchJob(token, wave.id, preview.planHash);
  const { links } = await takeLinks(token, wave.id);
  return { token, waveId: wave.id, links };
}

/** Launches a wave through the API and waits for its launch job to end. */
export const launchJob = (token: string, waveId: string, planHash: string) =>
  launchThroughApi(
    (method, path, payload) =>
      fetch(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: payload === undefined ? undefined : JSON.stringify(payload) }),
    waveId,
    planHash,
  );

/** Every link of a wave, page by page, then confirmed, as the wave page does. */
export const takeLinks = (token: string, waveId: string) =>
  downloadAllLinks((method, path) => fetch(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${token}` } }), waveId);

/** The seeded trustees' key files, where `npm start` wrote them for the stack under test (playwright.config.ts). */
const keyDir = join(tmpdir(), `b360-e2e-${process.env.E2E_PORT ?? 4173}`, 'wali-kunci');

/** Closes a wave and has the demo trustees 1 and 2 open it with their key files, both phases, through the API. */
export async function closeAndOpen(token: string, waveId: string) {
  await api(token, 'POST', `/api/waves/${waveId}/close`);
  await sealingReady();
  const trustees = await Promise.all(
    [1, 2].map(async (index) => ({
      index,
      token: await staffToken(`wali${index}@demo.test`),
      secret: openKeyFile(JSON.parse(readFileSync(join(keyDir, demoKeyFileName(index)), 'utf8')), demoKeyPassphrase).secret,
    })),
  );
  const ceremony = await api<Ceremony>(trustees[0]!.token, 'GET', `/api/ceremonies/${trustees[0]!.secret.ceremonyId}`);
  for (const phase of ['counts', 'sums'] as const) {
    for (const t of trustees) await trusteeOpensPhase(async (method, path, schema, payload) => schema.parse(await api(t.token, method, path, payload)), ceremony, t, waveId, phase);
  }
}

export async function ticketsOf(code: string): Promise<{ id: string; rateeName: string; relationship: string }[]> {
  const res = await fetch(`${BASE}/api/respond/open`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tickets: { id: string; rateeName: string; relationship: string }[] }).tickets;
}

/** Signs a seeded staff account in through the sign-in page. */
export async function signIn(page: Page, email: string) {
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill('berakhlak-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Instansi' })).toBeVisible();
}

export type AnswerChoice = 1 | 2 | 3 | 4 | 5 | 'na';

/** Runs the jobs 20 at a time: quick, without flooding the server. */
async function inBatches<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += 20) out.push(...(await Promise.all(jobs.slice(i, i + 20).map((job) => job()))));
  return out;
}

/**
 * Every rater opens their link and answers every ticket; `answer` picks each item's answer. Each
 * rater sends from their own address, as from their own phone, so the per-address rate limit meets
 * one person's requests rather than the whole agency's. Returns the number of responses sent.
 */
export async function answerEveryTicket(
  links: readonly { code: string }[],
  answer: (ticket: { relationship: string; rater: number }, item: number) => AnswerChoice,
): Promise<number> {
  const post = (rater: number, path: string, body: unknown) =>
    fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.${rater >> 8}.${rater & 255}` },
      body: JSON.stringify(body),
    });
  const opened = await inBatches(
    links.map((link, rater) => async () => {
      const res = await post(rater, '/api/respond/open', { code: link.code });
      expect(res.status).toBe(200);
      return { rater, code: link.code, tickets: ((await res.json()) as { tickets: { id: string; relationship: string }[] }).tickets };
    }),
  );
  const submissions = opened.flatMap(({ rater, code, tickets }) =>
    tickets.map((ticket) => async () => {
      const answers = Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, answer({ relationship: ticket.relationship, rater }, i)]));
      const res = await post(rater, '/api/respond/submit', { code, ticketId: ticket.id, questionnaireVersion: defaultQuestionnaire.version, answers });
      expect(res.status, await res.clone().text()).toBe(200);
    }),
  );
  await inBatches(submissions);
  return submissions.length;
}
