import { createRoute } from '@hono/zod-openapi';
import { waveSchema } from '../../domain/schema.js';
import { waveInputSchema } from '../../domain/wave.js';
import { errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams, jsonBody, jsonResponse, security } from './kit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee } from '../auth.js';
import * as waves from '../waves/service.js';
import { waveFor, waveParams } from '../waves/wave-for.js';
import {
  launchRequestSchema,
  launchResultSchema,
  linkPageQuerySchema,
  linkPageSchema,
  linksConfirmedSchema,
  planPreviewSchema,
  reissueRequestSchema,
  reissueResultSchema,
  waveListSchema,
  waveViewSchema,
} from '../../contract/waves.js';

/** The waves sub-app: each route parses, authorises and answers; the use cases are in waves/service.ts. */
export function registerWaveRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);
  const reader = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  // Trustees list waves too: they open the closed ones.
  const listReader = requireStaffOrTrustee(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const now = () => deps.now?.() ?? new Date();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/agencies/{agencyId}/waves',
      operationId: 'createWave',
      tags: ['waves'],
      summary: 'Create a draft survey wave',
      security,
      middleware: [coordinator] as const,
      request: { params: agencyParams, body: jsonBody(waveInputSchema) },
      responses: {
        201: jsonResponse('Draft wave', waveSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      assertAgency(c.var.staff, agencyId);
      return c.json(await waves.createWave(deps.store, c.var.staff, agencyId, c.req.valid('json'), now()), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/agencies/{agencyId}/waves',
      operationId: 'listWaves',
      tags: ['waves'],
      summary: 'The agency’s waves, newest first',
      security,
      middleware: [listReader] as const,
      request: { params: agencyParams },
      responses: {
        200: jsonResponse('Waves', waveListSchema),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      assertAgency(c.var.staff, agencyId);
      const at = now();
      const list = await deps.store.listWaves(agencyId);
      return c.json({ waves: await Promise.all(list.map((w) => waves.viewOf(deps.store, w, at))) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}',
      operationId: 'getWave',
      tags: ['waves'],
      summary: 'One wave with what respondents see right now (phase)',
      security,
      middleware: [reader] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Wave', waveViewSchema),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.viewOf(deps.store, wave, now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/waves/{waveId}',
      operationId: 'updateWave',
      tags: ['waves'],
      summary: 'Edit a draft wave',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams, body: jsonBody(waveInputSchema) },
      responses: {
        200: jsonResponse('Updated wave', waveSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.updateWave(deps.store, c.var.staff, wave, c.req.valid('json'), now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/plan',
      operationId: 'planWave',
      tags: ['waves'],
      summary: 'Preview the 360° assignment plan: exactly what launch will create',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Plan preview', planPreviewSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.previewPlan(deps.store, wave), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/launch',
      operationId: 'launchWave',
      tags: ['waves'],
      summary: 'Launch without warning: create one code per rater and one ticket per assignment',
      security,
      middleware: [coordinator] as const,
      request: {
        params: waveParams,
        body: jsonBody(launchRequestSchema),
      },
      responses: {
        200: {
          description: 'Launched',
          content: { 'application/json': { schema: launchResultSchema } },
        },
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.launchWave(deps.store, c.var.staff, wave, c.req.valid('json').planHash, now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/waves/{waveId}/links',
      operationId: 'readLinks',
      tags: ['waves'],
      summary: 'One page of the link list with every rater’s code; read every page, then confirm',
      description: 'Reading deletes nothing: a page lost on the way can be read again until `confirmLinks`. The first page is recorded in the audit log.',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams, query: linkPageQuerySchema },
      responses: {
        200: jsonResponse('A page of links', linkPageSchema),
        ...errorResponses(400, 401, 403, 404, 410),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.readLinks(deps.store, c.var.staff, wave, c.req.valid('query').page, now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/links/confirm',
      operationId: 'confirmLinks',
      tags: ['waves'],
      summary: 'The link file is built: delete every code from the store, once',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Deleted', linksConfirmedSchema),
        ...errorResponses(401, 403, 404, 410),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.confirmLinks(deps.store, c.var.staff, wave, now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/invitations/reissue',
      operationId: 'reissueInvitation',
      tags: ['waves'],
      summary: 'A new link for one rater; the old link stops working and unused tickets move',
      security,
      middleware: [coordinator] as const,
      request: {
        params: waveParams,
        body: jsonBody(reissueRequestSchema),
      },
      responses: {
        200: jsonResponse('The new link (shown once)', reissueResultSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.reissueInvitation(deps.store, c.var.staff, wave, c.req.valid('json').nip, now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/close',
      operationId: 'closeWave',
      tags: ['waves'],
      summary: 'Close a running wave: links stop accepting answers',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Closed wave', waveSchema),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      return c.json(await waves.closeWave(deps.store, c.var.staff, wave, now()), 200);
    },
  );
}
