import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire, type Answer } from '../../domain/questionnaire.js';
import { buildResults, scoreRatees, waveResultsSchema, type RateeReport, type Rankings, type WaveResults } from '../../domain/scoring.js';
import type { Relationship } from '../../domain/questionnaire.js';
import { answerCodes } from '../../domain/tally.js';
import { hashCode } from '../waves/plan.js';
import { openPhase } from '../test-support/trustees.js';
import { coreValues } from '../../domain/values.js';
import { bearer, body } from '../test-support/api.js';
import { staffTokens } from '../test-support/staff.js';
import { launchedDemoWave } from '../test-support/wave.js';
import { scratchDir } from '../test-support/scratch.js';

let coordinator: string;
let auditor: string;
let admin: string;
const scratch = scratchDir('results');
beforeAll(async () => {
  ({ coordinator, auditor, admin } = await staffTokens({
    coordinator: { role: 'coordinator', agencies: ['kab-contoh'] },
    auditor: { role: 'auditor', agencies: ['kab-contoh'] },
    admin: { role: 'admin', agencies: [] },
  }));
});

/** A different full set of answers per seed, with "cannot assess" on whole values now and then. */
const varied = (seed: number) =>
  Object.fromEntries(
    defaultQuestionnaire.items.map((item, i) => [item.behaviourId, (seed + i) % 11 === 0 || (seed % 7 === 0 && item.valueId === 'loyal') ? 'na' : (((seed * 3 + i) % 5) + 1) as Answer]),
  );
const every = (answer: Answer) => Object.fromEntries(defaultQuestionnaire.items.map((i) => [i.behaviourId, answer]));

/** The demo wave where every rater answers every colleague `answerFor(relationship)`. */
async function answeredWave(answerFor: (relationship: string) => Answer, settings?: Record<string, unknown>) {
  const w = await launchedDemoWave(scratch.file(), coordinator, { settings });
  for (const link of w.links) {
    const opened = await w.open(link.code);
    for (const t of opened.tickets) {
      const res = await w.respond('submit', { code: link.code, ticketId: t.id, questionnaireVersion: defaultQuestionnaire.version, answers: every(answerFor(t.relationship)) });
      expect(res.status).toBe(200);
    }
  }
  const get = (path: string, token = coordinator) => w.app.request(path, { headers: bearer(token) });
  /** Closes the wave and has two of its three trustees open it. */
  return { ...w, get, close: () => w.closeAndOpen() };
}

describe('results before the wave closes', () => {
  it('refuses every results route with 409 wave_not_closed and a message in both languages', async () => {
    const w = await answeredWave(() => 4);
    const nip = (await w.store.listRatees(w.wave.id))[0]!.nip;
    for (const path of ['results', 'results/export?format=csv', `results/ratees/${nip}`]) {
      const res = await w.get(`/api/waves/${w.wave.id}/${path}`);
      expect(res.status).toBe(409);
      const error = (await body<{ error: { code: string; messages: { id: string; en: string } } }>(res)).error;
      expect(error.code).toBe('wave_not_closed');
      expect(error.messages.en).toMatch(/once the wave is closed/);
    }
  });
});

describe('results of a sealed wave', () => {
  it('stay sealed after close until a quorum of trustees has opened both phases, then equal the plaintext scoring of the answers sent', async () => {
    const w = await launchedDemoWave(scratch.file(), coordinator);
    // Varied answers, "cannot assess" among them, remembered here as the plaintext reference.
    const sent: { rateeNip: string; rateeUnitId: string; relationship: Relationship; codes: string }[] = [];
    const ratees = new Map((await w.store.listRatees(w.wave.id)).map((r) => [r.nip, r.unitId]));
    let seed = 0;
    for (const link of w.links) {
      const opened = await w.open(link.code);
      const tickets = await w.store.listTicketsOfInvitation((await w.store.findInvitationByCodeHash(hashCode(link.code)))!.id);
      for (const t of opened.tickets) {
        const answers = varied(seed++);
        expect((await w.respond('submit', { code: link.code, ticketId: t.id, questionnaireVersion: defaultQuestionnaire.version, answers })).status).toBe(200);
        const ratee = tickets.find((x) => x.id === t.id)!.rateeNip;
        sent.push({ rateeNip: ratee, rateeUnitId: ratees.get(ratee)!, relationship: t.relationship as Relationship, codes: answerCodes(defaultQuestionnaire, answers) });
      }
    }
    const get = (path: string) => w.app.request(path, { headers: bearer(coordinator) });
    expect((await w.staff('POST', `/api/waves/${w.wave.id}/close`)).status).toBe(200);
    const sealed = async () => (await body<{ error: { code: string } }>(await get(`/api/waves/${w.wave.id}/results`))).error?.code;
    expect(await sealed()).toBe('results_sealed');
    // One trustee alone opens nothing, in either phase.
    await openPhase(w.app, w.ceremony, w.trustees[0]!, w.wave.id, 'counts');
    expect(await w.store.listOpened(w.wave.id)).toEqual([]);
    expect(await sealed()).toBe('results_sealed');
    const status = await body<{ trustees: { index: number; counts: boolean }[]; phases: { counts: { groups: number; opened: number } } }>(await get(`/api/waves/${w.wave.id}/opening`));
    expect(status.trustees.map((t) => t.counts)).toEqual([true, false, false]);
    expect(status.phases.counts.opened).toBe(0);
    // The third trustee's key file is lost: the first two open everything.
    await openPhase(w.app, w.ceremony, w.trustees[1]!, w.wave.id, 'counts');
    expect(await sealed()).toBe('results_sealed');
    await openPhase(w.app, w.ceremony, w.trustees[1]!, w.wave.id, 'sums');
    expect(await sealed()).toBe('results_sealed');
    await openPhase(w.app, w.ceremony, w.trustees[0]!, w.wave.id, 'sums');
    const res = await get(`/api/waves/${w.wave.id}/results`);
    expect(res.status).toBe(200);
    const results = await body<WaveResults>(res);
    const wave = (await w.store.getWave(w.wave.id))!;
    const s = wave.settings;
    const expected = buildResults({
      wave,
      units: await w.store.listUnits('kab-contoh'),
      ratees: results.ratees.map((r) => ({ nip: r.nip, name: r.name, unitId: r.unitId })),
      scores: scoreRatees(sent, { k: s.anonymityThreshold, weights: s.groupWeights, questionnaire: defaultQuestionnaire }),
    });
    expect(results).toEqual(waveResultsSchema.parse(JSON.parse(JSON.stringify(expected))));
    expect(results.agency.ratees.scored).toBeGreaterThan(0);
  });
});

describe('getResults', () => {
  it('gives 75 (band A) everywhere when everyone answers 4, and leaves self out of the index', async () => {
    // Self answers 1: if it leaked into the index, nothing would be 75.
    const w = await answeredWave((rel) => (rel === 'self' ? 1 : 4));
    await w.close();
    const res = await w.get(`/api/waves/${w.wave.id}/results`);
    expect(res.status).toBe(200);
    const results = await body<WaveResults>(res);
    expect(results.agency.overall).toEqual({ score: 75, band: 'A' });
    // An auditor gets the same units and agency, and no named person.
    const audited = await body<WaveResults>(await w.get(`/api/waves/${w.wave.id}/results`, auditor));
    expect(audited).toEqual({ ...results, ratees: [] });
    expect(results.agency.values.map((v) => v.valueId)).toEqual(coreValues.map((v) => v.id));
    expect(new Set(results.agency.values.map((v) => v.score?.score))).toEqual(new Set([75]));
    const planned = await w.store.listRatees(w.wave.id);
    expect(results.agency.ratees.total).toBe(planned.length);
    // The demo agency is small: some people have fewer than k peers and subordinates and get no index.
    expect(results.agency.ratees.scored).toBeGreaterThan(0);
    expect(results.agency.ratees.scored).toBeLessThanOrEqual(planned.length);
    expect(results.agency.distribution.overall).toEqual({ A: results.agency.ratees.scored, B: 0, C: 0, D: 0 });
    for (const u of results.units) expect([null, 75]).toContain(u.overall?.score ?? null);
    const roots = results.units.filter((u) => u.parentId === null);
    expect(roots.reduce((n, u) => n + u.ratees.total, 0)).toBe(planned.length);
    expect(results.ratees.filter((r) => r.overall !== null)).toHaveLength(results.agency.ratees.scored);
    expect(JSON.stringify(results)).not.toMatch(/"(email|phone|answers|raterNip)"/);
  }, 90_000); // A sealed wave opened by trustees: ~10 s alone, more beside other files on two cores.

  it('weights the groups as the wave says', async () => {
    // Superiors answer 5 (100), everyone else 3 (50): with superior weight 0 every index is 50.
    const w = await answeredWave((rel) => (rel === 'superior' ? 5 : 3), { groupWeights: { superior: 0, peer: 1, subordinate: 1 } });
    await w.close();
    const results = await body<WaveResults>(await w.get(`/api/waves/${w.wave.id}/results`));
    expect(results.agency.overall).toEqual({ score: 50, band: 'B' });
  });

  it('exports the agency and every unit as CSV and XLSX', async () => {
    const w = await answeredWave(() => 2);
    await w.close();
    const csv = await w.get(`/api/waves/${w.wave.id}/results/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`hasil-${w.wave.id}.csv`);
    const parsed = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.data[0]![3]).toBe('Indeks BerAKHLAK (index)');
    expect(parsed.data[1]!.slice(0, 1).concat(parsed.data[1]!.slice(3, 5))).toEqual(['Instansi (agency)', '25', 'C Tidak Sehat']);
    const results = await body<WaveResults>(await w.get(`/api/waves/${w.wave.id}/results`));
    expect(parsed.data).toHaveLength(2 + results.units.length);
    const xlsx = await w.get(`/api/waves/${w.wave.id}/results/export?format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets[0]!.getRow(2).getCell(4).value).toBe(25);
    expect((await w.get(`/api/waves/${w.wave.id}/results/export?format=pdf`)).status).toBe(400);
  });
});

describe('getRateeReport', () => {
  it('shows each group where k allows, self beside the index, and records the view', async () => {
    const w = await answeredWave((rel) => ({ self: 5, superior: 4, peer: 3, subordinate: 2 })[rel] as Answer);
    await w.close();
    const results = await body<WaveResults>(await w.get(`/api/waves/${w.wave.id}/results`));
    const scored = results.ratees.find((r) => r.overall !== null)!;
    const res = await w.get(`/api/waves/${w.wave.id}/results/ratees/${scored.nip}`);
    expect(res.status).toBe(200);
    const report = await body<RateeReport>(res);
    expect(report.ratee.name).toBe(scored.name);
    expect(report.overall).toEqual(scored.overall);
    const groupFigure = { self: 100, superior: 75, peer: 50, subordinate: 25 } as const;
    for (const [rel, g] of Object.entries(report.groups)) {
      const figure = report.values[0]!.groups[rel as keyof typeof groupFigure];
      expect(figure).toBe(g.shown ? groupFigure[rel as keyof typeof groupFigure] : null);
    }
    // Peer and subordinate groups are shown only with at least k responses.
    for (const rel of ['peer', 'subordinate'] as const) {
      const g = report.groups[rel];
      if (g) expect(g.shown).toBe(g.responses >= report.k);
    }
    const audit = await w.store.listAuditEvents('kab-contoh', { waveId: w.wave.id });
    expect(audit[0]).toMatchObject({ action: 'results.ratee_report', details: { nip: scored.nip } });
  });

  it('answers 404 for someone not rated in the wave and 400 for a malformed NIP', async () => {
    const w = await answeredWave(() => 3);
    await w.close();
    const planned = new Set((await w.store.listRatees(w.wave.id)).map((r) => r.nip));
    const outsider = (await w.store.listEmployees('kab-contoh')).find((e) => !planned.has(e.nip));
    if (outsider) expect((await w.get(`/api/waves/${w.wave.id}/results/ratees/${outsider.nip}`)).status).toBe(404);
    expect((await w.get(`/api/waves/${w.wave.id}/results/ratees/199001012015011999`)).status).toBe(404);
    expect((await w.get(`/api/waves/${w.wave.id}/results/ratees/12345`)).status).toBe(400);
  });
});

describe('listRankings', () => {
  it('ranks closed waves of a round and leaves out open waves and waves without a round', async () => {
    const w = await answeredWave(() => 4, { round: 'Nasional 2026' });
    const get = () => w.app.request('/api/rankings', { headers: bearer(admin) });
    expect((await body<Rankings>(await get())).rounds).toEqual([]);
    await w.close();
    const rankings = await body<Rankings>(await get());
    expect(rankings.rounds).toHaveLength(1);
    expect(rankings.rounds[0]).toMatchObject({ round: 'Nasional 2026', agencies: [{ agencyId: 'kab-contoh', rank: 1, overall: { score: 75, band: 'A' } }] });
    expect(rankings.rounds[0]!.agencies[0]!.values.every((v) => v.rank === 1)).toBe(true);
  });
});
