import { describe, expect, it } from 'vitest';
import { firestoreStore, useFirestoreEmulator } from '../../test-support/firestore-emulator.js';
import { agency, draftWave, launchOf, NIP_A, NIP_B, NIP_C } from '../contract/fixtures.js';
import type { WaveLaunch } from '../port.js';
import type { FirestoreStore } from './firestore-store.js';
import { RampLimiter } from './ramp.js';

/*
 * Overlapping launches of one wave (launch-lease.ts): a coordinator's retry while the first attempt
 * still writes, an attempt that failed half-way, and a holder whose lease ran out. Before the lease,
 * two overlapping launches of a 300-person wave stored 600 invitations and 3,650 tickets.
 */
useFirestoreEmulator();

let projects = 0;
const project = () => `demo-launch-${process.pid}-${projects++}`;
const LEASE_MS = 5 * 60_000;

async function draft(store: FirestoreStore): Promise<void> {
  await store.createAgency(agency('kab-a'));
  await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
}

/** A plan of its own for each launch id: every invitation and ticket id names the launch. */
function planOf(launchId: string, tickets = 3): WaveLaunch {
  const base = launchOf('w1', launchId);
  const raters = [NIP_A, NIP_B, NIP_C];
  const invitations = raters.map((nip, i) => ({ id: `${launchId}-inv-${i}`, waveId: 'w1', agencyId: 'kab-a', raterNip: nip, codeHash: `${launchId}-hash-${i}` }));
  return {
    ...base,
    invitations,
    tickets: Array.from({ length: tickets }, (_, i) => ({
      id: `${launchId}-t-${String(i).padStart(5, '0')}`,
      invitationId: invitations[i % 3]!.id,
      waveId: 'w1',
      rateeNip: raters[(i + 1) % 3]!,
      relationship: 'peer' as const,
    })),
  };
}

/** Every launch document of the wave, by the launch id it carries. */
async function launchDocuments(store: FirestoreStore) {
  const wave = store.db.collection('waves').doc('w1');
  const snaps = await Promise.all([
    store.db.collection('invitations').where('waveId', '==', 'w1').get(),
    store.db.collection('tickets').where('waveId', '==', 'w1').get(),
    wave.collection('ratees').get(),
    wave.collection('unitGroups').get(),
    wave.collection('links').get(),
  ]);
  const [invitations, tickets, ratees, unitGroups, links] = snaps.map((s) => s.docs.map((d) => d.data()));
  const launchIds = new Set(snaps.flatMap((s) => s.docs.map((d) => d.data().launchId as string)));
  return { invitations: invitations!.map((d) => d.id as string).sort(), tickets: tickets!.map((d) => d.id as string).sort(), ratees: ratees!.length, unitGroups: unitGroups!.length, links: links!.length, launchIds: [...launchIds] };
}

const plannedIds = (plan: WaveLaunch) => ({ invitations: plan.invitations.map((i) => i.id).sort(), tickets: plan.tickets.map((t) => t.id).sort() });

describe('overlapping launches of one wave', () => {
  it('two launches at once: one launches, the other is told a launch is running, and exactly one plan is stored', async () => {
    const store = firestoreStore(project());
    await draft(store);
    const [a, b] = [planOf('launch-a'), planOf('launch-b')];
    const outcomes = await Promise.all([store.launchWave(a), store.launchWave(b)]);
    expect([...outcomes].sort()).toEqual(['launched', 'launching']);
    const winner = outcomes[0] === 'launched' ? a : b;
    const stored = await launchDocuments(store);
    expect(stored).toMatchObject({ ...plannedIds(winner), ratees: 3, unitGroups: 1, links: 1, launchIds: [winner.launchId] });
    expect(await store.getWave('w1')).toMatchObject({ status: 'open' });
  });

  it('a claim whose lease number is taken writes nothing (the lease number fences claims)', async () => {
    const store = firestoreStore(project());
    await draft(store);
    // What a racing claim of lease 0 left, committed before this one.
    await store.db.collection('waves').doc('w1').collection('launchLeases').doc('000000').create({ launchId: 'racer' });
    expect(await store.launchWave(planOf('launch-a'))).toBe('launching');
    expect(await launchDocuments(store)).toMatchObject({ invitations: [], tickets: [], ratees: 0, links: 0 });
    expect(await store.getWave('w1')).toMatchObject({ status: 'draft' });
  });

  it('an attempt that failed half-way hands the wave back, and the retry clears what it left', async () => {
    const projectId = project();
    // The first 500 writes go at once; the ramp's next wait fails, as a stopping instance's work does.
    const failingRamp = () => new RampLimiter(() => 0, async () => { throw new Error('instance stopping'); });
    const failing = firestoreStore(projectId, { ramp: failingRamp });
    await draft(failing);
    await expect(failing.launchWave(planOf('launch-a', 600))).rejects.toThrow(/instance stopping/);
    const left = await launchDocuments(failing);
    expect(left.launchIds).toEqual(['launch-a']);
    expect(left.tickets.length + left.invitations.length).toBeGreaterThan(0);
    // No wait for the lease: the failed attempt gave it back.
    const store = firestoreStore(projectId);
    const retry = planOf('launch-b');
    expect(await store.launchWave(retry)).toBe('launched');
    expect(await launchDocuments(store)).toMatchObject({ ...plannedIds(retry), ratees: 3, launchIds: ['launch-b'] });
  });

  describe('a launch paused between commits (a slow instance)', () => {
    /** A store whose second commit waits for `resume`, and a second store on the same database. */
    function pausedPair() {
      const projectId = project();
      const clock = { now: Date.parse('2026-06-01T01:00:00.000Z') };
      let resume!: () => void;
      const gate = new Promise<void>((r) => (resume = r));
      let paused!: () => void;
      const pausedAt = new Promise<void>((r) => (paused = r));
      let rampTime = 0;
      // The first 500 writes go at once; the next commit waits at the ramp until the gate opens.
      const ramp = new RampLimiter(
        () => rampTime,
        async () => {
          paused();
          await gate;
          rampTime += 3_600_000;
        },
      );
      const launch = { now: () => clock.now, leaseMs: LEASE_MS };
      return { slow: firestoreStore(projectId, { ramp: () => ramp, launch }), other: firestoreStore(projectId, { launch }), clock, pausedAt, resume };
    }

    it('keeps its lease by renewing it: a retry 3 minutes in is told a launch is running, and the first one finishes', async () => {
      const { slow, other, clock, pausedAt, resume } = pausedPair();
      await draft(slow);
      const first = planOf('launch-a', 700);
      const running = slow.launchWave(first);
      await pausedAt;
      clock.now += 3 * 60_000;
      expect(await other.launchWave(planOf('launch-b'))).toBe('launching');
      resume();
      expect(await running).toBe('launched');
      expect(await launchDocuments(other)).toMatchObject({ ...plannedIds(first), launchIds: ['launch-a'] });
      // The renewal moved the lease on from the 3-minute mark.
      const held = (await other.db.collection('waves').doc('w1').get()).data()!.launch as { expiresAt: number };
      expect(held.expiresAt).toBe(clock.now + LEASE_MS);
    });

    it('loses the wave once its lease has run out: the retry takes over, clears its documents and launches; the first stops', async () => {
      const { slow, other, clock, pausedAt, resume } = pausedPair();
      await draft(slow);
      const first = planOf('launch-a', 700);
      const running = slow.launchWave(first);
      await pausedAt;
      // 500 of the first launch's documents are written when its lease runs out.
      expect((await launchDocuments(other)).launchIds).toEqual(['launch-a']);
      clock.now += LEASE_MS + 1;
      const retry = planOf('launch-b');
      expect(await other.launchWave(retry)).toBe('launched');
      resume();
      expect(await running).toBe('launching');
      expect(await launchDocuments(other)).toMatchObject({ ...plannedIds(retry), ratees: 3, links: 1, launchIds: ['launch-b'] });
      expect(await other.getWave('w1')).toMatchObject({ status: 'open' });
    });
  });
});
