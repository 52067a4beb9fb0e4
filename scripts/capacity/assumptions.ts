/** What the capacity model starts from: every number is a field of `Assumptions`, with where it comes from. */

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

  // ── The respondent (what each request reads: scripts/capacity/operations.ts) ──────────────────
  /** Times a responding rater opens their link. ASSUMPTION: 2 (counted with all their tickets left, conservatively). */
  opensPerResponder: number;
  /** Distinct units of the colleagues one link names (each read by id on open). ASSUMPTION: 2, the rater's own and the superior's. */
  unitsPerOpen: number;

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
  /**
   * Unit figures per snapshot document: documents are cut at half a MiB (CHUNK_DOCUMENT_BYTES), and a
   * ministry's unit id is the slug of its whole path (~185 characters), ~350 bytes a unit. The ratee rows sit in its meta document.
   */
  snapshotUnitsPerDoc: number;
  /** Share of ratees at risk (each count() bills 1 read per 1,000). ASSUMPTION: a third. */
  atRiskShare: number;
  /** Coverage answer sent to the browser, compressed. ASSUMPTION: 60 KiB for 1,000 rows and the unit tree. */
  coverageResponseKiB: number;

  // ── Other reads per wave ──────────────────────────────────────────────────────────────────────
  /** Plan previews per agency before its launch (the launch plans twice more itself), each reading the roster. */
  plansPerAgency: number;
  /** Key ceremonies an agency holds (a launch reads them all, twice). ASSUMPTION: 1. */
  ceremoniesPerAgency: number;
  /** Integrity checks per agency: each reads ratee groups, invitations, remaining tickets and responses. */
  verifyRunsPerAgency: number;
  /** Results page views per agency after close: each reads the roster (names) and the ratees. ASSUMPTION: 20. */
  resultsViewsPerAgency: number;
  /** Cold scorings per agency (scores are cached per process): each reads every opened group. ASSUMPTION: 3. */
  scoringPasses: number;
  /** Groups (ratee × relationship) per ratee with responses, opened by the trustees. ASSUMPTION: 3.5 of self, superior, peer, subordinate. */
  groupsPerRatee: number;
  /** Reminder lists per agency: each reads the invitations, counts each one's tickets and reads the pending raters' contacts. */
  reminderListsPerAgency: number;

  // ── Storage (bytes per document, its index entries included; Firestore storage-size rules) ────
  bytes: { invitation: number; ticket: number; rateeGroup: number; unitGroup: number; response: number };
  /** Months responses are kept (results stay available). ASSUMPTION: 12. */
  responseRetentionMonths: number;

  // ── Cloud Functions (src/server/functions.ts) ────────────────────────────────────────────────
  /** Billed instance-seconds per request: ~0.2 s of latency shared by ~20 concurrent requests. ASSUMPTION. */
  instanceSecondsPerRequest: number;
  functionVcpu: number;
  /** `respond` (opens and submissions), `api` (staff) and `runJob` (launches, recounts, checks): memory per instance. */
  respondMemoryGiB: number;
  staffMemoryGiB: number;
  jobMemoryGiB: number;
  /** Documents a read-heavy job (recount, check) gets through per second. ASSUMPTION: 2,000. */
  jobReadsPerSecond: number;
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

  opensPerResponder: 2,
  unitsPerOpen: 2,

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
  snapshotUnitsPerDoc: 1_500,
  atRiskShare: 1 / 3,
  coverageResponseKiB: 60,

  plansPerAgency: 3,
  ceremoniesPerAgency: 1,
  verifyRunsPerAgency: 2,
  resultsViewsPerAgency: 20,
  scoringPasses: 3,
  groupsPerRatee: 3.5,
  reminderListsPerAgency: 3,

  bytes: { invitation: 700, ticket: 900, rateeGroup: 700, unitGroup: 800, response: 1_500 },
  responseRetentionMonths: 12,

  instanceSecondsPerRequest: 0.01,
  functionVcpu: 1,
  respondMemoryGiB: 0.5,
  staffMemoryGiB: 1,
  jobMemoryGiB: 2,
  jobReadsPerSecond: 2_000,
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
