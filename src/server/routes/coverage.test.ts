import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAtRisk, rateeOrder, type Coverage } from '../../domain/coverage.js';
import type { IntegrityReport } from '../../domain/integrity.js';
import { bearer, body } from '../test-support/api.js';
import { staffTokens } from '../test-support/staff.js';
import { launchedDemoWave } from '../test-support/wave.js';
import { scratchDir } from '../test-support/scratch.js';
import { jobOutcome } from '../test-support/jobs.js';

let coordinator: string;
let auditor: string;
let otherAuditor: string;
const scratch = scratchDir('coverage');
beforeAll(async () => {
  ({ coordinator, auditor, otherAuditor } = await staffTokens({
    coordinator: { role: 'coordinator', agencies: ['kab-contoh'] },
    auditor: { role: 'auditor', agencies: ['kab-contoh'] },
    otherAuditor: { role: 'auditor', agencies: ['kab-lain'] },
  }));
});

/** A launched demo wave where the first rater finished, the second answered once, the rest nothing. */
async function waveInProgress() {
  const w = await launchedDemoWave(scratch.file(), coordinator);
  const first = await w.open(w.links[0]!.code);
  for (const t of first.tickets) expect((await w.submit(w.links[0]!.code, t.id)).status).toBe(200);
  const second = await w.open(w.links[1]!.code);
  expect(second.tickets.length).toBeGreaterThan(1);
  await w.submit(w.links[1]!.code, second.tickets[0]!.id);
  const get = (path: string, token = auditor) => w.app.request(path, { headers: bearer(token) });
  const post = (path: string, token = auditor) => w.app.request(path, { method: 'POST', headers: bearer(token) });
  /** Runs the integrity check as its job and answers the report. */
  const verify = async () => {
    const job = await jobOutcome((method, path) => w.app.request(path, { method, headers: bearer(auditor) }), await post(`/api/waves/${w.wave.id}/verify`));
    expect(job).toMatchObject({ kind: 'wave.verify', status: 'succeeded' });
    return job.result as IntegrityReport;
  };
  return { ...w, used: first.tickets.length + 1, get, post, verify };
}

describe('getCoverage', () => {
  it('counts raters finished, partly done and not started, and responses per group, unit and day', async () => {
    const w = await waveInProgress();
    const res = await w.get(`/api/waves/${w.wave.id}/coverage`);
    expect(res.status).toBe(200);
    const c = await body<Coverage>(res);
    expect(c.raters).toEqual({ invited: w.links.length, finished: 1, partly: 1, notStarted: w.links.length - 2 });
    expect(c.tickets.used).toBe(w.used);
    expect(c.tickets.issued).toBeGreaterThan(c.tickets.used);
    expect(c.perDay).toEqual([{ day: '2026-06-01', responses: w.used }]);
    // The unit tree rolls up: the roots hold every rater and every ticket.
    const roots = c.units.filter((u) => u.parentId === null);
    expect(roots.reduce((n, u) => n + u.raters.invited, 0)).toBe(w.links.length);
    expect(roots.reduce((n, u) => n + u.tickets.used, 0)).toBe(w.used);
    for (const u of c.units) {
      const children = c.units.filter((x) => x.parentId === u.id);
      if (children.length === 0) continue;
      expect(u.raters.invited).toBeGreaterThanOrEqual(children.reduce((n, x) => n + x.raters.invited, 0));
    }
    // Every ratee group adds up to the totals, and at-risk ratees come first.
    const rows = c.ratees.rows;
    expect(rows.reduce((n, r) => n + Object.values(r.groups).reduce((m, g) => m + g.responses, 0), 0)).toBe(w.used);
    expect(rows.filter((r) => r.atRisk)).toHaveLength(c.ratees.atRisk);
    // The store's order and at-risk rule are the domain's.
    expect(rows.map((r) => r.nip)).toEqual([...rows].sort(rateeOrder(c.k)).map((r) => r.nip));
    for (const r of rows) expect(r.atRisk).toBe(isAtRisk(r.groups, c.k));
    expect(JSON.stringify(c)).not.toMatch(/answers|email|phone/);
  });

  it('focuses on one unit: it, its children and the ratees below it, up to a limit', async () => {
    const w = await waveInProgress();
    const all = await body<Coverage>(await w.get(`/api/waves/${w.wave.id}/coverage`));
    expect(all.units.every((u) => u.parentId === null)).toBe(true);
    expect(all.focusPath).toEqual([]);
    const unit = all.units.find((u) => u.ratees > 0)!;
    const some = await body<Coverage>(await w.get(`/api/waves/${w.wave.id}/coverage?unit=${encodeURIComponent(unit.id)}&limit=2`));
    expect(some.focusPath).toEqual([{ id: unit.id, name: unit.name }]);
    expect(some.units[0]).toEqual(unit);
    expect(some.units.slice(1).every((u) => u.parentId === unit.id)).toBe(true);
    // Children roll up into their parent.
    expect(some.units.slice(1).reduce((n, u) => n + u.ratees, 0)).toBeLessThanOrEqual(unit.ratees);
    expect(some.ratees.total).toBe(unit.ratees);
    expect(some.ratees.rows.length).toBe(Math.min(2, unit.ratees));
    expect((await w.get(`/api/waves/${w.wave.id}/coverage?limit=-1`)).status).toBe(400);
    const unknown = await w.get(`/api/waves/${w.wave.id}/coverage?unit=ghost`);
    expect(unknown.status).toBe(404);
    expect(await body(unknown)).toMatchObject({ error: { code: 'unit_not_found' } });
  });

  it('refuses a draft wave, another agency’s auditor and a caller without a token', async () => {
    const w = await waveInProgress();
    const draft = await body<{ id: string }>(await w.staff('POST', '/api/agencies/kab-contoh/waves', { name: 'Draf', closesAt: '2026-06-30T10:00:00Z' }));
    const res = await w.get(`/api/waves/${draft.id}/coverage`);
    expect(res.status).toBe(409);
    expect(await body(res)).toMatchObject({ error: { code: 'wave_not_launched' } });
    expect((await w.get(`/api/waves/${w.wave.id}/coverage`, otherAuditor)).status).toBe(403);
    expect((await w.app.request(`/api/waves/${w.wave.id}/coverage`)).status).toBe(401);
  });

  it('exports the same figures as CSV and XLSX', async () => {
    const w = await waveInProgress();
    const c = await body<Coverage>(await w.get(`/api/waves/${w.wave.id}/coverage`));
    const csv = await w.get(`/api/waves/${w.wave.id}/coverage/export?format=csv&view=units`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="cakupan-.*-units\.csv"/);
    const parsed = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]![0]).toBe('Unit kerja (unit)');
    expect(parsed.length).toBeGreaterThan(c.units.length + 1);
    // Every unit is a row; the top-level rows hold every rater.
    const invited = parsed.slice(1).reduce((n, row) => n + (row[0]!.includes(' > ') ? 0 : Number(row[1])), 0);
    expect(invited).toBe(w.links.length);

    const xlsx = await w.get(`/api/waves/${w.wave.id}/coverage/export?format=xlsx&view=ratees`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    let responses = 0;
    sheet.eachRow((row, n) => {
      if (n > 1) responses += Number(row.getCell(6).value);
    });
    expect(responses).toBe(w.used);
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^\d{18}$/);
    expect((await w.get(`/api/waves/${w.wave.id}/coverage/export?format=pdf`)).status).toBe(400);
  });
});

describe('listNonResponders', () => {
  it('lists raters with unused tickets and their contacts, for coordinators only, and records it', async () => {
    const w = await waveInProgress();
    expect((await w.get(`/api/waves/${w.wave.id}/non-responders`, auditor)).status).toBe(403);
    const res = await w.get(`/api/waves/${w.wave.id}/non-responders`, coordinator);
    expect(res.status).toBe(200);
    const { raters } = await body<{ raters: { nip: string; ticketsLeft: number; ticketsIssued: number; email: string | null }[] }>(res);
    expect(raters).toHaveLength(w.links.length - 1);
    expect(raters.map((r) => r.nip)).not.toContain(w.links[0]!.nip);
    const partly = raters.find((r) => r.nip === w.links[1]!.nip)!;
    expect(partly.ticketsLeft).toBe(partly.ticketsIssued - 1);
    const log = await body<{ events: { action: string }[] }>(await w.get(`/api/agencies/kab-contoh/audit-events?waveId=${w.wave.id}`, coordinator));
    expect(log.events[0]).toMatchObject({ action: 'wave.non_responders' });
  });
});

describe('verifyWave', () => {
  it('passes a clean wave and records the check', async () => {
    const w = await waveInProgress();
    const report = await w.verify();
    expect(report).toMatchObject({ ok: true, mismatchCount: 0, mismatches: [] });
    expect(report.totals.responses).toBe(w.used);
    expect(report.totals.issued).toBe(report.totals.remaining + report.totals.responses);
    const log = await body<{ events: { action: string; details: Record<string, unknown> }[] }>(
      await w.get(`/api/agencies/kab-contoh/audit-events?waveId=${w.wave.id}`),
    );
    expect(log.events[0]).toMatchObject({ action: 'wave.verify', details: { ok: true, mismatches: 0 } });
  });

  it('reports a ticket deleted without a response, and a response without a ticket, precisely', async () => {
    const w = await waveInProgress();
    const db = w.store.db;
    // Planted directly in the store: one ticket vanishes, one response appears from nowhere.
    const gone = db.prepare(`SELECT t.* FROM tickets t JOIN invitations i ON i.id = t.invitation_id WHERE i.wave_id = ? LIMIT 1`).get(w.wave.id) as {
      invitation_id: string;
      id: string;
      ratee_nip: string;
      relationship: string;
    };
    db.prepare('DELETE FROM tickets WHERE invitation_id = ? AND id = ?').run(gone.invitation_id, gone.id);
    const [existing] = await w.store.sealedResponses(w.wave.id);
    db.prepare(
      `INSERT INTO responses (id, wave_id, agency_id, ratee_nip, ratee_unit_id, relationship, questionnaire_version, sealed)
       SELECT 'planted', wave_id, agency_id, ratee_nip, ratee_unit_id, relationship, questionnaire_version, sealed FROM responses WHERE id = ?`,
    ).run(existing!.id);
    const report = await w.verify();
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'consumed_without_response', rateeNip: gone.ratee_nip, relationship: gone.relationship }),
        expect.objectContaining({ kind: 'responses_exceed_consumed', rateeNip: existing!.rateeNip, relationship: existing!.relationship }),
        expect.objectContaining({ kind: 'coverage_count_differs', rateeNip: existing!.rateeNip, relationship: existing!.relationship }),
      ]),
    );
    const log = await body<{ events: { action: string; details: Record<string, unknown> }[] }>(
      await w.get(`/api/agencies/kab-contoh/audit-events?waveId=${w.wave.id}`),
    );
    expect(log.events[0]).toMatchObject({ action: 'wave.verify', details: { ok: false } });
  });
});
