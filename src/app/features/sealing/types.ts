/* This feature's API shapes come from the shared contract and the domain: nothing here is typed by hand. */
export type { Ceremony, EncryptedShare, OpeningStatus, Phase, ShareConfirmation, TrusteeCommitment } from '../../../domain/sealing/schema.js';
