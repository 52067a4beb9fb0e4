import { defaultQuestionnaire } from '../../domain/questionnaire.js';
import { seedDemoData } from '../seed/demo.js';
import { body, jsonHeaders, makeApi } from './api.js';
import { holdCeremony, openWave } from './trustees.js';
import { downloadAllLinks } from './links.js';
import { launchThroughApi } from './jobs.js';

/** A complete set of answers, varied by `seed`, with some "cannot judge". */
export const answers = (seed: number) =>
  Object.fromEntries(defaultQuestionnaire.items.map((item, i) => [item.behaviourId, (i + seed) % 7 === 6 ? 'na' : ((i + seed) % 5) + 1]));

type Opened = { wave: { questionnaireVersion: string }; tickets: { id: string; relationship: string; rateeName: string }[] };

export interface LaunchOptions {
  closesAt?: string;
  rateLimits?: { perMinute: number; badCodesPer10Minutes: number };
  /** Proxies in front whose X-Forwarded-For entries count (default 0). */
  trustedProxies?: number;
  settings?: Record<string, unknown>;
}

/** The demo agency with a launched wave on a file-backed store, every rater's link, and helpers to answer. */
export async function launchedDemoWave(file: string, coordinatorToken: string, options: LaunchOptions = {}) {
  let clock = new Date('2026-06-01T01:00:00.000Z');
  const api = makeApi({ file, now: () => clock, respondRateLimits: options.rateLimits, trustedProxies: options.trustedProxies });
  await seedDemoData(api.store);
  // Answers are sealed to the agency's key: its trustees hold a ceremony before any launch.
  const { ceremony, trustees } = await holdCeremony(api.app, coordinatorToken, 'kab-contoh');
  const staff = (method: string, path: string, payload?: unknown) =>
    api.app.request(path, { method, headers: jsonHeaders(coordinatorToken), body: payload === undefined ? undefined : JSON.stringify(payload) });
  const wave = await body<{ id: string }>(await staff('POST', '/api/agencies/kab-contoh/waves', { name: 'Juni', closesAt: options.closesAt ?? '2026-06-30T10:00:00Z', settings: options.settings }));
  const preview = await body<{ planHash: string }>(await staff('POST', `/api/waves/${wave.id}/plan`));
  await launchThroughApi(staff, wave.id, preview.planHash);
  const { links } = await downloadAllLinks(staff, wave.id);
  const respond = (path: string, payload: unknown, headers: Record<string, string> = {}) =>
    api.app.request(`/api/respond/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
  const open = async (code: string) => body<Opened>(await respond('open', { code }));
  const submit = (code: string, ticketId: string, seed = 1, headers: Record<string, string> = {}) =>
    respond('submit', { code, ticketId, questionnaireVersion: defaultQuestionnaire.version, answers: answers(seed) }, headers);
  /** Closes the wave and has the first two trustees open it. */
  const closeAndOpen = async (by = trustees.slice(0, 2)) => {
    await staff('POST', `/api/waves/${wave.id}/close`);
    await openWave(api.app, ceremony, by, wave.id);
  };
  return { ...api, wave, links, staff, open, submit, respond, ceremony, trustees, closeAndOpen, setClock: (d: string) => (clock = new Date(d)) };
}
