import { checkParams, jointKey, verifyCommitment, verifyConfirmation, type CeremonyParams } from './ceremony.js';
import type { Ceremony, CeremonyStatus } from './schema.js';
import { encode } from './group.js';

/*
 * The ceremony as the server keeps it, step by step. Pure: each step returns the next state or
 * the reason it is refused, and the store saves it only over the version it was made against.
 * The server checks every proof it is given; it never holds a secret.
 */

export type CeremonyRefusal =
  | 'ceremony_wrong_step'
  | 'ceremony_seat_taken'
  | 'ceremony_invalid_proof'
  | 'ceremony_invalid_shares'
  | 'ceremony_failed';

export function paramsOf(c: Pick<Ceremony, 'id' | 'agencyId' | 'quorum' | 'trustees'>): CeremonyParams {
  return { ceremonyId: c.id, agencyId: c.agencyId, quorum: c.quorum, trustees: c.trustees.map((t) => ({ index: t.index, uid: t.uid })) };
}

export function statusOf(c: Omit<Ceremony, 'status'>): CeremonyStatus {
  const n = c.trustees.length;
  if (c.failure) return 'failed';
  if (c.commitments.length < n) return 'committing';
  if (c.shares.length < n * (n - 1)) return 'sharing';
  if (c.confirmations.length < n) return 'confirming';
  return 'complete';
}

function next(c: Ceremony, change: Partial<Ceremony>): Ceremony {
  const merged = { ...c, ...change, version: c.version + 1 };
  const status = statusOf(merged);
  const jointKeyNow = status === 'complete' && !merged.jointKey ? encode(jointKey(paramsOf(merged), merged.commitments)) : merged.jointKey;
  return { ...merged, status, jointKey: jointKeyNow };
}

export function newCeremony(fields: Pick<Ceremony, 'id' | 'agencyId' | 'label' | 'quorum' | 'trustees' | 'createdAt' | 'createdBy'>): Ceremony {
  checkParams(paramsOf(fields));
  return { ...fields, status: 'committing', commitments: [], shares: [], confirmations: [], failure: null, jointKey: null, version: 1 };
}

export function addCommitment(c: Ceremony, commitment: Ceremony['commitments'][number]): Ceremony | CeremonyRefusal {
  if (c.status === 'failed') return 'ceremony_failed';
  if (c.status !== 'committing') return 'ceremony_wrong_step';
  if (c.commitments.some((x) => x.index === commitment.index)) return 'ceremony_seat_taken';
  if (!verifyCommitment(paramsOf(c), commitment)) return 'ceremony_invalid_proof';
  return next(c, { commitments: [...c.commitments, commitment].sort((a, b) => a.index - b.index) });
}

export function addShares(c: Ceremony, from: number, shares: Ceremony['shares']): Ceremony | CeremonyRefusal {
  if (c.status === 'failed') return 'ceremony_failed';
  if (c.status !== 'sharing') return 'ceremony_wrong_step';
  if (c.shares.some((x) => x.from === from)) return 'ceremony_seat_taken';
  const others = c.trustees.filter((t) => t.index !== from).map((t) => t.index);
  const to = shares.map((x) => x.to).sort((a, b) => a - b);
  // Exactly one share for every other trustee, all from the sender.
  if (shares.some((x) => x.from !== from) || to.join(',') !== others.join(',')) return 'ceremony_invalid_shares';
  return next(c, { shares: [...c.shares, ...shares] });
}

export function addConfirmation(c: Ceremony, confirmation: Ceremony['confirmations'][number]): Ceremony | CeremonyRefusal {
  if (c.status === 'failed') return 'ceremony_failed';
  if (c.status !== 'confirming') return 'ceremony_wrong_step';
  if (c.confirmations.some((x) => x.index === confirmation.index)) return 'ceremony_seat_taken';
  if (!verifyConfirmation(paramsOf(c), c.commitments, confirmation)) return 'ceremony_invalid_proof';
  return next(c, { confirmations: [...c.confirmations, confirmation].sort((a, b) => a.index - b.index) });
}

/** A trustee found a share that does not open or does not match: nobody can use this ceremony. */
export function addFailure(c: Ceremony, failure: NonNullable<Ceremony['failure']>): Ceremony | CeremonyRefusal {
  if (c.status === 'complete') return 'ceremony_wrong_step';
  if (c.status === 'failed') return 'ceremony_failed';
  return next(c, { failure });
}
