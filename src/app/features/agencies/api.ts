import { agencyDetailSchema, agencyListSchema } from '../../../contract/agencies.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

/* The agencies feature's calls: every URL it uses, each with the contract's schema of its answer. */

export const agencyQueries = {
  list: (): StaffGet<typeof agencyListSchema> => ({ path: '/api/agencies', schema: agencyListSchema }),
  one: (agencyId: string): StaffGet<typeof agencyDetailSchema> => ({ path: `/api/agencies/${encodeURIComponent(agencyId)}`, schema: agencyDetailSchema }),
};
