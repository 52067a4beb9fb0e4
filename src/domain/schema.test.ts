import { describe, expect, it } from 'vitest';
import { agencyIdSchema, waveSettingsSchema } from './schema.js';

describe('entity schemas', () => {
  it('gives waves the documented 360 defaults', () => {
    expect(waveSettingsSchema.parse({})).toEqual({
      includeSelf: true,
      includeSuperior: true,
      peersPerRatee: 4,
      subordinatesPerRatee: 4,
      maxRatingsPerRater: 10,
      anonymityThreshold: 3,
      groupWeights: { superior: 1, peer: 1, subordinate: 1 },
      round: null,
    });
    expect(waveSettingsSchema.safeParse({ anonymityThreshold: 1 }).success).toBe(false);
  });

  it('accepts agency ids as lowercase slugs only', () => {
    expect(agencyIdSchema.safeParse('kab-contoh').success).toBe(true);
    for (const bad of ['Kab', '-kab', 'kab-', 'kab contoh', '', 'a'.repeat(41)]) {
      expect(agencyIdSchema.safeParse(bad).success).toBe(false);
    }
  });
});
