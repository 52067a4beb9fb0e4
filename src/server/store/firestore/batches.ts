import type { DocumentReference, DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import type { RampLimiter } from './ramp.js';

/*
 * Writes go to Firestore in commits that respect its limits: at most 500 writes, and well under the
 * 10 MiB request size, measured by what each document weighs (Firestore's storage-size rules) with
 * room for what the wire adds (field tags, full resource names). The limits guard in the tests
 * checks the real requests.
 */

export type Data = Record<string, unknown>;

/** One write of a commit. */
export type StoreWrite =
  | { set: DocumentReference; data: Data; merge?: boolean }
  | { update: DocumentReference; data: Data }
  | { delete: DocumentReference };

const WRITES_PER_COMMIT = 500;
/** A commit's documents by storage size: the encoded request stays under 10 MiB even at 2× this. */
const COMMIT_BYTES = 4 * 1_048_576;
/** Chunked documents (link lists, coverage snapshots) stay under this, half of Firestore's 1 MiB. */
export const CHUNK_DOCUMENT_BYTES = 512 * 1024;

const stringSize = (s: string) => Buffer.byteLength(s, 'utf8') + 1;

/** A value's size by Firestore's storage-size rules (firebase.google.com/docs/firestore/storage-size). */
export function storedSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return stringSize(value);
  if (typeof value === 'number' || value instanceof Date) return 8;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + storedSize(v), 0);
  if (typeof value === 'object') {
    // What the adapter stores besides plain data: Timestamps and sentinels (FieldValue), 8 bytes at most.
    if (Object.getPrototypeOf(value) !== Object.prototype) return 8;
    return mapSize(value as Data);
  }
  return 0;
}

/** A map is sized "the same way as a document": its fields plus 32 bytes (the cautious reading). */
const fieldsSize = (data: Data) => Object.entries(data).reduce((n, [k, v]) => (v === undefined ? n : n + stringSize(k) + storedSize(v)), 0);
const mapSize = (data: Data) => fieldsSize(data) + 32;

/** A document's size: its name (each id of its path, plus 16), its fields, plus 32. */
export function documentSize(ref: DocumentReference, data: Data): number {
  return ref.path.split('/').reduce((n, id) => n + stringSize(id), 16) + fieldsSize(data) + 32;
}

const writeSize = (w: StoreWrite) => ('delete' in w ? documentSize(w.delete, {}) : documentSize('set' in w ? w.set : w.update, w.data));

/** Items in consecutive chunks, each weighing at most `maxBytes` (an item heavier than that goes alone). */
export function chunkBySize<T>(items: readonly T[], maxBytes: number, size: (item: T) => number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length > 0 && bytes + n > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface CommitOptions {
  /** The ramp these commits take their writes from (one per launch or import); a new one otherwise. */
  ramp?: RampLimiter;
  /** Runs before each commit is sent, and may stop the work by throwing (a launch keeps its lease here). */
  beforeBatch?: () => Promise<void>;
  /** Runs after each commit with the number of writes it held. */
  afterBatch?: (written: number) => void;
}

/** Commits writes in order, in as few commits as the limits allow, each waiting for the ramp when one is given. Not atomic as a whole. */
export async function commitInBatches(db: Firestore, writes: readonly StoreWrite[], ramp?: RampLimiter, options: CommitOptions = {}): Promise<void> {
  const bySize = chunkBySize(writes, COMMIT_BYTES, writeSize);
  for (const chunk of bySize) {
    for (let i = 0; i < chunk.length; i += WRITES_PER_COMMIT) {
      const slice = chunk.slice(i, i + WRITES_PER_COMMIT);
      await ramp?.take(slice.length);
      await options.beforeBatch?.();
      const batch = db.batch();
      for (const w of slice) {
        if ('delete' in w) batch.delete(w.delete);
        else if ('update' in w) batch.update(w.update, w.data);
        else if (w.merge) batch.set(w.set, w.data, { merge: true });
        else batch.set(w.set, w.data);
      }
      await batch.commit();
      options.afterBatch?.(slice.length);
    }
  }
}

/** Documents per BatchGetDocuments: each name is ~100 bytes, so a request stays far under 10 MiB. */
const REFS_PER_READ = 500;
/** Reads of one call in flight at once. */
const READS_IN_FLIGHT = 4;

/**
 * `getAll` for any number of documents: in requests of 500 names, four at a time, in order. One call
 * with every reference spread as arguments overflows the stack near 100,000 and breaks the request limit.
 */
export async function getAllInChunks(db: Firestore, refs: readonly DocumentReference[]): Promise<DocumentSnapshot[]> {
  const chunks: DocumentReference[][] = [];
  for (let i = 0; i < refs.length; i += REFS_PER_READ) chunks.push(refs.slice(i, i + REFS_PER_READ));
  const results: DocumentSnapshot[][] = new Array<DocumentSnapshot[]>(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const i = next++;
      results[i] = chunks[i]!.length > 0 ? await db.getAll(...chunks[i]!) : [];
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, chunks.length) }, worker));
  return results.flat();
}
