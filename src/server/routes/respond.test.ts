import { readFileSync, existsSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire } from '../../domain/questionnaire.js';
import { SEALED_BYTES } from '../../domain/sealing/elgamal.js';
import { body } from '../test-support/api.js';
import { answers, launchedDemoWave, type LaunchOptions } from '../test-support/wave.js';
import { signInStaff } from '../test-support/staff.js';
import { scratchDir } from '../test-support/scratch.js';
import { EDGE_LIMIT_FACTOR } from './respond.js';

let coordinator: string;
const scratch = scratchDir('respond');
beforeAll(async () => {
  coordinator = (await signInStaff({ role: 'coordinator', agencies: ['kab-contoh'] })).token;
});

const launched = (options: LaunchOptions = {}) => launchedDemoWave(scratch.file(), coordinator, options);

describe('submitResponse', () => {
  it('consumes the ticket and records exactly the allowed fields', async () => {
    const { links, open, submit, store, wave } = await launched();
    const code = links[0]!.code;
    const before = await open(code);
    const ticket = before.tickets[0]!;
    const res = await submit(code, ticket.id, 2);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ status: 'recorded' });
    expect((await open(code)).tickets.map((t) => t.id)).toEqual(before.tickets.slice(1).map((t) => t.id));
    const [response] = await store.sealedResponses(wave.id);
    expect(Object.keys(response!).sort()).toEqual(['id', 'questionnaireVersion', 'rateeNip', 'rateeUnitId', 'relationship', 'sealed'].sort());
    expect(response).toMatchObject({ relationship: ticket.relationship });
    expect(response!.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Sealed slots only: six ElGamal ciphertexts, and the response's group tally is exactly it.
    expect(response!.sealed).toHaveLength(SEALED_BYTES);
    expect((await store.listTallies(wave.id)).map((t) => [t.responses, Buffer.from(t.sealed).equals(Buffer.from(response!.sealed))])).toEqual([[1, true]]);
  });

  it('answers a retry after a lost reply with "already recorded", not an error, and records once', async () => {
    const { links, open, submit, store, wave } = await launched();
    const code = links[1]!.code;
    const ticket = (await open(code)).tickets[0]!;
    expect(await body(await submit(code, ticket.id))).toEqual({ status: 'recorded' });
    const retry = await submit(code, ticket.id);
    expect(retry.status).toBe(200);
    expect(await body(retry)).toEqual({ status: 'already_recorded' });
    expect(await store.sealedResponses(wave.id)).toHaveLength(1);
  });

  it('answers a ticket that was never this link\'s with 404, whether another rater\'s (used or not) or made up, and records nothing', async () => {
    const { links, open, submit, staff, store, wave } = await launched();
    const [mine, theirs] = [links[4]!.code, links[5]!.code];
    const [used, unused] = (await open(theirs)).tickets;
    expect(await body(await submit(theirs, used!.id))).toEqual({ status: 'recorded' });
    const before = await store.sealedResponses(wave.id);
    for (const ticketId of [used!.id, unused!.id, 'AAAAAAAAAAAA', 'made-up']) {
      const res = await submit(mine, ticketId);
      expect(res.status, ticketId).toBe(404);
      const error = (await body<{ error: { code: string; messages: { id: string; en: string } } }>(res)).error;
      expect(error.code).toBe('ticket_unknown');
      expect(error.messages.en).toMatch(/not sent/);
    }
    expect(await store.sealedResponses(wave.id)).toEqual(before);
    // The other rater's unused ticket is still theirs to answer.
    expect((await open(theirs)).tickets.map((t) => t.id)).toContain(unused!.id);
    // After a reissue, a retry of a ticket used under the new link is still "already recorded".
    const reissued = await body<{ link: { code: string } }>(await staff('POST', `/api/waves/${wave.id}/invitations/reissue`, { nip: links[4]!.nip }));
    const fresh = reissued.link.code;
    const ticket = (await open(fresh)).tickets[0]!;
    expect(await body(await submit(fresh, ticket.id))).toEqual({ status: 'recorded' });
    expect(await body(await submit(fresh, ticket.id))).toEqual({ status: 'already_recorded' });
  });

  it('records one response when the same ticket is sent 20 times at once over HTTP', async () => {
    const { app, links, open, store, wave } = await launched();
    const server: ServerType = await new Promise((ready) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s));
    });
    try {
      const { port } = server.address() as { port: number };
      const code = links[2]!.code;
      const ticket = (await open(code)).tickets[0]!;
      const payload = JSON.stringify({ code, ticketId: ticket.id, questionnaireVersion: defaultQuestionnaire.version, answers: answers(3) });
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`http://127.0.0.1:${port}/api/respond/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }).then(
            async (r) => [r.status, ((await r.json()) as { status: string }).status] as const,
          ),
        ),
      );
      expect(results.every(([status]) => status === 200)).toBe(true);
      expect(results.filter(([, s]) => s === 'recorded')).toHaveLength(1);
      expect(results.filter(([, s]) => s === 'already_recorded')).toHaveLength(19);
      expect(await store.sealedResponses(wave.id)).toHaveLength(1);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('refuses unanswered items, naming each, and writes nothing', async () => {
    const { links, open, respond, store, wave } = await launched();
    const code = links[3]!.code;
    const ticket = (await open(code)).tickets[0]!;
    const partial = { ...answers(1), 'ha-2': null } as Record<string, unknown>;
    delete partial['lo-1'];
    const res = await respond('submit', { code, ticketId: ticket.id, questionnaireVersion: defaultQuestionnaire.version, answers: partial });
    expect(res.status).toBe(400);
    const error = (await body<{ error: { code: string; issues: { path: string }[] } }>(res)).error;
    expect(error.code).toBe('answers_incomplete');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['ha-2', 'lo-1']);
    expect(await store.sealedResponses(wave.id)).toEqual([]);
    expect((await open(code)).tickets).toHaveLength((await open(code)).tickets.length);
  });

  it('gives unknown codes, scheduled and closed waves their own answers', async () => {
    const { links, open, submit, setClock, staff, wave, respond } = await launched({ closesAt: '2026-06-10T00:00:00Z' });
    const code = links[4]!.code;
    const ticket = (await open(code)).tickets[0]!;
    expect((await body<{ error: { code: string } }>(await submit('0'.repeat(26), ticket.id))).error.code).toBe('invitation_unknown');
    expect((await respond('open', { code: 'abc' })).status).toBe(400);
    setClock('2026-06-10T00:00:01Z');
    const late = await submit(code, ticket.id);
    expect(late.status).toBe(410);
    expect((await body<{ error: { code: string } }>(late)).error.code).toBe('wave_closed');
    setClock('2026-06-02T00:00:00Z');
    expect((await staff('POST', `/api/waves/${wave.id}/close`)).status).toBe(200);
    expect((await submit(code, ticket.id)).status).toBe(410);
  });

  it('limits requests per network with a clear 429, and cuts floods of unknown codes without locking out real links', async () => {
    // Behind one trusted proxy, which appends each client's address to X-Forwarded-For.
    const { links, open, submit, setClock } = await launched({ rateLimits: { perMinute: 1000, badCodesPer10Minutes: 3 }, trustedProxies: 1 });
    const code = links[5]!.code;
    const ticket = (await open(code)).tickets[0]!;
    const office = { 'x-forwarded-for': '10.9.8.7' };
    for (let i = 0; i < 3; i++) expect((await submit(`${'1'.repeat(25)}${i}`, ticket.id, 1, office)).status).toBe(404);
    const blocked = await submit(`${'1'.repeat(25)}9`, ticket.id, 1, office);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
    const error = (await body<{ error: { code: string; messages: { id: string; en: string } } }>(blocked)).error;
    expect(error.code).toBe('unknown_codes_limited');
    expect(error.messages.en).toMatch(/correct links still open/);
    // A colleague in the same office opens and answers with a real link meanwhile.
    expect((await submit(code, ticket.id, 1, office)).status).toBe(200);
    // Ten minutes after the first bad code, the office's next bad code is a plain 404 again.
    setClock('2026-06-01T01:11:00.000Z');
    expect((await submit(`${'1'.repeat(25)}8`, ticket.id, 1, office)).status).toBe(404);

    const busy = await launched({ rateLimits: { perMinute: 3, badCodesPer10Minutes: 100 }, trustedProxies: 1 });
    const c2 = busy.links[0]!.code;
    for (let i = 0; i < 3; i++) expect((await busy.respond('open', { code: c2 }, office)).status).toBe(200);
    expect((await busy.respond('open', { code: c2 }, office)).status).toBe(429);
  });

  it('cannot be dodged through the function’s own URL: the address that reached the nearest proxy has a loose limit of its own', async () => {
    // Behind Hosting's CDN and Google's front end (two trusted proxies).
    const api = await launched({ rateLimits: { perMinute: 2, badCodesPer10Minutes: 1 }, trustedProxies: 2 });
    const code = api.links[0]!.code;
    // Through Hosting: the client, then the CDN address the front end appended. Limited per client.
    const viaHosting = (client: string) => ({ 'x-forwarded-for': `${client}, 203.0.113.9` });
    for (let i = 0; i < 2; i++) expect((await api.respond('open', { code }, viaHosting('198.51.100.7'))).status).toBe(200);
    expect((await api.respond('open', { code }, viaHosting('198.51.100.7'))).status).toBe(429);
    expect((await api.respond('open', { code }, viaHosting('198.51.100.8'))).status).toBe(200);
    // Straight to the function: the caller writes both entries the limit would count, new each time,
    // and the front end appends the caller's real address. 20 clients' worth, then refused.
    const direct = (i: number) => ({ 'x-forwarded-for': `10.0.${i}.1, 10.1.${i}.1, 192.0.2.66` });
    const answered: number[] = [];
    for (let i = 0; i < 45; i++) answered.push((await api.respond('open', { code }, direct(i))).status);
    expect(answered.filter((s) => s === 200)).toHaveLength(2 * EDGE_LIMIT_FACTOR);
    expect(answered.at(-1)).toBe(429);
    // Unknown codes the same way: one per client, twenty per address in front of the front end.
    const ticketId = (await body<{ tickets: { id: string }[] }>(await api.respond('open', { code }, viaHosting('198.51.100.20')))).tickets[0]!.id;
    const guesses: number[] = [];
    for (let i = 0; i < 25; i++) guesses.push((await api.submit(`${'1'.repeat(25)}${i % 10}`, ticketId, 1, { 'x-forwarded-for': `10.2.${i}.1, 10.3.${i}.1, 192.0.2.77` })).status);
    expect(guesses.filter((s) => s === 404)).toHaveLength(EDGE_LIMIT_FACTOR);
    expect(guesses.at(-1)).toBe(429);
  });

  it('cannot be dodged by writing X-Forwarded-For when no proxy is trusted', async () => {
    const { links, open, submit } = await launched({ rateLimits: { perMinute: 1000, badCodesPer10Minutes: 3 } });
    const ticket = (await open(links[5]!.code)).tickets[0]!;
    // A guesser claiming a new address with every request is still one client.
    for (let i = 0; i < 3; i++) expect((await submit(`${'1'.repeat(25)}${i}`, ticket.id, 1, { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(404);
    expect((await submit(`${'1'.repeat(25)}7`, ticket.id, 1, { 'x-forwarded-for': '10.0.0.99' })).status).toBe(429);
  });
});

describe('anonymity', () => {
  it('leaves nothing in the store, the database file or the logs that links a response to its rater', async () => {
    const { links, open, submit, store, wave, lines } = await launched();
    const consumed: { code: string; nip: string; ticketId: string; order: number }[] = [];
    // The test (not the system) notes which response each submission created, to measure order.
    const createdInOrder: string[] = [];
    const seen = new Set<string>();
    let order = 0;
    for (const link of links) {
      for (const ticket of (await open(link.code)).tickets) {
        expect((await submit(link.code, ticket.id, order)).status).toBe(200);
        consumed.push({ code: link.code, nip: link.nip, ticketId: ticket.id, order: order++ });
        const fresh = (await store.sealedResponses(wave.id)).map((r) => r.id).filter((id) => !seen.has(id));
        expect(fresh).toHaveLength(1);
        seen.add(fresh[0]!);
        createdInOrder.push(fresh[0]!);
      }
    }
    expect(consumed.length).toBeGreaterThan(200);

    // 1. The whole store: every table, every row.
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const dump = Object.fromEntries(tables.map((t) => [t, store.db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]]));
    expect(Object.keys(dump.responses![0]!).sort()).toEqual(['agency_id', 'id', 'questionnaire_version', 'ratee_nip', 'ratee_unit_id', 'relationship', 'sealed', 'wave_id'].sort());
    expect(dump.tickets).toEqual([]);
    const invitationIds = new Set((dump.invitations as { id: string }[]).map((i) => i.id));
    const codeHashes = new Set((dump.invitations as { code_hash: string }[]).map((i) => i.code_hash));
    for (const r of dump.responses as Record<string, string>[]) {
      const text = JSON.stringify({ ...r, sealed: undefined });
      for (const id of invitationIds) expect(text).not.toContain(id);
      for (const h of codeHashes) expect(text).not.toContain(h);
      // The only NIP in a response is the ratee's.
      for (const nip of text.match(/\d{18}/g) ?? []) expect(nip).toBe(r.ratee_nip);
    }
    const rowsByTable = JSON.stringify(dump);
    for (const c of consumed) {
      expect(rowsByTable).not.toContain(c.code);
      expect(rowsByTable).not.toContain(c.ticketId);
    }

    // 2. No order: storage order is the random id's, unrelated to the order of submission.
    const stored = (dump.responses as { id: string }[]).map((r) => r.id);
    expect(stored).toEqual([...stored].sort());
    const position = new Map(stored.map((id, i) => [id, i]));
    const n = createdInOrder.length;
    const mean = (n - 1) / 2;
    const covariance = createdInOrder.reduce((sum, id, i) => sum + (i - mean) * (position.get(id)! - mean), 0);
    const spearman = covariance / ((n * (n * n - 1)) / 12);
    // For n > 200 unrelated orders give |rho| < 0.25 with overwhelming probability.
    expect(Math.abs(spearman)).toBeLessThan(0.25);

    // 3. The database file: secure_delete zeroed every used ticket and the journal was emptied.
    expect(store.truncateJournal()).toBe(true);
    const file = store.db.name;
    await store.close();
    const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    for (const c of consumed) expect(bytes.includes(Buffer.from(c.ticketId))).toBe(false);
    for (const c of consumed.slice(0, 20)) expect(bytes.includes(Buffer.from(c.code))).toBe(false);

    // 4. The logs: route patterns only.
    const log = lines.join('\n');
    expect(log).toContain('POST /api/respond/submit 200');
    for (const c of consumed) {
      expect(log).not.toContain(c.code);
      expect(log).not.toContain(c.ticketId);
    }
  });
});
