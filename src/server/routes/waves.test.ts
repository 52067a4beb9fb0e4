import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../seed/demo.js';
import { body, jsonHeaders, makeApi } from '../test-support/api.js';
import { staffTokens } from '../test-support/staff.js';
import { holdCeremony } from '../test-support/trustees.js';
import { downloadAllLinks } from '../test-support/links.js';
import { jobOutcome, launchThroughApi } from '../test-support/jobs.js';

let coordinator: string;
let auditor: string;
let outsider: string;
beforeAll(async () => {
  ({ coordinator, auditor, outsider } = await staffTokens({
    coordinator: { role: 'coordinator', agencies: ['kab-contoh'] },
    auditor: { role: 'auditor', agencies: ['kab-contoh'] },
    outsider: { role: 'coordinator', agencies: ['kab-lain'] },
  }));
});

type Json = Record<string, unknown>;
let clock = new Date('2026-06-01T01:00:00.000Z');

async function setup() {
  clock = new Date('2026-06-01T01:00:00.000Z');
  const api = makeApi({ now: () => clock });
  await seedDemoData(api.store);
  await holdCeremony(api.app, coordinator, 'kab-contoh');
  const call = (method: string, path: string, payload?: unknown, token = coordinator) =>
    api.app.request(path, { method, headers: jsonHeaders(token), body: payload === undefined ? undefined : JSON.stringify(payload) });
  const create = async (extra: Json = {}) => {
    const res = await call('POST', '/api/agencies/kab-contoh/waves', { name: 'Gelombang Juni', closesAt: '2026-06-30T10:00:00+07:00', ...extra });
    expect(res.status).toBe(201);
    return body<{ id: string }>(res);
  };
  const launch = async (waveId: string) => {
    const preview = await body<{ planHash: string }>(await call('POST', `/api/waves/${waveId}/plan`));
    return launchThroughApi(call, waveId, preview.planHash);
  };
  const open = (code: string) => api.app.request('/api/respond/open', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return { ...api, call, create, launch, open };
}

const errorCode = async (res: Response) => (await body<{ error: { code: string } }>(res)).error.code;

describe('waves', () => {
  it('creates a draft with the documented defaults and lists it', async () => {
    const { call, create } = await setup();
    const wave = await create();
    expect(wave).toMatchObject({
      status: 'draft',
      scope: { kind: 'all' },
      opensAt: null,
      questionnaireVersion: 'berakhlak-2021.1',
      settings: { includeSelf: true, includeSuperior: true, peersPerRatee: 4, subordinatesPerRatee: 4, maxRatingsPerRater: 10, anonymityThreshold: 3 },
    });
    const list = await body<{ waves: { id: string }[] }>(await call('GET', '/api/agencies/kab-contoh/waves', undefined, auditor));
    expect(list.waves.map((w) => w.id)).toEqual([wave.id]);
    expect(await body(await call('GET', `/api/waves/${wave.id}`, undefined, auditor))).toMatchObject({ phase: 'draft', linksAvailable: false });
  });

  it('refuses a bad window, an unknown unit and other agencies, changing nothing', async () => {
    const { call, store } = await setup();
    const bad = await call('POST', '/api/agencies/kab-contoh/waves', { name: 'X', opensAt: '2026-06-10T00:00:00Z', closesAt: '2026-06-09T00:00:00Z' });
    expect(bad.status).toBe(400);
    expect((await body<{ error: { issues: { path: string; message: string }[] } }>(bad)).error.issues).toEqual([
      { path: 'closesAt', message: 'Waktu tutup harus setelah waktu buka.' },
    ]);
    const unit = await call('POST', '/api/agencies/kab-contoh/waves', { name: 'X', closesAt: '2026-06-09T00:00:00Z', scope: { kind: 'units', unitIds: ['nope'] } });
    expect(await errorCode(unit)).toBe('scope_unknown_unit');
    const other = await call('POST', '/api/agencies/kab-contoh/waves', { name: 'X', closesAt: '2026-06-09T00:00:00Z' }, outsider);
    expect(other.status).toBe(403);
    expect((await call('POST', '/api/agencies/kab-contoh/waves', { name: 'X', closesAt: '2026-06-09T00:00:00Z' }, auditor)).status).toBe(403);
    expect(await store.listWaves('kab-contoh')).toEqual([]);
  });

  it('launches as a job: 202 at once, then progress up to every row written and the launch as its result, audited', async () => {
    const { call, create, store } = await setup();
    const wave = await create({ scope: { kind: 'units', unitIds: ['dinas-kesehatan'] } });
    const { planHash, assignments } = await body<{ planHash: string; assignments: number }>(await call('POST', `/api/waves/${wave.id}/plan`));
    const started = await call('POST', `/api/waves/${wave.id}/launch`, { planHash });
    expect(started.status).toBe(202);
    const { job } = await body<{ job: { id: string; kind: string; status: string; waveId: string } }>(started.clone());
    expect(job).toMatchObject({ kind: 'wave.launch', status: 'running', waveId: wave.id });
    const ended = await jobOutcome(call, started);
    expect(ended).toMatchObject({ status: 'succeeded', error: null, result: { wave: { status: 'open' }, tickets: assignments } });
    expect(ended.progress.done).toBe(ended.progress.total);
    expect(ended.progress.total).toBeGreaterThan(assignments);
    // Whoever may see the wave may follow the job; another agency may not; an unknown id is 404.
    expect((await call('GET', `/api/jobs/${job.id}`, undefined, auditor)).status).toBe(200);
    expect(await errorCode(await call('GET', `/api/jobs/${job.id}`, undefined, outsider))).toBe('forbidden_agency');
    expect(await errorCode(await call('GET', '/api/jobs/no-such-job'))).toBe('job_not_found');
    // The job's input and who started it stay on the server.
    expect(Object.keys(ended)).not.toContain('actor');
    expect(Object.keys(ended)).not.toContain('input');
    const events = await store.listAuditEvents('kab-contoh', { waveId: wave.id });
    expect(events.filter((e) => e.action === 'wave.launch')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ email: expect.any(String) }) })]);
  });

  it('previews the same plan every time and launches exactly that plan', async () => {
    const { call, create, store } = await setup();
    const wave = await create({ scope: { kind: 'units', unitIds: ['dinas-kesehatan'] } });
    const a = await body<{ planHash: string; ratees: number; assignments: number; shortfalls: unknown[] }>(await call('POST', `/api/waves/${wave.id}/plan`));
    const b = await body<{ planHash: string }>(await call('POST', `/api/waves/${wave.id}/plan`));
    expect(a.planHash).toBe(b.planHash);
    expect(a.ratees).toBe(16);
    const stale = await call('POST', `/api/waves/${wave.id}/launch`, { planHash: 'f'.repeat(64) });
    expect(await errorCode(stale)).toBe('plan_changed');
    expect((await store.getWave(wave.id))?.status).toBe('draft');
    const launched = await launchThroughApi(call, wave.id, a.planHash);
    expect(launched.wave.status).toBe('open');
    expect(launched.tickets).toBe(a.assignments);
    expect(await errorCode(await call('POST', `/api/waves/${wave.id}/launch`, { planHash: a.planHash }))).toBe('wave_not_draft');
    expect(await errorCode(await call('PUT', `/api/waves/${wave.id}`, { name: 'Y', closesAt: '2026-06-30T00:00:00Z' }))).toBe('wave_not_draft');
  });

  it('stores only code hashes, hands the link list over page by page until confirmed, and the links open the survey', async () => {
    const { call, create, launch, open, store } = await setup();
    const wave = await create();
    const { invitations } = await launch(wave.id);
    expect(await body(await call('GET', `/api/waves/${wave.id}`))).toMatchObject({ phase: 'open', linksAvailable: true });
    expect((await call('GET', `/api/waves/${wave.id}/links`, undefined, auditor)).status).toBe(403);
    expect((await call('POST', `/api/waves/${wave.id}/links/confirm`, undefined, auditor)).status).toBe(403);
    expect(await errorCode(await call('GET', `/api/waves/${wave.id}/links?page=-1`))).toBe('invalid_request');
    const first = await call('GET', `/api/waves/${wave.id}/links`);
    expect(first.status).toBe(200);
    const { links, total, next } = await body<{ links: { nip: string; code: string; name: string }[]; total: number; next: number | null }>(first);
    expect([links.length, total, next]).toEqual([invitations, invitations, null]);
    expect(links.every((l) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(l.code))).toBe(true);
    // Reading again gives the same codes: an answer lost on the way loses nothing.
    expect(await body(await call('GET', `/api/waves/${wave.id}/links`))).toEqual({ links, total, next });
    expect(await body(await call('POST', `/api/waves/${wave.id}/links/confirm`))).toEqual({ links: invitations });
    const second = await call('GET', `/api/waves/${wave.id}/links`);
    expect(second.status).toBe(410);
    expect(await errorCode(second)).toBe('links_taken');
    expect(await errorCode(await call('POST', `/api/waves/${wave.id}/links/confirm`))).toBe('links_taken');

    // After the one download, no plain code is left anywhere in the database.
    const dump = JSON.stringify(
      store.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all()
        .map((t) => store.db.prepare(`SELECT * FROM "${t as string}"`).all()),
    );
    for (const l of links) expect(dump).not.toContain(l.code);

    const opened = await open(links[0]!.code.toLowerCase());
    expect(opened.status).toBe(200);
    const invitation = await body<{ wave: { name: string }; tickets: { relationship: string; rateeName: string }[] }>(opened);
    expect(invitation.wave.name).toBe('Gelombang Juni');
    expect(invitation.tickets.length).toBeGreaterThan(0);
    expect(invitation.tickets.length).toBeLessThanOrEqual(10);
    expect(await errorCode(await open('0'.repeat(26)))).toBe('invitation_unknown');
    expect(await errorCode(await open('not a code'))).toBe('invitation_code_invalid');
  });

  it('keeps a scheduled wave shut until its opening time', async () => {
    const { create, launch, call, open } = await setup();
    const wave = await create({ opensAt: '2026-06-05T00:00:00Z' });
    await launch(wave.id);
    const { links } = await downloadAllLinks(call, wave.id);
    const early = await open(links[0]!.code);
    expect(early.status).toBe(409);
    expect(await body(early)).toMatchObject({ error: { code: 'wave_scheduled', opensAt: '2026-06-05T00:00:00.000Z' } });
    expect(await body(await call('GET', `/api/waves/${wave.id}`))).toMatchObject({ phase: 'scheduled' });
    clock = new Date('2026-06-05T00:00:01Z');
    expect((await open(links[0]!.code)).status).toBe(200);
  });

  it('reissues one link: the old one stops working, the new one has the same colleagues', async () => {
    const { create, launch, call, open } = await setup();
    const wave = await create();
    await launch(wave.id);
    const { links } = await downloadAllLinks(call, wave.id);
    const before = await body<{ tickets: unknown[] }>(await open(links[3]!.code));
    const res = await call('POST', `/api/waves/${wave.id}/invitations/reissue`, { nip: links[3]!.nip });
    expect(res.status).toBe(200);
    const { link, movedTickets } = await body<{ link: { code: string; nip: string }; movedTickets: number }>(res);
    expect(link.nip).toBe(links[3]!.nip);
    expect(movedTickets).toBe(before.tickets.length);
    expect(await errorCode(await open(links[3]!.code))).toBe('invitation_unknown');
    expect((await body<{ tickets: unknown[] }>(await open(link.code))).tickets).toHaveLength(before.tickets.length);
    expect(await errorCode(await call('POST', `/api/waves/${wave.id}/invitations/reissue`, { nip: '199901012020011999' }))).toBe('rater_not_found');
  });

  it('closes a wave: links then say the survey is closed, and every action is in the audit log', async () => {
    const { create, launch, call, open } = await setup();
    const wave = await create();
    expect((await call('PUT', `/api/waves/${wave.id}`, { name: 'Gelombang Juni (revisi)', closesAt: '2026-06-30T00:00:00Z' })).status).toBe(200);
    await launch(wave.id);
    const { links } = await downloadAllLinks(call, wave.id);
    await call('POST', `/api/waves/${wave.id}/invitations/reissue`, { nip: links[0]!.nip });
    expect((await call('POST', `/api/waves/${wave.id}/close`, undefined, auditor)).status).toBe(403);
    expect((await call('POST', `/api/waves/${wave.id}/close`)).status).toBe(200);
    const closed = await open(links[1]!.code);
    expect(closed.status).toBe(410);
    expect(await errorCode(closed)).toBe('wave_closed');
    expect(await errorCode(await call('POST', `/api/waves/${wave.id}/close`))).toBe('wave_not_open');
    expect(await errorCode(await call('POST', `/api/waves/${wave.id}/invitations/reissue`, { nip: links[1]!.nip }))).toBe('wave_closed');

    const events = await body<{ events: { action: string; actor: { email: string } }[] }>(
      await call('GET', `/api/agencies/kab-contoh/audit-events?waveId=${wave.id}`, undefined, auditor),
    );
    expect(events.events.map((e) => e.action).reverse()).toEqual(['wave.create', 'wave.update', 'wave.launch', 'wave.links_download', 'wave.links_confirm', 'invitation.reissue', 'wave.close']);
  });

  it('refuses a launch once the closing time has passed', async () => {
    const { create, call } = await setup();
    const wave = await create({ closesAt: '2026-06-02T00:00:00Z' });
    const preview = await body<{ planHash: string }>(await call('POST', `/api/waves/${wave.id}/plan`));
    clock = new Date('2026-06-03T00:00:00Z');
    expect(await errorCode(await call('POST', `/api/waves/${wave.id}/launch`, { planHash: preview.planHash }))).toBe('wave_window_past');
  });

  it('never lets a coordinator of another agency see or touch a wave', async () => {
    const { create, call } = await setup();
    const wave = await create();
    expect((await call('GET', `/api/waves/${wave.id}`, undefined, outsider)).status).toBe(403);
    expect((await call('POST', `/api/waves/${wave.id}/plan`, undefined, outsider)).status).toBe(403);
    expect((await call('GET', '/api/waves/does-not-exist', undefined, coordinator)).status).toBe(404);
    expect((await call('GET', `/api/waves/${wave.id}`, undefined, 'garbage')).status).toBe(401);
  });
});
