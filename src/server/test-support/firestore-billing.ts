/*
 * What Firestore would bill for the requests the emulator serves, counted from its answers, so the
 * capacity model (scripts/capacity/) can be checked against the adapter's real reads and writes.
 *
 * Billing rules (firebase.google.com/docs/firestore/pricing): a document read for each document a
 * get or a query returns, and one for a query that returns none; a get of a missing document is a
 * read too; a count() bills one read per 1,000 index entries it matches, at least one. Each write
 * in a commit is a write (a transform-only write included), each delete a delete.
 */
import { segmentsOf, wrapEmulatorHandler } from './firestore-limits.js';

export interface Billed {
  reads: number;
  writes: number;
  deletes: number;
}

/** Billed operations by collection id (the last collection of each path: `coverage` for `waves/w/coverage/meta`). */
export type BilledByCollection = Map<string, Billed>;

const ENTRIES_PER_AGGREGATION_READ = 1_000;

type Answer = {
  has_document?: boolean;
  document?: { name: string };
  has_found?: boolean;
  found?: { name: string };
  has_missing?: boolean;
  missing?: string;
  result?: { aggregate_fields: Map<string, { integer_value?: number }> };
};
type Query = { from: { collection_id: string }[] };
type Request = {
  writes?: { has_delete: boolean; delete: string; update: { name: string } }[];
  structured_query?: Query;
  structured_aggregation_query?: { structured_query: Query };
};
type StreamCall = { request: Request; write: (answer: Answer) => boolean; end: () => void };

const collectionOf = (name: string) => {
  const segments = segmentsOf(name);
  return segments[segments.length - 2] ?? '?';
};

/** Wraps the emulator's read and commit handlers; `billed()` answers the running totals by collection. */
export function meterFirestore(grpcServer: unknown): { billed: () => BilledByCollection } {
  const totals: BilledByCollection = new Map();
  const add = (collection: string, kind: keyof Billed, n: number) => {
    let t = totals.get(collection);
    if (!t) totals.set(collection, (t = { reads: 0, writes: 0, deletes: 0 }));
    t[kind] += n;
  };
  /** `read` answers the collection and the reads one streamed answer bills; a query bills at least one. */
  const meter = (rpc: string, read: (answer: Answer) => [string, number] | null, queried: (r: Request) => string | null) =>
    wrapEmulatorHandler(grpcServer, rpc, (call, callback, original) => {
      const stream = call as unknown as StreamCall;
      let reads = 0;
      const write = stream.write.bind(stream);
      const end = stream.end.bind(stream);
      stream.write = (answer) => {
        const billed = read(answer);
        if (billed) {
          add(billed[0], 'reads', billed[1]);
          reads += billed[1];
        }
        return write(answer);
      };
      stream.end = () => {
        const collection = queried(stream.request);
        if (collection !== null && reads === 0) add(collection, 'reads', 1);
        end();
      };
      original(call, callback);
    });
  meter('BatchGetDocuments', (a) => (a.has_found ? [collectionOf(a.found!.name), 1] : a.has_missing ? [collectionOf(a.missing!), 1] : null), () => null);
  meter('RunQuery', (a) => (a.has_document ? [collectionOf(a.document!.name), 1] : null), (r) => r.structured_query?.from[0]?.collection_id ?? '?');
  const aggregated = (r: Request) => r.structured_aggregation_query?.structured_query.from[0]?.collection_id ?? '?';
  wrapEmulatorHandler(grpcServer, 'RunAggregationQuery', (call, callback, original) => {
    const stream = call as unknown as StreamCall;
    const write = stream.write.bind(stream);
    stream.write = (answer) => {
      const counts = [...(answer.result?.aggregate_fields.values() ?? [])].map((v) => Number(v.integer_value ?? 0));
      add(aggregated(stream.request), 'reads', Math.max(1, Math.ceil(Math.max(0, ...counts) / ENTRIES_PER_AGGREGATION_READ)));
      return write(answer);
    };
    original(call, callback);
  });
  wrapEmulatorHandler(grpcServer, 'Commit', (call, callback, original) => {
    for (const w of (call as unknown as StreamCall).request.writes ?? []) {
      if (w.has_delete) add(collectionOf(w.delete), 'deletes', 1);
      else add(collectionOf(w.update.name), 'writes', 1);
    }
    original(call, callback);
  });
  return { billed: () => new Map([...totals].map(([k, v]) => [k, { ...v }])) };
}

/**
 * What `work` billed, by collection: the difference of the totals around it (nothing else may run
 * meanwhile). Collections billed nothing are left out.
 */
export async function billedBy(billed: () => BilledByCollection, work: () => Promise<unknown>): Promise<Record<string, Billed>> {
  const before = billed();
  await work();
  const out: Record<string, Billed> = {};
  for (const [collection, after] of billed()) {
    const b = before.get(collection) ?? { reads: 0, writes: 0, deletes: 0 };
    const d = { reads: after.reads - b.reads, writes: after.writes - b.writes, deletes: after.deletes - b.deletes };
    if (d.reads || d.writes || d.deletes) out[collection] = d;
  }
  return out;
}
