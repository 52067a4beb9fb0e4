import { waveViewSchema } from '../../../contract/waves.js';
import { rankingsSchema, rateeReportSchema, waveResultsSchema } from '../../../domain/scoring.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

/* The results feature's calls: every URL it uses, each with the contract's schema of its answer. */

const wavePath = (waveId: string) => `/api/waves/${encodeURIComponent(waveId)}`;

export const resultQueries = {
  wave: (waveId: string): StaffGet<typeof waveViewSchema> => ({ path: wavePath(waveId), schema: waveViewSchema }),
  results: (waveId: string): StaffGet<typeof waveResultsSchema> => ({ path: `${wavePath(waveId)}/results`, schema: waveResultsSchema }),
  rateeReport: (waveId: string, nip: string): StaffGet<typeof rateeReportSchema> => ({
    path: `${wavePath(waveId)}/results/ratees/${encodeURIComponent(nip)}`,
    schema: rateeReportSchema,
  }),
  rankings: (): StaffGet<typeof rankingsSchema> => ({ path: '/api/rankings', schema: rankingsSchema }),
};

/** Exports are files, not JSON: the browser saves what comes back. */
export const resultsExportPath = (waveId: string, format: string) => `${wavePath(waveId)}/results/export?format=${format}`;
