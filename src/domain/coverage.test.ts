import { describe, expect, it } from 'vitest';
import { buildCoverage, groupStatus, isAtRisk, rateeOrder, unitAndBelow, type CoverageFacts } from './coverage.js';
import { unitsFromPaths } from './units.js';

const units = unitsFromPaths('kab-a', [['Dinas', 'Bidang A'], ['Dinas', 'Bidang B'], ['Sekretariat']]);
const raters = (invited: number, finished: number, partly: number) => ({ invited, finished, partly, notStarted: invited - finished - partly });
const facts: CoverageFacts = {
  units: [
    { unitId: 'dinas.bidang-a', raters: raters(2, 1, 1), groups: { peer: { issued: 4, responses: 3 }, self: { issued: 1, responses: 1 } }, ratees: 1, rateesAtRisk: 0 },
    { unitId: 'dinas.bidang-b', raters: raters(1, 0, 0), groups: { peer: { issued: 3, responses: 1 }, superior: { issued: 1, responses: 0 } }, ratees: 1, rateesAtRisk: 1 },
    { unitId: 'sekretariat', raters: raters(1, 0, 0), groups: { subordinate: { issued: 2, responses: 0 } }, ratees: 1, rateesAtRisk: 1 },
  ],
  ratees: {
    total: 3,
    atRisk: 2,
    rows: [
      { nip: 'e3', name: 'Citra', unitId: 'sekretariat', groups: { subordinate: { issued: 2, responses: 0 } } },
      { nip: 'e2', name: 'Budi', unitId: 'dinas.bidang-b', groups: { peer: { issued: 3, responses: 1 }, superior: { issued: 1, responses: 0 } } },
      { nip: 'e1', name: 'Ani', unitId: 'dinas.bidang-a', groups: { peer: { issued: 4, responses: 3 }, self: { issued: 1, responses: 1 } } },
    ],
  },
  perDay: [
    { day: '2026-06-01', responses: 3 },
    { day: '2026-06-03', responses: 2 },
  ],
};
const options = { waveId: 'w1', k: 3, units, days: { from: '2026-06-01', to: '2026-06-04' }, generatedAt: '2026-06-04T00:00:00.000Z' };

describe('groupStatus and isAtRisk', () => {
  it('is reached at k responses, open while enough tickets remain, short when k is out of reach', () => {
    expect(groupStatus(4, 3, 3)).toBe('reached');
    expect(groupStatus(4, 1, 3)).toBe('open');
    expect(groupStatus(2, 0, 3)).toBe('short');
  });

  it('holds only peers and subordinates to k', () => {
    expect(isAtRisk({ superior: { issued: 1, responses: 0 }, self: { issued: 1, responses: 0 } }, 3)).toBe(false);
    expect(isAtRisk({ peer: { issued: 4, responses: 2 } }, 3)).toBe(true);
    expect(isAtRisk({ peer: { issued: 4, responses: 3 }, subordinate: { issued: 3, responses: 3 } }, 3)).toBe(false);
  });

  it('orders at-risk ratees first, least progress first, then by NIP', () => {
    const rows = [...facts.ratees.rows].reverse();
    expect(rows.sort(rateeOrder(3)).map((r) => r.nip)).toEqual(['e3', 'e2', 'e1']);
  });
});

describe('buildCoverage', () => {
  const c = buildCoverage(facts, { ...options, allUnits: true });
  const unit = (id: string) => c.units.find((u) => u.id === id)!;

  it('rolls each unit’s figures up to every unit above it', () => {
    expect(c.raters).toEqual({ invited: 4, finished: 1, partly: 1, notStarted: 2 });
    expect(unit('dinas').raters).toEqual({ invited: 3, finished: 1, partly: 1, notStarted: 1 });
    expect(unit('dinas').tickets).toEqual({ issued: 9, used: 5 });
    expect(unit('dinas').groups).toEqual({ peer: { issued: 7, responses: 4 }, self: { issued: 1, responses: 1 }, superior: { issued: 1, responses: 0 } });
    expect(unit('dinas')).toMatchObject({ ratees: 2, rateesAtRisk: 1, depth: 0 });
    expect(unit('dinas.bidang-a')).toMatchObject({ ratees: 1, rateesAtRisk: 0, depth: 1 });
    expect(c.tickets).toEqual({ issued: 11, used: 5 });
  });

  it('gives each ratee group its status against k', () => {
    expect(c.ratees.rows.map((r) => [r.nip, r.atRisk])).toEqual([
      ['e3', true],
      ['e2', true],
      ['e1', false],
    ]);
    expect(c.ratees.rows[0]!.groups.subordinate?.status).toBe('short');
    expect(c.ratees.rows[1]!.groups.peer?.status).toBe('open');
    expect(c.ratees.rows[2]!.groups.peer?.status).toBe('reached');
  });

  it('fills quiet days with zero from launch to today', () => {
    expect(c.perDay).toEqual([
      { day: '2026-06-01', responses: 3 },
      { day: '2026-06-02', responses: 0 },
      { day: '2026-06-03', responses: 2 },
      { day: '2026-06-04', responses: 0 },
    ]);
  });

  it('returns the top level, or a focus unit with its children and the path to it', () => {
    expect(buildCoverage(facts, options).units.map((u) => u.id)).toEqual(['dinas', 'sekretariat']);
    const focused = buildCoverage(facts, { ...options, focus: 'dinas' });
    expect(focused.units.map((u) => u.id)).toEqual(['dinas', 'dinas.bidang-a', 'dinas.bidang-b']);
    expect(buildCoverage(facts, { ...options, focus: 'dinas.bidang-a' }).focusPath).toEqual([
      { id: 'dinas', name: 'Dinas' },
      { id: 'dinas.bidang-a', name: 'Bidang A' },
    ]);
  });

  it('finds a unit and the units below it, not units that merely share a prefix', () => {
    const more = unitsFromPaths('kab-a', [['Dinas', 'Bidang A'], ['Dinasti']]);
    expect(unitAndBelow(more, 'dinas').sort()).toEqual(['dinas', 'dinas.bidang-a']);
  });
});
