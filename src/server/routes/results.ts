import { createRoute, z } from '@hono/zod-openapi';
import { rankingsSchema, rateeReportSchema, waveResultsSchema } from '../../domain/scoring.js';
import { storedNipSchema } from '../../domain/nip.js';
import { errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { jsonResponse, security } from './kit.js';
import { requireStaff } from '../auth.js';
import { resultsTable } from '../results/export.js';
import { ResultsService } from '../results/service.js';
import type { OpeningService } from '../sealing/opening-service.js';
import { sendTable, tableFileResponse, tableFormatSchema } from '../table-file.js';
import { waveFor, waveParams } from '../waves/wave-for.js';

/** The Indeks BerAKHLAK of closed waves: aggregates only, each group of peers or subordinates at least k. */
export function registerResultsRoutes(app: Api, deps: AppDeps, opening: OpeningService): void {
  const results = new ResultsService(deps.store, opening);
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
      const figures = await results.of(wave);
      // Auditors check coverage and the process, not people: no one's named index, as no one's report.
      return c.json(c.var.staff.role === 'auditor' ? { ...figures, ratees: [] } : figures, 200);
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
      return sendTable(c, resultsTable(await results.of(wave)), format, `hasil-${wave.id}`, 'Indeks BerAKHLAK');
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
      return c.json(await results.rateeReport(c.var.staff, wave, nip, now()), 200);
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
      return c.json(await results.rankings(), 200);
    },
  );
}
