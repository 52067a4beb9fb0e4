/**
 * The capacity model of a national wave on Firestore: launch time under the ramp, peak submissions,
 * reads for coverage, cost. Pure and deterministic: nothing here reads the network, the clock or a
 * random source.
 */
import type { Assumptions, Ramp } from './assumptions.js';
import { fmtInt } from './format.js';

// ── The ramp ─────────────────────────────────────────────────────────────────────────────────────

/** Operations per second the ramp allows at `seconds` after the start. */
export function rampRate(seconds: number, ramp: Ramp): number {
  const step = Math.floor(seconds / ramp.stepSeconds);
  return Math.min(ramp.maxOpsPerSecond, ramp.initialOpsPerSecond * ramp.multiplier ** step);
}

/** Operations the ramp allows in the first `seconds` (closed form, for checking the simulation). */
export function rampCapacity(seconds: number, ramp: Ramp): number {
  let total = 0;
  for (let start = 0; start < seconds; start += ramp.stepSeconds) {
    total += rampRate(start, ramp) * (Math.min(seconds, start + ramp.stepSeconds) - start);
  }
  return total;
}

export interface RampMinute {
  /** 1-based minute. */
  minute: number;
  opsPerSecond: number;
  /** Written by the end of this minute (or by the end of the run, in its last minute). */
  written: number;
}

export interface RampRun {
  docs: number;
  /** Seconds from the first write to the last. */
  seconds: number;
  minutes: RampMinute[];
}

/** Writes `docs` documents as fast as the ramp allows, minute by minute. */
export function simulateRamp(docs: number, ramp: Ramp): RampRun {
  if (ramp.stepSeconds % 60 !== 0) throw new Error('the ramp must step on whole minutes');
  const minutes: RampMinute[] = [];
  let written = 0;
  for (let m = 0; written < docs; m++) {
    if (m > 60 * 24 * 366) throw new Error('the ramp never finishes');
    const opsPerSecond = rampRate(m * 60, ramp);
    const left = docs - written;
    if (left <= opsPerSecond * 60) {
      minutes.push({ minute: m + 1, opsPerSecond, written: docs });
      return { docs, seconds: m * 60 + left / opsPerSecond, minutes };
    }
    written += opsPerSecond * 60;
    minutes.push({ minute: m + 1, opsPerSecond, written });
  }
  return { docs, seconds: 0, minutes };
}

export const secondsToWrite = (docs: number, ramp: Ramp): number => simulateRamp(docs, ramp).seconds;

// ── Launch ───────────────────────────────────────────────────────────────────────────────────────

export interface Collection {
  name: string;
  /** Layout assumed for the Firestore adapter. */
  path: string;
  docs: number;
}

/** Documents a launch of `raters` people writes, per collection. */
export function launchCollections(a: Assumptions, raters = a.raters, waves = a.agencies): Collection[] {
  const tickets = raters * a.ticketsPerRater;
  return [
    { name: 'invitations', path: 'invitations/{random id}', docs: raters },
    { name: 'tickets', path: 'tickets/t{invitationId}_{ticketId}', docs: tickets },
    { name: 'ratee groups', path: 'waves/{w}/ratees/{nip}', docs: raters },
    { name: 'unit groups', path: 'waves/{w}/unitGroups/{unit}', docs: raters / a.peoplePerUnit },
    { name: 'link chunks', path: 'waves/{w}/links/{n}', docs: Math.ceil(raters / waves / a.linksPerChunk) * waves },
    { name: 'waves (open) + audit', path: 'waves/{w}, auditEvents/{random id}', docs: 2 * waves },
  ];
}

export const total = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

export interface LaunchScenario {
  name: string;
  docs: number;
  seconds: number;
  note: string;
}

export function launchScenarios(a: Assumptions): LaunchScenario[] {
  const national = launchCollections(a);
  const nationalDocs = total(national.map((c) => c.docs));
  const bulk: Ramp = { ...a.ramp, maxOpsPerSecond: a.bulkWriterMaxOpsPerSecond };
  const flat: Ramp = { ...a.ramp, multiplier: 1 };
  const averageDocs = nationalDocs / a.agencies;
  const largestDocs = total(launchCollections(a, a.largestAgencyRaters, 1).map((c) => c.docs));
  const slowest = national.reduce((x, c) => (c.docs > x.docs ? c : x));
  return [
    {
      name: 'national, one ramp per collection, collections in parallel',
      docs: nationalDocs,
      seconds: Math.max(...national.map((c) => secondsToWrite(c.docs, a.ramp))),
      note: `${slowest.name} finish last`,
    },
    { name: 'national, one ramp shared by every collection', docs: nationalDocs, seconds: secondsToWrite(nationalDocs, a.ramp), note: 'the most conservative reading' },
    {
      name: 'national, one BulkWriter (shared ramp, capped)',
      docs: nationalDocs,
      seconds: secondsToWrite(nationalDocs, bulk),
      note: `firebase-admin default cap ${fmtInt(a.bulkWriterMaxOpsPerSecond)} ops/s`,
    },
    { name: 'average agency alone, one BulkWriter', docs: averageDocs, seconds: secondsToWrite(averageDocs, bulk), note: `${fmtInt(a.raters / a.agencies)} raters` },
    { name: 'largest agency alone, one BulkWriter', docs: largestDocs, seconds: secondsToWrite(largestDocs, bulk), note: `${fmtInt(a.largestAgencyRaters)} raters` },
    {
      name: 'every agency in turn, never above the initial rate',
      docs: nationalDocs,
      seconds: secondsToWrite(nationalDocs, flat),
      note: `flat ${fmtInt(a.ramp.initialOpsPerSecond)} ops/s, no ramp needed`,
    },
  ];
}

// ── Submissions ──────────────────────────────────────────────────────────────────────────────────

export interface Peak {
  tickets: number;
  submissions: number;
  responders: number;
  busiestDay: number;
  busiestHour: number;
  /** Busiest hour's average and busiest minute's rate, submissions per second. */
  busiestHourPerSecond: number;
  peakPerSecond: number;
  averagePerSecond: number;
  readsPerSecond: number;
  writesPerSecond: number;
  deletesPerSecond: number;
}

export function peakSubmissions(a: Assumptions): Peak {
  const tickets = a.raters * a.ticketsPerRater;
  const submissions = tickets * a.responseRate;
  const busiestDay = submissions * Math.max(...a.dayShares);
  const busiestHour = busiestDay * a.peakHourShare;
  const busiestHourPerSecond = busiestHour / 3600;
  const peakPerSecond = busiestHourPerSecond * a.peakMinuteFactor;
  return {
    tickets,
    submissions,
    responders: a.raters * a.responseRate,
    busiestDay,
    busiestHour,
    busiestHourPerSecond,
    peakPerSecond,
    averagePerSecond: submissions / (a.dayShares.length * 86_400),
    readsPerSecond: peakPerSecond * a.submissionReads,
    writesPerSecond: peakPerSecond * a.submissionWrites,
    deletesPerSecond: peakPerSecond * a.submissionDeletes,
  };
}

/** Documents needed so none takes more than the per-document limit, with headroom; at least 1. */
export function shardsNeeded(writesPerSecond: number, perDocument: number, headroom: number): number {
  return Math.max(1, Math.ceil((writesPerSecond * headroom) / perDocument - 1e-9));
}

export interface Counter {
  name: string;
  /** Share of all submissions that write it. */
  share: number;
  peakWritesPerSecond: number;
  shards: number;
}

export function counters(a: Assumptions): Counter[] {
  const { peakPerSecond, tickets } = peakSubmissions(a);
  const counter = (name: string, share: number): Counter => ({
    name,
    share,
    peakWritesPerSecond: peakPerSecond * share,
    shards: shardsNeeded(peakPerSecond * share, a.perDocumentWritesPerSecond, a.shardHeadroom),
  });
  return [
    counter('ratee group (most-rated ratee)', a.maxTicketsPerRatee / tickets),
    counter(`unit group (largest unit, ${fmtInt(a.largestUnitPeople)} people)`, (a.largestUnitPeople * a.ticketsPerRater) / tickets),
    counter('day counter, average agency wave', 1 / a.agencies),
    counter(`day counter, largest agency wave`, a.largestAgencyRaters / a.raters),
    counter('day counter, one national wave', 1),
  ];
}

// ── Coverage ─────────────────────────────────────────────────────────────────────────────────────

/** Reads billed for a count() that matches `entries` index entries. */
export function aggregationReads(entries: number, perRead: number): number {
  return Math.max(1, Math.ceil(entries / perRead));
}

export interface CoverageStrategy {
  name: string;
  /** Reads per poll of an average agency's wave. */
  readsPerPoll: number;
  readsPerDay: number;
  writesPerDay: number;
  readsPerWave: number;
  writesPerWave: number;
  costPerWave: number;
}

export interface Coverage {
  raters: number;
  units: number;
  rows: number;
  dayShards: number;
  pollsPerDay: number;
  pollsPerViewerHour: number;
  snapshotDocs: number;
  strategies: CoverageStrategy[];
}

export function coverage(a: Assumptions): Coverage {
  const days = a.dayShares.length;
  const raters = a.raters / a.agencies;
  const units = raters / a.peoplePerUnit;
  const rows = Math.min(a.rateeRowsPerPoll, raters);
  const dayShards = counters(a).find((c) => c.name === 'day counter, average agency wave')!.shards;
  const averageElapsedDays = (days + 1) / 2;
  const responses = raters * a.ticketsPerRater * a.responseRate;
  // count() per day: on day j the page counts days 1..j, each ceil(n/1000) reads; averaged over the wave.
  let dayCountReads = 0;
  for (let j = 1; j <= days; j++) {
    for (let d = 0; d < j; d++) dayCountReads += aggregationReads(responses * a.dayShares[d]!, a.aggregationEntriesPerRead);
  }
  dayCountReads /= days;
  const pollsPerViewerHour = 3600 / a.pollSeconds;
  const pollsPerDay = a.agencies * a.viewersPerAgency * a.visibleHoursPerViewerPerDay * pollsPerViewerHour;
  const cost = (reads: number, writes: number) => (reads / 1e5) * a.prices.readPer100k + (writes / 1e5) * a.prices.writePer100k;
  const strategy = (name: string, readsPerPoll: number, readsPerDay: number, writesPerDay: number): CoverageStrategy => ({
    name,
    readsPerPoll,
    readsPerDay,
    writesPerDay,
    readsPerWave: readsPerDay * days,
    writesPerWave: writesPerDay * days,
    costPerWave: cost(readsPerDay * days, writesPerDay * days),
  });
  // Raters' progress is counted from each rater's remaining tickets (nothing about a rater is
  // written at submission): the invitations read, then one count() per invitation (at most 10
  // entries, so 1 read), then the unit documents listed to write the result onto.
  const progress = 2 * raters + units;
  // Without running counters: per unit its launch ledger (1) + responses per relationship (4) +
  // remaining tickets (1); per ratee 4 counts to order the table at-risk first; names of the rows.
  const countOnly = 1 + 6 * units + progress + 4 * raters + rows + dayCountReads;
  // Counter documents written at submission: wave and progress time (2), unit groups, the ratee
  // rows, their names, two count()s for the totals, day shards.
  const fromCounters = 2 + units + rows + rows + 2 + averageElapsedDays * dayShards;
  const perPollCounters = fromCounters + progress;
  const snapshotDocs = 1 + Math.ceil(units / a.snapshotUnitsPerDoc);
  const viewedSeconds = a.agencies * a.viewedHoursPerWavePerDay * 3600;
  const rebuilds = viewedSeconds / a.snapshotSeconds;
  const progressRebuilds = viewedSeconds / a.raterProgressSeconds;
  return {
    raters,
    units,
    rows,
    dayShards,
    pollsPerDay,
    pollsPerViewerHour,
    snapshotDocs,
    strategies: [
      strategy('count() queries on every poll', countOnly, pollsPerDay * countOnly, 0),
      strategy('counter documents on every poll', perPollCounters, pollsPerDay * perPollCounters, 0),
      strategy(
        `shared snapshot (counters every ${a.snapshotSeconds} s, progress every ${a.raterProgressSeconds / 60} min)`,
        snapshotDocs,
        pollsPerDay * snapshotDocs + rebuilds * fromCounters + progressRebuilds * progress,
        // Each rebuild writes the snapshot; each recount of progress writes every unit document and its time.
        rebuilds * snapshotDocs + progressRebuilds * (units + 1),
      ),
    ],
  };
}

// ── Cost ─────────────────────────────────────────────────────────────────────────────────────────

export interface CostLine {
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export function waveCost(a: Assumptions): { lines: CostLine[]; total: number; naiveCoverageTotal: number } {
  const p = a.prices;
  const reads = (n: number) => (n / 1e5) * p.readPer100k;
  const writes = (n: number) => (n / 1e5) * p.writePer100k;
  const deletes = (n: number) => (n / 1e5) * p.deletePer100k;
  const peak = peakSubmissions(a);
  const launchDocs = total(launchCollections(a).map((c) => c.docs));
  const linkChunks = launchCollections(a).find((c) => c.name === 'link chunks')!.docs;
  const units = a.raters / a.peoplePerUnit;
  const remaining = peak.tickets - peak.submissions;
  const cov = coverage(a);
  const [, naive, snapshot] = cov.strategies as [CoverageStrategy, CoverageStrategy, CoverageStrategy];
  const opens = peak.responders * a.opensPerResponder;
  const openReads = opens * (2 + 2 * a.ticketsPerRater);
  const planReads = a.plansPerAgency * (a.raters + units);
  const verifyReads = a.verifyRunsPerAgency * (2 * a.raters + remaining + peak.submissions);
  const scoringReads = a.scoringPasses * peak.submissions;
  const reminderReads = a.reminderListsPerAgency * 2 * a.raters;
  const months = a.dayShares.length / 30;
  const b = a.bytes;
  const gib = 1024 ** 3;
  const workingGiB = (a.raters * (b.invitation + b.rateeGroup) + peak.tickets * b.ticket + units * b.unitGroup) / gib;
  const responseGiB = (peak.submissions * b.response) / gib;
  const wavePolls = cov.pollsPerDay * a.dayShares.length;
  const requests = peak.submissions + opens + wavePolls;
  const instanceSeconds = requests * a.instanceSecondsPerRequest;
  const egressGiB = (wavePolls * a.coverageResponseKiB + peak.responders * a.respondentPageKiB) / 1024 ** 2;
  const lines: CostLine[] = [
    { item: 'launch: documents written', quantity: launchDocs, unit: 'writes', usd: writes(launchDocs) },
    { item: 'launch: plans read the roster', quantity: planReads, unit: 'reads', usd: reads(planReads) },
    { item: 'submissions: transaction reads', quantity: peak.submissions * a.submissionReads, unit: 'reads', usd: reads(peak.submissions * a.submissionReads) },
    { item: 'submissions: response + counters', quantity: peak.submissions * a.submissionWrites, unit: 'writes', usd: writes(peak.submissions * a.submissionWrites) },
    { item: 'submissions: tickets deleted; link chunks taken', quantity: peak.submissions * a.submissionDeletes + linkChunks, unit: 'deletes', usd: deletes(peak.submissions * a.submissionDeletes + linkChunks) },
    { item: 'respondent page: invitation, tickets, ratees', quantity: openReads, unit: 'reads', usd: reads(openReads) },
    { item: 'coverage: snapshot polls and rebuilds', quantity: snapshot.readsPerWave, unit: 'reads', usd: reads(snapshot.readsPerWave) },
    { item: 'coverage: snapshot rebuilds', quantity: snapshot.writesPerWave, unit: 'writes', usd: writes(snapshot.writesPerWave) },
    { item: 'integrity checks', quantity: verifyReads, unit: 'reads', usd: reads(verifyReads) },
    { item: 'results: scoring passes', quantity: scoringReads, unit: 'reads', usd: reads(scoringReads) },
    { item: 'reminder lists', quantity: reminderReads, unit: 'reads', usd: reads(reminderReads) },
    { item: 'storage: launch documents for the wave', quantity: workingGiB * months, unit: 'GiB-months', usd: workingGiB * months * p.storageGiBMonth },
    {
      item: `storage: responses for ${a.responseRetentionMonths} months`,
      quantity: responseGiB * a.responseRetentionMonths,
      unit: 'GiB-months',
      usd: responseGiB * a.responseRetentionMonths * p.storageGiBMonth,
    },
    { item: 'functions: invocations', quantity: requests, unit: 'requests', usd: (requests / 1e6) * p.invocationPerMillion },
    {
      item: 'functions: compute',
      quantity: instanceSeconds,
      unit: 'instance-s',
      usd: instanceSeconds * (a.functionVcpu * p.vCpuSecond + a.functionMemoryGiB * p.gibSecond),
    },
    { item: 'egress: coverage answers, respondent page', quantity: egressGiB, unit: 'GiB', usd: egressGiB * p.egressPerGiB },
  ];
  const sum = total(lines.map((l) => l.usd));
  return { lines, total: sum, naiveCoverageTotal: sum - snapshot.costPerWave + naive.costPerWave };
}
