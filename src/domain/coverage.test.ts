import { describe, expect, it } from 'vitest';
import { buildCoverage, groupStatus, type CoverageFacts } from './coverage.js';
import { unitsFromPaths } from './units.js';

const units = unitsFromPaths('kab-a', [['Dinas', 'Bidang A'], ['Dinas', 'Bidang B'], ['Sekretariat']]);
const facts: CoverageFacts = {
  raters: [
    { raterNip: 'r1', unitId: 'dinas.bidang-a', issued: 3, left: 0 },
    { raterNip: 'r2', unitId: 'dinas.bidang-a', issued: 3, left: 1 },
    { raterNip: 'r3', unitId: 'dinas.bidang-b', issued: 2, left: 2 },
    { raterNip: 'r4', unitId: 'sekretariat', issued: 1, left: 1 },
  ],
  groups: [
    { rateeNip: 'e1', rateeName: 'Ani', rateeUnitId: 'dinas.bidang-a', relationship: 'peer', issued: 4, responses: 3 },
    { rateeNip: 'e1', rateeName: 'Ani', rateeUnitId: 'dinas.bidang-a', relationship: 'self', issued: 1, responses: 1 },
    { rateeNip: 'e2', rateeName: 'Budi', rateeUnitId: 'dinas.bidang-b', relationship: 'peer', issued: 3, responses: 1 },
    { rateeNip: 'e2', rateeName: 'Budi', rateeUnitId: 'dinas.bidang-b', relationship: 'superior', issued: 1, responses: 0 },
    { rateeNip: 'e3', rateeName: 'Citra', rateeUnitId: 'sekretariat', relationship: 'subordinate', issued: 2, responses: 0 },
  ],
  perDay: [
    { day: '2026-06-01', responses: 3 },
    { day: '2026-06-03', responses: 2 },
  ],
};
const options = { waveId: 'w1', k: 3, units, days: { from: '2026-06-01', to: '2026-06-04' }, limit: 100, generatedAt: '2026-06-04T00:00:00.000Z' };

describe('groupStatus', () => {
  it('is reached at k responses, open while enough tickets remain, short when k is out of reach', () => {
    expect(groupStatus(4, 3, 3)).toBe('reached');
    expect(groupStatus(4, 1, 3)).toBe('open');
    expect(groupStatus(2, 0, 3)).toBe('short');
  });
});

describe('buildCoverage', () => {
  const c = buildCoverage(facts, options);
  const unit = (id: string) => c.units.find((u) => u.id === id)!;

  it('counts raters by state and rolls units up to their parents', () => {
    expect(c.raters).toEqual({ invited: 4, finished: 1, partly: 1, notStarted: 2 });
    expect(unit('dinas.bidang-a').raters).toEqual({ invited: 2, finished: 1, partly: 1, notStarted: 0 });
    expect(unit('dinas').raters).toEqual({ invited: 3, finished: 1, partly: 1, notStarted: 1 });
    expect(unit('dinas').tickets).toEqual({ issued: 9, used: 5 });
    expect(unit('dinas').groups).toEqual({ peer: { issued: 7, responses: 4 }, self: { issued: 1, responses: 1 }, superior: { issued: 1, responses: 0 } });
    expect(c.tickets).toEqual({ issued: 11, used: 5 });
  });

  it('marks ratees whose peer or subordinate group is below k, and lists them first', () => {
    expect(c.ratees.rows.map((r) => [r.nip, r.atRisk])).toEqual([
      ['e3', true],
      ['e2', true],
      ['e1', false],
    ]);
    expect(c.ratees.rows[0]!.groups.subordinate?.status).toBe('short');
    expect(c.ratees.rows[1]!.groups.peer?.status).toBe('open');
    expect(unit('dinas').rateesAtRisk).toBe(1);
    expect(c.ratees.atRisk).toBe(2);
  });

  it('fills quiet days with zero from launch to today', () => {
    expect(c.perDay).toEqual([
      { day: '2026-06-01', responses: 3 },
      { day: '2026-06-02', responses: 0 },
      { day: '2026-06-03', responses: 2 },
      { day: '2026-06-04', responses: 0 },
    ]);
  });

  it('lists only ratees of one unit and below when asked, up to the limit', () => {
    const dinas = buildCoverage(facts, { ...options, unitId: 'dinas', limit: 1 });
    expect(dinas.ratees.total).toBe(2);
    expect(dinas.ratees.rows.map((r) => r.nip)).toEqual(['e2']);
    expect(dinas.units).toHaveLength(c.units.length);
  });
});
