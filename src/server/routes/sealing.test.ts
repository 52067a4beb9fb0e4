import { beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire } from '../../domain/questionnaire.js';
import { dealShares, startTrustee } from '../../domain/sealing/ceremony.js';
import { paramsOf } from '../../domain/sealing/ceremony-state.js';
import { SmallLogs } from '../../domain/sealing/elgamal.js';
import { decodeBytes, encode, mulBase, randomScalar } from '../../domain/sealing/group.js';
import { trusteeShares, type GroupToOpen } from '../../domain/sealing/opening.js';
import type { Ceremony, GroupShares } from '../../domain/sealing/schema.js';
import { seedDemoData } from '../seed/demo.js';
import { bearer, body, jsonHeaders, makeApi } from '../test-support/api.js';
import { signInStaff } from '../test-support/staff.js';
import { trusteeKey } from '../test-support/trustees.js';
import { launchedDemoWave } from '../test-support/wave.js';

let coordinator: string;
beforeAll(async () => {
  coordinator = (await signInStaff({ role: 'coordinator', agencies: ['kab-contoh'] })).token;
});

type Json = Record<string, unknown>;
const errorCode = async (res: Response) => (await body<{ error: { code: string } }>(res)).error.code;

describe('key ceremonies', () => {
  async function started(n = 3) {
    const api = makeApi();
    await seedDemoData(api.store);
    const trustees = await Promise.all(Array.from({ length: n }, () => signInStaff({ trustee: true, agencies: ['kab-contoh'] })));
    const post = (token: string, path: string, payload: unknown) => api.app.request(path, { method: 'POST', headers: jsonHeaders(token), body: JSON.stringify(payload) });
    const res = await post(coordinator, '/api/agencies/kab-contoh/ceremonies', { label: 'Kunci', quorum: 2, trustees: trustees.map((t) => t.email) });
    expect(res.status).toBe(201);
    const ceremony = await body<Ceremony>(res);
    return { ...api, trustees, post, ceremony, params: paramsOf(ceremony) };
  }

  it('refuses trustees without the capability, a quorum above n and duplicates, naming each, and stores nothing', async () => {
    const api = makeApi();
    await seedDemoData(api.store);
    const plain = await signInStaff({ role: 'auditor', agencies: ['kab-contoh'] });
    const elsewhere = await signInStaff({ trustee: true, agencies: ['kab-lain'] });
    const ok = await signInStaff({ trustee: true, agencies: ['kab-contoh'] });
    const post = (payload: Json) => api.app.request('/api/agencies/kab-contoh/ceremonies', { method: 'POST', headers: jsonHeaders(coordinator), body: JSON.stringify(payload) });
    const refused = await post({ label: 'K', quorum: 2, trustees: [plain.email, elsewhere.email, ok.email, 'nobody@test.example'] });
    expect(refused.status).toBe(400);
    const error = (await body<{ error: { code: string; issues: { path: string }[] } }>(refused)).error;
    expect(error.code).toBe('trustee_not_eligible');
    expect(error.issues.map((i) => i.path)).toEqual(['trustees.0', 'trustees.1', 'trustees.3']);
    expect((await post({ label: 'K', quorum: 3, trustees: [ok.email, plain.email] })).status).toBe(400);
    expect((await post({ label: 'K', quorum: 2, trustees: [ok.email, ok.email.toUpperCase()] })).status).toBe(400);
    expect(await api.store.listCeremonies('kab-contoh')).toHaveLength(1); // the demo agency's own, seeded
  });

  it('takes each step only from its seat, in order, with proofs that verify, and refuses a launch until it is complete', async () => {
    const c = await started();
    const seats = c.trustees.map((_, i) => startTrustee(c.params, i + 1));
    const path = (step: string) => `/api/ceremonies/${c.ceremony.id}/${step}`;
    // Seat 2 cannot commit for seat 1, nor anyone before their turn, nor with a forged proof.
    expect(await errorCode(await c.post(c.trustees[1]!.token, path('commitment'), seats[0]!.commitment))).toBe('ceremony_invalid_proof');
    const forged = { ...seats[0]!.commitment, commitmentProofs: [seats[1]!.commitment.commitmentProofs[0]!, seats[0]!.commitment.commitmentProofs[1]!] };
    expect(await errorCode(await c.post(c.trustees[0]!.token, path('commitment'), forged))).toBe('ceremony_invalid_proof');
    expect(await errorCode(await c.post(c.trustees[0]!.token, path('shares'), { shares: [] }))).toBe('invalid_request');
    expect(await errorCode(await c.post(coordinator, path('commitment'), seats[0]!.commitment))).toBe('not_trustee_seat');
    let ceremony = c.ceremony;
    for (const [i, s] of seats.entries()) {
      const res = await c.post(c.trustees[i]!.token, path('commitment'), s.commitment);
      expect(res.status).toBe(200);
      ceremony = await body<Ceremony>(res);
    }
    // Replayed: the same commitment twice.
    expect(await errorCode(await c.post(c.trustees[0]!.token, path('commitment'), seats[0]!.commitment))).toBe('ceremony_wrong_step');
    // Shares for only one of the two others.
    const mine = dealShares(c.params, seats[0]!.secret, ceremony.commitments);
    expect(await errorCode(await c.post(c.trustees[0]!.token, path('shares'), { shares: mine.slice(0, 1) }))).toBe('ceremony_invalid_shares');
    expect((await c.post(c.trustees[0]!.token, path('shares'), { shares: mine })).status).toBe(200);
    expect(await errorCode(await c.post(c.trustees[0]!.token, path('shares'), { shares: mine }))).toBe('ceremony_seat_taken');
    // A trustee who finds a bad share fails the ceremony: nothing can complete it afterwards.
    const failed = await c.post(c.trustees[2]!.token, path('complaint'), { against: 1, reason: 'does not match' });
    expect((await body<Ceremony>(failed)).status).toBe('failed');
    expect(await errorCode(await c.post(c.trustees[1]!.token, path('shares'), { shares: dealShares(c.params, seats[1]!.secret, ceremony.commitments) }))).toBe('ceremony_failed');
    const events = await c.store.listAuditEvents('kab-contoh');
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['ceremony.create', 'ceremony.commit', 'ceremony.share', 'ceremony.fail']));
    expect(JSON.stringify(events)).not.toContain(seats[0]!.secret.coefficients[0]!);
  });

  it('refuses to launch a wave of an agency with no complete ceremony', async () => {
    const api = makeApi();
    const call = (method: string, path: string, payload?: unknown) =>
      api.app.request(path, { method, headers: jsonHeaders(coordinator), body: payload === undefined ? undefined : JSON.stringify(payload) });
    await api.store.createAgency({ id: 'kab-contoh', name: 'Kab', createdAt: '2026-01-01T00:00:00.000Z' });
    const { demoRoster } = await import('../seed/demo.js');
    await api.store.applyRoster('kab-contoh', { ...demoRoster(), deactivateMissing: false });
    const wave = await body<{ id: string }>(await call('POST', '/api/agencies/kab-contoh/waves', { name: 'W', closesAt: new Date(Date.now() + 86_400_000).toISOString() }));
    const { planHash } = await body<{ planHash: string }>(await call('POST', `/api/waves/${wave.id}/plan`));
    const res = await call('POST', `/api/waves/${wave.id}/launch`, { planHash });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('ceremony_incomplete');
    expect((await api.store.getWave(wave.id))!.status).toBe('draft');
  });
});

describe('decryption shares arriving at the server', () => {
  async function closedWave() {
    const w = await launchedDemoWave(':memory:', coordinator);
    for (const [i, link] of w.links.entries()) {
      for (const t of (await w.open(link.code)).tickets) expect((await w.submit(link.code, t.id, i)).status).toBe(200);
    }
    expect((await w.staff('POST', `/api/waves/${w.wave.id}/close`)).status).toBe(200);
    const t = w.trustees[0]!;
    const page = await body<{ groups: { rateeNip: string; relationship: GroupShares['relationship']; responses: string[] }[] }>(
      await w.app.request(`/api/waves/${w.wave.id}/opening/counts/groups?limit=500`, { headers: bearer(t.token) }),
    );
    const groups: GroupToOpen[] = page.groups.map((g) => ({ ...g, responses: g.responses.map((r) => decodeBytes(r)) }));
    const rules = { params: paramsOf(w.ceremony), waveId: w.wave.id, k: 3, questionnaire: defaultQuestionnaire };
    const shares = trusteeShares(rules, 'counts', trusteeKey(w.ceremony, t), groups, new SmallLogs());
    const upload = (groupsOut: unknown[], token = t.token, phase = 'counts') =>
      w.app.request(`/api/waves/${w.wave.id}/opening/${phase}/shares`, { method: 'POST', headers: jsonHeaders(token), body: JSON.stringify({ groups: groupsOut }) });
    return { ...w, shares, upload };
  }

  it('stores nothing from an upload with one forged, swapped, replayed or unasked-for share', async () => {
    const w = await closedWave();
    const [a, b] = w.shares;
    expect(a && b).toBeTruthy();
    const forgedPoint = { ...a!, shares: [encode(mulBase(randomScalar())), a!.shares[1]!] };
    const swapped = { ...a!, rateeNip: b!.rateeNip, relationship: b!.relationship };
    const reordered = { ...a!, shares: [a!.shares[1]!, a!.shares[0]!] };
    const unasked = { ...a!, slots: [0, 1, 2], shares: [...a!.shares, a!.shares[0]!] };
    for (const bad of [forgedPoint, swapped, reordered, unasked]) {
      const res = await w.upload([b!, bad]);
      expect(res.status).toBe(422);
      expect(await errorCode(res)).toBe('decryption_share_invalid');
    }
    // Shares for the right group, but in the other phase.
    expect((await w.upload([a!], w.trustees[0]!.token, 'sums')).status).toBe(422);
    expect(await w.store.listDecryptionShares(w.wave.id, 'counts')).toEqual([]);
    expect(await w.store.listDecryptionShares(w.wave.id, 'sums')).toEqual([]);
    // Trustee 2 cannot pass trustee 1's shares off as their own.
    expect((await w.upload([a!], w.trustees[1]!.token)).status).toBe(422);
    // The genuine upload is accepted; the same shares again change nothing.
    const ok = await w.upload(w.shares.slice(0, 100));
    expect(ok.status).toBe(200);
    expect(await body(ok)).toMatchObject({ opened: 0 });
    expect((await w.upload(w.shares.slice(0, 100))).status).toBe(200);
    expect(await w.store.listOpened(w.wave.id)).toEqual([]);
  });

  it('a wave answered with known answers opens only to groups and values that reached k', async () => {
    const w = await closedWave();
    await (await import('../test-support/trustees.js')).openWave(w.app, w.ceremony, w.trustees.slice(1), w.wave.id);
    const opened = await w.store.listOpened(w.wave.id);
    const tallies = await w.store.listTallies(w.wave.id);
    for (const o of opened) {
      const t = tallies.find((x) => x.rateeNip === o.rateeNip && x.relationship === o.relationship)!;
      expect(t.responses).toBeGreaterThanOrEqual(o.relationship === 'peer' || o.relationship === 'subordinate' ? 3 : 1);
    }
    const below = tallies.filter((t) => (t.relationship === 'peer' || t.relationship === 'subordinate') && t.responses < 3);
    expect(below.length).toBeGreaterThan(0);
    for (const t of below) expect(opened.some((o) => o.rateeNip === t.rateeNip && o.relationship === t.relationship)).toBe(false);
  });
});
