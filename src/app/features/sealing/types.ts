export type { Ceremony, EncryptedShare, OpeningStatus, Phase, ShareConfirmation, TrusteeCommitment } from '../../../domain/sealing/schema.js';

export interface WaveSummary {
  id: string;
  agencyId: string;
  name: string;
  status: 'draft' | 'open' | 'closed';
  closedAt: string | null;
}
