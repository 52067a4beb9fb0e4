export type { RateeReport, Rankings, Score, UnitResult, WaveResults } from '../../../domain/scoring.js';

export interface WaveSummary {
  id: string;
  name: string;
  status: 'draft' | 'open' | 'closed';
}
