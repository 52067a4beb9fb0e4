import { describe, expect, it } from 'vitest';
import { agencyIdSchema, responseSchema, waveSettingsSchema } from './schema.js';

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

  it('refuses any response field that could identify the rater', () => {
    const response = {
      id: 'r1',
      waveId: 'w1',
      agencyId: 'kab-a',
      rateeNip: '198503122010011001',
      rateeUnitId: 'setda',
      relationship: 'peer',
      questionnaireVersion: 'berakhlak-2021.1',
      answers: { 'bp-1': 5, 'bp-2': 'na' },
      submittedOn: '2026-03-04',
    };
    expect(responseSchema.safeParse(response).success).toBe(true);
    for (const extra of [{ raterNip: '199001012015022002' }, { ticketId: 't1' }, { submittedAt: '2026-03-04T08:01:02Z' }]) {
      expect(responseSchema.safeParse({ ...response, ...extra }).success).toBe(false);
    }
    expect(responseSchema.safeParse({ ...response, submittedOn: '2026-03-04T08:01:02Z' }).success).toBe(false);
  });
});
