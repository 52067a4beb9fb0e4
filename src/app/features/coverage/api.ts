import { nonResponderListSchema } from '../../../contract/coverage.js';
import { waveViewSchema } from '../../../contract/waves.js';
import { coverageSchema } from '../../../domain/coverage.js';
import { jobStartedSchema } from '../../../contract/jobs.js';
import { apiRequest } from '../../lib/api-client.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

/* The coverage feature's calls: every URL it uses, each with the contract's schema of its answer. */

const wavePath = (waveId: string) => `/api/waves/${encodeURIComponent(waveId)}`;

export const coverageQueries = {
  wave: (waveId: string): StaffGet<typeof waveViewSchema> => ({ path: wavePath(waveId), schema: waveViewSchema }),
  /** Coverage of the wave, or of one unit's subtree. */
  coverage: (waveId: string, unitId?: string): StaffGet<typeof coverageSchema> => ({
    path: `${wavePath(waveId)}/coverage${unitId ? `?unit=${encodeURIComponent(unitId)}` : ''}`,
    schema: coverageSchema,
  }),
  nonResponders: (waveId: string): StaffGet<typeof nonResponderListSchema> => ({ path: `${wavePath(waveId)}/non-responders`, schema: nonResponderListSchema }),
};

/** Exports are files, not JSON: the browser saves what comes back. */
export const coverageExportPath = (waveId: string, view: 'units' | 'ratees', format: string) => `${wavePath(waveId)}/coverage/export?view=${view}&format=${format}`;

/** Starts the check job (202); `followJob` waits for its report. */
export const verifyWave = (token: string, waveId: string) => apiRequest(`${wavePath(waveId)}/verify`, { method: 'POST', token, schema: jobStartedSchema });
