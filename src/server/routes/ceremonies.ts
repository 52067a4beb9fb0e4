import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { addCommitment, addConfirmation, addFailure, addShares, newCeremony, type CeremonyRefusal } from '../../domain/sealing/ceremony-state.js';
import { sealingReady } from '../../domain/sealing/group.js';
import {
  ceremonyComplaintSchema,
  ceremonySchema,
  createCeremonySchema,
  shareConfirmationSchema,
  submitSharesSchema,
  trusteeCommitmentSchema,
  type Ceremony,
} from '../../domain/sealing/schema.js';
import { ceremonyListSchema } from '../../contract/sealing.js';
import { ApiError, errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams, jsonBody, jsonResponse, security } from './kit.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee, type Staff } from '../auth.js';

const ceremonyParams = z.object({ ceremonyId: z.string().min(1).max(64).meta({ param: { name: 'ceremonyId', in: 'path' } }) });
type StepAction = 'ceremony.commit' | 'ceremony.share' | 'ceremony.confirm' | 'ceremony.fail';
const ceremonyResponse = { 200: jsonResponse('The ceremony', ceremonySchema) };

/** Who may act for a trustee seat: the account it names, with the capability still held. */
function seatOf(ceremony: Ceremony, staff: Staff): number {
  const seat = ceremony.trustees.find((t) => t.uid === staff.uid);
  if (!seat || !staff.trustee || !staff.agencies.includes(ceremony.agencyId)) throw new ApiError('not_trustee_seat');
  return seat.index;
}

function canSee(ceremony: Ceremony, staff: Staff): void {
  if (staff.role) assertAgency(staff, ceremony.agencyId);
  else if (!ceremony.trustees.some((t) => t.uid === staff.uid) && !staff.agencies.includes(ceremony.agencyId)) throw new ApiError('forbidden_agency');
}

/**
 * Key ceremonies: a coordinator or admin names the trustees; each trustee's browser then commits,
 * sends shares and confirms. The server checks every proof and keeps only public values and
 * shares encrypted to their recipients.
 */
export function registerCeremonyRoutes(app: Api, deps: AppDeps): void {
  const organiser = requireStaff(deps.verifier, ['coordinator', 'admin']);
  const viewer = requireStaffOrTrustee(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const now = () => deps.now?.() ?? new Date();

  const load = async (id: string) => {
    const ceremony = await deps.store.getCeremony(id);
    if (!ceremony) throw new ApiError('ceremony_not_found');
    return ceremony;
  };

  /** Applies one step made against the ceremony as loaded; a concurrent step makes this one retry. */
  const step = async (staff: Staff, id: string, action: StepAction, change: (c: Ceremony, seat: number) => Ceremony | CeremonyRefusal) => {
    await sealingReady();
    for (let attempt = 0; attempt < 3; attempt++) {
      const ceremony = await load(id);
      const seat = seatOf(ceremony, staff);
      const next = change(ceremony, seat);
      if (typeof next === 'string') throw new ApiError(next);
      if ((await deps.store.saveCeremony(next, ceremony.version)) === 'conflict') continue;
      await recordAudit(deps.store, staff, { agencyId: next.agencyId, action, details: { ceremonyId: id, seat, status: next.status } }, now());
      return next;
    }
    throw new ApiError('ceremony_conflict');
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/agencies/{agencyId}/ceremonies',
      operationId: 'createCeremony',
      tags: ['sealing'],
      summary: 'Start a key ceremony: name the trustees (in seat order) and the quorum that opens results',
      security,
      middleware: [organiser] as const,
      request: { params: agencyParams, body: jsonBody(createCeremonySchema) },
      responses: { 201: jsonResponse('Started', ceremonySchema), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      assertAgency(c.var.staff, agencyId);
      if (!(await deps.store.getAgency(agencyId))) throw new ApiError('agency_not_found');
      const body = c.req.valid('json');
      const accounts = await Promise.all(body.trustees.map((email) => deps.directory.findByEmail(email)));
      const problems = body.trustees.flatMap((email, i) => {
        const a = accounts[i];
        if (!a) return [{ path: `trustees.${i}`, message: `${email}: tidak ada akun / no account` }];
        if (!a.trustee || !a.agencies.includes(agencyId)) return [{ path: `trustees.${i}`, message: `${email}: bukan wali kunci instansi ini / not a trustee of this agency` }];
        return [];
      });
      if (problems.length) throw new ApiError('trustee_not_eligible', problems);
      const ceremony = newCeremony({
        id: randomBytes(12).toString('base64url'),
        agencyId,
        label: body.label,
        quorum: body.quorum,
        trustees: accounts.map((a, i) => ({ index: i + 1, uid: a!.uid, email: a!.email })),
        createdAt: now().toISOString(),
        createdBy: { uid: c.var.staff.uid, email: c.var.staff.email },
      });
      await deps.store.createCeremony(ceremony);
      await recordAudit(deps.store, c.var.staff, { agencyId, action: 'ceremony.create', details: { ceremonyId: ceremony.id, trustees: body.trustees, quorum: body.quorum } }, now());
      return c.json(ceremony, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/agencies/{agencyId}/ceremonies',
      operationId: 'listCeremonies',
      tags: ['sealing'],
      summary: 'The agency’s key ceremonies, newest first; a wave launches under the newest complete one',
      security,
      middleware: [viewer] as const,
      request: { params: agencyParams },
      responses: { 200: jsonResponse('Ceremonies', ceremonyListSchema), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { agencyId } = c.req.valid('param');
      const staff = c.var.staff as Staff;
      if (staff.role) assertAgency(staff, agencyId);
      else if (!staff.agencies.includes(agencyId)) throw new ApiError('forbidden_agency');
      return c.json({ ceremonies: await deps.store.listCeremonies(agencyId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/ceremonies/{ceremonyId}',
      operationId: 'getCeremony',
      tags: ['sealing'],
      summary: 'One key ceremony: its trustees, step and public values',
      security,
      middleware: [viewer] as const,
      request: { params: ceremonyParams },
      responses: { ...ceremonyResponse, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const ceremony = await load(c.req.valid('param').ceremonyId);
      canSee(ceremony, c.var.staff as Staff);
      return c.json(ceremony, 200);
    },
  );

  /** A trustee's step: a body POSTed to /api/ceremonies/{ceremonyId}/{path}, answered with the ceremony after it. */
  const stepRoute = <S extends z.ZodType>(path: string, operationId: string, summary: string, body: S, errors = [400, 401, 403, 404, 409, 422]) =>
    createRoute({
      method: 'post',
      path: `/api/ceremonies/{ceremonyId}/${path}`,
      operationId,
      tags: ['sealing'],
      summary,
      security,
      middleware: [viewer] as const,
      request: { params: ceremonyParams, body: jsonBody(body) },
      responses: { ...ceremonyResponse, ...errorResponses(...errors) },
    });

  app.openapi(
    stepRoute('commitment', 'submitCommitment', 'Step 1 of a trustee: the commitments to their secret polynomial and their communication key, with proofs', trusteeCommitmentSchema),
    async (c) => {
      const body = c.req.valid('json');
      const next = await step(c.var.staff as Staff, c.req.valid('param').ceremonyId, 'ceremony.commit', (ceremony, seat) =>
        body.index === seat ? addCommitment(ceremony, body) : 'ceremony_invalid_proof',
      );
      return c.json(next, 200);
    },
  );

  app.openapi(
    stepRoute('shares', 'submitCeremonyShares', 'Step 2 of a trustee: one share of their polynomial for every other trustee, encrypted to that trustee', submitSharesSchema),
    async (c) => {
      const { shares } = c.req.valid('json');
      const next = await step(c.var.staff as Staff, c.req.valid('param').ceremonyId, 'ceremony.share', (ceremony, seat) => addShares(ceremony, seat, shares));
      return c.json(next, 200);
    },
  );

  app.openapi(
    stepRoute('confirmation', 'confirmCeremony', 'Step 3 of a trustee: every share received checked out; a proof that they hold their key share', shareConfirmationSchema),
    async (c) => {
      const body = c.req.valid('json');
      const next = await step(c.var.staff as Staff, c.req.valid('param').ceremonyId, 'ceremony.confirm', (ceremony, seat) =>
        body.index === seat ? addConfirmation(ceremony, body) : 'ceremony_invalid_proof',
      );
      return c.json(next, 200);
    },
  );

  app.openapi(
    stepRoute('complaint', 'reportCeremonyFailure', 'A trustee received a share that does not check out: the ceremony fails and a new one must be started', ceremonyComplaintSchema, [400, 401, 403, 404, 409]),
    async (c) => {
      const body = c.req.valid('json');
      const next = await step(c.var.staff as Staff, c.req.valid('param').ceremonyId, 'ceremony.fail', (ceremony, seat) => addFailure(ceremony, { by: seat, ...body }));
      return c.json(next, 200);
    },
  );
}
