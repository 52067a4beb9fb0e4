/**
 * What each operation of a wave reads, writes and deletes on Firestore, as the adapter and the API
 * do it today (src/server/store/firestore/, src/server/routes/): billed documents, counted per
 * request as Firestore bills them (a query that finds nothing bills 1 read; a count() 1 read per
 * 1,000 entries, at least 1). scripts/capacity-counts.test.ts runs every one of them on the
 * emulator and checks these counts against what was billed.
 *
 * Job records (`jobs/{id}`: 1 read and 2 writes a job, plus a progress write at most once a second)
 * are not counted here; they are a few per job whatever its size.
 */

export interface Billed {
  reads: number;
  writes: number;
  deletes: number;
}

/** A wave as its operations see it: every count they depend on. */
export interface WaveShape {
  /** People on the agency's roster, and its units. */
  employees: number;
  units: number;
  /** Invitations (raters), tickets issued at launch, ratee documents, unit documents (units with a rater or a ratee). */
  raters: number;
  tickets: number;
  ratees: number;
  unitGroups: number;
  /** The one-time link list's documents (half a MiB each). */
  linkChunks: number;
  /** The agency's key ceremonies (a launch reads them all to find the newest complete one). */
  ceremonies: number;
  /** Now: tickets still unused, responses stored, raters with tickets left, ratees at risk. */
  remaining: number;
  responses: number;
  pending: number;
  atRisk: number;
  /** Day-counter documents written so far (days so far × shards used). */
  dayDocs: number;
  /** Coverage snapshot unit documents (half a MiB each). */
  snapshotUnitDocs: number;
  /** Opened group documents (written by the trustees' opening). */
  openedGroups: number;
  /** Ratee rows a snapshot keeps (SNAPSHOT_ROWS in coverage-snapshot.ts: the coverage route's default `limit`). */
  snapshotRows: number;
}

/** One rater's link: the tickets left, the distinct people and units they name. */
export interface OpenedLink {
  tickets: number;
  ratees: number;
  units: number;
}

const countReads = (entries: number) => Math.max(1, Math.ceil(entries / 1_000));
/** A query's billed reads: the documents it returns, at least 1. */
const query = (docs: number) => Math.max(1, docs);
const billed = (reads: number, writes = 0, deletes = 0): Billed => ({ reads, writes, deletes });

/**
 * `unitsCold`: the process has not read the agency's units since its roster last changed (they are
 * cached per agency and roster version; a job on its own instance starts cold).
 */
export const operations = {
  /** POST /plan: the agency's version, the wave, the roster; the units when cold. */
  plan: (s: WaveShape, unitsCold: boolean) => billed(2 + s.employees + (unitsCold ? s.units : 0)),

  /**
   * POST /launch and its job. Reads: the route's and the job's plans (2 × roster, agency version
   * twice), the roster again for each person's unit, the ceremonies twice, the wave five times
   * (route, job, launch, claim, open), and one query per collection a failed attempt could have left.
   * Writes: every document of the launch, the claim and the flip to open, the fencing token, the audit entry.
   */
  launch: (s: WaveShape, unitsCold: boolean) =>
    billed(
      2 + 3 * s.employees + (unitsCold ? s.units : 0) + 2 * s.ceremonies + 5 + 6,
      s.raters + s.tickets + s.ratees + s.unitGroups + 1 + s.linkChunks + 2 + 1 + 1,
    ),

  /** GET /links?page: the wave (route and store), the page's chunk and the next one; the first page is audited. */
  linksPage: (page: number) => billed(4, page === 0 ? 1 : 0),

  /** POST /links/confirm: the wave twice, the chunks listed and deleted, the wave updated, the audit entry. */
  linksConfirm: (s: WaveShape) => billed(2 + query(s.linkChunks), 2, s.linkChunks),

  /** POST /respond/open: the invitation by its code's hash, the wave, the tickets left, their people and units. */
  open: (link: OpenedLink) => billed(2 + query(link.tickets) + link.ratees + link.units),

  /**
   * POST /respond/submit: the invitation and the wave (route), then in one transaction the ticket,
   * the wave, the ratee and the group's tally; the response, the tally, the ratee, the unit and a
   * day shard written, the ticket deleted. `sealCold`: the first submission of the wave in this
   * process also reads its seal (the wave) and ceremony.
   */
  submit: (sealCold: boolean) => billed(6 + (sealCold ? 2 : 0), 5, 1),

  /** GET /coverage while the snapshot is fresh: the agency's version, the wave twice, the snapshot's meta and unit documents. */
  pollSnapshot: (s: WaveShape) => billed(4 + s.snapshotUnitDocs),

  /**
   * GET /coverage that rebuilds the snapshot (at most once a minute): as above without the unit
   * documents, plus the raters' count time, every unit document, every day shard, the first
   * 1,000 ratee rows, their names and two count()s. Writes the new generation and its meta, and
   * (after the first) the claim on the one it replaces; from the third on, deletes the generation
   * two back and its claim. `recountClaimed`: raters' progress was due, and this poll claimed its
   * recount (1 read, 1 write).
   */
  pollRebuild: (s: WaveShape, rebuild: { first: boolean; replacesTwoBack: boolean; recountClaimed: boolean }) => {
    const rows = Math.min(s.snapshotRows, s.ratees);
    const claim = rebuild.recountClaimed ? 1 : 0;
    return billed(
      5 + claim + s.unitGroups + query(s.dayDocs) + query(rows) + rows + countReads(s.ratees) + countReads(s.atRisk),
      s.snapshotUnitDocs + 1 + (rebuild.first ? 0 : 1) + claim,
      rebuild.replacesTwoBack ? s.snapshotUnitDocs + 1 : 0,
    );
  },

  /** The recount job: the wave, every invitation, one count() per invitation, the unit documents listed and rewritten, the count time. */
  recount: (s: WaveShape) => billed(1 + 2 * s.raters + s.unitGroups, s.unitGroups + 1),

  /** POST /verify and its job: the wave three times, then at one read time every invitation, remaining ticket, ratee and response; audited. */
  verify: (s: WaveShape) => billed(3 + s.raters + query(s.remaining) + s.ratees + query(s.responses), 1),

  /** GET /non-responders: the agency's version, the wave, every invitation and its count(), the pending raters' contacts; audited. */
  nonResponders: (s: WaveShape) => billed(2 + 2 * s.raters + s.pending, 1),

  /** GET /results: the agency's version, the wave, the roster for names, the ratees; the opened groups once per process. */
  results: (s: WaveShape, scoresCold: boolean) => billed(2 + s.employees + s.ratees + (scoresCold ? query(s.openedGroups) : 0)),
} satisfies Record<string, (...args: never[]) => Billed>;

export type Operation = keyof typeof operations;
