import { waveSchema } from '../../domain/schema.js';
import { waveInputSchema } from '../../domain/wave.js';
import type { Api, AppDeps } from '../app-types.js';
import { agencyParams } from './kit.js';
import { assertAgency, requireStaff, requireStaffOrTrustee } from '../auth.js';
import * as waves from '../waves/service.js';
import {
  launchRequestSchema,
  linkPageQuerySchema,
  linkPageSchema,
  linksConfirmedSchema,
  planPreviewSchema,
  reissueRequestSchema,
  reissueResultSchema,
  waveListSchema,
  waveViewSchema,
} from '../../contract/waves.js';
import { jobStartedSchema } from '../../contract/jobs.js';
import { startJob } from '../jobs/service.js';
import { staffOperations } from './operation.js';

/** The waves sub-app: each route parses, authorises and answers; the use cases are in waves/service.ts. */
export function registerWaveRoutes(app: Api, deps: AppDeps): void {
  const coordinator = requireStaff(deps.verifier, ['coordinator']);
  const reader = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  // Trustees list waves too: they open the closed ones.
  const listReader = requireStaffOrTrustee(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const op = staffOperations(app, deps, 'waves');

  op.json(
    { method: 'post', path: '/api/agencies/{agencyId}/waves', operationId: 'createWave', guard: coordinator, errors: [400, 401, 403, 404],
      summary: 'Create a draft survey wave',
      params: agencyParams, body: waveInputSchema, ok: { status: 201, description: 'Draft wave', schema: waveSchema } },
    ({ staff, params: { agencyId }, body, now }) => {
      assertAgency(staff, agencyId);
      return waves.createWave(deps.store, staff, agencyId, body, now);
    },
  );

  op.json(
    { method: 'get', path: '/api/agencies/{agencyId}/waves', operationId: 'listWaves', guard: listReader, errors: [401, 403],
      summary: 'The agency’s waves, newest first',
      params: agencyParams, ok: { description: 'Waves', schema: waveListSchema } },
    async ({ staff, params: { agencyId }, now }) => {
      assertAgency(staff, agencyId);
      const list = await deps.store.listWaves(agencyId);
      return { waves: await Promise.all(list.map((w) => waves.viewOf(deps.store, w, now))) };
    },
  );

  op.wave(
    { method: 'get', path: '/api/waves/{waveId}', operationId: 'getWave', guard: reader, errors: [401, 403, 404],
      summary: 'One wave with what respondents see right now (phase)',
      ok: { description: 'Wave', schema: waveViewSchema } },
    ({ wave, now }) => waves.viewOf(deps.store, wave, now),
  );

  op.wave(
    { method: 'put', path: '/api/waves/{waveId}', operationId: 'updateWave', guard: coordinator, errors: [400, 401, 403, 404, 409],
      summary: 'Edit a draft wave',
      body: waveInputSchema, ok: { description: 'Updated wave', schema: waveSchema } },
    ({ staff, wave, body, now }) => waves.updateWave(deps.store, staff, wave, body, now),
  );

  op.wave(
    { method: 'post', path: '/api/waves/{waveId}/plan', operationId: 'planWave', guard: coordinator, errors: [400, 401, 403, 404, 409],
      summary: 'Preview the 360° assignment plan: exactly what launch will create',
      ok: { description: 'Plan preview', schema: planPreviewSchema } },
    ({ wave }) => waves.previewPlan(deps.store, wave),
  );

  op.wave(
    { method: 'post', path: '/api/waves/{waveId}/launch', operationId: 'launchWave', guard: coordinator, errors: [400, 401, 403, 404, 409],
      summary: 'Launch without warning: create one code per rater and one ticket per assignment',
      description: 'Checked at once, then run as a job: poll `getJob` for its progress; its result is a `LaunchResult`.',
      body: launchRequestSchema, ok: { status: 202, description: 'The launch job, started', schema: jobStartedSchema } },
    async ({ staff, wave, body, now }) => {
      await waves.checkLaunch(deps.store, wave, body.planHash, now);
      return startJob(deps, staff, { kind: 'wave.launch', agencyId: wave.agencyId, waveId: wave.id, input: { planHash: body.planHash } }, now);
    },
  );

  op.wave(
    { method: 'get', path: '/api/waves/{waveId}/links', operationId: 'readLinks', guard: coordinator, errors: [400, 401, 403, 404, 410],
      summary: 'One page of the link list with every rater’s code; read every page, then confirm',
      description: 'Reading deletes nothing: a page lost on the way can be read again until `confirmLinks`. The first page is recorded in the audit log.',
      query: linkPageQuerySchema, ok: { description: 'A page of links', schema: linkPageSchema } },
    ({ staff, wave, query, now }) => waves.readLinks(deps.store, staff, wave, query.page, now),
  );

  op.wave(
    { method: 'post', path: '/api/waves/{waveId}/links/confirm', operationId: 'confirmLinks', guard: coordinator, errors: [401, 403, 404, 410],
      summary: 'The link file is built: delete every code from the store, once',
      ok: { description: 'Deleted', schema: linksConfirmedSchema } },
    ({ staff, wave, now }) => waves.confirmLinks(deps.store, staff, wave, now),
  );

  op.wave(
    { method: 'post', path: '/api/waves/{waveId}/invitations/reissue', operationId: 'reissueInvitation', guard: coordinator, errors: [400, 401, 403, 404, 409],
      summary: 'A new link for one rater; the old link stops working and unused tickets move',
      body: reissueRequestSchema, ok: { description: 'The new link (shown once)', schema: reissueResultSchema } },
    ({ staff, wave, body, now }) => waves.reissueInvitation(deps.store, staff, wave, body.nip, now),
  );

  op.wave(
    { method: 'post', path: '/api/waves/{waveId}/close', operationId: 'closeWave', guard: coordinator, errors: [401, 403, 404, 409],
      summary: 'Close a running wave: links stop accepting answers',
      ok: { description: 'Closed wave', schema: waveSchema } },
    ({ staff, wave, now }) => waves.closeWave(deps.store, staff, wave, now),
  );
}
