import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeCheckMs } from './routes/system.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import { appOver, bearer, jsonHeaders as json, makeApi as makeTestApi } from './test-support/api.js';
import { signInStaff } from './test-support/staff.js';

const makeApi = (bodyLimitBytes = 4096) => makeTestApi({ bodyLimitBytes });

let admin: string;
let coordinator: string;
let auditor: string;
let roleless: string;

beforeAll(async () => {
  [admin, coordinator, auditor, roleless] = await Promise.all([
    signInStaff({ role: 'admin', agencies: [] }).then((s) => s.token),
    signInStaff({ role: 'coordinator', agencies: ['kab-a'] }).then((s) => s.token),
    signInStaff({ role: 'auditor', agencies: ['kab-a', 'kab-b'] }).then((s) => s.token),
    signInStaff(null).then((s) => s.token),
  ]);
});

async function withAgencies() {
  const api = makeApi();
  for (const [id, name] of [
    ['kab-a', 'Kabupaten A'],
    ['kab-b', 'Kabupaten B'],
    ['kota-c', 'Kota C'],
  ] as const) {
    await api.store.createAgency({ id, name, createdAt: '2026-01-01T00:00:00.000Z' });
  }
  return api;
}

describe('system routes', () => {
  it('reports health with the store engine', async () => {
    const { app } = makeApi();
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('reads the store for health at most once per check interval, and again after a failed reading', async () => {
    const store = openSqliteStore(':memory:');
    const ping = store.ping.bind(store);
    let pings = 0;
    let down = false;
    store.ping = async () => {
      pings++;
      if (down) throw new Error('store unreachable');
      return ping();
    };
    let now = new Date('2026-12-03T08:00:00.000Z');
    const app = appOver(store, { now: () => now });
    const first = await (await app.request('/api/health')).json();
    now = new Date(now.getTime() + storeCheckMs - 1);
    const second = await (await app.request('/api/health')).json();
    expect(pings).toBe(1);
    expect(second.storeReachedAt).toBe(first.storeReachedAt);
    expect(second.time).toBe(now.toISOString());
    now = new Date(now.getTime() + 1);
    down = true;
    expect((await app.request('/api/health')).status).toBe(500);
    expect((await app.request('/api/health')).status).toBe(500);
    expect(pings).toBe(3);
    down = false;
    const back = await (await app.request('/api/health')).json();
    expect(back.storeReachedAt).toBe(now.toISOString());
    await store.close();
  });

  it('answers an unknown route with a JSON 404 in both languages', async () => {
    const { app } = makeApi();
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'Alamat tidak ditemukan.', messages: { id: 'Alamat tidak ditemukan.', en: 'Not found.' } },
    });
  });

  it('speaks English when the client prefers it', async () => {
    const { app } = makeApi();
    const res = await app.request('/api/nope', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Not found.');
  });

  it('logs the route pattern, never the raw path', async () => {
    const { app, lines } = makeApi();
    await app.request('/api/agencies/kab-secret-code', { headers: bearer(admin) });
    expect(lines.join('\n')).toContain('/api/agencies/:agencyId');
    expect(lines.join('\n')).not.toContain('kab-secret-code');
  });
});


describe('bad input', () => {
  it('answers malformed JSON with 400 and creates nothing', async () => {
    const { app, store } = makeApi();
    const res = await app.request('/api/agencies', { method: 'POST', headers: json(admin), body: '{"id": "kab-x", ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
    expect(await store.listAgencies()).toEqual([]);
  });

  it('answers a body that is not JSON with 415 in both languages, on every JSON operation, and creates nothing', async () => {
    const { app, store } = makeApi();
    const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/csv'];
    const calls: [string, string, string][] = [
      ['POST', '/api/agencies', JSON.stringify({ id: 'kab-x', name: 'Kabupaten X' })],
      ['POST', '/api/respond/open', JSON.stringify({ code: 'a'.repeat(22) })],
      ['POST', '/api/respond/submit', JSON.stringify({ code: 'a'.repeat(22), ticketId: 't', answers: {} })],
      ['POST', '/api/agencies/kab-a/waves', JSON.stringify({ name: 'W' })],
    ];
    for (const [method, path, payload] of calls) {
      for (const type of types) {
        const res = await app.request(path, { method, headers: { ...bearer(admin), 'content-type': type }, body: type.startsWith('application/x-www') ? 'id=kab-x&name=X' : payload });
        expect(res.status, `${method} ${path} as ${type}`).toBe(415);
        const error = ((await res.json()) as { error: { code: string; messages: { id: string; en: string } } }).error;
        expect(error.code).toBe('unsupported_media_type');
        expect(error.messages.id).toMatch(/JSON/);
        expect(error.messages.en).toMatch(/must be JSON/);
      }
    }
    expect(await store.listAgencies()).toEqual([]);
    // JSON with a charset, or a +json type, is JSON.
    const ok = await app.request('/api/agencies', { method: 'POST', headers: { ...bearer(admin), 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ id: 'kab-x', name: 'Kabupaten X' }) });
    expect(ok.status).toBe(201);
  });

  it('refuses a lone surrogate in any JSON string or key with 400, and keeps a real pair', async () => {
    const { app, store } = makeApi();
    for (const raw of ['{"id":"kab-x","name":"a\\ud800b"}', '{"id":"kab-x","name":"a\\udc00"}', '{"id":"kab-x","name":"X","\\ud83d":1}']) {
      const res = await app.request('/api/agencies', { method: 'POST', headers: json(admin), body: raw });
      expect(res.status, raw).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_text');
    }
    expect(await store.listAgencies()).toEqual([]);
    // An escaped pair is one well-formed character (an emoji), stored and read back as sent.
    const ok = await app.request('/api/agencies', { method: 'POST', headers: json(admin), body: '{"id":"kab-x","name":"Kab \\ud83c\\udf34 X"}' });
    expect(ok.status).toBe(201);
    expect((await store.listAgencies())[0]!.name).toBe('Kab \u{1F334} X');
  });

  it('answers a required body that is missing with 400, not 500', async () => {
    const { app, store } = makeApi();
    const res = await app.request('/api/agencies', { method: 'POST', headers: bearer(admin) });
    expect(res.status).toBe(400);
    expect(await store.listAgencies()).toEqual([]);
  });

  it('answers an invalid body with 400, the field at fault, and creates nothing', async () => {
    const { app, store } = makeApi();
    const res = await app.request('/api/agencies', { method: 'POST', headers: json(admin), body: JSON.stringify({ id: 'Bad Id!', name: 'X Y' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path)).toEqual(['id']);
    expect(await store.listAgencies()).toEqual([]);
  });

  it('answers a body over the limit with 413 and creates nothing', async () => {
    const { app, store } = makeApi(4096);
    const res = await app.request('/api/agencies', {
      method: 'POST',
      headers: json(admin),
      body: JSON.stringify({ id: 'kab-x', name: 'x'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await store.listAgencies()).toEqual([]);
  });
});

describe('staff authentication and roles', () => {
  it('answers a missing token with 401', async () => {
    const { app } = makeApi();
    const res = await app.request('/api/agencies');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('answers a forged or garbled token with 401', async () => {
    const { app } = makeApi();
    for (const token of ['not-a-jwt', `${admin.slice(0, -4)}AAAA.x`, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']) {
      const res = await app.request('/api/agencies', { headers: bearer(token) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    }
  });

  it('answers a valid token without a role with 403', async () => {
    const { app } = makeApi();
    const res = await app.request('/api/me', { headers: bearer(roleless) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no_role');
  });

  it('answers the wrong role with 403 and changes nothing', async () => {
    const { app, store } = makeApi();
    for (const token of [coordinator, auditor]) {
      const res = await app.request('/api/agencies', { method: 'POST', headers: json(token), body: JSON.stringify({ id: 'kab-x', name: 'Kabupaten X' }) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden_role');
    }
    expect(await store.listAgencies()).toEqual([]);
  });

  it('answers another agency with 403 and its own with 200', async () => {
    const { app } = await withAgencies();
    const other = await app.request('/api/agencies/kab-b', { headers: bearer(coordinator) });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('forbidden_agency');
    const own = await app.request('/api/agencies/kab-a', { headers: bearer(coordinator) });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { agency: { name: string } }).agency.name).toBe('Kabupaten A');
    const audit = await app.request('/api/agencies/kota-c/audit-events', { headers: bearer(auditor) });
    expect(audit.status).toBe(403);
  });

  it('returns the caller’s claims from /api/me', async () => {
    const { app } = makeApi();
    const res = await app.request('/api/me', { headers: bearer(auditor) });
    expect(await res.json()).toMatchObject({ role: 'auditor', agencies: ['kab-a', 'kab-b'] });
  });

  it('lists only the agencies in scope, all of them for admins', async () => {
    const { app } = await withAgencies();
    const names = async (token: string) =>
      ((await (await app.request('/api/agencies', { headers: bearer(token) })).json()) as { agencies: { id: string }[] }).agencies.map(
        (a) => a.id,
      );
    expect(await names(coordinator)).toEqual(['kab-a']);
    expect(await names(auditor)).toEqual(['kab-a', 'kab-b']);
    expect(await names(admin)).toEqual(['kab-a', 'kab-b', 'kota-c']);
  });

  it('lets an admin create an agency once, and records it in the audit log', async () => {
    const { app } = makeApi();
    const body = JSON.stringify({ id: 'kab-x', name: 'Kabupaten X' });
    const created = await app.request('/api/agencies', { method: 'POST', headers: json(admin), body });
    expect(created.status).toBe(201);
    const again = await app.request('/api/agencies', { method: 'POST', headers: json(admin), body });
    expect(again.status).toBe(409);
    const events = (await (await app.request('/api/agencies/kab-x/audit-events', { headers: bearer(admin) })).json()) as {
      events: { action: string; actor: { email: string } }[];
    };
    expect(events.events).toHaveLength(1);
    expect(events.events[0]).toMatchObject({ action: 'agency.create' });
    expect(events.events[0]!.actor.email).toMatch(/@test\.example$/);
  });
});

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1 with an operationId on every operation', async () => {
    const { app } = makeApi();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['getHealth', 'getClientConfig', 'getMe', 'listAgencies', 'createAgency', 'getAgency', 'listAuditEvents']));
  });

  it('declares the 415 answer on every operation that takes JSON', async () => {
    const { app } = makeApi();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>>;
    };
    const jsonOps = Object.values(doc.paths).flatMap((ops) => Object.values(ops).filter((op) => op.requestBody?.content['application/json']));
    expect(jsonOps.length).toBeGreaterThan(10);
    expect(jsonOps.filter((op) => !op.responses['415']).map((op) => op.operationId)).toEqual([]);
  });
});
