import type { Wave } from '../../../domain/schema.js';

export type WaveView = Wave & { phase: 'draft' | 'scheduled' | 'open' | 'closed'; linksAvailable: boolean };

export interface PlanPreview {
  planHash: string;
  ratees: number;
  raters: number;
  assignments: number;
  byRelationship: Record<'self' | 'superior' | 'peer' | 'subordinate', number>;
  ratersPerRatee: Record<string, number>;
  ratingsPerRater: Record<string, number>;
  shortfallCount: number;
  shortfalls: { nip: string; name: string; unit: string; relationship: string; got: number; needed: number; reason: string }[];
}

export interface InvitationLink {
  nip: string;
  name: string;
  unitPath: string[];
  email: string | null;
  phone: string | null;
  code: string;
}
