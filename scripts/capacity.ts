/**
 * Capacity model of a national BerAKHLAK 360 wave on Firestore (asia-southeast2, Jakarta):
 * launch time under the 500/50/5 ramp, peak submissions per second, reads for coverage and cost
 * per wave. Pure and deterministic: `npx tsx scripts/capacity.ts` prints the report that
 * docs/capacity.md quotes, and scripts/capacity.test.ts checks that the two agree.
 *
 * Every number the model starts from is a field of `Assumptions`, with where it comes from.
 * Nothing here reads the network, the clock or a random source.
 */
import { pathToFileURL } from 'node:url';

/** The 500/50/5 rule, or any other stepwise ramp. */
export interface Ramp {
  /** Operations per second allowed from the start. */
  initialOpsPerSecond: number;
  /** Factor applied at every step (1 = a flat rate). */
  multiplier: number;
  /** Length of a step; a whole number of minutes, so a minute-by-minute simulation is exact. */
  stepSeconds: number;
  /** Ceiling on the rate (Infinity = none). */
  maxOpsPerSecond: number;
}

export interface Prices {
  /** USD per 100,000 document reads (each count() also bills 1 read per 1,000 index entries, at least 1). */
  readPer100k: number;
  writePer100k: number;
  deletePer100k: number;
  /** USD per GiB-month of stored data, indexes included. */
  storageGiBMonth: number;
  /** Cloud Functions (2nd gen) USD per million invocations. */
  invocationPerMillion: number;
  /** Cloud Functions (2nd gen) tier-2 USD per vCPU-second and per GiB-second. */
  vCpuSecond: number;
  gibSecond: number;
  /** USD per GiB of data sent to browsers. */
  egressPerGiB: number;
}

export interface Assumptions {
  // ── Population ────────────────────────────────────────────────────────────────────────────────
  /** Raters, i.e. civil servants in scope: issue 7 ("about 4.5 million"); BKN counts roughly 4.3–4.7 million ASN. */
  raters: number;
  /**
   * Tickets per rater. The planner's defaults (src/domain/schema.ts waveSettingsSchema: self, the
   * superior, up to 4 peers, up to 4 subordinates, at most 10 per rater) give 6.06 on the bench's
   * synthetic organisation (teams of 6–10, so only 4 of each team rate their supervisor) and about
   * 6.9 when every direct report rates their supervisor; 6.7 sits near that ceiling (conservative).
   */
  ticketsPerRater: number;
  /** Agencies (instansi) running a wave each: issue 7. */
  agencies: number;
  /** People per unit: bench/synthetic-org.ts makes 12,480 units for 100,000 people (≈ 8). More units = more counter documents. */
  peoplePerUnit: number;
  /** Largest single agency. ASSUMPTION: the largest ministries have on the order of 250,000 ASN. */
  largestAgencyRaters: number;
  /** Largest single unit. ASSUMPTION: a big hospital or education office recorded as one flat unit. */
  largestUnitPeople: number;
  /** Most tickets about one ratee: self 1 + superior 1 + peers 4 + subordinates 4 (planner defaults). */
  maxTicketsPerRatee: number;

  // ── Launch (document layout: see docs/capacity.md) ────────────────────────────────────────────
  /** The 500/50/5 rule: https://firebase.google.com/docs/firestore/best-practices#ramping_up_traffic */
  ramp: Ramp;
  /** firebase-admin's BulkWriter caps its own 500/50/5 limiter at 10,000 ops/s (DEFAULT_MAXIMUM_OPS_PER_SECOND_LIMIT in @google-cloud/firestore 7.11 build/src/bulk-writer.js). */
  bulkWriterMaxOpsPerSecond: number;
  /** Writes per WriteBatch commit: the historical Firestore limit, kept as a conservative batch size (today's limit is a 10 MiB request). */
  writeBatchSize: number;
  /** BulkWriter's batch size (MAX_BATCH_SIZE in the same file). */
  bulkWriterBatchSize: number;
  /** Links per one-time link-list chunk document: ~250 bytes a link, far below the 1 MiB document limit. */
  linksPerChunk: number;

  // ── Participation ─────────────────────────────────────────────────────────────────────────────
  /** Share of raters who answer (and then answer all their tickets). ASSUMPTION from issue 7: 70%. */
  responseRate: number;
  /**
   * Share of all submissions on each day of the wave (sums to 1; its length is the wave's length in
   * days). ASSUMPTION: most in the first 3 days (62%), a reminder bump on day 8, a two-week wave.
   */
  dayShares: readonly number[];
  /** Share of a day's submissions in its busiest hour. ASSUMPTION: 12%, a WIB working day (07:30–16:00). */
  peakHourShare: number;
  /** Busiest minute's rate over the busiest hour's average. ASSUMPTION: 2, links forwarded in a blast. */
  peakMinuteFactor: number;

  // ── One submission (submitResponse → recordResponse, one transaction) ────────────────────────
  /** Invitation (by code hash), ticket, wave, ratee group (for the at-risk transition). */
  submissionReads: number;
  /** Response created, ratee group, unit group and day counter shard incremented. */
  submissionWrites: number;
  /** The ticket. */
  submissionDeletes: number;
  /** Times a responding rater opens their link. ASSUMPTION: 2. Each open reads invitation + wave + the remaining tickets + their ratees. */
  opensPerResponder: number;

  // ── Counters ──────────────────────────────────────────────────────────────────────────────────
  /** Sustained writes per second one document takes: Firestore's documented soft limit is about 1. */
  perDocumentWritesPerSecond: number;
  /** Shards = peak rate × headroom / per-document limit. ASSUMPTION: 2× for bursts. */
  shardHeadroom: number;

  // ── Coverage (src/app/features/coverage: polls every 5 s while the tab is visible) ────────────
  pollSeconds: number;
  /** Coordinators, auditors and admins watching an agency's wave. ASSUMPTION: 3. */
  viewersPerAgency: number;
  /** Hours a day each keeps the page open and visible (hidden tabs do not poll). ASSUMPTION: 1. */
  visibleHoursPerViewerPerDay: number;
  /** Hours a day at least one viewer has the agency's wave open. ASSUMPTION: 3 (viewers overlap). */
  viewedHoursPerWavePerDay: number;
  /** Ratee rows per coverage answer: the route's default `limit` (src/server/routes/coverage.ts). */
  rateeRowsPerPoll: number;
  /** Index entries billed as one read by count(): https://firebase.google.com/docs/firestore/pricing#aggregation_queries */
  aggregationEntriesPerRead: number;
  /** Shared snapshot: how often it is rebuilt from the counters while someone watches. */
  snapshotSeconds: number;
  /** Shared snapshot: how often raters' progress (a count() per invitation) is rebuilt. */
  raterProgressSeconds: number;
  /** Unit figures per snapshot document (`UNITS_PER_DOC` in coverage-snapshot.ts); the ratee rows sit in its meta document. */
  snapshotUnitsPerDoc: number;
  /** Coverage answer sent to the browser, compressed. ASSUMPTION: 60 KiB for 1,000 rows and the unit tree. */
  coverageResponseKiB: number;

  // ── Other reads per wave ──────────────────────────────────────────────────────────────────────
  /** Plans per agency (previews + the launch), each reading the roster: employees and units. */
  plansPerAgency: number;
  /** Integrity checks per agency: each reads ratee groups, invitations, remaining tickets and responses. */
  verifyRunsPerAgency: number;
  /** Scoring passes (results are cached per process; cold instances recompute): each reads every response. */
  scoringPasses: number;
  /** Reminder lists per agency: each reads the invitations and counts each one's tickets. */
  reminderListsPerAgency: number;

  // ── Storage (bytes per document, its index entries included; Firestore storage-size rules) ────
  bytes: { invitation: number; ticket: number; rateeGroup: number; unitGroup: number; response: number };
  /** Months responses are kept (results stay available). ASSUMPTION: 12. */
  responseRetentionMonths: number;

  // ── Cloud Functions ───────────────────────────────────────────────────────────────────────────
  /** Billed instance-seconds per request: ~0.2 s of latency shared by ~20 concurrent requests. ASSUMPTION. */
  instanceSecondsPerRequest: number;
  functionVcpu: number;
  functionMemoryGiB: number;
  /** Respondent page (Preact bundle, ~53 KB gzip per README) fetched once per responding rater; the service worker serves later opens. */
  respondentPageKiB: number;

  prices: Prices;
}

export const defaults: Assumptions = {
  raters: 4_500_000,
  ticketsPerRater: 6.7,
  agencies: 442,
  peoplePerUnit: 8,
  largestAgencyRaters: 250_000,
  largestUnitPeople: 2_000,
  maxTicketsPerRatee: 10,

  ramp: { initialOpsPerSecond: 500, multiplier: 1.5, stepSeconds: 300, maxOpsPerSecond: Infinity },
  bulkWriterMaxOpsPerSecond: 10_000,
  writeBatchSize: 500,
  bulkWriterBatchSize: 20,
  linksPerChunk: 2_000,

  responseRate: 0.7,
  dayShares: [0.3, 0.18, 0.12, 0.08, 0.06, 0.04, 0.03, 0.05, 0.04, 0.03, 0.02, 0.02, 0.015, 0.015],
  peakHourShare: 0.12,
  peakMinuteFactor: 2,

  submissionReads: 4,
  submissionWrites: 4,
  submissionDeletes: 1,
  opensPerResponder: 2,

  perDocumentWritesPerSecond: 1,
  shardHeadroom: 2,

  pollSeconds: 5,
  viewersPerAgency: 3,
  visibleHoursPerViewerPerDay: 1,
  viewedHoursPerWavePerDay: 3,
  rateeRowsPerPoll: 1_000,
  aggregationEntriesPerRead: 1_000,
  snapshotSeconds: 60,
  raterProgressSeconds: 900,
  snapshotUnitsPerDoc: 3000,
  coverageResponseKiB: 60,

  plansPerAgency: 3,
  verifyRunsPerAgency: 2,
  scoringPasses: 3,
  reminderListsPerAgency: 3,

  bytes: { invitation: 700, ticket: 900, rateeGroup: 700, unitGroup: 800, response: 1_500 },
  responseRetentionMonths: 12,

  instanceSecondsPerRequest: 0.01,
  functionVcpu: 1,
  functionMemoryGiB: 0.5,
  respondentPageKiB: 60,

  prices: {
    // ASSUMED list prices for Firestore Standard edition in asia-southeast2 (Jakarta), not confirmed
    // against the live price table: check https://cloud.google.com/firestore/pricing (location
    // "Jakarta") before budgeting. Every cost below is linear in them.
    readPer100k: 0.036,
    writePer100k: 0.108,
    deletePer100k: 0.012,
    storageGiBMonth: 0.18,
    // Cloud Functions 2nd gen, tier 2 (asia-southeast2 is tier 2): V2_RATES and V2_REGION_TO_TIER in
    // firebase-tools 15 lib/deploy/functions/pricing.js. Free tiers are ignored (negligible here).
    invocationPerMillion: 0.4,
    vCpuSecond: 0.0000336,
    gibSecond: 0.0000035,
    // Internet egress, as firebase-tools' V1_RATES.egress (USD 0.12/GB). ASSUMPTION for 2nd gen and Hosting alike.
    egressPerGiB: 0.12,
  },
};

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
    { name: 'tickets', path: 'tickets/{invitationId}_{ticketId}', docs: tickets },
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

// ── Report ───────────────────────────────────────────────────────────────────────────────────────

/** Thousands with commas, no locale data involved. */
export function fmtInt(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmt(n: number, digits: number): string {
  const fixed = Math.abs(n).toFixed(digits);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 && Number(fixed) !== 0 ? '-' : '') + withCommas + (fraction === undefined ? '' : `.${fraction}`);
}

/** Millions or billions with one decimal for big counts. */
export function fmtCount(n: number): string {
  if (n >= 1e9) return `${fmt(n / 1e9, 2)} billion`;
  if (n >= 1e7) return `${fmt(n / 1e6, 1)} million`;
  return fmtInt(n);
}

export const usd = (n: number, digits = 2): string => `$${fmt(n, digits)}`;

export function fmtDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const pct = (n: number, digits = 1) => `${fmt(n * 100, digits)}%`;

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((x) => (x === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export function renderReport(a: Assumptions): string {
  const out: string[] = [];
  const peak = peakSubmissions(a);
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
        [`reads at peak (${a.submissionReads} per submission)`, `${fmtInt(peak.readsPerSecond)} /s`],
        [`writes at peak (${a.submissionWrites} per submission)`, `${fmtInt(peak.writesPerSecond)} /s`],
        [`deletes at peak (${a.submissionDeletes} per submission)`, `${fmtInt(peak.deletesPerSecond)} /s`],
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

  const cost = waveCost(a);
  out.push('### 4. Cost per wave (USD)', '');
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
