import { z } from '@hono/zod-openapi';
import { coverageSchema } from '../../domain/coverage.js';
import { jobStartedSchema } from '../../contract/jobs.js';
import { startJob } from '../jobs/service.js';
import type { Api, AppDeps } from '../app-types.js';
import { requireStaff, type Staff } from '../auth.js';
import type { Wave } from '../../domain/schema.js';
import { coverageTable } from '../coverage/export.js';
import * as coverage from '../coverage/service.js';
import { sendTable, tableFormatSchema } from '../table-file.js';
import { nonResponderListSchema } from '../../contract/coverage.js';
import { staffOperations } from './operation.js';

/** Coverage, non-responders and the integrity check of a launched wave. Never any answer. */
export function registerCoverageRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);
  const watcher = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const op = staffOperations(app, deps, 'coverage');
  const recount = (staff: Staff, wave: Wave, now: Date) => () =>
    startJob(deps, staff, { kind: 'coverage.recount', agencyId: wave.agencyId, waveId: wave.id, input: {} }, now);

  op.wave(
    { method: 'get', path: '/api/waves/{waveId}/coverage', operationId: 'getCoverage', guard: watcher, errors: [400, 401, 403, 404, 409],
      summary: 'Coverage of a launched wave: raters finished, responses per unit, ratee group and day',
      description:
        'Counts only. `unit` focuses on one unit: it and its children are returned, and ratee rows are those of that unit and below, at-risk first; at most `limit` rows.',
      query: z.object({
        unit: z.string().min(1).max(500).optional(),
        limit: z.coerce.number().int().min(0).max(100_000).default(1000),
      }),
      ok: { description: 'Coverage', schema: coverageSchema } },
    ({ staff, wave, query, now }) => coverage.coverageOf(deps.store, wave, now, { unitId: query.unit, limit: query.limit, startRecount: recount(staff, wave, now) }),
  );

  op.waveFile(
    { method: 'get', path: '/api/waves/{waveId}/coverage/export', operationId: 'exportCoverage', guard: watcher, errors: [400, 401, 403, 404, 409],
      summary: 'Coverage as a CSV or XLSX file, per unit or per ratee group',
      query: z.object({ format: tableFormatSchema, view: z.enum(['units', 'ratees']).default('units') }) },
    async ({ staff, wave, query: { format, view }, now, c }) => {
      const all = await coverage.coverageOf(deps.store, wave, now, { limit: Number.MAX_SAFE_INTEGER, allUnits: true, startRecount: recount(staff, wave, now) });
      return sendTable(c, coverageTable(all, view), format, `cakupan-${wave.id}-${view}`, view);
    },
  );

  op.wave(
    { method: 'get', path: '/api/waves/{waveId}/non-responders', operationId: 'listNonResponders', guard: coordinator, errors: [401, 403, 404, 409],
      summary: 'Raters with unused tickets, with their contacts, for a reminder round',
      description: 'Coordinators only. Who has not finished, never what anyone answered. Each call is recorded in the audit log.',
      ok: { description: 'Non-responders', schema: nonResponderListSchema } },
    async ({ staff, wave, now }) => ({ raters: await coverage.nonResponders(deps.store, staff, wave, now) }),
  );

  op.wave(
    { method: 'post', path: '/api/waves/{waveId}/verify', operationId: 'verifyWave', guard: watcher, errors: [401, 403, 404, 409],
      summary: 'Ledger check: tickets issued = tickets remaining + responses, per ratee group and in total',
      description: 'Runs as a job: poll `getJob`; its result is an `IntegrityReport` with every mismatch. The check is recorded in the audit log.',
      ok: { status: 202, description: 'The check job, started', schema: jobStartedSchema } },
    ({ staff, wave, now }) => {
      coverage.launched(wave);
      return startJob(deps, staff, { kind: 'wave.verify', agencyId: wave.agencyId, waveId: wave.id, input: {} }, now);
    },
  );
}
