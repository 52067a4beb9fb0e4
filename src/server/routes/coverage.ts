import { createRoute, z } from '@hono/zod-openapi';
import { buildCoverage, coverageSchema, unitAndBelow, type Coverage } from '../../domain/coverage.js';
import { checkLedger, integrityReportSchema } from '../../domain/integrity.js';
import { submissionDay } from '../../domain/response.js';
import type { Wave } from '../../domain/schema.js';
import { ApiError, errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { jsonResponse, security } from './kit.js';
import { recordAudit } from '../audit.js';
import { requireStaff } from '../auth.js';
import { coverageTable } from '../coverage/export.js';
import { sendTable, tableFileResponse, tableFormatSchema } from '../table-file.js';
import type { SurveyStore } from '../store/port.js';
import { waveFor, waveParams } from '../waves/wave-for.js';
import { nonResponderListSchema } from '../../contract/coverage.js';



function launched(wave: Wave): asserts wave is Wave & { launchedAt: string } {
  if (wave.status === 'draft' || !wave.launchedAt) throw new ApiError('wave_not_launched');
}

export async function coverageOf(
  store: SurveyStore,
  wave: Wave,
  now: Date,
  options: { unitId?: string | null; limit: number; allUnits?: boolean },
): Promise<Coverage> {
  launched(wave);
  const units = await store.listUnits(wave.agencyId);
  if (options.unitId && !units.some((u) => u.id === options.unitId)) throw new ApiError('unit_not_found');
  const k = wave.settings.anonymityThreshold;
  const facts = await store.coverageFacts(wave.id, {
    k,
    unitIds: options.unitId ? unitAndBelow(units, options.unitId) : null,
    focus: options.unitId ?? null,
    limit: options.limit,
  });
  const end = new Date(Math.min(now.getTime(), Date.parse(wave.closedAt ?? wave.closesAt)));
  return buildCoverage(facts, {
    waveId: wave.id,
    k,
    units,
    days: { from: submissionDay(new Date(wave.opensAt ?? wave.launchedAt)), to: submissionDay(end) },
    generatedAt: now.toISOString(),
    focus: options.unitId ?? null,
    allUnits: options.allUnits ?? false,
  });
}

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
      return c.json(await coverageOf(deps.store, wave, now(), { unitId: query.unit, limit: query.limit }), 200);
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
      const coverage = await coverageOf(deps.store, wave, now(), { limit: Number.MAX_SAFE_INTEGER, allUnits: true });
      return sendTable(c, coverageTable(coverage, view), format, `cakupan-${wave.id}-${view}`, view);
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
      launched(wave);
      const pending = (await deps.store.listRaterProgress(wave.id)).filter((r) => r.left > 0);
      const [people, units] = await Promise.all([
        deps.store.getEmployees(wave.agencyId, pending.map((r) => r.raterNip)),
        deps.store.listUnits(wave.agencyId),
      ]);
      const byNip = new Map(people.map((p) => [p.nip, p]));
      const unitPath = new Map(units.map((u) => [u.id, u.path.join(' > ')]));
      const raters = pending
        .map((r) => {
          const person = byNip.get(r.raterNip);
          return {
            nip: r.raterNip,
            name: person?.name ?? '',
            unit: unitPath.get(r.unitId) ?? '',
            email: person?.email ?? null,
            phone: person?.phone ?? null,
            ticketsIssued: r.issued,
            ticketsLeft: r.left,
          };
        })
        .sort((a, b) => a.unit.localeCompare(b.unit) || a.name.localeCompare(b.name));
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.non_responders', details: { raters: raters.length } }, now());
      return c.json({ raters }, 200);
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
      launched(wave);
      const at = now();
      const report = checkLedger(await deps.store.ledgerFacts(wave.id), wave.id, at.toISOString());
      await recordAudit(
        deps.store,
        c.var.staff,
        { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.verify', details: { ok: report.ok, mismatches: report.mismatchCount, ...report.totals } },
        at,
      );
      return c.json(report, 200);
    },
  );
}
