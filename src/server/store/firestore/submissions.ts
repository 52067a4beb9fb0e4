import { randomInt } from 'node:crypto';
import { FieldValue } from 'firebase-admin/firestore';
import { submissionRefused } from '../../../domain/wave.js';
import { addSealed } from '../../../domain/sealing/elgamal.js';
import { sealingReady } from '../../../domain/sealing/group.js';
import { groupCounts } from '../group-counts.js';
import type { RecordOutcome, ResponseDraft } from '../port.js';
import { rateeRank, unitDocId } from './coverage-snapshot.js';
import { groupDoc, responsesCol, ticketRef, toTicket, toWave, wavesCol, type Fs } from './documents.js';

/*
 * A submission on Firestore, in one transaction: the ticket is deleted, the sealed response
 * written, its group's tally and the ratee's counts updated. Every write in a commit shares its
 * timestamp, so nothing about the rater may be in it.
 */

/*
 * Day counters are sharded so no document takes more than about one write a second (Firestore's
 * sustained limit per document), sized from the wave at launch with docs/capacity.md's participation
 * curve: 70% of tickets answered, 30% of them on the busiest day, 12% of a day in its busiest hour,
 * its busiest minute twice the hour's average, and 2× headroom. scripts/capacity.test.ts ties this
 * to the model's counters.
 */
const PEAK_SUBMISSIONS_PER_TICKET_SECOND = (0.7 * 0.3 * 0.12 * 2) / 3600;
const SHARD_HEADROOM = 2;
/** Shards of waves launched before the wave named its own. */
const LEGACY_DAY_SHARDS = 20;

/** Day-counter shards for a wave of `tickets` tickets: at least 1. */
export function dayShardsFor(tickets: number): number {
  return Math.max(1, Math.ceil(tickets * PEAK_SUBMISSIONS_PER_TICKET_SECOND * SHARD_HEADROOM - 1e-9));
}

export async function recordResponse(f: Fs, invitationId: string, ticketId: string, draft: ResponseDraft, now: string): Promise<RecordOutcome> {
  await sealingReady();
  const ticketDocRef = ticketRef(f.db, invitationId, ticketId);
  return f.db.runTransaction(async (tx) => {
    const ticketDoc = await tx.get(ticketDocRef);
    if (!ticketDoc.exists) return 'ticket_gone' as const;
    const ticket = toTicket(ticketDoc.data());
    const waveRef = wavesCol(f.db).doc(ticket.waveId);
    const waveDoc = await tx.get(waveRef);
    if (!waveDoc.exists) return 'ticket_gone' as const;
    const wave = toWave(waveDoc.data());
    const refused = submissionRefused(wave, now);
    if (refused) return refused;
    const rateeRef = waveRef.collection('ratees').doc(ticket.rateeNip);
    const relationship = ticket.relationship;
    const tallyRef = waveRef.collection('tallies').doc(groupDoc(ticket));
    const [rateeDoc, tallyDoc] = await tx.getAll(rateeRef, tallyRef);
    const ratee = rateeDoc!.data();
    const rateeUnitId = (ratee?.unitId as string | undefined) ?? '';
    tx.delete(ticketDocRef);
    tx.create(responsesCol(f.db).doc(draft.id), {
      id: draft.id,
      waveId: ticket.waveId,
      agencyId: wave.agencyId,
      rateeNip: ticket.rateeNip,
      rateeUnitId,
      relationship,
      questionnaireVersion: draft.questionnaireVersion,
      sealed: Buffer.from(draft.sealed),
    });
    const tally = tallyDoc!.data();
    tx.set(tallyRef, {
      rateeNip: ticket.rateeNip,
      relationship,
      rateeUnitId,
      responses: Number(tally?.responses ?? 0) + 1,
      sealed: Buffer.from(tally ? addSealed(new Uint8Array(tally.sealed as Buffer), draft.sealed) : draft.sealed),
    });
    if (ratee) {
      const k = wave.settings.anonymityThreshold;
      const before = rateeRank(groupCounts(ratee), k);
      const after = rateeRank(groupCounts({ ...ratee, [`${relationship}_done`]: Number(ratee[`${relationship}_done`] ?? 0) + 1 }), k);
      tx.update(rateeRef, { [`${relationship}_done`]: FieldValue.increment(1), ...after });
      tx.set(
        waveRef.collection('unitGroups').doc(unitDocId(ratee.unitId as string)),
        { [`${relationship}_done`]: FieldValue.increment(1), rateesAtRisk: FieldValue.increment(Number(after.atRisk) - Number(before.atRisk)) },
        { merge: true },
      );
    }
    // A random shard per submission: no document is written on every submission.
    const shards = Number(waveDoc.data()!.dayShards ?? LEGACY_DAY_SHARDS);
    const shard = waveRef.collection('days').doc(`${draft.day}_${randomInt(shards)}`);
    tx.set(shard, { day: draft.day, responses: FieldValue.increment(1) }, { merge: true });
    return 'recorded' as const;
  });
}

