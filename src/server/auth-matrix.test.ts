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
import type { Role } from '../domain/schema.js';
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

const OWN = 'kab-contoh';
const OTHER = 'kab-lain';
const CLOSES_AT = '2026-06-30T10:00:00Z';
const STAFF_ROLES = ['auditor', 'coordinator', 'admin'] as const satisfies readonly Role[];
const ANY_STAFF: readonly Role[] = STAFF_ROLES;

interface Access {
  /**
   * Staff roles that may call it, 'public' for anyone, 'respondent' for whoever holds a valid
   * invitation code, 'seat' for only the trustee holding a seat in the ceremony concerned.
   */
  roles: readonly Role[] | 'public' | 'respondent' | 'seat';
  /** Whether the caller must also reach the agency (admins reach every agency, others those in their claim). */
  agencyScoped: boolean;
  /** Whether a trustee of the agency (an account with the capability and no role) may also call it. */
  trustees?: boolean;
}

/** Who may call what. Deciding a new route's access means adding it here. */
const expected: Record<string, Access> = {
  getHealth: { roles: 'public', agencyScoped: false },
  getClientConfig: { roles: 'public', agencyScoped: false },
  getMe: { roles: ANY_STAFF, agencyScoped: false, trustees: true },
  listAgencies: { roles: ANY_STAFF, agencyScoped: false },
  createAgency: { roles: ['admin'], agencyScoped: false },
  getAgency: { roles: ANY_STAFF, agencyScoped: true },
  listAuditEvents: { roles: ANY_STAFF, agencyScoped: true },
  importRoster: { roles: ['coordinator'], agencyScoped: true },
  listEmployees: { roles: ['coordinator'], agencyScoped: true },
  createWave: { roles: ['coordinator'], agencyScoped: true },
  listWaves: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  getWave: { roles: ANY_STAFF, agencyScoped: true },
  updateWave: { roles: ['coordinator'], agencyScoped: true },
  planWave: { roles: ['coordinator'], agencyScoped: true },
  launchWave: { roles: ['coordinator'], agencyScoped: true },
  downloadLinks: { roles: ['coordinator'], agencyScoped: true },
  reissueInvitation: { roles: ['coordinator'], agencyScoped: true },
  closeWave: { roles: ['coordinator'], agencyScoped: true },
  getCoverage: { roles: ANY_STAFF, agencyScoped: true },
  exportCoverage: { roles: ANY_STAFF, agencyScoped: true },
  listNonResponders: { roles: ['coordinator'], agencyScoped: true },
  verifyWave: { roles: ANY_STAFF, agencyScoped: true },
  getResults: { roles: ANY_STAFF, agencyScoped: true },
  exportResults: { roles: ANY_STAFF, agencyScoped: true },
  // A person's own figures: not for auditors, who check coverage, not people.
  getRateeReport: { roles: ['coordinator', 'admin'], agencyScoped: true },
  listRankings: { roles: ['admin'], agencyScoped: false },
  openInvitation: { roles: 'respondent', agencyScoped: false },
  submitResponse: { roles: 'respondent', agencyScoped: false },
  createCeremony: { roles: ['coordinator', 'admin'], agencyScoped: true },
  listCeremonies: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  getCeremony: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  // Each step is the seat holder's alone: no role acts for a trustee.
  submitCommitment: { roles: 'seat', agencyScoped: false },
  submitCeremonyShares: { roles: 'seat', agencyScoped: false },
  confirmCeremony: { roles: 'seat', agencyScoped: false },
  reportCeremonyFailure: { roles: 'seat', agencyScoped: false },
  getOpening: { roles: ANY_STAFF, agencyScoped: true, trustees: true },
  listOpeningGroups: { roles: 'seat', agencyScoped: true },
  submitDecryptionShares: { roles: 'seat', agencyScoped: true },
};

// ---------------------------------------------------------------------------------------------
// Callers

type Caller =
  | { name: string; kind: 'none' | 'badToken' | 'respondent' | 'noRole' }
  | { name: string; kind: 'staff'; role: Role; agency: 'own' | 'other' }
  /** A trustee with no role: 'own' holds a seat in the agency's ceremony, 'other' is another agency's trustee. */
  | { name: string; kind: 'trustee'; agency: 'own' | 'other' };

const callers: Caller[] = [
  { name: 'no token', kind: 'none' },
  { name: 'invalid token', kind: 'badToken' },
  { name: 'respondent code', kind: 'respondent' },
  { name: 'account without role', kind: 'noRole' },
  ...STAFF_ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((agency): Caller => ({ name: `${role} (${agency} agency)`, kind: 'staff', role, agency })),
  ),
  { name: 'trustee (own seat)', kind: 'trustee', agency: 'own' },
  { name: 'trustee (other agency)', kind: 'trustee', agency: 'other' },
];

type Outcome = { allowed: true } | { allowed: false; status: number; code: string };

function outcome(access: Access, caller: Caller): Outcome {
  if (access.roles === 'public') return { allowed: true };
  if (access.roles === 'respondent') {
    // Only the code opens an invitation: a staff token, or no credential, gets nothing.
    return caller.kind === 'respondent' ? { allowed: true } : { allowed: false, status: 404, code: 'invitation_unknown' };
  }
  switch (caller.kind) {
    case 'none':
      return { allowed: false, status: 401, code: 'unauthenticated' };
    case 'badToken':
    case 'respondent':
      return { allowed: false, status: 401, code: 'invalid_token' };
    case 'noRole':
      return { allowed: false, status: 403, code: 'no_role' };
    case 'trustee':
      if (access.roles !== 'seat' && !access.trustees) return { allowed: false, status: 403, code: 'no_role' };
      if (caller.agency === 'own') return { allowed: true };
      if (access.roles === 'seat') return { allowed: false, status: 403, code: access.agencyScoped ? 'forbidden_agency' : 'not_trustee_seat' };
      return access.agencyScoped ? { allowed: false, status: 403, code: 'forbidden_agency' } : { allowed: true };
    case 'staff':
      if (access.roles === 'seat') {
        const outside = access.agencyScoped && caller.agency === 'other' && caller.role !== 'admin';
        return { allowed: false, status: 403, code: outside ? 'forbidden_agency' : 'not_trustee_seat' };
      }
      if (!access.roles.includes(caller.role)) return { allowed: false, status: 403, code: 'forbidden_role' };
      if (access.agencyScoped && caller.agency === 'other' && caller.role !== 'admin') {
        return { allowed: false, status: 403, code: 'forbidden_agency' };
      }
      return { allowed: true };
  }
}

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
  return {
    ...w,
    code: w.links[0]!.code,
    draft: once(newDraft),
    /** A launched wave whose one-time link list is still waiting. */
    linksWave: once(async () => {
      const d = await newDraft();
      expect((await w.staff('POST', `/api/waves/${d.id}/launch`, { planHash: d.planHash })).status).toBe(200);
      return d.id;
    }),
    ticket: once(async () => (await w.open(w.links[0]!.code)).tickets[0]!.id),
    /** A launched, answered and closed wave, opened by the first two trustees, and one of its ratees. */
    closedWave: once(async () => {
      const d = await newDraft();
      expect((await w.staff('POST', `/api/waves/${d.id}/launch`, { planHash: d.planHash })).status).toBe(200);
      const { links } = await body<{ links: { code: string }[] }>(await w.staff('POST', `/api/waves/${d.id}/links`));
      for (const link of links) {
        for (const t of (await w.open(link.code)).tickets) {
          await w.respond('submit', { code: link.code, ticketId: t.id, questionnaireVersion: defaultQuestionnaire.version, answers: answers(2) });
        }
      }
      expect((await w.staff('POST', `/api/waves/${d.id}/close`)).status).toBe(200);
      await openWave(w.app, w.ceremony, w.trustees.slice(0, 2), d.id);
      return { id: d.id, ratee: (await w.store.listRatees(d.id))[0]!.nip };
    }),
    /** A closed wave nobody has opened yet, and the first trustee's count shares for it. */
    sealedWave: once(async () => {
      const d = await newDraft();
      expect((await w.staff('POST', `/api/waves/${d.id}/launch`, { planHash: d.planHash })).status).toBe(200);
      const { links } = await body<{ links: { code: string }[] }>(await w.staff('POST', `/api/waves/${d.id}/links`));
      for (const link of links) {
        for (const t of (await w.open(link.code)).tickets) {
          await w.respond('submit', { code: link.code, ticketId: t.id, questionnaireVersion: defaultQuestionnaire.version, answers: answers(3) });
        }
      }
      expect((await w.staff('POST', `/api/waves/${d.id}/close`)).status).toBe(200);
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
  downloadLinks: { fresh: true, build: async (w) => ({ waveId: await w.linksWave() }) },
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
  const params: Record<string, string | undefined> = { agencyId: OWN, waveId: call.waveId, nip: call.nip, ceremonyId: call.ceremonyId, phase: call.phase };
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

/** Every key in a JSON value, as a path: "raters[].email". */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${prefix}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      return [path, ...keyPaths(v, path)];
    });
  }
  return [];
}

/** Staff accounts' own addresses, not employees' contacts: the signed-in auditor, and who did what in the audit log. */
const staffEmails: Record<string, string[]> = {
  getMe: ['email'],
  listAuditEvents: ['events[].actor.email'],
  // Trustees are staff accounts, named so everyone can see who holds the key.
  listCeremonies: ['ceremonies[].trustees[].email', 'ceremonies[].createdBy.email'],
  getCeremony: ['trustees[].email', 'createdBy.email'],
  getOpening: ['trustees[].email'],
};

async function expectNoContactsOrAnswers(operationId: string, res: Response) {
  const text = await res.clone().text();
  if (!(res.headers.get('content-type') ?? '').includes('json')) {
    expect(text).not.toMatch(/e-?mail|phone|no\.? ?hp|answers|jawaban|@/i);
    return;
  }
  const paths = keyPaths(JSON.parse(text));
  const leaked = paths.filter((p) => /(^|\.)(email|phone|answers)$/.test(p) && !(staffEmails[operationId] ?? []).includes(p));
  expect(leaked).toEqual([]);
  // Auditors see units and the agency, never a named person's figures.
  expect(paths.filter((p) => /^ratees\.\d+\./.test(p))).toEqual([]);
}

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
    } else {
      expect(res.status, text).toBe(result.status);
      expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(result.code);
      expect(await snapshot(w), 'a refused request changes nothing').toEqual(before);
    }
  });
});
