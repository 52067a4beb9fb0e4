import { randomBytes } from 'node:crypto';
import { z } from '@hono/zod-openapi';
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
import { ApiError } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams } from './kit.js';
import { staffOperations } from './operation.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee, type Staff } from '../auth.js';

const ceremonyParams = z.object({ ceremonyId: z.string().min(1).max(64).meta({ param: { name: 'ceremonyId', in: 'path' } }) });
type StepAction = 'ceremony.commit' | 'ceremony.share' | 'ceremony.confirm' | 'ceremony.fail';
const ceremonyOk = { description: 'The ceremony', schema: ceremonySchema };

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
  const op = staffOperations(app, deps, 'sealing');
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

  op.json(
    { method: 'post', path: '/api/agencies/{agencyId}/ceremonies', operationId: 'createCeremony', guard: organiser, errors: [400, 401, 403, 404],
      summary: 'Start a key ceremony: name the trustees (in seat order) and the quorum that opens results',
      params: agencyParams, body: createCeremonySchema, ok: { status: 201, description: 'Started', schema: ceremonySchema } },
    async ({ staff, params: { agencyId }, body, now }) => {
      assertAgency(staff, agencyId);
      if (!(await deps.store.getAgency(agencyId))) throw new ApiError('agency_not_found');
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
        createdAt: now.toISOString(),
        createdBy: { uid: staff.uid, email: staff.email },
      });
      await deps.store.createCeremony(ceremony);
      await recordAudit(deps.store, staff, { agencyId, action: 'ceremony.create', details: { ceremonyId: ceremony.id, trustees: body.trustees, quorum: body.quorum } }, now);
      return ceremony;
    },
  );

  op.json(
    { method: 'get', path: '/api/agencies/{agencyId}/ceremonies', operationId: 'listCeremonies', guard: viewer, errors: [401, 403],
      summary: 'The agency’s key ceremonies, newest first; a wave launches under the newest complete one',
      params: agencyParams, ok: { description: 'Ceremonies', schema: ceremonyListSchema } },
    async ({ staff, params: { agencyId } }) => {
      if (staff.role) assertAgency(staff, agencyId);
      else if (!staff.agencies.includes(agencyId)) throw new ApiError('forbidden_agency');
      return { ceremonies: await deps.store.listCeremonies(agencyId) };
    },
  );

  op.json(
    { method: 'get', path: '/api/ceremonies/{ceremonyId}', operationId: 'getCeremony', guard: viewer, errors: [401, 403, 404],
      summary: 'One key ceremony: its trustees, step and public values',
      params: ceremonyParams, ok: ceremonyOk },
    async ({ staff, params: { ceremonyId } }) => {
      const ceremony = await load(ceremonyId);
      canSee(ceremony, staff);
      return ceremony;
    },
  );

  /** A trustee's step: a body POSTed to /api/ceremonies/{ceremonyId}/{path}, answered with the ceremony after it. */
  const stepOperation = <B extends z.ZodType>(path: string, operationId: string, summary: string, body: B, errors = [400, 401, 403, 404, 409, 422]) =>
    ({ method: 'post', path: `/api/ceremonies/{ceremonyId}/${path}`, operationId, summary, guard: viewer, params: ceremonyParams, body, ok: ceremonyOk, errors }) as const;

  op.json(
    stepOperation('commitment', 'submitCommitment', 'Step 1 of a trustee: the commitments to their secret polynomial and their communication key, with proofs', trusteeCommitmentSchema),
    ({ staff, params, body }) =>
      step(staff, params.ceremonyId, 'ceremony.commit', (ceremony, seat) => (body.index === seat ? addCommitment(ceremony, body) : 'ceremony_invalid_proof')),
  );

  op.json(
    stepOperation('shares', 'submitCeremonyShares', 'Step 2 of a trustee: one share of their polynomial for every other trustee, encrypted to that trustee', submitSharesSchema),
    ({ staff, params, body }) => step(staff, params.ceremonyId, 'ceremony.share', (ceremony, seat) => addShares(ceremony, seat, body.shares)),
  );

  op.json(
    stepOperation('confirmation', 'confirmCeremony', 'Step 3 of a trustee: every share received checked out; a proof that they hold their key share', shareConfirmationSchema),
    ({ staff, params, body }) =>
      step(staff, params.ceremonyId, 'ceremony.confirm', (ceremony, seat) => (body.index === seat ? addConfirmation(ceremony, body) : 'ceremony_invalid_proof')),
  );

  op.json(
    stepOperation('complaint', 'reportCeremonyFailure', 'A trustee received a share that does not check out: the ceremony fails and a new one must be started', ceremonyComplaintSchema, [400, 401, 403, 404, 409]),
    ({ staff, params, body }) => step(staff, params.ceremonyId, 'ceremony.fail', (ceremony, seat) => addFailure(ceremony, { by: seat, ...body })),
  );
}
