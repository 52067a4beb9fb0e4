import { randomUUID, randomInt, randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { encodeInvitationCode } from '../../domain/invitation-code.js';
import { waveSchema, type Wave } from '../../domain/schema.js';
import { waveInputSchema, wavePhase, type WaveInput } from '../../domain/wave.js';
import { ApiError, errorResponses, refuseOn } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams, jsonBody, jsonResponse, security } from './kit.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee } from '../auth.js';
import { buildLaunch, hashCode, planFor, ticketIdFor } from '../waves/plan.js';
import { waveFor, waveParams } from '../waves/wave-for.js';
import {
  launchRequestSchema,
  launchResultSchema,
  linkListSchema,
  planPreviewSchema,
  reissueRequestSchema,
  reissueResultSchema,
  waveListSchema,
  waveViewSchema,
  type WaveView,
} from '../../contract/waves.js';

const SHORTFALL_LIMIT = 1000;

export function registerWaveRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);
  const reader = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  // Trustees list waves too: they open the closed ones.
  const listReader = requireStaffOrTrustee(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const now = () => deps.now?.() ?? new Date();
  /** A wave as the API shows it: what respondents see right now, and whether its links wait. */
  const viewOf = async (wave: Wave): Promise<WaveView> => ({ ...wave, phase: wavePhase(wave, now()), linksAvailable: await deps.store.hasLinks(wave.id) });

  const checkScope = async (agencyId: string, input: WaveInput) => {
    if (input.scope.kind !== 'units') return;
    const known = new Set((await deps.store.listUnits(agencyId)).map((u) => u.id));
    if (input.scope.unitIds.some((id) => !known.has(id))) throw new ApiError('scope_unknown_unit');
  };

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
      if (!(await deps.store.getAgency(agencyId))) throw new ApiError('agency_not_found');
      const input = c.req.valid('json');
      await checkScope(agencyId, input);
      const wave: Wave = {
        id: randomUUID(),
        agencyId,
        ...input,
        status: 'draft',
        planSeed: randomInt(0, 2 ** 31),
        createdAt: now().toISOString(),
        launchedAt: null,
        closedAt: null,
      };
      await deps.store.createWave(wave);
      await recordAudit(deps.store, c.var.staff, { agencyId, waveId: wave.id, action: 'wave.create', details: { name: wave.name } }, now());
      return c.json(wave, 201);
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
      const waves = await deps.store.listWaves(agencyId);
      return c.json({ waves: await Promise.all(waves.map((w) => viewOf(w))) }, 200);
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
      return c.json(await viewOf(wave), 200);
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
      const input = c.req.valid('json');
      await checkScope(wave.agencyId, input);
      const next: Wave = { ...wave, ...input };
      refuseOn(await deps.store.updateDraftWave(next));
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.update', details: { name: next.name } }, now());
      return c.json(next, 200);
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
      if (wave.status !== 'draft') throw new ApiError('wave_not_draft');
      const planned = await planFor(deps.store, wave);
      if (!planned) throw new ApiError('scope_unknown_unit');
      const { plan } = planned;
      const byRelationship = { self: 0, superior: 0, peer: 0, subordinate: 0 };
      for (const a of plan.assignments) byRelationship[a.relationship]++;
      return c.json(
        {
          planHash: planned.planHash,
          ratees: plan.ratees,
          raters: plan.raters,
          assignments: plan.assignments.length,
          byRelationship,
          ratersPerRatee: plan.ratersPerRatee,
          ratingsPerRater: plan.ratingsPerRater,
          shortfallCount: plan.shortfalls.length,
          shortfalls: plan.shortfalls.slice(0, SHORTFALL_LIMIT).map((s) => {
            const person = planned.employees.get(s.rateeNip);
            return {
              nip: s.rateeNip,
              name: person?.name ?? '',
              unit: (person && planned.units.get(person.unitId)?.path.join(' > ')) ?? '',
              relationship: s.relationship,
              got: s.got,
              needed: s.needed,
              reason: s.reason,
            };
          }),
        },
        200,
      );
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
      if (wave.status !== 'draft') throw new ApiError('wave_not_draft');
      const at = now();
      if (Date.parse(wave.closesAt) <= at.getTime()) throw new ApiError('wave_window_past');
      const planned = await planFor(deps.store, wave);
      if (!planned) throw new ApiError('scope_unknown_unit');
      if (planned.plan.assignments.length === 0) throw new ApiError('plan_empty');
      if (planned.planHash !== c.req.valid('json').planHash) throw new ApiError('plan_changed');
      // Answers are sealed to the agency's newest complete key ceremony: without one, no launch.
      const ceremony = (await deps.store.listCeremonies(wave.agencyId)).find((x) => x.status === 'complete');
      if (!ceremony?.jointKey) throw new ApiError('ceremony_incomplete');
      const launch = buildLaunch(wave, planned, at, { ceremonyId: ceremony.id, jointKey: ceremony.jointKey });
      refuseOn(await deps.store.launchWave(launch));
      const details = { invitations: launch.invitations.length, tickets: launch.tickets.length, opensAt: launch.opensAt, ceremonyId: ceremony.id };
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.launch', details }, at);
      const launched: Wave = { ...wave, status: 'open', launchedAt: launch.launchedAt, opensAt: launch.opensAt };
      return c.json({ wave: launched, invitations: launch.invitations.length, tickets: launch.tickets.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/waves/{waveId}/links',
      operationId: 'downloadLinks',
      tags: ['waves'],
      summary: 'The link list with every rater’s code: given once, then gone',
      security,
      middleware: [coordinator] as const,
      request: { params: waveParams },
      responses: {
        200: jsonResponse('Links (this is the only time they are shown)', linkListSchema),
        ...errorResponses(401, 403, 404, 410),
      },
    }),
    async (c) => {
      const wave = await waveFor(deps.store, c.var.staff, c.req.valid('param').waveId);
      const links = await deps.store.takeLinks(wave.id);
      if (!links) throw new ApiError('links_taken');
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.links_download', details: { links: links.length } }, now());
      const sorted = [...links].sort((a, b) => a.unitPath.join('>').localeCompare(b.unitPath.join('>')) || a.name.localeCompare(b.name));
      return c.json({ links: sorted }, 200);
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
      if (wavePhase(wave, now()) === 'closed') throw new ApiError('wave_closed');
      if (wave.status !== 'open') throw new ApiError('wave_not_open');
      const { nip } = c.req.valid('json');
      const code = encodeInvitationCode(randomBytes(17));
      const outcome = await deps.store.reissueInvitation(wave.id, nip, { id: randomUUID(), codeHash: hashCode(code), ticketId: () => ticketIdFor(code) });
      if (outcome.status === 'not_found') throw new ApiError('rater_not_found');
      const person = (await deps.store.listEmployees(wave.agencyId)).find((e) => e.nip === nip);
      const unit = person ? (await deps.store.listUnits(wave.agencyId)).find((u) => u.id === person.unitId) : undefined;
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'invitation.reissue', details: { nip } }, now());
      return c.json(
        {
          link: { nip, name: person?.name ?? '', unitPath: unit?.path ?? [], email: person?.email ?? null, phone: person?.phone ?? null, code },
          movedTickets: outcome.movedTickets,
        },
        200,
      );
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
      const at = now();
      refuseOn(await deps.store.closeWave(wave.id, at.toISOString()));
      await recordAudit(deps.store, c.var.staff, { agencyId: wave.agencyId, waveId: wave.id, action: 'wave.close' }, at);
      return c.json({ ...wave, status: 'closed' as const, closedAt: at.toISOString() }, 200);
    },
  );
}
