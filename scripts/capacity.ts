/**
 * Capacity model of a national BerAKHLAK 360 wave on Firestore (asia-southeast2, Jakarta):
 * launch time under the 500/50/5 ramp, peak submissions per second, reads for coverage and cost
 * per wave. Pure and deterministic: `npx tsx scripts/capacity.ts` prints the report that
 * docs/capacity.md quotes, and scripts/capacity.test.ts checks that the two agree.
 *
 * The assumptions, the model and the number formats are in scripts/capacity/.
 */
import { pathToFileURL } from 'node:url';
import { defaults, type Assumptions } from './capacity/assumptions.js';
import { averageWave, counters, coverage, launchCollections, launchScenarios, peakSubmissions, secondsToWrite, simulateRamp, total, waveCost, type CoverageStrategy } from './capacity/model.js';
import { fmt, fmtCount, fmtDuration, fmtInt, usd } from './capacity/format.js';
import { operations, type Billed } from './capacity/operations.js';

export * from './capacity/assumptions.js';
export * from './capacity/format.js';
export * from './capacity/model.js';
export * from './capacity/operations.js';

// ── Report ───────────────────────────────────────────────────────────────────────────────────────

const pct = (n: number, digits = 1) => `${fmt(n * 100, digits)}%`;

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((x) => (x === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export function renderReport(a: Assumptions): string {
  const out: string[] = [];
  const peak = peakSubmissions(a);
  const submit = operations.submit(false);
  const collections = launchCollections(a);
  const launchDocs = total(collections.map((c) => c.docs));
  const p = a.prices;

  out.push('### Inputs', '');
  out.push(
    table(
      ['input', 'value'],
      [
        ['raters (ASN in scope)', fmtInt(a.raters)],
        ['tickets per rater', fmt(a.ticketsPerRater, 2)],
        ['tickets', fmtInt(peak.tickets)],
        ['agencies (one wave each)', fmtInt(a.agencies)],
        ['people per unit → units', `${a.peoplePerUnit} → ${fmtInt(a.raters / a.peoplePerUnit)}`],
        ['largest agency / largest unit', `${fmtInt(a.largestAgencyRaters)} / ${fmtInt(a.largestUnitPeople)} people`],
        ['ramp', `${fmtInt(a.ramp.initialOpsPerSecond)} ops/s, ×${a.ramp.multiplier} every ${a.ramp.stepSeconds / 60} min`],
        ['raters who answer', pct(a.responseRate, 0)],
        ['wave length; submissions on days 1–3', `${a.dayShares.length} days; ${a.dayShares.slice(0, 3).map((s) => pct(s, 0)).join(', ')}`],
        ['busiest hour of a day; busiest minute', `${pct(a.peakHourShare, 0)}; ×${a.peakMinuteFactor} the hour's average`],
        ['coverage viewers per agency; visible hours a day; poll', `${a.viewersPerAgency}; ${a.visibleHoursPerViewerPerDay} h; every ${a.pollSeconds} s`],
        ['prices per 100k reads / writes / deletes (assumed)', `${usd(p.readPer100k, 3)} / ${usd(p.writePer100k, 3)} / ${usd(p.deletePer100k, 3)}`],
        ['storage per GiB-month (assumed)', usd(p.storageGiBMonth)],
      ],
      ['l', 'r'],
    ),
    '',
  );

  out.push('### 1. Launch', '');
  out.push(
    table(
      ['collection', 'layout', 'documents', `commits of ${a.writeBatchSize}`, `BulkWriter batches of ${a.bulkWriterBatchSize}`, 'alone under the ramp'],
      [
        ...collections.map((c) => [
          c.name,
          `\`${c.path}\``,
          fmtInt(c.docs),
          fmtInt(Math.ceil(c.docs / a.writeBatchSize)),
          fmtInt(Math.ceil(c.docs / a.bulkWriterBatchSize)),
          fmtDuration(secondsToWrite(c.docs, a.ramp)),
        ]),
        [
          '**total**',
          '',
          `**${fmtInt(launchDocs)}**`,
          fmtInt(total(collections.map((c) => Math.ceil(c.docs / a.writeBatchSize)))),
          fmtInt(total(collections.map((c) => Math.ceil(c.docs / a.bulkWriterBatchSize)))),
          '',
        ],
      ],
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  const tickets = collections.find((c) => c.name === 'tickets')!;
  const run = simulateRamp(tickets.docs, a.ramp);
  const stepMinutes = a.ramp.stepSeconds / 60;
  const stepRows: string[][] = [];
  for (let i = 0; i < run.minutes.length; i += stepMinutes) {
    const first = run.minutes[i]!;
    const last = run.minutes[Math.min(i + stepMinutes, run.minutes.length) - 1]!;
    const before = i === 0 ? 0 : run.minutes[i - 1]!.written;
    stepRows.push([`${first.minute}–${last.minute}`, fmtInt(first.opsPerSecond), fmtInt(last.written - before), fmtInt(last.written), pct(last.written / tickets.docs)]);
  }
  out.push(`Tickets (${fmtInt(tickets.docs)} documents) minute by minute, shown per ${stepMinutes}-minute step:`, '');
  out.push(table(['minutes', 'ops/s', 'written in step', 'written', 'done'], stepRows, ['l', 'r', 'r', 'r', 'r']), '');
  out.push(table(['launch scenario', 'documents', 'time', 'note'], launchScenarios(a).map((s) => [s.name, fmtInt(s.docs), fmtDuration(s.seconds), s.note]), ['l', 'r', 'r', 'l']), '');

  out.push('### 2. Peak submissions', '');
  out.push(
    table(
      ['figure', 'value'],
      [
        ['submissions (tickets answered)', fmtInt(peak.submissions)],
        ['busiest day', fmtInt(peak.busiestDay)],
        ['busiest hour', fmtInt(peak.busiestHour)],
        ['average over the wave', `${fmt(peak.averagePerSecond, 1)} /s`],
        ['busiest hour, average', `${fmt(peak.busiestHourPerSecond, 1)} /s`],
        ['**peak (busiest minute)**', `**${fmt(peak.peakPerSecond, 1)} /s**`],
        [`reads at peak (${submit.reads} per submission)`, `${fmtInt(peak.readsPerSecond)} /s`],
        [`writes at peak (${submit.writes} per submission)`, `${fmtInt(peak.writesPerSecond)} /s`],
        [`deletes at peak (${submit.deletes} per submission)`, `${fmtInt(peak.deletesPerSecond)} /s`],
        [
          'busiest collection at peak vs the ramp\'s start',
          `${fmtInt(peak.peakPerSecond)} of ${fmtInt(a.ramp.initialOpsPerSecond)} ops/s (${pct(peak.peakPerSecond / a.ramp.initialOpsPerSecond, 0)})`,
        ],
      ],
      ['l', 'r'],
    ),
    '',
  );
  out.push(
    table(
      ['counter document', 'share of submissions', 'writes/s at peak', 'shards'],
      counters(a).map((c) => [c.name, c.share < 0.001 ? c.share.toExponential(1) : pct(c.share, 2), fmt(c.peakWritesPerSecond, 3), fmtInt(c.shards)]),
      ['l', 'r', 'r', 'r'],
    ),
    '',
  );

  const cov = coverage(a);
  out.push('### 3. Coverage reads', '');
  out.push(
    `Average agency: ${fmtInt(cov.raters)} raters, ${fmtInt(cov.units)} units, ${fmtInt(cov.rows)} ratee rows per answer, ` +
      `${cov.dayShards} day-counter shards. ${fmtInt(cov.pollsPerDay)} polls a day nationally (${fmtInt(cov.pollsPerViewerHour)} per viewer-hour); ` +
      `a snapshot is ${cov.snapshotDocs} document${cov.snapshotDocs === 1 ? '' : 's'}.`,
    '',
  );
  out.push(
    table(
      ['strategy', 'reads per poll', 'reads a day', 'reads per wave', 'USD per wave', 'USD per viewer-hour'],
      cov.strategies.map((s) => [
        s.name,
        fmtInt(s.readsPerPoll),
        fmtCount(s.readsPerDay),
        fmtCount(s.readsPerWave),
        usd(s.costPerWave),
        usd((cov.pollsPerViewerHour * s.readsPerPoll * p.readPer100k) / 1e5, 4),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  const levers: [string, Partial<Assumptions>][] = [
    ['as above', {}],
    ['poll every 15 s', { pollSeconds: 15 }],
    ['poll every 60 s', { pollSeconds: 60 }],
    ['snapshot rebuilt every 5 min', { snapshotSeconds: 300 }],
    ['200 ratee rows per answer', { rateeRowsPerPoll: 200 }],
  ];
  out.push(
    table(
      ['coverage lever', 'counter documents per poll, USD per wave', 'shared snapshot, USD per wave'],
      levers.map(([name, change]) => {
        const [, perPoll, snapshot] = coverage({ ...a, ...change }).strategies as [CoverageStrategy, CoverageStrategy, CoverageStrategy];
        return [name, usd(perPoll.costPerWave), usd(snapshot.costPerWave)];
      }),
      ['l', 'r', 'r'],
    ),
    '',
  );

  const half = averageWave(a, 0.5);
  const perOperation: [string, Billed][] = [
    ['plan preview (units cold)', operations.plan(half, true)],
    ['launch, with its job (units cold)', operations.launch(averageWave(a, 0), true)],
    ['link list: one page', operations.linksPage(1)],
    ['link list: confirm', operations.linksConfirm(half)],
    [`respondent opens a link (${fmt(a.ticketsPerRater, 1)} tickets, ${a.unitsPerOpen} units)`, operations.open({ tickets: a.ticketsPerRater, ratees: a.ticketsPerRater, units: a.unitsPerOpen })],
    ['respondent submits one colleague', operations.submit(false)],
    ['coverage poll, snapshot fresh', operations.pollSnapshot(half)],
    ['coverage poll that rebuilds the snapshot', cov.rebuild],
    ['raters\' recount (job), with its claim', cov.recount],
    ['integrity check (job)', operations.verify(half)],
    ['reminder list', operations.nonResponders(half)],
    ['results page view', operations.results(averageWave(a), false)],
  ];
  out.push('### 4. Per operation, average agency halfway through its wave', '');
  out.push(
    `What scripts/capacity/operations.ts counts for each operation, checked on the emulator by scripts/capacity-counts.test.ts. ` +
      `Halfway: ${fmtInt(half.responses)} responses, ${fmtInt(half.remaining)} tickets left, ${fmtInt(half.pending)} raters with tickets left.`,
    '',
  );
  out.push(
    table(
      ['operation', 'reads', 'writes', 'deletes'],
      perOperation.map(([name, b]) => [name, fmtInt(b.reads), fmtInt(b.writes), fmtInt(b.deletes)]),
      ['l', 'r', 'r', 'r'],
    ),
    '',
  );

  const cost = waveCost(a);
  out.push('### 5. Cost per wave (USD)', '');
  out.push(
    table(
      ['item', 'quantity', 'unit', 'USD', 'share'],
      [
        ...cost.lines.map((l) => [l.item, l.quantity < 1000 ? fmt(l.quantity, 1) : fmtCount(l.quantity), l.unit, usd(l.usd), pct(l.usd / cost.total)]),
        ['**total**', '', '', `**${usd(cost.total)}**`, '100.0%'],
      ],
      ['l', 'r', 'l', 'r', 'r'],
    ),
    '',
  );
  out.push(
    `Per 1,000 raters: ${usd((1000 * cost.total) / a.raters)}. With coverage read from counter documents on every poll instead of a shared snapshot: ${usd(cost.naiveCoverageTotal)}.`,
  );
  return out.join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(renderReport(defaults));
}
