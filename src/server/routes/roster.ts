import { createRoute, z } from '@hono/zod-openapi';
import { jobStartedSchema } from '../../contract/jobs.js';
import { rosterImportResultSchema } from '../../domain/roster.js';
import { startJob } from '../jobs/service.js';
import { employeeSchema } from '../../domain/schema.js';
import { ApiError, errorResponses, preferredLanguage } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams, jsonResponse, security } from './kit.js';
import { assertAgency, requireStaff } from '../auth.js';
import { kindFromContentType, RosterFileError, rosterContentTypes } from '../roster/parse-file.js';
import { importRoster } from '../roster/roster-imports.js';
import { StoreError } from '../store/port.js';
import { staffOperations } from './operation.js';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export function registerRosterRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);
  const op = staffOperations(app, deps, 'roster');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/agencies/{agencyId}/roster',
      operationId: 'importRoster',
      tags: ['roster'],
      summary: 'Import the roster from a CSV or XLSX file: all rows or none, written by a job',
      description:
        'The body is the file itself. Columns (Indonesian or English headers): NIP, Nama, Unit Kerja ("A > B" path), Jabatan, NIP Atasan, Email, No HP. ' +
        'The file is checked at once: any invalid row refuses the whole file with a row-by-row report (422). dryRun=true answers the check (200). ' +
        'Otherwise the rows are written by a `roster.import` job (202), whose result is the same report; it checks the file again against the roster ' +
        'as it is then, and fails with roster_changed if it no longer fits.',
      security,
      middleware: [coordinator] as const,
      request: {
        params: agencyParams,
        query: z.object({ dryRun: flag, deactivateMissing: flag }),
        body: {
          required: true,
          content: {
            [rosterContentTypes.csv]: { schema: z.string() },
            [rosterContentTypes.xlsx]: { schema: z.string().meta({ format: 'binary' }) },
          },
        },
      },
      responses: {
        200: jsonResponse('Checked (dryRun)', rosterImportResultSchema),
        202: jsonResponse('The import job, started', jobStartedSchema),
        ...errorResponses(400, 401, 403, 404, 413, 415, 422),
      },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      const { dryRun, deactivateMissing } = c.req.valid('query');
      const staff = c.var.staff;
      assertAgency(staff, agencyId);
      if (!(await deps.store.getAgency(agencyId))) throw new ApiError('agency_not_found');
      const kind = kindFromContentType(c.req.header('content-type'));
      if (!kind) throw new ApiError('unsupported_file_type');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let run;
      try {
        run = await importRoster(deps.store, { agencyId, bytes, kind, dryRun: true, deactivateMissing });
      } catch (err) {
        if (err instanceof RosterFileError) throw new ApiError('roster_unreadable', [{ path: 'file', message: err.message }]);
        if (err instanceof StoreError) throw new ApiError('agency_not_found');
        throw err;
      }
      const { check } = run;
      if (!check.ok) {
        const lang = preferredLanguage(c);
        throw new ApiError('roster_invalid', undefined, {
          rows: check.rows.map((p) => ({ line: p.line, column: p.column, message: p.message[lang], messages: p.message })),
          ...(check.rowsTotal > check.rows.length ? { rowsTotal: check.rowsTotal, rowsMore: check.rowsMore } : {}),
        });
      }
      if (dryRun) return c.json({ dryRun: true, ...check.report }, 200);
      const input = { roster: { fileKind: kind, deactivateMissing } };
      return c.json(await startJob(deps, staff, { kind: 'roster.import', agencyId, waveId: null, input }, deps.now?.() ?? new Date(), bytes), 202);
    },
  );

  op.json(
    { method: 'get', path: '/api/agencies/{agencyId}/employees', operationId: 'listEmployees', guard: coordinator, errors: [401, 403],
      summary: 'The agency’s roster with contacts (coordinators only)',
      params: agencyParams, ok: { description: 'Employees', schema: z.object({ employees: z.array(employeeSchema) }) } },
    async ({ staff, params: { agencyId } }) => {
      assertAgency(staff, agencyId);
      return { employees: await deps.store.listEmployees(agencyId) };
    },
  );
}
