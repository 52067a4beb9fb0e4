import { randomUUID } from 'node:crypto';
import type { CollectionReference, Firestore, Query } from 'firebase-admin/firestore';
import { groupCounts } from '../group-counts.js';
import { createOnce } from './documents.js';
import { chunkBySize, CHUNK_DOCUMENT_BYTES, commitInBatches, getAllInChunks, storedSize, type Data, type StoreWrite } from './batches.js';
import { isAtRisk, rateeProgress, type CoverageFacts, type CoverageQuery } from '../../../domain/coverage.js';
import { relationships, type Relationship } from '../../../domain/questionnaire.js';
import type { RaterProgress } from '../port.js';

/*
 * Coverage on Firestore without reading every ticket on every poll (docs/capacity.md):
 * - running counters written by each submission: `waves/{w}/ratees/{nip}` (with its at-risk flag
 *   and rank, so the table's first rows are one ordered query) and `waves/{w}/unitGroups/{unit}`;
 * - raters' progress, which nothing at submission may write (it would tie the commit to a rater):
 *   counted with one count() per invitation onto the unit documents by the `coverage.recount` job,
 *   which the first rebuild that finds the count over 15 minutes old claims (`coverage/raters`);
 * - a shared snapshot, `waves/{w}/coverage/meta` and `units-{generation}-{n}`, rebuilt from those at
 *   most once a minute: every poll of every viewer in between reads one or two documents. Each
 *   rebuild writes a generation of its own (a random id) and names it in `meta` last, so a reader
 *   never mixes two; the generation before the previous one is deleted. One process rebuilds at a
 *   time: it claims `rebuild-{generation it replaces}` by creating it, and the others serve the
 *   snapshot they have until the new one is named (a claim whose holder stopped runs out).
 */

type Counts = { issued: number; responses: number };
type Groups = Partial<Record<Relationship, Counts>>;
type UnitFacts = CoverageFacts['units'][number];
type RateeRow = CoverageFacts['ratees']['rows'][number];
type Names = (nips: readonly string[]) => Promise<Map<string, string>>;

/** Ratee rows kept in the snapshot: the coverage route's default `limit`. */
export const SNAPSHOT_ROWS = 1000;
/** count() queries in flight at once while raters' progress is recounted. */
const COUNT_CONCURRENCY = 64;
/** How long a rebuild's claim holds before another process may take it over. */
const REBUILD_LEASE_MS = 2 * 60_000;
/** How long a claimed recount holds before a later rebuild claims it again (its job may have died). */
const RECOUNT_LEASE_MS = 10 * 60_000;

export interface CoverageTiming {
  now: () => number;
  /** How old the shared snapshot may be before a poll rebuilds it. */
  countsMaxAgeMs: number;
  /** How old raters' progress may be before a rebuild recounts it. */
  ratersMaxAgeMs: number;
}

export const defaultCoverageTiming: CoverageTiming = { now: Date.now, countsMaxAgeMs: 60_000, ratersMaxAgeMs: 15 * 60_000 };

/** A ratee document's derived fields: ordering by `order` then NIP is the domain's `rateeOrder`. */
export function rateeRank(groups: Groups, k: number): { atRisk: boolean; order: number } {
  const atRisk = isAtRisk(groups, k);
  return { atRisk, order: (atRisk ? 0 : 1_000_000) + rateeProgress(groups, k) };
}

/** A unit id as a document id: people outside any unit are kept under a reserved name. */
export function unitDocId(unitId: string): string {
  return unitId === '' ? '~none' : unitId;
}

const zeroRaters = () => ({ invited: 0, finished: 0, partly: 0, notStarted: 0 });

export function raterCountFields(counts: UnitFacts['raters']): Data {
  return { raters_invited: counts.invited, raters_finished: counts.finished, raters_partly: counts.partly, raters_notStarted: counts.notStarted };
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Every rater's tickets issued and left, one count() per invitation (1 read each, not 1 per ticket). */
export async function countRaterProgress(db: Firestore, waveId: string, onProgress?: (done: number, total: number) => void): Promise<RaterProgress[]> {
  const invitations = await db.collection('invitations').where('waveId', '==', waveId).select('raterNip', 'raterUnitId', 'issued').get();
  const progress: RaterProgress[] = [];
  onProgress?.(0, invitations.size);
  await inPool(invitations.docs, COUNT_CONCURRENCY, async (i) => {
    const left = (await db.collection('tickets').where('invitationId', '==', i.id).count().get()).data().count;
    progress.push({ raterNip: i.data().raterNip as string, unitId: i.data().raterUnitId as string, issued: i.data().issued as number, left });
    onProgress?.(progress.length, invitations.size);
  });
  return progress;
}

export function ratersByUnit(progress: readonly RaterProgress[]): Map<string, UnitFacts['raters']> {
  const units = new Map<string, UnitFacts['raters']>();
  for (const p of progress) {
    let r = units.get(p.unitId);
    if (!r) units.set(p.unitId, (r = zeroRaters()));
    r.invited++;
    if (p.left === 0) r.finished++;
    else if (p.left >= p.issued) r.notStarted++;
    else r.partly++;
  }
  return units;
}

interface Snapshot {
  countedAt: string;
  ratersCountedAt: string;
  /** Only on the snapshot this process just rebuilt, never stored: it claimed the raters' recount. */
  recountClaimed?: boolean;
  units: UnitFacts[];
  perDay: CoverageFacts['perDay'];
  total: number;
  atRisk: number;
  rows: RateeRow[];
}

export class CoverageSnapshots {
  /** One rebuild per wave at a time in this process; concurrent polls wait for it. */
  private readonly building = new Map<string, Promise<Snapshot>>();

  constructor(
    private readonly db: Firestore,
    private readonly timing: CoverageTiming,
  ) {}

  private wave = (waveId: string) => this.db.collection('waves').doc(waveId);
  private ratees = (waveId: string) => this.wave(waveId).collection('ratees');

  /** `names` looks up the names of the ratee rows shown (from the roster, never stored with counts). */
  async facts(waveId: string, query: CoverageQuery, names: Names): Promise<CoverageFacts> {
    const snapshot = await this.current(waveId, names);
    const asOf = { counts: snapshot.countedAt, raters: snapshot.ratersCountedAt, ...(snapshot.recountClaimed ? { recountClaimed: true } : {}) };
    const fromSnapshot = query.focus === null && query.limit <= SNAPSHOT_ROWS;
    const ratees = fromSnapshot
      ? { total: snapshot.total, atRisk: snapshot.atRisk, rows: snapshot.rows.slice(0, query.limit) }
      : await this.rateeRows(waveId, query.focus, query.limit, names);
    return { units: snapshot.units, ratees, perDay: snapshot.perDay, asOf };
  }

  private async current(waveId: string, names: Names): Promise<Snapshot> {
    const metaDoc = await this.wave(waveId).collection('coverage').doc('meta').get();
    const meta = metaDoc.exists ? metaDoc.data()! : null;
    if (meta && this.timing.now() - Date.parse(meta.countedAt as string) < this.timing.countsMaxAgeMs) return this.read(meta, waveId);
    let build = this.building.get(waveId);
    if (!build) {
      // Another process is rebuilding: the last snapshot serves until that one names its own.
      if (meta && !(await this.claimRebuild(waveId, meta.generation as string))) return this.read(meta, waveId);
      build = this.rebuild(waveId, names, meta).finally(() => this.building.delete(waveId));
      this.building.set(waveId, build);
    }
    return build;
  }

  /** Claims the rebuild that replaces `generation`: the create succeeds for one process only. */
  private async claimRebuild(waveId: string, generation: string): Promise<boolean> {
    const ref = this.wave(waveId).collection('coverage').doc(`rebuild-${generation}`);
    const now = this.timing.now();
    if (await createOnce(ref, { until: now + REBUILD_LEASE_MS })) return true;
    return this.db.runTransaction(async (tx) => {
      const claim = await tx.get(ref);
      if (claim.exists && Number(claim.data()!.until) > now) return false;
      tx.set(ref, { until: now + REBUILD_LEASE_MS });
      return true;
    });
  }

  private unitDoc = (waveId: string, generation: string, n: number) => this.wave(waveId).collection('coverage').doc(`units-${generation}-${n}`);

  private async read(meta: Data, waveId: string): Promise<Snapshot> {
    const chunks = await getAllInChunks(
      this.db,
      Array.from({ length: meta.unitDocs as number }, (_, n) => this.unitDoc(waveId, meta.generation as string, n)),
    );
    return {
      countedAt: meta.countedAt as string,
      ratersCountedAt: meta.ratersCountedAt as string,
      units: chunks.flatMap((c) => (c.data()?.units as UnitFacts[] | undefined) ?? []),
      perDay: meta.perDay as Snapshot['perDay'],
      total: meta.total as number,
      atRisk: meta.atRisk as number,
      rows: meta.rows as RateeRow[],
    };
  }

  private async rebuild(waveId: string, names: Names, replaced: Data | null): Promise<Snapshot> {
    const waveRef = this.wave(waveId);
    const { countedAt: ratersCountedAt, recountClaimed } = await this.raterProgress(waveId);
    const countedAt = new Date(this.timing.now()).toISOString();
    const [units, days, ratees] = await Promise.all([
      waveRef.collection('unitGroups').get(),
      waveRef.collection('days').get(),
      this.rateeRows(waveId, null, SNAPSHOT_ROWS, names),
    ]);
    const perDay = new Map<string, number>();
    for (const d of days.docs) perDay.set(d.data().day as string, (perDay.get(d.data().day as string) ?? 0) + (d.data().responses as number));
    const snapshot: Snapshot = {
      countedAt,
      ratersCountedAt,
      units: units.docs.map((d) => {
        const data = d.data();
        return {
          unitId: data.unitId as string,
          raters: {
            invited: Number(data.raters_invited ?? 0),
            finished: Number(data.raters_finished ?? 0),
            partly: Number(data.raters_partly ?? 0),
            notStarted: Number(data.raters_notStarted ?? 0),
          },
          groups: groupCounts(data),
          ratees: Number(data.ratees ?? 0),
          rateesAtRisk: Number(data.rateesAtRisk ?? 0),
        };
      }),
      perDay: [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, responses]) => ({ day, responses })),
      ...ratees,
    };
    const coverage = waveRef.collection('coverage');
    const generation = randomUUID().slice(0, 8);
    const writes: StoreWrite[] = [];
    // Unit documents of at most half a MiB each: a ministry's unit ids are long paths.
    const chunks = chunkBySize(snapshot.units, CHUNK_DOCUMENT_BYTES, storedSize);
    const unitDocs = Math.max(1, chunks.length);
    for (let n = 0; n < unitDocs; n++) writes.push({ set: this.unitDoc(waveId, generation, n), data: { units: chunks[n] ?? [] } });
    const previous = replaced ? { generation: replaced.generation as string, unitDocs: replaced.unitDocs as number } : null;
    const meta = { countedAt, ratersCountedAt, perDay: snapshot.perDay, total: ratees.total, atRisk: ratees.atRisk, rows: ratees.rows, generation, unitDocs, previous };
    // The meta document goes last: a reader sees the new generation only once it is whole.
    writes.push({ set: coverage.doc('meta'), data: meta });
    // Two generations back nobody reads any more (a reader of the previous one may still be at it).
    const gone = replaced?.previous as { generation: string; unitDocs: number } | null | undefined;
    if (gone) {
      for (let n = 0; n < gone.unitDocs; n++) writes.push({ delete: this.unitDoc(waveId, gone.generation, n) });
      writes.push({ delete: coverage.doc(`rebuild-${gone.generation}`) });
    }
    await commitInBatches(this.db, writes);
    return recountClaimed ? { ...snapshot, recountClaimed } : snapshot;
  }

  /**
   * When raters' progress was last counted; when that is older than allowed and nobody holds its
   * recount, claims the recount for the caller to start (a poll never counts 250,000 invitations itself).
   */
  private async raterProgress(waveId: string): Promise<{ countedAt: string; recountClaimed: boolean }> {
    const ref = this.wave(waveId).collection('coverage').doc('raters');
    const now = this.timing.now();
    const due = (data: Data | undefined) => !data?.countedAt || now - Date.parse(data.countedAt as string) >= this.timing.ratersMaxAgeMs;
    // Every launch writes its first count; a wave launched before that shows this rebuild's time.
    const countedAtOf = (data: Data | undefined) => (data?.countedAt as string | undefined) ?? new Date(now).toISOString();
    const seen = (await ref.get()).data();
    if (!due(seen) || Number(seen?.recountUntil ?? 0) > now) return { countedAt: countedAtOf(seen), recountClaimed: false };
    return this.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      if (!due(data) || Number(data?.recountUntil ?? 0) > now) return { countedAt: countedAtOf(data), recountClaimed: false };
      tx.set(ref, { recountUntil: now + RECOUNT_LEASE_MS }, { merge: true });
      return { countedAt: countedAtOf(data), recountClaimed: true };
    });
  }

  /** The `coverage.recount` job's work: raters' progress counted onto the unit documents; answers when. */
  async recount(waveId: string, onProgress?: (done: number, total: number) => void): Promise<string> {
    const ref = this.wave(waveId).collection('coverage').doc('raters');
    const countedAt = new Date(this.timing.now()).toISOString();
    const byUnit = ratersByUnit(await countRaterProgress(this.db, waveId, onProgress));
    const unitGroups = this.wave(waveId).collection('unitGroups');
    const known = await unitGroups.select().get();
    const zero = new Set(known.docs.map((d) => d.id));
    const writes: StoreWrite[] = [];
    for (const [unitId, counts] of byUnit) {
      zero.delete(unitDocId(unitId));
      writes.push({ set: unitGroups.doc(unitDocId(unitId)), data: { unitId, ...raterCountFields(counts) }, merge: true });
    }
    for (const id of zero) writes.push({ set: unitGroups.doc(id), data: raterCountFields(zeroRaters()), merge: true });
    // The claim goes with the new count.
    writes.push({ set: ref, data: { countedAt, recountUntil: 0 }, merge: true });
    await commitInBatches(this.db, writes);
    return countedAt;
  }

  /** At-risk first, then least progress, then NIP: one ordered query, and two count()s for the totals. */
  private async rateeRows(waveId: string, focus: string | null, limit: number, names: Names): Promise<CoverageFacts['ratees']> {
    let scope: Query | CollectionReference = this.ratees(waveId);
    if (focus !== null) scope = scope.where('unitPath', 'array-contains', focus);
    let ordered = scope.orderBy('order').orderBy('nip');
    if (limit < Number.MAX_SAFE_INTEGER) ordered = ordered.limit(limit);
    const [rows, total, atRisk] = await Promise.all([
      ordered.select('nip', 'unitId', ...relationships.flatMap((rel) => [rel, `${rel}_done`])).get(),
      scope.count().get(),
      scope.where('atRisk', '==', true).count().get(),
    ]);
    const nameOf = await names(rows.docs.map((d) => d.data().nip as string));
    return {
      total: total.data().count,
      atRisk: atRisk.data().count,
      rows: rows.docs.map((d) => {
        const data = d.data();
        return { nip: data.nip as string, name: nameOf.get(data.nip as string) ?? '', unitId: data.unitId as string, groups: groupCounts(data) };
      }),
    };
  }
}
