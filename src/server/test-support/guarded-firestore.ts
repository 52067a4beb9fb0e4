import { createRequire } from 'node:module';
import { FirestoreServer } from '@firestore-emulator/server';
import { meterFirestore, type BilledByCollection } from './firestore-billing.js';
import { recordIndexUse, type IndexUse } from './firestore-indexing.js';
import { guardFirestoreLimits, type GuardedRequest, type LimitBreach } from './firestore-limits.js';

/** A running in-memory Firestore emulator under the limits guard, with its recorders. */
export interface GuardedFirestore {
  /** host:port on loopback, for FIRESTORE_EMULATOR_HOST. */
  host: string;
  /** Every Firestore limit broken so far, and every Commit and BatchGetDocuments request (firestore-limits.ts). */
  guard: { breaches: LimitBreach[]; requests: GuardedRequest[] };
  /** The fields queries read and writes wrote (firestore-indexing.ts). */
  use: IndexUse;
  /** What Firestore would have billed so far (firestore-billing.ts). */
  billed: () => BilledByCollection;
  stop(): void;
}

/**
 * Starts @firestore-emulator/server on 127.0.0.1 under the limits guard, the index recorder and the
 * billing meter: for test files (firestore-emulator.ts) and benchmarks alike.
 */
export async function startGuardedFirestore(): Promise<GuardedFirestore> {
  const server = new FirestoreServer();
  // Its start() binds every interface: bind loopback only.
  const grpc = (server as unknown as { server: { bindAsync: (a: string, c: unknown, cb: (e: Error | null, port: number) => void) => void } }).server;
  const guard = guardFirestoreLimits(grpc);
  const use = recordIndexUse(grpc);
  const meter = meterFirestore(grpc);
  // The emulator's own copy of grpc-js, whose credentials its server accepts.
  const { ServerCredentials } = createRequire(createRequire(import.meta.url).resolve('@firestore-emulator/server'))('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const port = await new Promise<number>((resolve, reject) =>
    grpc.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
  );
  return { host: `127.0.0.1:${port}`, guard, use, billed: meter.billed, stop: () => server.stop() };
}
