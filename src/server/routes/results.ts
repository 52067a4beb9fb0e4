import { createRoute, z } from '@hono/zod-openapi';
import { questionnaires } from '../../domain/questionnaire.js';
import type { OpeningService } from '../sealing/opening-service.js';
import type { Wave } from '../../domain/schema.js';
import {
  buildRateeReport,
  buildResults,
  rankingsSchema,
  rankRounds,
  rateeReportSchema,
  scoreGroups,
  waveResultsSchema,
  type RateeScores,
  type WaveResults,
} from '../../domain/scoring.js';
import { storedNipSchema } from '../../domain/nip.js';
import { ApiError, errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { jsonResponse, security } from './kit.js';
import { recordAudit } from '../audit.js';
import { requireStaff } from '../auth.js';
import { resultsTable } from '../results/export.js';
import type { SurveyStore } from '../store/port.js';
import { sendTable, tableFileResponse, tableFormatSchema } from '../table-file.js';
import { waveFor, waveParams } from '../waves/wave-for.js';


function closed(wave: Wave): void {
  if (wave.status !== 'closed') throw new ApiError('wave_not_closed');
}

/**
 * A closed wave's opened tallies never change, so each wave is scored once per process, once its
 * trustees have opened it. A few waves are kept: a national ranking reads every agency's wave in turn.
 */
class ScoreCache {
  private readonly waves = new Map<string, Promise<Map<string, RateeScores>>>();
  constructor(
    private readonly opening: OpeningService,
    private readonly size = 64,
  ) {}

  scores(wave: Wave): Promise<Map<string, RateeScores>> {
    let scores = this.waves.get(wave.id);
    if (!scores) {
      scores = this.score(wave);
      scores.catch(() => this.waves.delete(wave.id));
      this.waves.set(wave.id, scores);
      if (this.waves.size > this.size) this.waves.delete(this.waves.keys().next().value!);
    }
    return scores;
  }

  private async score(wave: Wave): Promise<Map<string, RateeScores>> {
    const questionnaire = questionnaires[wave.questionnaireVersion];
    if (!questionnaire) throw new Error(`unknown questionnaire ${wave.questionnaireVersion}`);
    const s = wave.settings;
    const tallies = await this.opening.tallies(wave);
    if (!tallies) throw new ApiError('results_sealed');
    return scoreGroups(tallies, { k: s.anonymityThreshold, weights: s.groupWeights, questionnaire });
  }
}

async function resultsOf(store: SurveyStore, cache: ScoreCache, wave: Wave): Promise<WaveResults> {
  closed(wave);
  const [scores, units, planned, people] = await Promise.all([
    cache.scores(wave),
    store.listUnits(wave.agencyId),
    store.listRatees(wave.id),
    store.listEmployees(wave.agencyId),
  ]);
  const name = new Map(people.map((p) => [p.nip, p.name]));
  return buildResults({
    wave,
    units,
    ratees: planned.map((r) => ({ nip: r.nip, unitId: r.unitId, name: name.get(r.nip) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
    scores,
  });
}

/** The Indeks BerAKHLAK of closed waves: aggregates only, each group of peers or subordinates at least k. */
export function registerResultsRoutes(app: Api, deps: AppDeps, opening: OpeningService): void {
  const cache = new ScoreCache(opening);
  const reader = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const personal = requireStaff(deps.verifier, ['coordinator', 'admin']);
  const admin = requireStaff(deps.verifier, ['admin']);
  const now = () => deps.now?.() ?? new Date();
  const notYet = 'Refused with 409 wave_not_closed while the wave is a draft or open, and results_sealed until its trustees have opened it.';

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/results',
      operationId: 'getResults',
      tags: ['results'],
      summary: 'Indeks BerAKHLAK of a closed wave: the agency, each value, the unit tree and the distribution',
      description: `Peer and subordinate groups with fewer than k responses are left out of every figure. Auditors see units and the agency, not named people: their \`ratees\` is empty. ${notYet}`,
      security,
      middleware: [reader] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Results', waveResultsSchema),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      const results = await resultsOf(deps.store, cache, wave);
      // Auditors check coverage and the process, not people: no one's named index, as no one's report.
      return c.json(c.var.staff.role === 'auditor' ? { ...results, ratees: [] } : results, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/results/export',
      operationId: 'exportResults',
      tags: ['results'],
      summary: 'The results as a CSV or XLSX file: the agency and every unit, overall and per value',
      description: notYet,
      security,
      middleware: [reader] as const,
      request: { params: waveParams, query: z.object({ format: tableFormatSchema }) },
      responses: {
        200: tableFileResponse,
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      const { format } = c.req.valid('query');
      return sendTable(c, resultsTable(await resultsOf(deps.store, cache, wave)), format, `hasil-${wave.id}`, 'Indeks BerAKHLAK');
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/results/ratees/{nip}',
      operationId: 'getRateeReport',
      tags: ['results'],
      summary: 'One person’s development report: each value by group where k allows, self beside the others',
      description: `Coordinators and admins; each view is recorded in the audit log. ${notYet}`,
      security,
      middleware: [personal] as const,
      request: { params: waveParams.extend({ nip: storedNipSchema.meta({ param: { name: 'nip', in: 'path' } }) }) },
      responses: {
        200: jsonResponse('Report', rateeReportSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { waveId, nip } = c.req.valid('param');
      const wave = await waveFor(deps.store, c.var.staff, waveId);
      closed(wave);
      const [planned, [person], units, scores] = await Promise.all([
        deps.store.listRatees(wave.id),
        deps.store.getEmployees(wave.agencyId, [nip]),
        deps.store.listUnits(wave.agencyId),
        cache.scores(wave),
      ]);
      const ratee = planned.find((r) => r.nip === nip);
      if (!ratee) throw new ApiError('ratee_not_found');
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'results.ratee_report', details: { nip } }, now());
      const report = buildRateeReport(
        wave,
        {
          nip,
          name: person?.name ?? '',
          unitName: units.find((u) => u.id === ratee.unitId)?.path.join(' > ') ?? '',
          position: person?.position ?? '',
        },
        scores.get(nip),
      );
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/rankings',
      operationId: 'listRankings',
      tags: ['results'],
      summary: 'Agencies ranked overall and per value, for each national round of closed waves',
      description: 'Admins only. A wave joins a round through its `round` setting.',
      security,
      middleware: [admin] as const,
      responses: {
        200: jsonResponse('Rankings', rankingsSchema),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const agencies = await deps.store.listAgencies();
      const ranked = [];
      for (const agency of agencies) {
        for (const wave of await deps.store.listWaves(agency.id)) {
          if (wave.status !== 'closed' || !wave.settings.round) continue;
          let results: WaveResults;
          try {
            results = await resultsOf(deps.store, cache, wave);
          } catch (error) {
            // A wave its trustees have not opened yet is not ranked yet.
            if (error instanceof ApiError && (error.code === 'results_sealed' || error.code === 'wave_unsealed')) continue;
            throw error;
          }
          ranked.push({ agencyId: agency.id, agencyName: agency.name, waveId: wave.id, waveName: wave.name, round: wave.settings.round, results });
        }
      }
      return c.json(rankRounds(ranked), 200);
    },
  );
}
