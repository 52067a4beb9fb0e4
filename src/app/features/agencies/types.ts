import type { Agency, Unit } from '../../../domain/schema.js';

export type AgencyWithSummary = Agency & { summary: { units: number; activeEmployees: number } };
export type AgencyDetail = { agency: AgencyWithSummary; units: Unit[] };
