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

const OWN = 'kab-contoh';
const OTHER = 'kab-lain';
const CLOSES_AT = '2026-06-30T10:00:00Z';
const STAFF_ROLES = ['auditor', 'coordinator', 'admin'] as const satisfies readonly Role[];
const ANY_STAFF: readonly Role[] = STAFF_ROLES;

interface Access {
  /** Staff roles that may call it, 'public' for anyone, 'respondent' for whoever holds a valid invitation code. */
  roles: readonly Role[] | 'public' | 'respondent';
  /** Whether the caller must also reach the agency (admins reach every agency, others those in their claim). */
  agencyScoped: boolean;
}

/** Who may call what. Deciding a new route's access means adding it here. */
const expected: Record<string, Access> = {
  getHealth: { roles: 'public', agencyScoped: false },
  getClientConfig: { roles: 'public', agencyScoped: false },
  getMe: { roles: ANY_STAFF, agencyScoped: false },
  listAgencies: { roles: ANY_STAFF, agencyScoped: false },
  createAgency: { roles: ['admin'], agencyScoped: false },
  getAgency: { roles: ANY_STAFF, agencyScoped: true },
  listAuditEvents: { roles: ANY_STAFF, agencyScoped: true },
  importRoster: { roles: ['coordinator'], agencyScoped: true },
  listEmployees: { roles: ['coordinator'], agencyScoped: true },
  createWave: { roles: ['coordinator'], agencyScoped: true },
  listWaves: { roles: ANY_STAFF, agencyScoped: true },
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
};

// ---------------------------------------------------------------------------------------------
// Callers

type Caller =
  | { name: string; kind: 'none' | 'badToken' | 'respondent' | 'noRole' }
  | { name: string; kind: 'staff'; role: Role; agency: 'own' | 'other' };

const callers: Caller[] = [
  { name: 'no token', kind: 'none' },
  { name: 'invalid token', kind: 'badToken' },
  { name: 'respondent code', kind: 'respondent' },
  { name: 'account without role', kind: 'noRole' },
  ...STAFF_ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((agency): Caller => ({ name: `${role} (${agency} agency)`, kind: 'staff', role, agency })),
  ),
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
    case 'staff':
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
    /** A launched and closed wave, and one of its ratees. */
    closedWave: once(async () => {
      const d = await newDraft();
      expect((await w.staff('POST', `/api/waves/${d.id}/launch`, { planHash: d.planHash })).status).toBe(200);
      expect((await w.staff('POST', `/api/waves/${d.id}/close`)).status).toBe(200);
      return { id: d.id, ratee: (await w.store.listRatees(d.id))[0]!.nip };
    }),
  };
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
      waves.map(async (wave) => ({ ...wave, links: await store.hasLinks(wave.id), responses: (await store.listResponses(wave.id)).length })),
    ),
    tickets: (await w.open(w.code)).tickets.map((t) => t.id),
  };
}

// ---------------------------------------------------------------------------------------------
// One request per operation that succeeds for an allowed caller

interface Call {
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
    default:
      return bearer(tokenOf(caller));
  }
}

async function send(w: World, op: DocOperation, access: Access, caller: Caller, call: Call): Promise<Response> {
  const params: Record<string, string | undefined> = { agencyId: OWN, waveId: call.waveId, nip: call.nip };
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
const staffEmails: Record<string, string[]> = { getMe: ['email'], listAuditEvents: ['events[].actor.email'] };

async function expectNoContactsOrAnswers(operationId: string, res: Response) {
  const text = await res.clone().text();
  if (!(res.headers.get('content-type') ?? '').includes('json')) {
    expect(text).not.toMatch(/e-?mail|phone|no\.? ?hp|answers|jawaban|@/i);
    return;
  }
  const leaked = keyPaths(JSON.parse(text)).filter(
    (p) => /(^|\.)(email|phone|answers)$/.test(p) && !(staffEmails[operationId] ?? []).includes(p),
  );
  expect(leaked).toEqual([]);
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
      if (access) expect({ op: op.operationId, security: op.security }).toEqual({ op: op.operationId, security: Array.isArray(access.roles) });
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
