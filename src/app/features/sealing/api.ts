import { ceremonyListSchema } from '../../../contract/sealing.js';
import { waveListSchema } from '../../../contract/waves.js';
import { ceremonySchema, openingStatusSchema } from '../../../domain/sealing/schema.js';
import { apiRequest } from '../../lib/api-client.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

/* The sealing feature's calls (the Web Worker's own, in sealing.worker.ts, excepted): every URL, each with the contract's schema of its answer. */

const agencyPath = (agencyId: string) => `/api/agencies/${encodeURIComponent(agencyId)}`;
const ceremonyPath = (ceremonyId: string) => `/api/ceremonies/${encodeURIComponent(ceremonyId)}`;

export const sealingQueries = {
  ceremonies: (agencyId: string): StaffGet<typeof ceremonyListSchema> => ({ path: `${agencyPath(agencyId)}/ceremonies`, schema: ceremonyListSchema }),
  ceremony: (ceremonyId: string): StaffGet<typeof ceremonySchema> => ({ path: ceremonyPath(ceremonyId), schema: ceremonySchema }),
  opening: (waveId: string): StaffGet<typeof openingStatusSchema> => ({ path: `/api/waves/${encodeURIComponent(waveId)}/opening`, schema: openingStatusSchema }),
  waves: (agencyId: string): StaffGet<typeof waveListSchema> => ({ path: `${agencyPath(agencyId)}/waves`, schema: waveListSchema }),
};

export const createCeremony = (token: string, agencyId: string, body: unknown) =>
  apiRequest(`${agencyPath(agencyId)}/ceremonies`, { method: 'POST', body, token, schema: ceremonySchema });
export const getCeremony = (token: string, ceremonyId: string) => apiRequest(ceremonyPath(ceremonyId), { token, schema: ceremonySchema });
/** A trustee's step (commitment, shares, confirmation, complaint): the ceremony after it. */
export const ceremonyStep = (token: string, ceremonyId: string, step: 'commitment' | 'shares' | 'confirmation' | 'complaint', body: unknown) =>
  apiRequest(`${ceremonyPath(ceremonyId)}/${step}`, { method: 'POST', body, token, schema: ceremonySchema });
