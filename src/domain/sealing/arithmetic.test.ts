import { beforeAll, describe, expect, it } from 'vitest';
import { waveSettingsSchema } from '../schema.js';
import { maxGroupResponses } from '../tally.js';
import { defaultQuestionnaire } from '../questionnaire.js';
import { lagrangeIntegers } from './ceremony.js';
import { countBase, SmallLogs, sumSlotOf } from './elgamal.js';
import { mulBase, scalarOf, sealingReady } from './group.js';

/* The arithmetic under sealing that needs no ceremony: interpolation, packing bases, plaintext ranges. */

beforeAll(() => sealingReady());

describe('sealing arithmetic', () => {
  it('interpolates at 0 with integer Lagrange coefficients for any set of trustees', () => {
    // Σ nᵢ·f(i) = d·f(0) for every polynomial f of degree below the number of trustees.
    for (const indices of [[1, 2], [1, 3], [2, 3], [3, 1], [1, 2, 3], [1, 3, 5], [2, 4, 5, 9], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
      const { denominator, numerators } = lagrangeIntegers(indices);
      expect(denominator > 0n).toBe(true);
      const coefficients = indices.map((_, j) => BigInt(7 * j + 3) * (j % 2 ? -1n : 1n));
      const f = (x: bigint) => coefficients.reduce((sum, c, j) => sum + c * x ** BigInt(j), 0n);
      expect(indices.reduce((sum, i) => sum + numerators.get(i)! * f(BigInt(i)), 0n)).toBe(denominator * f(0n));
    }
    // Three trustees, quorum two: the coefficients are tiny, so combining needs additions only.
    expect(lagrangeIntegers([1, 2])).toEqual({ denominator: 1n, numerators: new Map([[1, 2n], [2, -1n]]) });
    expect(lagrangeIntegers([1, 3])).toEqual({ denominator: 2n, numerators: new Map([[1, 3n], [3, -1n]]) });
  });

  it('packs counts in a base no group can reach, and refuses k below 3', () => {
    // A count never exceeds the largest group the settings allow: peers or subordinates per ratee.
    const shape = waveSettingsSchema.shape;
    const largest = (s: typeof shape.peersPerRatee) => (s.unwrap() as unknown as { maxValue: number }).maxValue;
    expect(Math.max(largest(shape.peersPerRatee), largest(shape.subordinatesPerRatee))).toBeLessThanOrEqual(maxGroupResponses);
    expect(countBase).toBe(maxGroupResponses + 1);
    expect(waveSettingsSchema.safeParse({ anonymityThreshold: 2 }).success).toBe(false);
    expect(waveSettingsSchema.safeParse({ anonymityThreshold: 3 }).success).toBe(true);
  });

  it('refuses a plaintext outside its range', () => {
    const logs = new SmallLogs();
    const at = (m: number, slot: number, responses: number) => () => logs.solveSlot(defaultQuestionnaire, mulBase(scalarOf(m)), slot, responses);
    // Value 7's slot of a 20-response group: 0 … 600.
    expect(at(600, sumSlotOf(6), 20)()).toBe(600);
    expect(at(601, sumSlotOf(6), 20)).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    // A pair: in the (larger) table already built, but one figure above what 2 responses can sum to.
    expect(at(60 + 601 * 60, sumSlotOf(0), 2)()).toBe(60 + 601 * 60);
    expect(at(61 + 601 * 60, sumSlotOf(0), 2)).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(at(60 + 601 * 61, sumSlotOf(0), 2)).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    // Counts: 3 of 3 responses on all four values, and a fourth that no group of 3 can have.
    expect(at(3 * (1 + 21 + 441 + 9261), 0, 3)()).toBe(3 * (1 + 21 + 441 + 9261));
    expect(at(4 + 3 * (21 + 441 + 9261), 0, 3)).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
