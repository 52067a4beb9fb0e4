/*
 * Firestore's documented limits, enforced on the in-memory emulator (which enforces none of them), so a
 * test fails here where production would. Every Commit and BatchGetDocuments the adapter sends is
 * checked as it arrives, with the request's own protobuf encoding for its size; a breach is answered
 * as Firestore answers it (INVALID_ARGUMENT) and recorded.
 *
 * Sources: firebase.google.com/docs/firestore/quotas ("Limits") and /docs/firestore/storage-size.
 */

export const firestoreLimits = {
  /** Maximum size of a document, by the storage-size rules below. */
  documentBytes: 1_048_576,
  /** Maximum API request size. */
  requestBytes: 10 * 1_048_576,
  /** Maximum writes in one commit (a batch or a transaction). */
  writesPerCommit: 500,
  /** Maximum size of a collection or document id, and of a field name. */
  idBytes: 1_500,
} as const;

export interface LimitBreach {
  rpc: string;
  rule: string;
  detail: string;
}

/** What each guarded request held: its encoded size, its documents (writes or names read), and for a read the moment it read at. */
export interface GuardedRequest {
  rpc: string;
  bytes: number;
  documents: number;
  /** A read's `read_time` (seconds.nanos), or null when it reads the latest data. */
  readTime: string | null;
  /** The paths (below `documents/`) a commit writes or deletes, in its order. */
  paths: string[];
}

/** The shapes of the emulator's decoded protobuf messages this guard reads. */
interface ProtoValue {
  value_type: string;
  string_value: string;
  bytes_value: Uint8Array;
  reference_value: string;
  array_value: { values: ProtoValue[] };
  map_value: { fields: Map<string, ProtoValue> };
}
interface ProtoDocument {
  name: string;
  fields: Map<string, ProtoValue>;
}
interface ProtoWrite {
  has_update: boolean;
  update: ProtoDocument;
  delete: string;
}
interface ProtoRequest {
  serializeBinary(): Uint8Array;
  toObject(): Record<string, unknown>;
  writes?: ProtoWrite[];
  documents?: string[];
  has_read_time?: boolean;
  read_time?: { seconds: number; nanos: number };
}
type Call = { request: ProtoRequest; emit?: (e: string, err: unknown) => void };
type Callback = (err: unknown, value: unknown) => void;
type Handler = { func: (call: Call, callback?: Callback) => void };

/**
 * Puts `fn` in front of one of the emulator's gRPC handlers (a grpc-js server's registered
 * handlers); `fn` calls `original` to let the request through. The limits guard and the index
 * recorder (firestore-indexing.ts) both wrap this way.
 */
export function wrapEmulatorHandler(grpcServer: unknown, rpc: string, fn: (call: Call, callback: Callback | undefined, original: Handler['func']) => void): void {
  const handler = (grpcServer as { handlers: Map<string, Handler> }).handlers.get(`/google.firestore.v1.Firestore/${rpc}`);
  if (!handler) throw new Error(`the emulator has no ${rpc} handler to wrap`);
  const original = handler.func;
  handler.func = (call, callback) => fn(call, callback, original);
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const stringSize = (s: string) => utf8(s) + 1;

/** A document path's segments (collection and document ids), from its full resource name. */
export function segmentsOf(name: string): string[] {
  const at = name.indexOf('/documents/');
  return at < 0 ? [] : name.slice(at + '/documents/'.length).split('/');
}

/** Document name size: each collection and document id as a string, plus 16 bytes. */
export function documentNameSize(name: string): number {
  return segmentsOf(name).reduce((n, s) => n + stringSize(s), 16);
}

function valueSize(v: ProtoValue): number {
  switch (v.value_type) {
    case 'string_value':
      return stringSize(v.string_value);
    case 'bytes_value':
      return v.bytes_value.length;
    case 'reference_value':
      return documentNameSize(v.reference_value);
    case 'array_value':
      return v.array_value.values.reduce((n, x) => n + valueSize(x), 0);
    case 'map_value':
      // "The same way as document size": its fields plus 32 bytes (the cautious reading).
      return fieldsSize(v.map_value.fields) + 32;
    case 'geo_point_value':
      return 16;
    case 'null_value':
    case 'boolean_value':
      return 1;
    default:
      // integer, double, timestamp
      return 8;
  }
}

function fieldsSize(fields: Map<string, ProtoValue>): number {
  let n = 0;
  for (const [key, value] of fields) n += stringSize(key) + valueSize(value);
  return n;
}

/** A document's size by Firestore's storage-size rules: name + fields + 32 bytes. */
export function documentSize(doc: ProtoDocument): number {
  return documentNameSize(doc.name) + fieldsSize(doc.fields) + 32;
}

/** Why an id is refused, or null: too long, `.` or `..`, or reserved (`__.*__`). */
export function idProblem(id: string): string | null {
  if (utf8(id) > firestoreLimits.idBytes) return `id longer than ${firestoreLimits.idBytes} bytes`;
  if (id === '.' || id === '..') return `id "${id}"`;
  if (/^__.*__$/.test(id)) return `reserved id "${id}"`;
  return null;
}

function fieldNameProblems(fields: Map<string, ProtoValue>): string[] {
  const out: string[] = [];
  for (const [key, value] of fields) {
    if (utf8(key) > firestoreLimits.idBytes) out.push(`field name longer than ${firestoreLimits.idBytes} bytes`);
    if (/^__.*__$/.test(key)) out.push(`reserved field name "${key}"`);
    if (value.value_type === 'map_value') out.push(...fieldNameProblems(value.map_value.fields));
  }
  return out;
}

function commitBreaches(request: ProtoRequest): { rule: string; detail: string }[] {
  const out: { rule: string; detail: string }[] = [];
  const bytes = request.serializeBinary().length;
  if (bytes > firestoreLimits.requestBytes) out.push({ rule: 'request size', detail: `${bytes} bytes > ${firestoreLimits.requestBytes}` });
  const writes = request.writes ?? [];
  if (writes.length > firestoreLimits.writesPerCommit) out.push({ rule: 'writes per commit', detail: `${writes.length} > ${firestoreLimits.writesPerCommit}` });
  for (const w of writes) {
    const name = w.has_update ? w.update.name : w.delete;
    for (const id of segmentsOf(name)) {
      const problem = idProblem(id);
      if (problem) out.push({ rule: 'document id', detail: `${problem} in ${segmentsOf(name).join('/')}` });
    }
    if (!w.has_update) continue;
    const size = documentSize(w.update);
    if (size > firestoreLimits.documentBytes) out.push({ rule: 'document size', detail: `${segmentsOf(name).join('/')}: ${size} bytes > ${firestoreLimits.documentBytes}` });
    for (const problem of fieldNameProblems(w.update.fields)) out.push({ rule: 'field name', detail: problem });
  }
  return out;
}

function readBreaches(request: ProtoRequest): { rule: string; detail: string }[] {
  const bytes = request.serializeBinary().length;
  return bytes > firestoreLimits.requestBytes ? [{ rule: 'request size', detail: `${bytes} bytes > ${firestoreLimits.requestBytes}` }] : [];
}

const INVALID_ARGUMENT = 3;
const refusal = (found: { rule: string; detail: string }[]) => {
  const message = `Firestore limit: ${found.map((b) => `${b.rule} (${b.detail})`).join('; ')}`;
  return Object.assign(new Error(message), { code: INVALID_ARGUMENT, details: message });
};

/**
 * Wraps the emulator's Commit and BatchGetDocuments handlers with the checks above, and records
 * its queries. Returns every breach seen and every request checked, for tests
 * that expect a breach or look at how the adapter splits its work.
 */
export function guardFirestoreLimits(grpcServer: unknown): { breaches: LimitBreach[]; requests: GuardedRequest[] } {
  const breaches: LimitBreach[] = [];
  const requests: GuardedRequest[] = [];
  // grpc-js refuses messages over 4 MiB before any handler sees them, and the SDK retries that
  // (RESOURCE_EXHAUSTED) without end; Firestore takes 10 MiB and refuses more. Let the guard answer.
  (grpcServer as { options: Record<string, unknown> }).options['grpc.max_receive_message_length'] = 4 * firestoreLimits.requestBytes;
  const readTimeOf = (r: ProtoRequest) => (r.has_read_time && r.read_time ? `${r.read_time.seconds}.${String(r.read_time.nanos).padStart(9, '0')}` : null);
  const wrap = (rpc: string, check: (r: ProtoRequest) => { rule: string; detail: string }[], streaming: boolean) =>
    wrapEmulatorHandler(grpcServer, rpc, (call, callback, original) => {
      const r = call.request;
      const paths = (r.writes ?? []).map((w) => segmentsOf(w.has_update ? w.update.name : w.delete).join('/'));
      requests.push({ rpc, bytes: r.serializeBinary().length, documents: (r.writes ?? r.documents ?? []).length, readTime: readTimeOf(r), paths });
      const found = check(r);
      if (found.length === 0) return original(call, callback);
      breaches.push(...found.map((b) => ({ rpc, ...b })));
      if (streaming) call.emit?.('error', refusal(found));
      else callback?.(refusal(found), null);
    });
  wrap('Commit', commitBreaches, false);
  wrap('BatchGetDocuments', readBreaches, true);
  // Queries break no limit the guard checks; they are recorded for when they read.
  wrap('RunQuery', () => [], true);
  wrap('RunAggregationQuery', () => [], true);
  return { breaches, requests };
}
