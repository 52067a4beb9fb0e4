import { createRoute, z } from '@hono/zod-openapi';
import { coverageSchema } from '../../domain/coverage.js';
import { integrityReportSchema } from '../../domain/integrity.js';
import { errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { jsonResponse, security } from './kit.js';
import { requireStaff } from '../auth.js';
import { coverageTable } from '../coverage/export.js';
import * as coverage from '../coverage/service.js';
import { sendTable, tableFileResponse, tableFormatSchema } from '../table-file.js';
import { waveFor, waveParams } from '../waves/wave-for.js';
import { nonResponderListSchema } from '../../contract/coverage.js';

/** Coverage, non-responders and the integrity check of a launched wave. Never any answer. */
export function registerCoverageRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);
  const watcher = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const now = () => deps.now?.() ?? new Date();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/coverage',
      operationId: 'getCoverage',
      tags: ['coverage'],
      summary: 'Coverage of a launched wave: raters finished, responses per unit, ratee group and day',
      description:
        'Counts only. `unit` focuses on one unit: it and its children are returned, and ratee rows are those of that unit and below, at-risk first; at most `limit` rows.',
      security,
      middleware: [watcher] as const,
      request: {
        params: waveParams,
        query: z.object({
          unit: z.string().min(1).max(500).optional(),
          limit: z.coerce.number().int().min(0).max(100_000).default(1000),
        }),
      },
      responses: {
        200: jsonResponse('Coverage', coverageSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      const query = c.req.valid('query');
      return c.json(await coverage.coverageOf(deps.store, wave, now(), { unitId: query.unit, limit: query.limit }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/coverage/export',
      operationId: 'exportCoverage',
      tags: ['coverage'],
      summary: 'Coverage as a CSV or XLSX file, per unit or per ratee group',
      security,
      middleware: [watcher] as const,
      request: {
        params: waveParams,
        query: z.object({ format: tableFormatSchema, view: z.enum(['units', 'ratees']).default('units') }),
      },
      responses: {
        200: tableFileResponse,
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      const { format, view } = c.req.valid('query');
      const all = await coverage.coverageOf(deps.store, wave, now(), { limit: Number.MAX_SAFE_INTEGER, allUnits: true });
      return sendTable(c, coverageTable(all, view), format, `cakupan-${wave.id}-${view}`, view);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/non-responders',
      operationId: 'listNonResponders',
      tags: ['coverage'],
      summary: 'Raters with unused tickets, with their contacts, for a reminder round',
      description: 'Coordinators only. Who has not finished, never what anyone answered. Each call is recorded in the audit log.',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Non-responders', nonResponderListSchema),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json({ raters: await coverage.nonResponders(deps.store, c.var.staff, wave, now()) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/verify',
      operationId: 'verifyWave',
      tags: ['coverage'],
      summary: 'Ledger check: tickets issued = tickets remaining + responses, per ratee group and in total',
      description: 'Reports every mismatch precisely and records the check in the audit log.',
      security,
      middleware: [watcher] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Integrity report', integrityReportSchema),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await coverage.verifyWave(deps.store, c.var.staff, wave, now()), 200);
    },
  );
}
