/**
 * The capacity model of a national wave on Firestore: launch time under the ramp, peak submissions,
 * reads for coverage, cost. Pure and deterministic: nothing here reads the network, the clock or a
 * random source.
 */
import type { Assumptions, Ramp } from './assumptions.js';
import { fmtInt } from './format.js';
import { operations, type Billed, type WaveShape } from './operations.js';

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
    // The claim and the flip to open, the fencing token, the audit entry, raters' progress at launch.
    { name: 'wave, lease, audit, progress', path: 'waves/{w}, launchLeases/{n}, auditEvents/{id}, coverage/raters', docs: 5 * waves },
  ];
}

/**
 * An average agency's wave as its operations see it (operations.ts), `elapsed` of the way through
 * (0 at launch, 1 at close): tickets are answered at the wave's overall response rate by then.
 */
export function averageWave(a: Assumptions, elapsed = 1): WaveShape {
  const raters = a.raters / a.agencies;
  const units = raters / a.peoplePerUnit;
  const tickets = raters * a.ticketsPerRater;
  const answered = a.dayShares.slice(0, Math.ceil(elapsed * a.dayShares.length)).reduce((s, x) => s + x, 0) * a.responseRate;
  const dayShards = counters(a).find((c) => c.name === 'day counter, average agency wave')!.shards;
  return {
    employees: raters,
    units,
    raters,
    tickets,
    ratees: raters,
    unitGroups: units,
    linkChunks: Math.ceil(raters / a.linksPerChunk),
    ceremonies: a.ceremoniesPerAgency,
    remaining: tickets * (1 - answered),
    responses: tickets * answered,
    pending: raters * (1 - answered),
    atRisk: raters * a.atRiskShare,
    dayDocs: Math.max(1, Math.ceil(elapsed * a.dayShares.length)) * dayShards,
    snapshotUnitDocs: Math.max(1, Math.ceil(units / a.snapshotUnitsPerDoc)),
    openedGroups: raters * a.groupsPerRatee,
    snapshotRows: a.rateeRowsPerPoll,
  };
}

const plus = (...all: Billed[]): Billed => all.reduce((s, b) => ({ reads: s.reads + b.reads, writes: s.writes + b.writes, deletes: s.deletes + b.deletes }), { reads: 0, writes: 0, deletes: 0 });
const times = (n: number, b: Billed): Billed => ({ reads: n * b.reads, writes: n * b.writes, deletes: n * b.deletes });

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
  const submit = operations.submit(false);
  return {
    tickets,
    submissions,
    responders: a.raters * a.responseRate,
    busiestDay,
    busiestHour,
    busiestHourPerSecond,
    peakPerSecond,
    averagePerSecond: submissions / (a.dayShares.length * 86_400),
    readsPerSecond: peakPerSecond * submit.reads,
    writesPerSecond: peakPerSecond * submit.writes,
    deletesPerSecond: peakPerSecond * submit.deletes,
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
  /** What one rebuild and one recount of an average agency's wave bill, halfway through it. */
  rebuild: Billed;
  recount: Billed;
  strategies: CoverageStrategy[];
}

export function coverage(a: Assumptions): Coverage {
  const days = a.dayShares.length;
  const wave = averageWave(a, 0.5);
  const rows = Math.min(a.rateeRowsPerPoll, wave.ratees);
  const dayShards = counters(a).find((c) => c.name === 'day counter, average agency wave')!.shards;
  const responses = wave.tickets * a.responseRate;
  // count() per day: on day j the page counts days 1..j, each ceil(n/1000) reads; averaged over the wave.
  let dayCountReads = 0;
  for (let j = 1; j <= days; j++) {
    for (let d = 0; d < j; d++) dayCountReads += aggregationReads(responses * a.dayShares[d]!, a.aggregationEntriesPerRead);
  }
  dayCountReads /= days;
  const pollsPerViewerHour = 3600 / a.pollSeconds;
  const pollsPerDay = a.agencies * a.viewersPerAgency * a.visibleHoursPerViewerPerDay * pollsPerViewerHour;
  const cost = (reads: number, writes: number, deletes = 0) =>
    (reads / 1e5) * a.prices.readPer100k + (writes / 1e5) * a.prices.writePer100k + (deletes / 1e5) * a.prices.deletePer100k;
  const strategy = (name: string, readsPerPoll: number, readsPerDay: number, writesPerDay: number, deletesPerDay = 0): CoverageStrategy => ({
    name,
    readsPerPoll,
    readsPerDay,
    writesPerDay,
    readsPerWave: readsPerDay * days,
    writesPerWave: writesPerDay * days,
    costPerWave: cost(readsPerDay * days, writesPerDay * days, deletesPerDay * days),
  });
  // What the adapter does (operations.ts), for an average agency halfway through its wave.
  const rebuild = operations.pollRebuild(wave, { first: false, replacesTwoBack: true, recountClaimed: false });
  const claimed = operations.pollRebuild(wave, { first: false, replacesTwoBack: true, recountClaimed: true });
  const recount = plus(operations.recount(wave), { reads: claimed.reads - rebuild.reads, writes: claimed.writes - rebuild.writes, deletes: 0 });
  const poll = operations.pollSnapshot(wave);
  // A design not built, for comparison: count() queries only. Per unit its launch ledger (1) +
  // responses per relationship (4) + remaining tickets (1); raters' progress (invitations, a count()
  // each, the units); per ratee 4 counts to order the table at-risk first; names of the rows.
  const countOnly = 1 + 6 * wave.units + 2 * wave.raters + wave.units + 4 * wave.raters + rows + dayCountReads;
  // Without the snapshot: every poll rebuilds and recounts.
  const perPoll = rebuild.reads + recount.reads;
  const viewedSeconds = a.agencies * a.viewedHoursPerWavePerDay * 3600;
  const rebuilds = viewedSeconds / a.snapshotSeconds;
  const recounts = viewedSeconds / a.raterProgressSeconds;
  return {
    raters: wave.raters,
    units: wave.units,
    rows,
    dayShards,
    pollsPerDay,
    pollsPerViewerHour,
    snapshotDocs: wave.snapshotUnitDocs + 1,
    rebuild,
    recount,
    strategies: [
      strategy('count() queries on every poll', countOnly, pollsPerDay * countOnly, 0),
      strategy('counter documents on every poll', perPoll, pollsPerDay * perPoll, 0),
      strategy(
        `shared snapshot (counters every ${a.snapshotSeconds} s, progress every ${a.raterProgressSeconds / 60} min)`,
        poll.reads,
        pollsPerDay * poll.reads + rebuilds * rebuild.reads + recounts * recount.reads,
        rebuilds * rebuild.writes + recounts * recount.writes,
        rebuilds * rebuild.deletes,
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
  const A = a.agencies;
  const peak = peakSubmissions(a);
  const atLaunch = averageWave(a, 0);
  const atClose = averageWave(a);
  const cov = coverage(a);
  const [, naive, snapshot] = cov.strategies as [CoverageStrategy, CoverageStrategy, CoverageStrategy];
  // Per agency, then × agencies: what operations.ts says each operation bills.
  const plans = times(a.plansPerAgency, operations.plan(atLaunch, true));
  // The launch job runs on an instance of its own: its units are read cold.
  const launch = operations.launch(atLaunch, true);
  const links = plus(...Array.from({ length: atLaunch.linkChunks }, (_, page) => operations.linksPage(page)), operations.linksConfirm(atLaunch));
  const opens = peak.responders * a.opensPerResponder;
  const open = operations.open({ tickets: a.ticketsPerRater, ratees: a.ticketsPerRater, units: a.unitsPerOpen });
  const submit = operations.submit(false);
  const verify = times(a.verifyRunsPerAgency, operations.verify(averageWave(a, 0.5)));
  const reminders = times(a.reminderListsPerAgency, operations.nonResponders(averageWave(a, 0.5)));
  const results = plus(times(a.resultsViewsPerAgency, operations.results(atClose, false)), times(a.scoringPasses, { reads: atClose.openedGroups, writes: 0, deletes: 0 }));
  const units = a.raters / a.peoplePerUnit;
  const months = a.dayShares.length / 30;
  const b = a.bytes;
  const gib = 1024 ** 3;
  const workingGiB = (a.raters * (b.invitation + b.rateeGroup) + peak.tickets * b.ticket + units * b.unitGroup) / gib;
  const responseGiB = (peak.submissions * b.response) / gib;
  const wavePolls = cov.pollsPerDay * a.dayShares.length;
  const respondRequests = peak.submissions + opens;
  const staffRequests = wavePolls;
  const requests = respondRequests + staffRequests;
  const compute = (instanceSeconds: number, memoryGiB: number) => instanceSeconds * (a.functionVcpu * p.vCpuSecond + memoryGiB * p.gibSecond);
  // Jobs: each launch under its own ramp; recounts and checks at jobReadsPerSecond.
  const launchSeconds = A * secondsToWrite(launch.writes, a.ramp);
  const viewedSeconds = A * a.viewedHoursPerWavePerDay * 3600 * a.dayShares.length;
  const jobReads = (viewedSeconds / a.raterProgressSeconds) * cov.recount.reads + A * verify.reads;
  const jobSeconds = launchSeconds + jobReads / a.jobReadsPerSecond;
  const egressGiB = (wavePolls * a.coverageResponseKiB + peak.responders * a.respondentPageKiB) / 1024 ** 2;
  const line = (item: string, quantity: number, unit: string, usd: number): CostLine => ({ item, quantity, unit, usd });
  const lines: CostLine[] = [
    line('launch: documents written', A * launch.writes, 'writes', writes(A * launch.writes)),
    line('launch: plans and the launch read the roster', A * (plans.reads + launch.reads), 'reads', reads(A * (plans.reads + launch.reads))),
    line('launch: link list read and confirmed', A * links.reads, 'reads', reads(A * links.reads)),
    line('submissions: transaction reads', peak.submissions * submit.reads, 'reads', reads(peak.submissions * submit.reads)),
    line('submissions: response, tally + counters', peak.submissions * submit.writes, 'writes', writes(peak.submissions * submit.writes)),
    line('submissions: tickets deleted; link chunks taken', peak.submissions * submit.deletes + A * links.deletes, 'deletes', deletes(peak.submissions * submit.deletes + A * links.deletes)),
    line('respondent page: invitation, tickets, people, units', opens * open.reads, 'reads', reads(opens * open.reads)),
    line('coverage: snapshot polls, rebuilds, recounts', snapshot.readsPerWave, 'reads', reads(snapshot.readsPerWave)),
    line('coverage: snapshot rebuilds, recounts', snapshot.writesPerWave, 'writes', writes(snapshot.writesPerWave)),
    line('integrity checks', A * verify.reads, 'reads', reads(A * verify.reads)),
    line('results: page views and cold scorings', A * results.reads, 'reads', reads(A * results.reads)),
    line('reminder lists', A * reminders.reads, 'reads', reads(A * reminders.reads)),
    line('storage: launch documents for the wave', workingGiB * months, 'GiB-months', workingGiB * months * p.storageGiBMonth),
    line(
      `storage: responses for ${a.responseRetentionMonths} months`,
      responseGiB * a.responseRetentionMonths,
      'GiB-months',
      responseGiB * a.responseRetentionMonths * p.storageGiBMonth,
    ),
    line('functions: invocations', requests, 'requests', (requests / 1e6) * p.invocationPerMillion),
    line('functions: respond compute', respondRequests * a.instanceSecondsPerRequest, 'instance-s', compute(respondRequests * a.instanceSecondsPerRequest, a.respondMemoryGiB)),
    line('functions: api compute', staffRequests * a.instanceSecondsPerRequest, 'instance-s', compute(staffRequests * a.instanceSecondsPerRequest, a.staffMemoryGiB)),
    line('functions: runJob compute', jobSeconds, 'instance-s', compute(jobSeconds, a.jobMemoryGiB)),
    line('egress: coverage answers, respondent page', egressGiB, 'GiB', egressGiB * p.egressPerGiB),
  ];
  const sum = total(lines.map((l) => l.usd));
  return { lines, total: sum, naiveCoverageTotal: sum - snapshot.costPerWave + naive.costPerWave };
}
