import { auditEventListSchema } from '../../../contract/agencies.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

/* The audit log's call, with the contract's schema of its answer. */

export const auditQueries = {
  events: (agencyId: string, waveId?: string | null): StaffGet<typeof auditEventListSchema> => ({
    path: `/api/agencies/${encodeURIComponent(agencyId)}/audit-events${waveId ? `?waveId=${encodeURIComponent(waveId)}` : ''}`,
    schema: auditEventListSchema,
  }),
};
