import { describe, expect, it } from 'vitest';
import { planWave, type PlanPerson } from './planner.js';
import { waveSettingsSchema } from './schema.js';

const defaults = waveSettingsSchema.parse({});

/** head -> 3 managers -> 6 staff each, all managers in unit "m{i}" with their staff. */
function organisation(): PlanPerson[] {
  const people: PlanPerson[] = [{ nip: 'H', unitId: 'top', supervisorNip: null }];
  for (let m = 0; m < 3; m++) {
    people.push({ nip: `M${m}`, unitId: `m${m}`, supervisorNip: 'H' });
    for (let s = 0; s < 6; s++) people.push({ nip: `S${m}${s}`, unitId: `m${m}`, supervisorNip: `M${m}` });
  }
  return people;
}

const pairs = (plan: ReturnType<typeof planWave>) => plan.assignments.map((a) => `${a.raterNip}>${a.rateeNip}:${a.relationship}`);

describe('planWave', () => {
  it('is deterministic for a seed and whatever the input order', () => {
    const people = organisation();
    const a = planWave({ people, rateeNips: null, settings: defaults, seed: 7 });
    const b = planWave({ people: [...people].reverse(), rateeNips: null, settings: defaults, seed: 7 });
    expect(pairs(a)).toEqual(pairs(b));
    expect(pairs(planWave({ people, rateeNips: null, settings: defaults, seed: 8 }))).not.toEqual(pairs(a));
  });

  it('asks self, superior, direct reports and same-supervisor peers, never the same pair twice', () => {
    const plan = planWave({ people: organisation(), rateeNips: null, settings: defaults, seed: 1 });
    const rows = plan.assignments;
    expect(new Set(rows.map((a) => `${a.raterNip}>${a.rateeNip}`)).size).toBe(rows.length);
    expect(rows.filter((a) => a.raterNip === a.rateeNip).every((a) => a.relationship === 'self')).toBe(true);
    const forS00 = rows.filter((a) => a.rateeNip === 'S00');
    expect(forS00.find((a) => a.relationship === 'self')?.raterNip).toBe('S00');
    expect(forS00.find((a) => a.relationship === 'superior')?.raterNip).toBe('M0');
    const peers = forS00.filter((a) => a.relationship === 'peer').map((a) => a.raterNip);
    expect(peers).toHaveLength(4);
    expect(peers.every((p) => /^S0[1-5]$/.test(p))).toBe(true);
    const subs = rows.filter((a) => a.rateeNip === 'M1' && a.relationship === 'subordinate').map((a) => a.raterNip);
    expect(subs).toHaveLength(4);
    expect(subs.every((p) => p.startsWith('S1'))).toBe(true);
    // Managers' peers are the other managers (same supervisor), never their own staff.
    const mPeers = rows.filter((a) => a.rateeNip === 'M2' && a.relationship === 'peer').map((a) => a.raterNip);
    expect(mPeers.sort()).toEqual(['M0', 'M1']);
  });

  it('never asks one rater for more than the cap, and reports who falls short because of it', () => {
    const settings = { ...defaults, maxRatingsPerRater: 3 };
    const plan = planWave({ people: organisation(), rateeNips: null, settings, seed: 3 });
    const load = new Map<string, number>();
    for (const a of plan.assignments) load.set(a.raterNip, (load.get(a.raterNip) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(3);
    expect(plan.shortfalls.some((s) => s.reason === 'rater_cap')).toBe(true);
    expect(Object.entries(plan.ratingsPerRater).reduce((n, [, v]) => n + v, 0)).toBe(plan.raters);
  });

  it('lists ratees who cannot reach k in a group, with the reason', () => {
    const plan = planWave({ people: organisation(), rateeNips: null, settings: defaults, seed: 1 });
    // The head has no peers at all; managers have only two.
    expect(plan.shortfalls).toContainEqual({ rateeNip: 'H', relationship: 'peer', got: 0, needed: 3, reason: 'no_candidates' });
    expect(plan.shortfalls).toContainEqual({ rateeNip: 'M0', relationship: 'peer', got: 2, needed: 3, reason: 'too_few_candidates' });
    expect(plan.shortfalls.filter((s) => s.rateeNip.startsWith('S'))).toEqual([]);

    const small = planWave({
      people: [
        { nip: 'B', unitId: 'u', supervisorNip: null },
        { nip: 'X', unitId: 'u', supervisorNip: 'B' },
        { nip: 'Y', unitId: 'u', supervisorNip: 'B' },
      ],
      rateeNips: null,
      settings: defaults,
      seed: 1,
    });
    expect(small.shortfalls).toContainEqual({ rateeNip: 'B', relationship: 'subordinate', got: 2, needed: 3, reason: 'few_direct_reports' });

    const low = planWave({ people: organisation(), rateeNips: null, settings: { ...defaults, peersPerRatee: 2 }, seed: 1 });
    expect(low.shortfalls.find((s) => s.rateeNip === 'S00')).toMatchObject({ relationship: 'peer', reason: 'setting_below_k' });
  });

  it('rates only the ratees in scope, with raters from anywhere', () => {
    const plan = planWave({ people: organisation(), rateeNips: new Set(['M1', 'S10']), settings: defaults, seed: 5 });
    expect(new Set(plan.assignments.map((a) => a.rateeNip))).toEqual(new Set(['M1', 'S10']));
    expect(plan.ratees).toBe(2);
    expect(plan.assignments.some((a) => a.raterNip === 'H' && a.rateeNip === 'M1' && a.relationship === 'superior')).toBe(true);
    expect(Object.values(plan.ratersPerRatee).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('leaves out self and superior when the wave says so', () => {
    const plan = planWave({ people: organisation(), rateeNips: null, settings: { ...defaults, includeSelf: false, includeSuperior: false }, seed: 1 });
    expect(plan.assignments.some((a) => a.relationship === 'self' || a.relationship === 'superior')).toBe(false);
  });
});
