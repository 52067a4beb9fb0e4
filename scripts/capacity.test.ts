import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayShardsFor } from '../src/server/store/firestore/submissions.js';
import {
  aggregationReads,
  counters,
  coverage,
  defaults,
  fmt,
  fmtDuration,
  fmtInt,
  launchCollections,
  launchScenarios,
  peakSubmissions,
  rampCapacity,
  rampRate,
  renderReport,
  secondsToWrite,
  shardsNeeded,
  simulateRamp,
  total,
  waveCost,
  averageWave,
  operations,
  type Assumptions,
  type Prices,
  type Ramp,
} from './capacity.js';
import { SNAPSHOT_ROWS } from '../src/server/store/firestore/coverage-snapshot.js';

const ramp: Ramp = { initialOpsPerSecond: 500, multiplier: 1.5, stepSeconds: 300, maxOpsPerSecond: Infinity };

describe('the 500/50/5 ramp', () => {
  it('starts at 500 ops/s and adds 50% every 5 minutes', () => {
    expect(rampRate(0, ramp)).toBe(500);
    expect(rampRate(299, ramp)).toBe(500);
    expect(rampRate(300, ramp)).toBe(750);
    expect(rampRate(600, ramp)).toBe(1125);
    expect(rampRate(900, ramp)).toBe(1687.5);
    expect(rampRate(600, { ...ramp, maxOpsPerSecond: 1000 })).toBe(1000);
  });

  it('allows 500 × 300 writes in the first 5 minutes, then 750 × 300 more', () => {
    expect(rampCapacity(300, ramp)).toBe(150_000);
    expect(rampCapacity(360, ramp)).toBe(150_000 + 60 * 750);
    expect(rampCapacity(600, ramp)).toBe(375_000);
    // After k steps: 500 × 300 × (1.5^k − 1) / 0.5.
    expect(rampCapacity(11 * 300, ramp)).toBeCloseTo(300_000 * (1.5 ** 11 - 1), 3);
  });

  it('simulates minute by minute in agreement with the closed form', () => {
    const run = simulateRamp(10_000_000, ramp);
    expect(run.minutes[0]).toEqual({ minute: 1, opsPerSecond: 500, written: 30_000 });
    expect(run.minutes[5]).toEqual({ minute: 6, opsPerSecond: 750, written: 195_000 });
    for (const row of run.minutes.slice(0, -1)) expect(row.written).toBeCloseTo(rampCapacity(row.minute * 60, ramp), 3);
    expect(run.minutes.at(-1)!.written).toBe(10_000_000);
  });

  it('takes the hand-computed time to write a known number of documents', () => {
    expect(secondsToWrite(0, ramp)).toBe(0);
    expect(secondsToWrite(1_000, ramp)).toBe(2);
    expect(secondsToWrite(150_000, ramp)).toBe(300);
    expect(secondsToWrite(375_000, ramp)).toBe(600);
    // 375,000 in 10 minutes, then 25,000 at 1,125/s.
    expect(secondsToWrite(400_000, ramp)).toBeCloseTo(600 + 25_000 / 1_125, 9);
    // Capped at 600/s after the first step: 150,000 in 300 s, then 150,000 at 600/s.
    expect(secondsToWrite(300_000, { ...ramp, maxOpsPerSecond: 600 })).toBe(550);
    // Flat: no ramp at all.
    expect(secondsToWrite(1_000_000, { ...ramp, multiplier: 1 })).toBe(2_000);
    // 30,150,000 tickets: 11 steps write 300,000 × (1.5^11 − 1), the rest goes at 500 × 1.5^11 per second.
    const afterEleven = 300_000 * (1.5 ** 11 - 1);
    expect(secondsToWrite(30_150_000, ramp)).toBeCloseTo(3_300 + (30_150_000 - afterEleven) / (500 * 1.5 ** 11), 6);
    expect(secondsToWrite(30_150_000, ramp)).toBeCloseTo(3_404.07, 2);
  });

  it('never slows down, and more documents never take less time', () => {
    let previousRate = 0;
    for (let t = 0; t < 7_200; t += 30) {
      expect(rampRate(t, ramp)).toBeGreaterThanOrEqual(previousRate);
      previousRate = rampRate(t, ramp);
    }
    let previousTime = 0;
    for (let docs = 0; docs <= 5_000_000; docs += 123_457) {
      const seconds = secondsToWrite(docs, ramp);
      expect(seconds).toBeGreaterThanOrEqual(previousTime);
      previousTime = seconds;
    }
  });

  it('refuses a ramp that does not step on whole minutes', () => {
    expect(() => simulateRamp(1_000, { ...ramp, stepSeconds: 90 })).toThrow(/whole minutes/);
  });
});

/** A small wave whose every figure is easy to work out by hand. */
const small: Assumptions = {
  ...defaults,
  raters: 2_000,
  ticketsPerRater: 5,
  agencies: 2,
  peoplePerUnit: 10,
  largestAgencyRaters: 1_500,
  largestUnitPeople: 40,
  linksPerChunk: 300,
  responseRate: 0.5,
  dayShares: [1],
  peakHourShare: 0.1,
  peakMinuteFactor: 3,
  rateeRowsPerPoll: 50,
  viewersPerAgency: 1,
  visibleHoursPerViewerPerDay: 1,
  viewedHoursPerWavePerDay: 1,
};

describe('launch', () => {
  it('counts the documents of each collection', () => {
    const docs = Object.fromEntries(launchCollections(small).map((c) => [c.name, c.docs]));
    expect(docs).toEqual({
      invitations: 2_000,
      tickets: 10_000,
      'ratee groups': 2_000,
      'unit groups': 200,
      // 1,000 links per agency in chunks of 300: 4 chunks each.
      'link chunks': 8,
      // Per wave: the claim and the flip to open, the fencing token, the audit entry, raters' progress.
      'wave, lease, audit, progress': 10,
    });
    expect(total(launchCollections(small).map((c) => c.docs))).toBe(14_218);
  });

  it('is what the launch operation writes, agency by agency', () => {
    for (const a of [small, defaults]) {
      expect(a.agencies * operations.launch(averageWave(a, 0), true).writes).toBeCloseTo(total(launchCollections(a).map((c) => c.docs)), 6);
    }
  });

  it('puts the national launch near an hour under the ramp, the tickets last', () => {
    const [parallel, shared, bulk, average, largest, flat] = launchScenarios(defaults);
    expect(parallel!.seconds).toBeCloseTo(secondsToWrite(30_150_000, ramp), 9);
    expect(parallel!.note).toBe('tickets finish last');
    expect(shared!.seconds).toBeGreaterThan(parallel!.seconds);
    // BulkWriter stops at 10,000/s, reached in the 9th step (500 × 1.5^8 > 10,000): 7,388,671.875 by minute 40.
    expect(bulk!.seconds).toBeCloseTo(2_400 + (bulk!.docs - 300_000 * (1.5 ** 8 - 1)) / 10_000, 6);
    // An average agency (≈ 89,855 documents) fits in the first step at 500/s.
    expect(average!.seconds).toBeCloseTo(average!.docs / 500, 9);
    expect(largest!.docs).toBe(250_000 * (1 + 6.7 + 1 + 1 / 8) + 125 + 5);
    expect(flat!.seconds).toBeCloseTo(flat!.docs / 500, 6);
  });
});

describe('peak submissions', () => {
  it('follows the participation curve', () => {
    const peak = peakSubmissions(small);
    expect(peak.tickets).toBe(10_000);
    expect(peak.submissions).toBe(5_000);
    expect(peak.busiestDay).toBe(5_000);
    expect(peak.busiestHour).toBe(500);
    expect(peak.busiestHourPerSecond).toBeCloseTo(500 / 3_600, 12);
    expect(peak.peakPerSecond).toBeCloseTo(1_500 / 3_600, 12);
    // 5 writes a submission: the response, the tally, the ratee, the unit and a day shard.
    expect(peak.writesPerSecond).toBeCloseTo((5 * 1_500) / 3_600, 12);
    expect(peak.readsPerSecond).toBeCloseTo((6 * 1_500) / 3_600, 12);
    expect(peak.averagePerSecond).toBeCloseTo(5_000 / 86_400, 12);
  });

  it('gives about 422 submissions per second for the national defaults', () => {
    // 4.5 M × 6.7 × 70% = 21,105,000; × 30% on day 1 × 12% in the busiest hour ÷ 3,600 × 2.
    const peak = peakSubmissions(defaults);
    expect(peak.submissions).toBeCloseTo(21_105_000, 3);
    expect(peak.peakPerSecond).toBeCloseTo(422.1, 6);
    expect(peak.deletesPerSecond).toBeCloseTo(422.1, 6);
  });
});

describe('counter shards', () => {
  it('spreads a counter so no document takes more than its share', () => {
    expect(shardsNeeded(0, 1, 2)).toBe(1);
    expect(shardsNeeded(0.5, 1, 2)).toBe(1);
    expect(shardsNeeded(1, 1, 2)).toBe(2);
    expect(shardsNeeded(10, 5, 1)).toBe(2);
    expect(shardsNeeded(422.1, 1, 2)).toBe(845);
  });

  it('needs shards only for day counters of large waves', () => {
    const byName = Object.fromEntries(counters(defaults).map((c) => [c.name, c.shards]));
    expect(byName['ratee group (most-rated ratee)']).toBe(1);
    expect(byName['unit group (largest unit, 2,000 people)']).toBe(1);
    expect(byName['day counter, average agency wave']).toBe(2);
    // 422.1 × 250,000 / 4,500,000 = 23.45/s, × 2 headroom = 46.9.
    expect(byName['day counter, largest agency wave']).toBe(47);
    expect(byName['day counter, one national wave']).toBe(845);
  });

  it('is the rule the Firestore adapter sizes each wave’s day counter by', () => {
    const byName = Object.fromEntries(counters(defaults).map((c) => [c.name, c.shards]));
    const ticketsOf = (raters: number) => raters * defaults.ticketsPerRater;
    expect(dayShardsFor(ticketsOf(defaults.raters / defaults.agencies))).toBe(byName['day counter, average agency wave']);
    expect(dayShardsFor(ticketsOf(defaults.largestAgencyRaters))).toBe(byName['day counter, largest agency wave']);
    expect(dayShardsFor(ticketsOf(defaults.raters))).toBe(byName['day counter, one national wave']);
  });
});

describe('coverage reads', () => {
  it('bills count() one read per 1,000 index entries, at least one', () => {
    expect(aggregationReads(0, 1_000)).toBe(1);
    expect(aggregationReads(1_000, 1_000)).toBe(1);
    expect(aggregationReads(1_001, 1_000)).toBe(2);
    expect(aggregationReads(1_500, 1_000)).toBe(2);
    expect(aggregationReads(250_000, 1_000)).toBe(250);
  });

  it('counts the reads of each strategy for a small wave', () => {
    const c = coverage(small);
    // 1,000 raters and 100 units per agency, 50 rows, 1 day, 1 day shard.
    expect([c.raters, c.units, c.rows, c.dayShards]).toEqual([1_000, 100, 50, 1]);
    // 2 agencies × 1 viewer × 1 h × 720 polls.
    expect(c.pollsPerDay).toBe(1_440);
    const [countOnly, perPoll, snapshot] = c.strategies;
    // wave 1 + 6 × 100 units + progress (1,000 invitations, 1,000 count()s, 100 units) + 4 × 1,000 ratees + 50 names + ceil(2,500 / 1,000) for the day.
    expect(countOnly!.readsPerPoll).toBe(1 + 600 + 2_100 + 4_000 + 50 + 3);
    // A rebuild: agency version, wave ×2, meta, raters' count time, 100 unit documents, 1 day shard,
    // 50 rows, their 50 names, two count()s; it writes 1 unit document, the meta and its claim and deletes two.
    expect(c.rebuild).toEqual({ reads: 5 + 100 + 1 + 50 + 50 + 1 + 1, writes: 3, deletes: 2 });
    // A recount: the wave, 1,000 invitations and their count()s, the 100 unit documents read and
    // written, the count time; and the claim the rebuild took for it (1 read, 1 write).
    expect(c.recount).toEqual({ reads: 1 + 2_000 + 100 + 1, writes: 101 + 1, deletes: 0 });
    // Without the snapshot every poll would rebuild and recount.
    expect(perPoll!.readsPerPoll).toBe(c.rebuild.reads + c.recount.reads);
    expect(perPoll!.readsPerDay).toBe(1_440 * perPoll!.readsPerPoll);
    // Polls read the agency version, the wave twice, the meta and 1 unit document; 2 × 3,600 s viewed: 120 rebuilds and 8 recounts.
    expect(snapshot!.readsPerPoll).toBe(5);
    expect(snapshot!.readsPerDay).toBe(1_440 * 5 + 120 * c.rebuild.reads + 8 * c.recount.reads);
    expect(snapshot!.writesPerDay).toBe(120 * c.rebuild.writes + 8 * c.recount.writes);
  });

  it('keeps as many ratee rows as the adapter’s snapshot does', () => {
    expect(defaults.rateeRowsPerPoll).toBe(SNAPSHOT_ROWS);
  });

  it('makes per-poll reads scale with the poll interval, and the snapshot not', () => {
    const every5 = coverage(defaults).strategies;
    const every60 = coverage({ ...defaults, pollSeconds: 60 }).strategies;
    expect(every5[1]!.readsPerWave / every60[1]!.readsPerWave).toBeCloseTo(12, 9);
    expect(every60[2]!.readsPerWave).toBeLessThan(every5[2]!.readsPerWave);
    expect(every5[2]!.readsPerWave / every60[2]!.readsPerWave).toBeLessThan(1.05);
  });
});

describe('cost per wave', () => {
  it('prices each line from its quantity', () => {
    const { lines, total: sum } = waveCost(defaults);
    const line = (item: string) => lines.find((l) => l.item === item)!;
    expect(line('launch: documents written').quantity).toBeCloseTo(total(launchCollections(defaults).map((c) => c.docs)), 6);
    expect(line('launch: documents written').usd).toBeCloseTo((39_717_362 / 1e5) * 0.108, 6);
    expect(line('submissions: response, tally + counters').usd).toBeCloseTo(((21_105_000 * 5) / 1e5) * 0.108, 6);
    // 21,105,000 tickets + 2,652 link chunks at $0.012 per 100,000.
    expect(line('submissions: tickets deleted; link chunks taken').usd).toBeCloseTo((21_107_652 / 1e5) * 0.012, 6);
    expect(sum).toBeCloseTo(lines.reduce((s, l) => s + l.usd, 0), 9);
  });

  it('is linear in the prices', () => {
    const prices: Prices = { ...defaults.prices };
    for (const key of Object.keys(prices) as (keyof Prices)[]) prices[key] *= 2;
    expect(waveCost({ ...defaults, prices }).total).toBeCloseTo(2 * waveCost(defaults).total, 6);
  });

  it('works out a tiny wave by hand', () => {
    const prices = { readPer100k: 1, writePer100k: 2, deletePer100k: 3, storageGiBMonth: 0, invocationPerMillion: 0, vCpuSecond: 0, gibSecond: 0, egressPerGiB: 0 };
    const { lines } = waveCost({ ...small, prices });
    const line = (item: string) => lines.find((l) => l.item === item)!.usd;
    // 14,218 launch documents at $2 per 100,000.
    expect(line('launch: documents written')).toBeCloseTo(0.28436, 12);
    // 5,000 submissions × 6 reads at $1, × 5 writes at $2, tickets and 8 link chunks at $3.
    expect(line('submissions: transaction reads')).toBeCloseTo(0.3, 12);
    expect(line('submissions: response, tally + counters')).toBeCloseTo(0.5, 12);
    expect(line('submissions: tickets deleted; link chunks taken')).toBeCloseTo(0.15024, 12);
    // 1,000 responders × 2 opens × (invitation + wave + 5 tickets + 5 people + 2 units) reads.
    expect(line('respondent page: invitation, tickets, people, units')).toBeCloseTo(0.28, 12);
  });
});

describe('the report', () => {
  it('formats without locale data', () => {
    expect(fmtInt(1_234_567.4)).toBe('1,234,567');
    expect(fmtInt(999)).toBe('999');
    expect(fmt(1_234.5, 2)).toBe('1,234.50');
    expect(fmtDuration(45)).toBe('45 s');
    expect(fmtDuration(3_404.07)).toBe('56 min 44 s');
    expect(fmtDuration(5_640)).toBe('1 h 34 min');
  });

  it('is what docs/capacity.md quotes, word for word', () => {
    const report = renderReport(defaults);
    expect(renderReport(defaults)).toBe(report);
    const doc = readFileSync(new URL('../docs/capacity.md', import.meta.url), 'utf8');
    const begin = '<!-- capacity:begin (npx tsx scripts/capacity.ts) -->\n';
    const end = '<!-- capacity:end -->';
    const quoted = doc.slice(doc.indexOf(begin) + begin.length, doc.indexOf(end));
    expect(doc).toContain(begin);
    expect(quoted).toBe(report);
  });
});
