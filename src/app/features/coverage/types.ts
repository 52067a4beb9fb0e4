export type { Coverage, RateeCoverage, UnitCoverage } from '../../../domain/coverage.js';
export type { IntegrityReport } from '../../../domain/integrity.js';

export interface WaveSummary {
  id: string;
  agencyId: string;
  name: string;
  status: 'draft' | 'open' | 'closed';
  phase: string;
}

export type { NonResponder } from '../../../contract/coverage.js';
