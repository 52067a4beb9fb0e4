import { agencySchema } from '../../domain/schema.js';
import { agencyDetailSchema, agencyListSchema, auditEventListSchema, auditQuerySchema, createAgencySchema, meSchema } from '../../contract/agencies.js';
import { ApiError } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams } from './kit.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee } from '../auth.js';
import { staffOperations } from './operation.js';

export function registerAgencyRoutes(app: Api, deps: AppDeps): void {
  const anyStaff = requireStaff(deps.verifier, ['admin', 'coordinator', 'auditor']);
  const staffOrTrustee = requireStaffOrTrustee(deps.verifier, ['admin', 'coordinator', 'auditor']);
  const adminOnly = requireStaff(deps.verifier, ['admin']);
  const staffOp = staffOperations(app, deps, 'staff');
  const op = staffOperations(app, deps, 'agencies');

  staffOp.json(
    { method: 'get', path: '/api/me', operationId: 'getMe', guard: staffOrTrustee, errors: [401, 403],
      summary: 'The signed-in staff member and their role',
      ok: { description: 'Staff member', schema: meSchema } },
    ({ staff: { uid, email, role, trustee, agencies } }) => ({ uid, email, role, trustee, agencies }),
  );

  op.json(
    { method: 'get', path: '/api/agencies', operationId: 'listAgencies', guard: anyStaff, errors: [401, 403],
      summary: 'Agencies in the caller’s scope (all of them for admins)',
      ok: { description: 'Agencies', schema: agencyListSchema } },
    async ({ staff }) => {
      const agencies = await deps.store.listAgencies(staff.role === 'admin' ? undefined : staff.agencies);
      return { agencies: await Promise.all(agencies.map(async (a) => ({ ...a, summary: await deps.store.summarizeAgency(a.id) }))) };
    },
  );

  op.json(
    { method: 'post', path: '/api/agencies', operationId: 'createAgency', guard: adminOnly, errors: [400, 401, 403, 409, 413],
      summary: 'Create an agency (admins)',
      body: createAgencySchema, ok: { status: 201, description: 'Created', schema: agencySchema } },
    async ({ staff, body, now }) => {
      const agency = { id: body.id, name: body.name, createdAt: now.toISOString() };
      if ((await deps.store.createAgency(agency)) === 'exists') throw new ApiError('agency_exists');
      await recordAudit(deps.store, staff, { agencyId: agency.id, action: 'agency.create', details: { name: agency.name } }, now);
      return agency;
    },
  );

  op.json(
    { method: 'get', path: '/api/agencies/{agencyId}', operationId: 'getAgency', guard: anyStaff, errors: [400, 401, 403, 404],
      summary: 'One agency with its unit tree and head counts',
      params: agencyParams, ok: { description: 'Agency', schema: agencyDetailSchema } },
    async ({ staff, params: { agencyId } }) => {
      assertAgency(staff, agencyId);
      const agency = await deps.store.getAgency(agencyId);
      if (!agency) throw new ApiError('agency_not_found');
      const [summary, units] = await Promise.all([deps.store.summarizeAgency(agencyId), deps.store.listUnits(agencyId)]);
      return { agency: { ...agency, summary }, units };
    },
  );

  staffOperations(app, deps, 'audit').json(
    { method: 'get', path: '/api/agencies/{agencyId}/audit-events', operationId: 'listAuditEvents', guard: anyStaff, errors: [400, 401, 403],
      summary: 'Staff actions on the agency, newest first (append-only log)',
      params: agencyParams, query: auditQuerySchema, ok: { description: 'Audit events', schema: auditEventListSchema } },
    async ({ staff, params: { agencyId }, query }) => {
      assertAgency(staff, agencyId);
      return { events: await deps.store.listAuditEvents(agencyId, query) };
    },
  );
}
