import { describe, expect, it } from 'vitest';
import { checkLedger, type LedgerFacts } from './integrity.js';

const clean: LedgerFacts = {
  groups: [
    { rateeNip: 'e1', relationship: 'peer', issued: 4, remaining: 1, responses: 3, counted: 3 },
    { rateeNip: 'e2', relationship: 'self', issued: 1, remaining: 1, responses: 0, counted: 0 },
  ],
  raters: [
    { issued: 3, left: 0 },
    { issued: 2, left: 2 },
  ],
};

describe('checkLedger', () => {
  it('passes when issued = remaining + responses everywhere and both sides agree', () => {
    const report = checkLedger(clean, 'w1', '2026-06-02T00:00:00.000Z');
    expect(report).toEqual({
      waveId: 'w1',
      checkedAt: '2026-06-02T00:00:00.000Z',
      ok: true,
      totals: { issued: 5, remaining: 2, responses: 3, groups: 2, invitations: 2 },
      mismatches: [],
      mismatchCount: 0,
    });
  });

  it('names each kind of mismatch with its figures', () => {
    const report = checkLedger(
      {
        groups: [
          { rateeNip: 'e1', relationship: 'peer', issued: 4, remaining: 1, responses: 4, counted: 3 },
          { rateeNip: 'e2', relationship: 'self', issued: 1, remaining: 0, responses: 0, counted: 0 },
          { rateeNip: 'e9', relationship: 'subordinate', issued: null, remaining: 1, responses: 0, counted: null },
        ],
        raters: [
          { issued: 3, left: 0 },
          { issued: 2, left: 3 },
        ],
      },
      'w1',
      '2026-06-02T00:00:00.000Z',
    );
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      { kind: 'rater_has_extra_tickets', invitations: 1 },
      { kind: 'rater_totals_differ', issuedToRaters: 5, issuedInLedger: 5, consumedByRaters: 2, responses: 4 },
      { kind: 'coverage_count_differs', rateeNip: 'e1', relationship: 'peer', counted: 3, responses: 4 },
      { kind: 'responses_exceed_consumed', rateeNip: 'e1', relationship: 'peer', issued: 4, remaining: 1, responses: 4 },
      { kind: 'consumed_without_response', rateeNip: 'e2', relationship: 'self', issued: 1, remaining: 0, responses: 0 },
      { kind: 'group_not_issued', rateeNip: 'e9', relationship: 'subordinate', remaining: 1, responses: 0 },
    ]);
    expect(report.mismatchCount).toBe(6);
  });
});
