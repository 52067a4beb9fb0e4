import { createRoute } from '@hono/zod-openapi';
import { agencySchema } from '../../domain/schema.js';
import { agencyDetailSchema, agencyListSchema, auditEventListSchema, auditQuerySchema, createAgencySchema, meSchema } from '../../contract/agencies.js';
import { ApiError, errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams, jsonBody, jsonResponse, security } from './kit.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee, type Staff } from '../auth.js';

export function registerAgencyRoutes(app: Api, deps: AppDeps): void {
  const anyStaff = requireStaff(deps.verifier, ['admin', 'coordinator', 'auditor']);
  const staffOrTrustee = requireStaffOrTrustee(deps.verifier, ['admin', 'coordinator', 'auditor']);
  const adminOnly = requireStaff(deps.verifier, ['admin']);
  const now = () => deps.now?.() ?? new Date();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      operationId: 'getMe',
      tags: ['staff'],
      summary: 'The signed-in staff member and their role',
      security,
      middleware: [staffOrTrustee] as const,
      responses: {
        200: jsonResponse('Staff member', meSchema),
        ...errorResponses(401, 403),
      },
    }),
    (c) => {
      const { uid, email, role, trustee, agencies } = c.var.staff as Staff;
      return c.json({ uid, email, role, trustee, agencies }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/agencies',
      operationId: 'listAgencies',
      tags: ['agencies'],
      summary: 'Agencies in the caller’s scope (all of them for admins)',
      security,
      middleware: [anyStaff] as const,
      responses: {
        200: jsonResponse('Agencies', agencyListSchema),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const staff = c.var.staff;
      const agencies = await deps.store.listAgencies(staff.role === 'admin' ? undefined : staff.agencies);
      const withSummary = await Promise.all(
        agencies.map(async (a) => ({ ...a, summary: await deps.store.summarizeAgency(a.id) })),
      );
      return c.json({ agencies: withSummary }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/agencies',
      operationId: 'createAgency',
      tags: ['agencies'],
      summary: 'Create an agency (admins)',
      security,
      middleware: [adminOnly] as const,
      request: { body: jsonBody(createAgencySchema) },
      responses: {
        201: jsonResponse('Created', agencySchema),
        ...errorResponses(400, 401, 403, 409, 413),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const agency = { id: body.id, name: body.name, createdAt: now().toISOString() };
      if ((await deps.store.createAgency(agency)) === 'exists') throw new ApiError('agency_exists');
      await recordAudit(deps.store, c.var.staff, { agencyId: agency.id, action: 'agency.create', details: { name: agency.name } }, now());
      return c.json(agency, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/agencies/{agencyId}',
      operationId: 'getAgency',
      tags: ['agencies'],
      summary: 'One agency with its unit tree and head counts',
      security,
      middleware: [anyStaff] as const,
      request: { params: agencyParams },
      responses: {
        200: jsonResponse('Agency', agencyDetailSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      assertAgency(c.var.staff, agencyId);
      const agency = await deps.store.getAgency(agencyId);
      if (!agency) throw new ApiError('agency_not_found');
      const [summary, units] = await Promise.all([deps.store.summarizeAgency(agencyId), deps.store.listUnits(agencyId)]);
      return c.json({ agency: { ...agency, summary }, units }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/agencies/{agencyId}/audit-events',
      operationId: 'listAuditEvents',
      tags: ['audit'],
      summary: 'Staff actions on the agency, newest first (append-only log)',
      security,
      middleware: [anyStaff] as const,
      request: {
        params: agencyParams,
        query: auditQuerySchema,
      },
      responses: {
        200: jsonResponse('Audit events', auditEventListSchema),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      assertAgency(c.var.staff, agencyId);
      const events = await deps.store.listAuditEvents(agencyId, c.req.valid('query'));
      return c.json({ events }, 200);
    },
  );
}
