import type { Firestore, WriteBatch } from 'firebase-admin/firestore';
import type { RampLimiter } from './ramp.js';

/** Writes per commit: Firestore's historical limit, kept as a safe size. */
const BATCH = 500;

/** Commits writes 500 at a time, each commit waiting for the ramp when one is given. Not atomic as a whole. */
export async function commitInBatches(db: Firestore, writes: readonly ((batch: WriteBatch) => void)[], ramp?: RampLimiter): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH) {
    const slice = writes.slice(i, i + BATCH);
    await ramp?.take(slice.length);
    const batch = db.batch();
    for (const write of slice) write(batch);
    await batch.commit();
  }
}
