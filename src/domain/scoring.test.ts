import { describe, expect, it } from 'vitest';
import { defaultQuestionnaire, relationships, type Answer, type Relationship } from './questionnaire.js';
import { waveSettingsSchema, type Unit } from './schema.js';
import { answerCodes, type PlainResponse as ScoredResponse } from './tally.js';
import {
  buildRateeReport,
  buildResults,
  competitionRanks,
  rankRounds,
  scoreRatees,
  toScore,
  waveResultsSchema,
} from './scoring.js';
import { coreValues } from './values.js';

/** Every behaviour answered `fill`, with some behaviours overridden. */
function answers(fill: Answer, overrides: Record<string, Answer> = {}): Record<string, Answer> {
  return { ...Object.fromEntries(defaultQuestionnaire.items.map((i) => [i.behaviourId, fill])), ...overrides };
}
const bp = (a: Answer, b: Answer, c: Answer) => ({ 'bp-1': a, 'bp-2': b, 'bp-3': c });
const r = (rateeNip: string, rateeUnitId: string, relationship: Relationship, a: Record<string, Answer>): ScoredResponse => ({
  rateeNip,
  rateeUnitId,
  relationship,
  codes: answerCodes(defaultQuestionnaire, a),
});

const units: Unit[] = [
  { id: 'dinas', agencyId: 'kab-a', name: 'Dinas', parentId: null, path: ['Dinas'] },
  { id: 'dinas.bidang', agencyId: 'kab-a', name: 'Bidang', parentId: 'dinas', path: ['Dinas', 'Bidang'] },
];
const ratees = [
  { nip: 'A', name: 'Ani', unitId: 'dinas' },
  { nip: 'B', name: 'Budi', unitId: 'dinas.bidang' },
  { nip: 'C', name: 'Citra', unitId: 'dinas.bidang' },
];

/** The worked example of the README, computed there by hand. */
const example: ScoredResponse[] = [
  r('A', 'dinas', 'superior', answers(4, bp(5, 5, 5))),
  r('A', 'dinas', 'peer', answers(3, bp(3, 4, 'na'))),
  r('A', 'dinas', 'peer', answers(4, bp(4, 4, 4))),
  r('A', 'dinas', 'peer', answers(5, bp(5, 5, 5))),
  r('A', 'dinas', 'subordinate', answers(1)),
  r('A', 'dinas', 'subordinate', answers(1)),
  r('A', 'dinas', 'self', answers(5)),
  r('B', 'dinas.bidang', 'peer', answers(2)),
  r('B', 'dinas.bidang', 'peer', answers(2)),
  r('B', 'dinas.bidang', 'peer', answers(2)),
  r('B', 'dinas.bidang', 'subordinate', answers(3)),
  r('B', 'dinas.bidang', 'subordinate', answers(3)),
  r('B', 'dinas.bidang', 'subordinate', answers(3)),
  r('C', 'dinas.bidang', 'peer', answers(5)),
  r('C', 'dinas.bidang', 'peer', answers(5)),
];

const settings = (over: Partial<ReturnType<typeof waveSettingsSchema.parse>> = {}) => ({ ...waveSettingsSchema.parse({}), ...over });
const wave = (s = settings()) => ({ id: 'w1', name: 'Survei 2026', closedAt: '2026-07-01T00:00:00.000Z', settings: s });
const rules = (s = settings()) => ({ k: s.anonymityThreshold, weights: s.groupWeights, questionnaire: defaultQuestionnaire });
const values = (xs: { valueId: string; score: { score: number; band: string } | null }[]) => Object.fromEntries(xs.map((v) => [v.valueId, v.score]));

describe('scoring: the worked example, by hand (k = 3, equal weights)', () => {
  const scores = scoreRatees(example, rules());
  const results = buildResults({ wave: wave(), units, ratees, scores });

  it('scores Ani: superior and peers weighted equally, two subordinates (< k) left out, self beside', () => {
    const a = scores.get('A')!;
    // Berorientasi Pelayanan: superior 100; peers (62.5 + 75 + 100) / 3 = 79.1667; index (100 + 79.1667) / 2.
    expect(a.groups.superior!.values[0]).toBe(100);
    expect(a.groups.peer!.values[0]).toBeCloseTo(79.1667, 4);
    expect(a.values[0]).toBeCloseTo(89.5833, 4);
    // Every other value: superior 75, peers (50 + 75 + 100) / 3 = 75.
    expect(a.values.slice(1)).toEqual([75, 75, 75, 75, 75, 75]);
    expect(a.groups.subordinate).toEqual({ responses: 2, shown: false, values: coreValues.map(() => null) });
    expect(a.groups.self!.values).toEqual(coreValues.map(() => 100));
    // (89.5833 + 6 × 75) / 7
    expect(a.overall).toBeCloseTo(77.0833, 4);
    expect(toScore(a.overall)).toEqual({ score: 77.1, band: 'A' });
  });

  it('scores Budi from peers (25) and subordinates (50), and leaves Citra (two peers) without an index', () => {
    expect(scores.get('B')!.values).toEqual(coreValues.map(() => 37.5));
    expect(scores.get('C')!.overall).toBeNull();
    expect(scores.get('C')!.values).toEqual(coreValues.map(() => null));
  });

  it('rolls units up over the ratees below them, and the agency over everyone', () => {
    const bidang = results.units.find((u) => u.id === 'dinas.bidang')!;
    expect(bidang.ratees).toEqual({ total: 2, scored: 1 });
    expect(bidang.overall).toEqual({ score: 37.5, band: 'C' });
    const dinas = results.units.find((u) => u.id === 'dinas')!;
    expect(dinas.ratees).toEqual({ total: 3, scored: 2 });
    // BP (89.5833 + 37.5) / 2 = 63.5417; the others (75 + 37.5) / 2 = 56.25; overall (63.5417 + 6 × 56.25) / 7 = 57.2917.
    expect(values(dinas.values)).toMatchObject({ 'berorientasi-pelayanan': { score: 63.5, band: 'B' }, akuntabel: { score: 56.3, band: 'B' } });
    expect(dinas.overall).toEqual({ score: 57.3, band: 'B' });
    expect(results.agency.overall).toEqual({ score: 57.3, band: 'B' });
    expect(results.agency.ratees).toEqual({ total: 3, scored: 2 });
    expect(results.agency.distribution.overall).toEqual({ A: 1, B: 0, C: 1, D: 0 });
    expect(results.ratees.map((x) => x.overall?.score ?? null)).toEqual([77.1, 37.5, null]);
    expect(waveResultsSchema.safeParse(results).success).toBe(true);
  });

  it('applies the wave’s group weights: superior 2, peers 1 gives Ani (2 × 100 + 79.1667) / 3 for BP', () => {
    const s = settings({ groupWeights: { superior: 2, peer: 1, subordinate: 1 } });
    expect(scoreRatees(example, rules(s)).get('A')!.values[0]).toBeCloseTo(93.0556, 4);
  });

  it('gives a ratee report with each group where k allows it and self beside the index', () => {
    const report = buildRateeReport(wave(), { nip: 'A', name: 'Ani', unitPath: ['Dinas'], position: 'Kepala' }, scores.get('A'));
    expect(report.groups).toEqual({
      self: { responses: 1, shown: true },
      superior: { responses: 1, shown: true },
      peer: { responses: 3, shown: true },
      subordinate: { responses: 2, shown: false },
    });
    expect(report.values[0]).toEqual({
      valueId: 'berorientasi-pelayanan',
      others: { score: 89.6, band: 'A' },
      groups: { self: 100, superior: 100, peer: 79.2, subordinate: null },
    });
    expect(report.overall).toEqual({ score: 77.1, band: 'A' });
  });
});

describe('scoring: anonymity', () => {
  /** Everything a user could see for the wave: results and every ratee's report. */
  function visible(responses: ScoredResponse[], k = 3) {
    const s = settings({ anonymityThreshold: k });
    const scores = scoreRatees(responses, rules(s));
    return JSON.stringify({
      results: buildResults({ wave: wave(s), units, ratees, scores }),
      reports: ratees.map((p) => buildRateeReport(wave(s), { nip: p.nip, name: p.name, unitPath: [], position: '' }, scores.get(p.nip))),
    });
  }

  it('no figure changes when a group below k answers differently: not a total, roll-up or difference', () => {
    const before = visible(example);
    // Ani's two subordinates and Citra's two peers answer the opposite way.
    const flipped = example.map((x) =>
      (x.rateeNip === 'A' && x.relationship === 'subordinate') || (x.rateeNip === 'C' && x.relationship === 'peer') ? { ...x, codes: answerCodes(defaultQuestionnaire, answers(5, bp(1, 'na', 2))) } : x,
    );
    expect(visible(flipped)).toBe(before);
    // The same subordinates' answers do count once a third one makes the group reach k.
    expect(visible([...flipped, r('A', 'dinas', 'subordinate', answers(5))])).not.toBe(before);
  });

  it('holds k per value: a value only two of three peers could assess is hidden in that group, with the value sealed beside it', () => {
    const three = [
      r('B', 'dinas.bidang', 'peer', answers(2)),
      r('B', 'dinas.bidang', 'peer', answers(4)),
      r('B', 'dinas.bidang', 'peer', answers(3, bp('na', 'na', 'na'))),
    ];
    const scores = scoreRatees(three, rules());
    expect(scores.get('B')!.groups.peer!.values[0]).toBeNull();
    expect(scores.get('B')!.values[0]).toBeNull();
    // Values 1 and 2 are sealed in one slot (tally format 2): all three scored value 2, yet it opens only with value 1.
    expect(scores.get('B')!.groups.peer!.values[1]).toBeNull();
    expect(scores.get('B')!.values[1]).toBeNull();
    expect(scores.get('B')!.values[2]).toBe(50);
    expect(scores.get('B')!.values[6]).toBe(50);
    const changed = three.map((x, i) => (i < 2 ? { ...x, codes: '555' + x.codes.slice(3) } : x));
    expect(visible(changed)).toBe(visible(three));
  });

  it('never puts self or a lone superior into the index: it needs an anonymous group', () => {
    const scores = scoreRatees([r('A', 'dinas', 'self', answers(5)), r('A', 'dinas', 'superior', answers(5))], rules());
    expect(scores.get('A')!.overall).toBeNull();
    const withPeers = scoreRatees(
      [r('A', 'dinas', 'self', answers(5)), ...[1, 2, 3].map(() => r('A', 'dinas', 'peer', answers(1)))],
      rules(),
    );
    expect(withPeers.get('A')!.overall).toBe(0);
  });

  it('refuses weights that would let the index rest on the superior alone', () => {
    expect(waveSettingsSchema.safeParse({ groupWeights: { superior: 1, peer: 0, subordinate: 0 } }).success).toBe(false);
  });

  it('shows how many answered in a group below k, and no figure of it', () => {
    const scores = scoreRatees(relationships.map((rel) => r('A', 'dinas', rel, answers(3))), rules(settings({ anonymityThreshold: 2 })));
    const shown = Object.fromEntries(Object.entries(scores.get('A')!.groups).map(([rel, g]) => [rel, [g.shown, g.values[0]]]));
    expect(shown).toEqual({ self: [true, 50], superior: [true, 50], peer: [false, null], subordinate: [false, null] });
  });
});

describe('answer codes', () => {
  it('writes one character per item in questionnaire order, 0 for cannot assess, and refuses a wrong length', () => {
    const codes = answerCodes(defaultQuestionnaire, answers(4, bp(1, 'na', 5)));
    expect(codes).toBe('105' + '4'.repeat(defaultQuestionnaire.items.length - 3));
    expect(defaultQuestionnaire.items.slice(0, 3).map((i) => i.behaviourId)).toEqual(['bp-1', 'bp-2', 'bp-3']);
    expect(() => scoreRatees([{ rateeNip: 'A', rateeUnitId: 'dinas', relationship: 'peer', codes: '123' }], rules())).toThrow(RangeError);
    expect(() => scoreRatees([{ rateeNip: 'A', rateeUnitId: 'dinas', relationship: 'peer', codes: codes.replace('0', '9') }], rules())).toThrow(RangeError);
  });
});

describe('rankings', () => {
  it('ranks by the figure as shown, ties sharing a rank, agencies without an index last', () => {
    expect(competitionRanks([{ score: 60.9, band: 'B' }, null, { score: 70, band: 'B' }, { score: 60.9, band: 'B' }])).toEqual([2, null, 1, 2]);
  });

  it('groups waves by round, newest round first, and ranks per value too', () => {
    const agency = (overall: number, adaptif: number) => ({
      agency: {
        overall: toScore(overall),
        values: coreValues.map((v) => ({ valueId: v.id, score: toScore(v.id === 'adaptif' ? adaptif : overall) })),
        ratees: { total: 1, scored: 1 },
        distribution: { overall: {}, values: {} },
      },
    });
    const ranked = rankRounds([
      { agencyId: 'a', agencyName: 'Kab A', waveId: 'w1', waveName: 'W', round: '2025', results: agency(50, 40) },
      { agencyId: 'b', agencyName: 'Kab B', waveId: 'w2', waveName: 'W', round: '2026', results: agency(61, 30) },
      { agencyId: 'c', agencyName: 'Kab C', waveId: 'w3', waveName: 'W', round: '2026', results: agency(72, 20) },
    ]);
    expect(ranked.rounds.map((x) => x.round)).toEqual(['2026', '2025']);
    expect(ranked.rounds[0]!.agencies.map((a) => [a.agencyId, a.rank])).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
    expect(ranked.rounds[0]!.agencies.map((a) => a.values.find((v) => v.valueId === 'adaptif')!.rank)).toEqual([2, 1]);
  });
});
