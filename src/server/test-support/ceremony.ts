import { confirmShare, dealShares, secretShare, startTrustee } from '../../domain/sealing/ceremony.js';
import { addCommitment, addConfirmation, addShares, newCeremony, paramsOf } from '../../domain/sealing/ceremony-state.js';
import type { Ceremony } from '../../domain/sealing/schema.js';

/**
 * A complete key ceremony of `n` trustees and quorum 2, held in memory as their browsers would
 * (each step through the same state functions the server uses). For tests and benchmarks that
 * need real keys without the API; call sealingReady() first.
 */
export function ceremonyInMemory(id: string, agencyId: string, n = 3): { ceremony: Ceremony; seats: ReturnType<typeof startTrustee>[] } {
  let ceremony = newCeremony({
    id,
    agencyId,
    label: id,
    quorum: 2,
    trustees: Array.from({ length: n }, (_, i) => ({ index: i + 1, uid: `u${i + 1}`, email: null })),
    createdAt: '2026-12-01T00:00:00.000Z',
    createdBy: { uid: 'u1', email: null },
  });
  const params = paramsOf(ceremony);
  const seats = ceremony.trustees.map((t) => startTrustee(params, t.index));
  const step = (next: Ceremony | string) => {
    if (typeof next === 'string') throw new Error(next);
    ceremony = next;
  };
  for (const s of seats) step(addCommitment(ceremony, s.commitment));
  for (const s of seats) step(addShares(ceremony, s.secret.index, dealShares(params, s.secret, ceremony.commitments)));
  for (const s of seats) step(addConfirmation(ceremony, confirmShare(params, ceremony.commitments, s.secret.index, secretShare(params, s.secret, ceremony.commitments, ceremony.shares))));
  return { ceremony, seats };
}
