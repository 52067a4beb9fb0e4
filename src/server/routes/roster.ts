import { createRoute, z } from '@hono/zod-openapi';
import { rosterImportResultSchema, rosterUnitsListed, validateRoster } from '../../domain/roster.js';
import { unitLookAlikes } from '../../domain/units.js';
import { agencyIdSchema, employeeSchema } from '../../domain/schema.js';
import { ApiError, errorResponses, preferredLanguage } from '../api-error.js';
import type { Api, AppDeps } from '../app.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaff } from '../auth.js';
import { kindFromContentType, RosterFileError, rosterContentTypes } from '../roster/parse-file.js';
import { parseRosterOffThread } from '../roster/parse-off-thread.js';
import { StoreError } from '../store/port.js';

const agencyParams = z.object({ agencyId: agencyIdSchema.meta({ param: { name: 'agencyId', in: 'path' } }) });
const security = [{ firebaseIdToken: [] }];
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** Row problems an import refusal lists in full; the rest are counted per column. */
export const rowProblemsListed = 200;

export function registerRosterRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/agencies/{agencyId}/roster',
      operationId: 'importRoster',
      tags: ['roster'],
      summary: 'Import the roster from a CSV or XLSX file: all rows or none',
      description:
        'The body is the file itself. Columns (Indonesian or English headers): NIP, Nama, Unit Kerja ("A > B" path), Jabatan, NIP Atasan, Email, No HP. ' +
        'Any invalid row refuses the whole file with a row-by-row report (422). dryRun=true checks and counts without importing.',
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
        200: { description: 'Imported (or checked, with dryRun)', content: { 'application/json': { schema: rosterImportResultSchema } } },
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
      let table;
      try {
        table = await parseRosterOffThread(bytes, kind);
      } catch (err) {
        if (err instanceof RosterFileError) throw new ApiError('roster_unreadable', [{ path: 'file', message: err.message }]);
        throw err;
      }
      const existing = await deps.store.listEmployees(agencyId);
      const known = deactivateMissing ? new Set<string>() : new Set(existing.filter((e) => e.active).map((e) => e.nip));
      const result = validateRoster(agencyId, table, known);
      if (!result.ok) {
        const lang = preferredLanguage(c);
        // The first problems in full; a file of thousands of bad rows would otherwise answer megabytes.
        const listed = result.problems.slice(0, rowProblemsListed);
        const rowsMore: Record<string, number> = {};
        for (const p of result.problems.slice(rowProblemsListed)) rowsMore[p.column ?? ''] = (rowsMore[p.column ?? ''] ?? 0) + 1;
        throw new ApiError('roster_invalid', undefined, {
          rows: listed.map((p) => ({ line: p.line, column: p.column, message: p.message[lang], messages: p.message })),
          ...(result.problems.length > rowProblemsListed ? { rowsTotal: result.problems.length, rowsMore } : {}),
        });
      }
      const incoming = new Set(result.employees.map((e) => e.nip));
      const existingNips = new Set(existing.map((e) => e.nip));
      const counts = {
        rows: result.employees.length,
        units: result.units.length,
        created: result.employees.filter((e) => !existingNips.has(e.nip)).length,
        updated: result.employees.filter((e) => existingNips.has(e.nip)).length,
        deactivated: deactivateMissing ? existing.filter((e) => e.active && !incoming.has(e.nip)).length : 0,
      };
      const existingUnits = await deps.store.listUnits(agencyId);
      const existingUnitIds = new Set(existingUnits.map((u) => u.id));
      const newUnits = result.units.filter((u) => !existingUnitIds.has(u.id));
      const lookAlikes = unitLookAlikes(newUnits, existingUnits);
      const unitsReport = {
        newUnits: newUnits.slice(0, rosterUnitsListed).map((u) => u.path),
        newUnitsTotal: newUnits.length,
        lookAlikes: lookAlikes.slice(0, rosterUnitsListed),
        lookAlikesTotal: lookAlikes.length,
      };
      if (dryRun) return c.json({ dryRun: true, ...counts, ...unitsReport }, 200);
      try {
        const outcome = await deps.store.applyRoster(agencyId, { units: result.units, employees: result.employees, deactivateMissing });
        await recordAudit(deps.store, staff, { agencyId, action: 'roster.import', details: { ...counts, ...outcome, kind } });
        return c.json({ dryRun: false, ...counts, ...outcome, ...unitsReport }, 200);
      } catch (err) {
        if (err instanceof StoreError) throw new ApiError('agency_not_found');
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/agencies/{agencyId}/employees',
      operationId: 'listEmployees',
      tags: ['roster'],
      summary: 'The agency’s roster with contacts (coordinators only)',
      security,
      middleware: [coordinator] as const,
      request: { params: agencyParams },
      responses: {
        200: { description: 'Employees', content: { 'application/json': { schema: z.object({ employees: z.array(employeeSchema) }) } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      assertAgency(c.var.staff, agencyId);
      return c.json({ employees: await deps.store.listEmployees(agencyId) }, 200);
    },
  );
}
