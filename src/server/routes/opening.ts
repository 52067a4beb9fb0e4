import { z } from '@hono/zod-openapi';
import { openingPackageSchema, openingStatusSchema, phaseSchema, sharesAcceptedSchema, submitDecryptionSharesSchema } from '../../domain/sealing/schema.js';
import { ApiError } from '../api-error.js';
import type { Api, AppDeps } from '../app-types.js';
import { recordAudit } from '../audit.js';
import { assertAgency, requireStaffOrTrustee, type Staff } from '../auth.js';
import type { OpeningService } from '../sealing/opening-service.js';
import type { Wave } from '../../domain/schema.js';
import { waveParams } from '../waves/wave-for.js';
import { staffOperations } from './operation.js';

const phaseParams = waveParams.extend({ phase: phaseSchema.meta({ param: { name: 'phase', in: 'path' } }) });

/**
 * Opening a closed wave: staff follow who still has to act; trustees download what their browser
 * needs and upload decryption shares. Only the trustee's own seat may upload.
 */
export function registerOpeningRoutes(app: Api, deps: AppDeps, opening: OpeningService): void {
  const anyone = requireStaffOrTrustee(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const op = staffOperations(app, deps, 'sealing');

  const closedWave = async (staff: Staff, waveId: string): Promise<Wave> => {
    const wave = await deps.store.getWave(waveId);
    if (!wave) throw new ApiError('wave_not_found');
    if (staff.role) assertAgency(staff, wave.agencyId);
    else if (!staff.agencies.includes(wave.agencyId)) throw new ApiError('forbidden_agency');
    if (wave.status !== 'closed') throw new ApiError('wave_not_closed');
    return wave;
  };
  const seat = async (staff: Staff, wave: Wave): Promise<number> => {
    const ctx = await opening.context(wave);
    const t = ctx.trustees.find((x) => x.uid === staff.uid);
    if (!t || !staff.trustee) throw new ApiError('not_trustee_seat');
    return t.index;
  };

  op.json(
    { method: 'get', path: '/api/waves/{waveId}/opening', operationId: 'getOpening', guard: anyone, errors: [401, 403, 404, 409],
      summary: 'Who still has to act to open a closed wave’s results, phase by phase',
      params: waveParams, ok: { description: 'Status', schema: openingStatusSchema } },
    async ({ staff, params }) => opening.status(await closedWave(staff, params.waveId)),
  );

  op.json(
    { method: 'get', path: '/api/waves/{waveId}/opening/{phase}/groups', operationId: 'listOpeningGroups', guard: anyone, errors: [400, 401, 403, 404, 409],
      summary: 'For a trustee: a page of the groups this phase opens, with every sealed response of each',
      description: 'Only groups with the responses they need are listed; the trustee’s browser checks that itself before it makes any share.',
      params: phaseParams,
      query: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      ok: { description: 'Groups', schema: openingPackageSchema } },
    async ({ staff, params: { waveId, phase }, query: { offset, limit } }) => {
      const wave = await closedWave(staff, waveId);
      await seat(staff, wave);
      return opening.package(wave, phase, offset, limit);
    },
  );

  op.json(
    { method: 'post', path: '/api/waves/{waveId}/opening/{phase}/shares', operationId: 'submitDecryptionShares', guard: anyone, errors: [400, 401, 403, 404, 409, 422],
      summary: 'For a trustee: decryption shares with proofs for some groups; a group opens once a quorum has given its shares',
      description: 'All or nothing: one share that does not verify, or that opens something the phase does not, and nothing is stored.',
      params: phaseParams, body: submitDecryptionSharesSchema, ok: { description: 'Stored', schema: sharesAcceptedSchema } },
    async ({ staff, params: { waveId, phase }, body, now }) => {
      const wave = await closedWave(staff, waveId);
      const index = await seat(staff, wave);
      const result = await opening.accept(wave, phase, index, body.groups);
      await recordAudit(deps.store, staff, { agencyId: wave.agencyId, waveId, action: 'opening.shares', details: { phase, seat: index, ...result } }, now);
      return result;
    },
  );
}
