/**
 * Authorization matrix: every operation of the OpenAPI document × every kind of caller.
 *
 * The operations come from GET /api/openapi.json, and `expected` must name exactly those: a new
 * route fails here until someone decides who may call it. Each cell sends a request that succeeds
 * for an allowed caller (real HTTP through the app, real Auth-emulator tokens, nothing mocked) and
 * checks that everyone else is refused with the right status and code, without any effect.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeInvitationCode } from '../domain/invitation-code.js';
import { defaultQuestionnaire } from '../domain/questionnaire.js';
import { callers, expected, outcome, type Access, type Caller, type Outcome } from './test-support/access-table.js';
import { expectNoContactsOrAnswers } from './test-support/leak-checks.js';
import { bearer, body, jsonHeaders, makeApi } from './test-support/api.js';
import { signInStaff } from './test-support/staff.js';
import { answers, launchedDemoWave } from './test-support/wave.js';
import { openWave, trusteeKey } from './test-support/trustees.js';
import { confirmShare, dealShares, secretShare, startTrustee } from '../domain/sealing/ceremony.js';
import { paramsOf } from '../domain/sealing/ceremony-state.js';
import { SmallLogs } from '../domain/sealing/elgamal.js';
import { decodeBytes } from '../domain/sealing/group.js';
import { trusteeShares } from '../domain/sealing/opening.js';
import type { Ceremony } from '../domain/sealing/schema.js';
import { downloadAllLinks } from './test-support/links.js';
import { jobOutcome, launchThroughApi } from './test-support/jobs.js';

const OWN = 'kab-contoh';
const OTHER = 'kab-lain';
const CLOSES_AT = '2026-06-30T10:00:00Z';
const tokens = new Map<string, string>();
const tokenOf = (caller: Caller) => tokens.get(caller.name)!;
const setupCoordinator = () => tokens.get('coordinator (own agency)')!;
const setupAdmin = () => tokens.get('admin (own agency)')!;

beforeAll(async () => {
  const signIns = callers.map(async (caller) => {
    if (caller.kind === 'noRole') tokens.set(caller.name, (await signInStaff(null)).token);
    if (caller.kind === 'trustee' && caller.agency === 'other') tokens.set(caller.name, (await signInStaff({ trustee: true, agencies: [OTHER] })).token);
    if (caller.kind === 'staff') {
      const agencies = [caller.agency === 'own' ? OWN : OTHER];
      tokens.set(caller.name, (await signInStaff({ role: caller.role, agencies })).token);
    }
  });
  await Promise.all(signIns);
  shared = await buildWorld();
});

// ---------------------------------------------------------------------------------------------
// The world each request runs against

const rateLimits = { perMinute: 100_000, badCodesPer10Minutes: 100_000 };

type World = Awaited<ReturnType<typeof buildWorld>>;
let shared: World;

const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

/** The demo agency with a launched wave (links taken), plus the second agency, created by an admin. */
async function buildWorld() {
  const w = await launchedDemoWave(':memory:', setupCoordinator(), { rateLimits });
  const other = await w.app.request('/api/agencies', {
    method: 'POST',
    headers: jsonHeaders(setupAdmin()),
    body: JSON.stringify({ id: OTHER, name: 'Kabupaten Lain' }),
  });
  expect(other.status).toBe(201);
  const newDraft = async () => {
    const created = await w.staff('POST', `/api/agencies/${OWN}/waves`, { name: 'Draf', closesAt: CLOSES_AT });
    expect(created.status).toBe(201);
    const { id } = await body<{ id: string }>(created);
    const plan = await w.staff('POST', `/api/waves/${id}/plan`);
    expect(plan.status).toBe(200);
    return { id, planHash: (await body<{ planHash: string }>(plan)).planHash };
  };
  /** A wave launched, answered by every rater with every behaviour at `fill`, and closed. */
  const answeredAndClosed = async (fill: 2 | 3) => {
    const d = await newDraft();
    await launchThroughApi(w.staff, d.id, d.planHash);
    const { links } = await downloadAllLinks(w.staff, d.id);
    for (const link of links) {
      for (const t of (await w.open(link.code)).tickets) {
        await w.respond('submit', { code: link.code, ticketId: t.id, questionnaireVersion: defaultQuestionnaire.version, answers: answers(fill) });
      }
    }
    expect((await w.staff('POST', `/api/waves/${d.id}/close`)).status).toBe(200);
    return d;
  };
  return {
    ...w,
    code: w.links[0]!.code,
    draft: once(newDraft),
    /** A launched wave whose one-time link list is still waiting. */
    linksWave: once(async () => {
      const d = await newDraft();
      await launchThroughApi(w.staff, d.id, d.planHash);
      return d.id;
    }),
    ticket: once(async () => (await w.open(w.links[0]!.code)).tickets[0]!.id),
    /** The job of a launch that has ended. */
    launchJob: once(async () => {
      const d = await newDraft();
      return (await jobOutcome(w.staff, await w.staff('POST', `/api/waves/${d.id}/launch`, { planHash: d.planHash }))).id;
    }),
    /** A launched, answered and closed wave, opened by the first two trustees, and one of its ratees. */
    closedWave: once(async () => {
      const d = await answeredAndClosed(2);
      await openWave(w.app, w.ceremony, w.trustees.slice(0, 2), d.id);
      return { id: d.id, ratee: (await w.store.listRatees(d.id))[0]!.nip };
    }),
    /** A closed wave nobody has opened yet, and the first trustee's count shares for it. */
    sealedWave: once(async () => {
      const d = await answeredAndClosed(3);
      const shares = await countShares(w, d.id);
      return { id: d.id, shares };
    }),
    /** A new ceremony of the same trustees, waiting at `step`. */
    ceremonyAt: async (step: 'committing' | 'sharing' | 'confirming') => {
      const created = await w.staff('POST', `/api/agencies/${OWN}/ceremonies`, { label: 'Kunci baru', quorum: 2, trustees: w.trustees.map((t) => t.email) });
      expect(created.status).toBe(201);
      let c = await body<Ceremony>(created);
      const params = paramsOf(c);
      const seats = w.trustees.map((t) => ({ t, ...startTrustee(params, t.index) }));
      const post = async (token: string, path: string, payload: unknown) => {
        const res = await w.app.request(path, { method: 'POST', headers: jsonHeaders(token), body: JSON.stringify(payload) });
        expect(res.status).toBe(200);
        return body<Ceremony>(res);
      };
      if (step === 'committing') return { ceremony: c, seats };
      for (const s of seats) c = await post(s.t.token, `/api/ceremonies/${c.id}/commitment`, s.commitment);
      if (step === 'sharing') return { ceremony: c, seats };
      for (const s of seats) c = await post(s.t.token, `/api/ceremonies/${c.id}/shares`, { shares: dealShares(params, s.secret, c.commitments) });
      return { ceremony: c, seats };
    },
  };
}

/** The first trustee's count shares for a closed wave, made by the trustee's rules as its browser would. */
async function countShares(w: Awaited<ReturnType<typeof launchedDemoWave>>, waveId: string) {
  const t = w.trustees[0]!;
  const page = await body<{ groups: { rateeNip: string; relationship: 'peer'; responses: string[] }[] }>(
    await w.app.request(`/api/waves/${waveId}/opening/counts/groups?limit=500`, { headers: bearer(t.token) }),
  );
  const rules = { params: paramsOf(w.ceremony), waveId, k: 3, questionnaire: defaultQuestionnaire };
  return trusteeShares(rules, 'counts', trusteeKey(w.ceremony, t), page.groups.map((g) => ({ ...g, responses: g.responses.map((r) => decodeBytes(r)) })), new SmallLogs()).slice(0, 100);
}

/** Everything a refused request must leave as it was. */
async function snapshot(w: World) {
  const { store } = w;
  const waves = await store.listWaves(OWN);
  return {
    agencies: await store.listAgencies(),
    audit: (await Promise.all([OWN, OTHER].map((a) => store.listAuditEvents(a, { limit: 1000 })))).map((e) => e.length),
    employees: await store.listEmployees(OWN),
    waves: await Promise.all(
      waves.map(async (wave) => ({
        ...wave,
        links: await store.hasLinks(wave.id),
        responses: (await store.sealedResponses(wave.id)).length,
        shares: (await store.listDecryptionShares(wave.id, 'counts')).length + (await store.listDecryptionShares(wave.id, 'sums')).length,
        opened: (await store.listOpened(wave.id)).length,
      })),
    ),
    ceremonies: await store.listCeremonies(OWN),
    tickets: (await w.open(w.code)).tickets.map((t) => t.id),
  };
}

// ---------------------------------------------------------------------------------------------
// One request per operation that succeeds for an allowed caller

interface Call {
  ceremonyId?: string;
  jobId?: string;
  phase?: string;
  waveId?: string;
  nip?: string;
  query?: string;
  json?: unknown;
  raw?: { body: string; type: string };
}

let agencies = 0;
const unknownCode = () => encodeInvitationCode(randomBytes(17));
const rosterCsv = ['NIP,Nama,Unit Kerja,Jabatan,NIP Atasan,Email,No HP', '198503122010011001,Anggota Baru,Unit Uji,Analis,,baru@kab.test,0812-1111-2222'].join(
  '\r\n',
);

const requests: Record<string, { /** Changes state: every cell gets its own world. */ fresh?: boolean; build: (w: World, caller: Caller) => Call | Promise<Call> }> = {
  getHealth: { build: () => ({}) },
  getClientConfig: { build: () => ({}) },
  getMe: { build: () => ({}) },
  listAgencies: { build: () => ({}) },
  createAgency: { build: () => ({ json: { id: `kab-baru-${++agencies}`, name: 'Kabupaten Baru' } }) },
  getAgency: { build: () => ({}) },
  listAuditEvents: { build: (w) => ({ query: `?waveId=${w.wave.id}` }) },
  importRoster: { fresh: true, build: () => ({ raw: { body: rosterCsv, type: 'text/csv' } }) },
  listEmployees: { build: () => ({}) },
  createWave: { build: () => ({ json: { name: 'Baru', closesAt: CLOSES_AT } }) },
  listWaves: { build: () => ({}) },
  getWave: { build: (w) => ({ waveId: w.wave.id }) },
  updateWave: { fresh: true, build: async (w) => ({ waveId: (await w.draft()).id, json: { name: 'Diubah', closesAt: CLOSES_AT } }) },
  planWave: { build: async (w) => ({ waveId: (await w.draft()).id }) },
  launchWave: {
    fresh: true,
    build: async (w) => {
      const d = await w.draft();
      return { waveId: d.id, json: { planHash: d.planHash } };
    },
  },
  getJob: { build: async (w) => ({ jobId: await w.launchJob() }) },
  readLinks: { build: async (w) => ({ waveId: await w.linksWave() }) },
  confirmLinks: { fresh: true, build: async (w) => ({ waveId: await w.linksWave() }) },
  reissueInvitation: { fresh: true, build: (w) => ({ waveId: w.wave.id, json: { nip: w.links[1]!.nip } }) },
  closeWave: { fresh: true, build: (w) => ({ waveId: w.wave.id }) },
  getCoverage: { build: (w) => ({ waveId: w.wave.id }) },
  exportCoverage: { build: (w) => ({ waveId: w.wave.id, query: '?format=csv&view=ratees' }) },
  listNonResponders: { build: (w) => ({ waveId: w.wave.id }) },
  verifyWave: { build: (w) => ({ waveId: w.wave.id }) },
  getResults: { build: async (w) => ({ waveId: (await w.closedWave()).id }) },
  exportResults: { build: async (w) => ({ waveId: (await w.closedWave()).id, query: '?format=csv' }) },
  getRateeReport: { build: async (w) => ({ waveId: (await w.closedWave()).id, nip: (await w.closedWave()).ratee }) },
  listRankings: { build: () => ({}) },
  openInvitation: { build: (w, caller) => ({ json: { code: caller.kind === 'respondent' ? w.code : unknownCode() } }) },
  createCeremony: { fresh: true, build: (w) => ({ json: { label: 'Kunci 2027', quorum: 2, trustees: w.trustees.map((t) => t.email) } }) },
  listCeremonies: { build: () => ({}) },
  getCeremony: { build: (w) => ({ ceremonyId: w.ceremony.id }) },
  submitCommitment: {
    fresh: true,
    build: async (w) => {
      const { ceremony, seats } = await w.ceremonyAt('committing');
      return { ceremonyId: ceremony.id, json: seats[0]!.commitment };
    },
  },
  submitCeremonyShares: {
    fresh: true,
    build: async (w) => {
      const { ceremony, seats } = await w.ceremonyAt('sharing');
      return { ceremonyId: ceremony.id, json: { shares: dealShares(paramsOf(ceremony), seats[0]!.secret, ceremony.commitments) } };
    },
  },
  confirmCeremony: {
    fresh: true,
    build: async (w) => {
      const { ceremony, seats } = await w.ceremonyAt('confirming');
      const share = secretShare(paramsOf(ceremony), seats[0]!.secret, ceremony.commitments, ceremony.shares);
      return { ceremonyId: ceremony.id, json: confirmShare(paramsOf(ceremony), ceremony.commitments, 1, share) };
    },
  },
  reportCeremonyFailure: {
    fresh: true,
    build: async (w) => ({ ceremonyId: (await w.ceremonyAt('confirming')).ceremony.id, json: { against: 2, reason: 'share does not match' } }),
  },
  getOpening: { build: async (w) => ({ waveId: (await w.closedWave()).id }) },
  listOpeningGroups: { build: async (w) => ({ waveId: (await w.sealedWave()).id, phase: 'counts' }) },
  submitDecryptionShares: {
    fresh: true,
    build: async (w) => {
      const sealed = await w.sealedWave();
      return { waveId: sealed.id, phase: 'counts', json: { groups: sealed.shares } };
    },
  },
  submitResponse: {
    fresh: true,
    // Everyone else knows the ticket id but not the code.
    build: async (w, caller) => ({
      json: {
        code: caller.kind === 'respondent' ? w.code : unknownCode(),
        ticketId: await w.ticket(),
        questionnaireVersion: defaultQuestionnaire.version,
        answers: answers(1),
      },
    }),
  },
};

function credentials(caller: Caller, access: Access, w: World): Record<string, string> {
  switch (caller.kind) {
    case 'none':
      return {};
    case 'badToken':
      return { authorization: 'Bearer not-a-valid-id-token' };
    case 'respondent':
      // A respondent has nothing but the code; on staff routes it tries it as a bearer token.
      return access.roles === 'respondent' ? {} : bearer(w.code);
    case 'trustee':
      // The world's own ceremony seats its own trustees.
      return bearer(caller.agency === 'own' ? w.trustees[0]!.token : tokenOf(caller));
    default:
      return bearer(tokenOf(caller));
  }
}

async function send(w: World, op: DocOperation, access: Access, caller: Caller, call: Call): Promise<Response> {
  const params: Record<string, string | undefined> = { agencyId: OWN, waveId: call.waveId, nip: call.nip, ceremonyId: call.ceremonyId, phase: call.phase, jobId: call.jobId };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`${op.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const headers: Record<string, string> = { ...credentials(caller, access, w) };
  let payload: string | undefined;
  if (call.raw) {
    headers['content-type'] = call.raw.type;
    payload = call.raw.body;
  } else if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(call.json);
  }
  return w.app.request(path + (call.query ?? ''), { method: op.method.toUpperCase(), headers, body: payload });
}

// ---------------------------------------------------------------------------------------------
// Sensitive data

// ---------------------------------------------------------------------------------------------
// The operations, from the OpenAPI document

interface DocOperation {
  operationId: string;
  method: string;
  path: string;
  security: boolean;
}

const doc = (await (await makeApi().app.request('/api/openapi.json')).json()) as {
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
};
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const operations: DocOperation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => methods.includes(method))
    .map(([method, op]) => ({
      operationId: op.operationId ?? `${method.toUpperCase()} ${path} (no operationId)`,
      method,
      path,
      security: (op.security?.length ?? 0) > 0,
    })),
);

describe('the access table', () => {
  it('decides every operation of the OpenAPI document, and names no other', () => {
    const ids = operations.map((o) => o.operationId).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(expected).sort()).toEqual(ids);
    expect(Object.keys(requests).sort()).toEqual(ids);
  });

  it('documents a bearer token on exactly the staff operations', () => {
    for (const op of operations) {
      const access = expected[op.operationId];
      if (access) expect({ op: op.operationId, security: op.security }).toEqual({ op: op.operationId, security: Array.isArray(access.roles) || access.roles === 'seat' });
    }
  });
});

const label = (o: Outcome) => (o.allowed ? 'allowed' : `${o.status} ${o.code}`);
const cells = operations.flatMap((op) => {
  const access = expected[op.operationId];
  const request = requests[op.operationId];
  if (!access || !request) return [];
  return callers.map((caller) => ({ op, access, request, caller, result: outcome(access, caller) }));
});

describe('authorization matrix', () => {
  it.each(cells.map((c) => [`${c.op.operationId} × ${c.caller.name} → ${label(c.result)}`, c] as const))('%s', async (_, cell) => {
    const { op, access, request, caller, result } = cell;
    const w = request.fresh ? await buildWorld() : shared;
    const call = await request.build(w, caller);
    const before = result.allowed ? null : await snapshot(w);
    const res = await send(w, op, access, caller, call);
    const text = await res.clone().text();
    if (result.allowed) {
      expect(res.status, text).toBeGreaterThanOrEqual(200);
      expect(res.status, text).toBeLessThan(300);
      if (caller.kind === 'staff' && caller.role === 'auditor') await expectNoContactsOrAnswers(op.operationId, res);
      // Outside their claim, non-admins see nothing of the agency, even on routes without an agency.
      if (caller.kind === 'staff' && caller.agency === 'other' && caller.role !== 'admin') expect(text).not.toContain(OWN);
      // A started job ends before the next cell looks at the store; the caller may follow it.
      if (res.status === 202) {
        const headers = credentials(caller, access, w);
        expect((await jobOutcome((method, path) => w.app.request(path, { method, headers }), res)).status).toBe('succeeded');
      }
    } else {
      expect(res.status, text).toBe(result.status);
      expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(result.code);
      expect(await snapshot(w), 'a refused request changes nothing').toEqual(before);
    }
  });
});
