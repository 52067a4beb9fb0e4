import { z } from 'zod';
import { alreadyExists, invitationsCol, ticketsCol, wavesCol, type Fs } from './documents.js';
import type { RampLimiter } from './ramp.js';

/*
 * A launch writes up to millions of documents in non-atomic commits and may run for minutes, while
 * Hosting gives up on the request after 60 s: a coordinator's retry overlapping the first attempt is
 * the normal case. So a launch first claims the wave, in a transaction, with its launch id and a lease:
 *
 * - The claim also creates `waves/{id}/launchLeases/{n}`, numbered from 0 per wave. Two claims of the
 *   same lease number cannot both commit (a create fails when the document exists, on Firestore and
 *   on the in-memory emulator, which has no transaction isolation): the number is a fencing token.
 * - A live lease held by another launch answers `launching`. An expired one is taken over, and the
 *   earlier launch's id is remembered.
 * - Every document the launch writes carries its launch id. Right after the claim, everything of the
 *   wave is a leftover of an earlier attempt (the lease says none still writes) and is deleted, page
 *   by page.
 * - Before each commit the holder renews its lease once less than half of it is left, in a transaction
 *   that checks the wave still names it. So no commit is ever sent with less than half a lease (2.5
 *   minutes) to go, which is longer than a commit's 60 s deadline: by the time a lease can be taken
 *   over, every commit of its holder has landed or failed.
 * - The wave turns open in a transaction that checks the wave is still a draft and still names this
 *   launch. An attempt that fails hands its lease back, so the retry need not wait for it to expire.
 */

export interface LaunchTiming {
  now: () => number;
  /** How long a claim holds the wave without renewal. */
  leaseMs: number;
}

export const defaultLaunchTiming: LaunchTiming = { now: Date.now, leaseMs: 5 * 60_000 };

/** The `launch` field of a wave document while (and after) a launch holds it. */
const heldSchema = z.object({ id: z.string(), lease: z.number().int().min(0), expiresAt: z.number() });
type Held = z.infer<typeof heldSchema>;

const heldLaunch = (data: Record<string, unknown>): Held | null => {
  const parsed = heldSchema.safeParse(data.launch);
  return parsed.success ? parsed.data : null;
};

const leaseId = (lease: number) => String(lease).padStart(6, '0');


export type Claim = { status: 'claimed'; lease: LaunchLease } | { status: 'not_found' | 'not_draft' | 'launching' };

/** The holder's side of a claimed lease: kept alive between commits, given back on failure. */
export class LaunchLease {
  constructor(
    private readonly f: Fs,
    readonly waveId: string,
    readonly launchId: string,
    private expiresAt: number,
  ) {}

  private get ref() {
    return wavesCol(this.f.db).doc(this.waveId);
  }

  /** Before a commit: renews once half the lease is gone; throws when another launch holds the wave. */
  async keep(): Promise<void> {
    const now = this.f.launch.now();
    if (now < this.expiresAt - this.f.launch.leaseMs / 2) return;
    const expiresAt = now + this.f.launch.leaseMs;
    const kept = await this.f.db.runTransaction(async (tx) => {
      const doc = await tx.get(this.ref);
      const held = doc.exists ? heldLaunch(doc.data()!) : null;
      if (held?.id !== this.launchId || doc.data()!.status !== 'draft') return false;
      tx.update(this.ref, { 'launch.expiresAt': expiresAt });
      return true;
    });
    if (!kept) throw new LaunchSuperseded();
    this.expiresAt = expiresAt;
  }

  /** A failed attempt hands the wave back at once. */
  async release(): Promise<void> {
    await this.f.db.runTransaction(async (tx) => {
      const doc = await tx.get(this.ref);
      if (doc.exists && heldLaunch(doc.data()!)?.id === this.launchId) tx.update(this.ref, { 'launch.expiresAt': 0 });
    });
  }

  /** The last step: the wave turns open only while it is a draft held by this launch. */
  async open(fields: Record<string, unknown>): Promise<'launched' | 'not_found' | 'not_draft' | 'launching'> {
    return this.f.db.runTransaction(async (tx) => {
      const doc = await tx.get(this.ref);
      if (!doc.exists) return 'not_found' as const;
      if (doc.data()!.status !== 'draft') return 'not_draft' as const;
      if (heldLaunch(doc.data()!)?.id !== this.launchId) return 'launching' as const;
      tx.update(this.ref, { ...fields, status: 'open', launchId: this.launchId });
      return 'launched' as const;
    });
  }
}

/** Another launch took the wave over while this one wrote (its lease had run out). */
export class LaunchSuperseded extends Error {
  constructor() {
    super('another launch holds this wave');
    this.name = 'LaunchSuperseded';
  }
}

/** Claims a draft wave for one launch (a retry of the same launch id resumes its own claim). */
export async function claimLaunch(f: Fs, waveId: string, launchId: string): Promise<Claim> {
  const ref = wavesCol(f.db).doc(waveId);
  let claim: Claim;
  try {
    claim = await f.db.runTransaction(async (tx): Promise<Claim> => {
      const doc = await tx.get(ref);
      if (!doc.exists) return { status: 'not_found' };
      const data = doc.data()!;
      if (data.status !== 'draft') return { status: 'not_draft' };
      const held = heldLaunch(data);
      const now = f.launch.now();
      if (held && held.expiresAt > now && held.id !== launchId) return { status: 'launching' };
      const lease = held ? held.lease + 1 : 0;
      // The create goes first: on the emulator a failed write stops the commit before the update.
      tx.create(ref.collection('launchLeases').doc(leaseId(lease)), { launchId });
      const expiresAt = now + f.launch.leaseMs;
      tx.update(ref, { launch: { id: launchId, lease, expiresAt } });
      return { status: 'claimed', lease: new LaunchLease(f, waveId, launchId, expiresAt) };
    });
  } catch (error) {
    if (alreadyExists(error)) return { status: 'launching' };
    throw error;
  }
  return claim;
}

/** Documents deleted per page while clearing (the in-memory emulator has no query cursors). */
const CLEAR_PAGE = 2_000;

/** Everything an earlier attempt wrote for the wave, deleted page by page (under the lease) until nothing is left. */
export async function clearLeftovers(f: Fs, lease: LaunchLease, ramp?: RampLimiter): Promise<void> {
  const waveId = lease.waveId;
  const waveRef = wavesCol(f.db).doc(waveId);
  const queries = [
    invitationsCol(f.db).where('waveId', '==', waveId),
    ticketsCol(f.db).where('waveId', '==', waveId),
    waveRef.collection('ratees'),
    waveRef.collection('unitGroups'),
    waveRef.collection('coverage'),
    waveRef.collection('links'),
  ];
  for (const query of queries) {
    for (;;) {
      const page = await query.select().limit(CLEAR_PAGE).get();
      if (page.empty) break;
      await f.commit(page.docs.map((d) => ({ delete: d.ref })), { ramp, beforeBatch: () => lease.keep() });
    }
  }
}
