import { agencyDetailSchema } from '../../../contract/agencies.js';
import { jobStartedSchema } from '../../../contract/jobs.js';
import { linkPageSchema, linksConfirmedSchema, planPreviewSchema, reissueResultSchema, waveListSchema, waveViewSchema } from '../../../contract/waves.js';
import { waveSchema } from '../../../domain/schema.js';
import type { WaveInput } from '../../../domain/wave.js';
import { apiRequest } from '../../lib/api-client.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

/* The waves feature's calls: every URL it uses, each with the contract's schema of its answer. */

const agencyPath = (agencyId: string) => `/api/agencies/${encodeURIComponent(agencyId)}`;
const wavePath = (waveId: string) => `/api/waves/${encodeURIComponent(waveId)}`;

export const waveQueries = {
  list: (agencyId: string): StaffGet<typeof waveListSchema> => ({ path: `${agencyPath(agencyId)}/waves`, schema: waveListSchema }),
  one: (waveId: string): StaffGet<typeof waveViewSchema> => ({ path: wavePath(waveId), schema: waveViewSchema }),
  /** The agency's units, for choosing a wave's scope. */
  agency: (agencyId: string): StaffGet<typeof agencyDetailSchema> => ({ path: agencyPath(agencyId), schema: agencyDetailSchema }),
};

export const createWave = (token: string, agencyId: string, input: WaveInput) =>
  apiRequest(`${agencyPath(agencyId)}/waves`, { method: 'POST', body: input, token, schema: waveSchema });
export const updateWave = (token: string, waveId: string, input: WaveInput) => apiRequest(wavePath(waveId), { method: 'PUT', body: input, token, schema: waveSchema });
export const previewPlan = (token: string, waveId: string) => apiRequest(`${wavePath(waveId)}/plan`, { method: 'POST', token, schema: planPreviewSchema });
/** Starts the launch job (202); `followJob` waits for its result. */
export const launchWave = (token: string, waveId: string, planHash: string) =>
  apiRequest(`${wavePath(waveId)}/launch`, { method: 'POST', body: { planHash }, token, schema: jobStartedSchema });
export const readLinks = (token: string, waveId: string, page: number) => apiRequest(`${wavePath(waveId)}/links?page=${page}`, { token, schema: linkPageSchema });
/** After the file is built: the server deletes every code. */
export const confirmLinks = (token: string, waveId: string) => apiRequest(`${wavePath(waveId)}/links/confirm`, { method: 'POST', token, schema: linksConfirmedSchema });
export const reissueInvitation = (token: string, waveId: string, nip: string) =>
  apiRequest(`${wavePath(waveId)}/invitations/reissue`, { method: 'POST', body: { nip }, token, schema: reissueResultSchema });
export const closeWave = (token: string, waveId: string) => apiRequest(`${wavePath(waveId)}/close`, { method: 'POST', token, schema: waveSchema });
