import { segmentsOf, wrapEmulatorHandler } from './firestore-limits.js';

/*
 * Which fields the adapter queries and which it writes, per collection, as the emulator receives
 * them: the evidence for firestore.indexes.json's exemptions. Firestore indexes every field of every
 * document unless exempted, and each index entry costs write latency and storage; a field no query
 * reads should not be indexed, and a field a query reads must not lose its index.
 */


/** Fields written and queried, by collection id. */
export interface IndexUse {
  written: Map<string, Set<string>>;
  queried: Map<string, Set<string>>;
}

const add = (to: Map<string, Set<string>>, collection: string, field: string) => {
  const fields = to.get(collection) ?? new Set<string>();
  fields.add(field);
  to.set(collection, fields);
};

/** Every `field_path` inside a filter or an ordering, at any depth. */
function fieldPaths(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) fieldPaths(n, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'field_path' && typeof value === 'string') out.push(value);
      else fieldPaths(value, out);
    }
  }
  return out;
}

type Query = { from?: { collection_id?: string }[]; where?: unknown; order_by?: unknown };

function recordQuery(use: IndexUse, query: Query | undefined) {
  const collection = query?.from?.[0]?.collection_id;
  if (!collection) return;
  // The top-level field is what an exemption names (a map's exemption covers its subfields).
  for (const path of fieldPaths([query.where, query.order_by])) {
    if (path !== '__name__') add(use.queried, collection, path.split('.')[0]!.replace(/^`|`$/g, ''));
  }
}

type Write = { update?: { name?: string; fields?: Record<string, unknown> }; update_transforms?: { field_path?: string }[] };

/** Wraps the emulator's RunQuery, RunAggregationQuery and Commit handlers to record index use. */
export function recordIndexUse(grpcServer: unknown): IndexUse {
  const use: IndexUse = { written: new Map(), queried: new Map() };
  const wrap = (rpc: string, record: (request: Record<string, unknown>) => void) =>
    wrapEmulatorHandler(grpcServer, rpc, (call, callback, original) => {
      record(call.request.toObject());
      return original(call, callback);
    });
  wrap('RunQuery', (r) => recordQuery(use, r.structured_query as Query));
  wrap('RunAggregationQuery', (r) => recordQuery(use, (r.structured_aggregation_query as { structured_query?: Query })?.structured_query));
  wrap('Commit', (r) => {
    for (const w of (r.writes ?? []) as Write[]) {
      const segments = segmentsOf(w.update?.name ?? '');
      const collection = segments[segments.length - 2];
      if (!collection) continue;
      for (const field of Object.keys(w.update?.fields ?? {})) add(use.written, collection, field);
      // Increments and server timestamps arrive as transforms, not fields.
      for (const t of w.update_transforms ?? []) if (t.field_path) add(use.written, collection, t.field_path.split('.')[0]!);
    }
  });
  return use;
}

export interface IndexConfig {
  indexes: { collectionGroup: string; fields: { fieldPath: string }[] }[];
  fieldOverrides: { collectionGroup: string; fieldPath: string; indexes: unknown[] }[];
}

/** Firestore allows at most 200 single-field index configurations per database. */
export const maxFieldOverrides = 200;

/**
 * What firestore.indexes.json gets wrong for the recorded use: a queried field exempted, a written
 * field no query reads left indexed, or an exemption for a field nothing writes. `namedInQueries`
 * are field names the adapter's source filters or orders by: kept indexed in every collection, so a
 * query path the tests did not reach never meets an exempted field.
 */
export function exemptionProblems(use: IndexUse, config: IndexConfig, namedInQueries: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const exempt = new Set(config.fieldOverrides.filter((o) => o.indexes.length === 0).map((o) => `${o.collectionGroup}.${o.fieldPath}`));
  if (config.fieldOverrides.length > maxFieldOverrides) problems.push(`${config.fieldOverrides.length} field overrides > ${maxFieldOverrides}`);
  for (const [collection, fields] of use.queried) {
    for (const field of fields) if (exempt.has(`${collection}.${field}`)) problems.push(`${collection}.${field} is queried but exempted`);
  }
  for (const key of exempt) if (namedInQueries.has(key.split('.')[1]!)) problems.push(`${key} is exempted but a query names ${key.split('.')[1]}`);
  for (const [collection, fields] of use.written) {
    for (const field of fields) {
      if (namedInQueries.has(field) || use.queried.get(collection)?.has(field)) continue;
      if (!exempt.has(`${collection}.${field}`)) problems.push(`${collection}.${field} is indexed but no query reads it`);
    }
  }
  for (const key of exempt) {
    const [collection, field] = key.split('.') as [string, string];
    if (!use.written.get(collection)?.has(field)) problems.push(`${key} is exempted but never written`);
  }
  return problems.sort();
}

/** Field names the source filters or orders by (`.where('x'`, `.orderBy('x'`). */
export function fieldsNamedInQueries(sources: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const source of sources) for (const m of source.matchAll(/\.(?:where|orderBy)\(\s*'([^']+)'/g)) names.add(m[1]!.split('.')[0]!);
  return names;
}
