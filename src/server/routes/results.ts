import { z } from '@hono/zod-openapi';
import { rankingsSchema, rateeReportSchema, waveResultsSchema } from '../../domain/scoring.js';
import { storedNipSchema } from '../../domain/nip.js';
import type { Api, AppDeps } from '../app-types.js';
import { requireStaff } from '../auth.js';
import { resultsTable } from '../results/export.js';
import { ResultsService } from '../results/service.js';
import type { OpeningService } from '../sealing/opening-service.js';
import { sendTable, tableFormatSchema } from '../table-file.js';
import { waveParams } from '../waves/wave-for.js';
import { staffOperations } from './operation.js';

/** The Indeks BerAKHLAK of closed waves: aggregates only, each group of peers or subordinates at least k. */
export function registerResultsRoutes(app: Api, deps: AppDeps, opening: OpeningService): void {
  const results = new ResultsService(deps.store, opening);
  const reader = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const personal = requireStaff(deps.verifier, ['coordinator', 'admin']);
  const admin = requireStaff(deps.verifier, ['admin']);
  const op = staffOperations(app, deps, 'results');
  const notYet = 'Refused with 409 wave_not_closed while the wave is a draft or open, and results_sealed until its trustees have opened it.';

  op.wave(
    { method: 'get', path: '/api/waves/{waveId}/results', operationId: 'getResults', guard: reader, errors: [401, 403, 404, 409],
      summary: 'Indeks BerAKHLAK of a closed wave: the agency, each value, the unit tree and the distribution',
      description: `Peer and subordinate groups with fewer than k responses are left out of every figure. Auditors see units and the agency, not named people: their \`ratees\` is empty. ${notYet}`,
      ok: { description: 'Results', schema: waveResultsSchema } },
    async ({ staff, wave }) => {
      const figures = await results.of(wave);
      // Auditors check coverage and the process, not people: no one's named index, as no one's report.
      return staff.role === 'auditor' ? { ...figures, ratees: [] } : figures;
    },
  );

  op.waveFile(
    { method: 'get', path: '/api/waves/{waveId}/results/export', operationId: 'exportResults', guard: reader, errors: [400, 401, 403, 404, 409],
      summary: 'The results as a CSV or XLSX file: the agency and every unit, overall and per value',
      description: notYet,
      query: z.object({ format: tableFormatSchema }) },
    async ({ wave, query: { format }, c }) => sendTable(c, resultsTable(await results.of(wave)), format, `hasil-${wave.id}`, 'Indeks BerAKHLAK'),
  );

  op.wave(
    { method: 'get', path: '/api/waves/{waveId}/results/ratees/{nip}', operationId: 'getRateeReport', guard: personal, errors: [400, 401, 403, 404, 409],
      summary: 'One person’s development report: each value by group where k allows, self beside the others',
      description: `Coordinators and admins; each view is recorded in the audit log. ${notYet}`,
      params: waveParams.extend({ nip: storedNipSchema.meta({ param: { name: 'nip', in: 'path' } }) }),
      ok: { description: 'Report', schema: rateeReportSchema } },
    ({ staff, wave, params: { nip }, now }) => results.rateeReport(staff, wave, nip, now),
  );

  op.json(
    { method: 'get', path: '/api/rankings', operationId: 'listRankings', guard: admin, errors: [401, 403],
      summary: 'Agencies ranked overall and per value, for each national round of closed waves',
      description: 'Admins only. A wave joins a round through its `round` setting.',
      ok: { description: 'Rankings', schema: rankingsSchema } },
    () => results.rankings(),
  );
}
