import { createRequire } from 'node:module';
import { FirestoreServer } from '@firestore-emulator/server';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { initializeFirestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll } from 'vitest';
import { FirestoreStore } from '../store/firestore/firestore-store.js';
import { meterFirestore, type BilledByCollection } from './firestore-billing.js';
import { recordIndexUse, type IndexUse } from './firestore-indexing.js';
import { guardFirestoreLimits, type GuardedRequest, type LimitBreach } from './firestore-limits.js';

process.env.METADATA_SERVER_DETECTION = 'none';

/** The official emulator when FIRESTORE_EMULATOR_HOST is set; otherwise @firestore-emulator/server in memory. */
export const officialEmulator = process.env.FIRESTORE_EMULATOR_HOST ?? null;

let guard: { breaches: LimitBreach[]; requests: GuardedRequest[] } = { breaches: [], requests: [] };
/** Every Firestore limit the adapter broke in this test file so far (see firestore-limits.ts). */
export const limitBreaches = (): readonly LimitBreach[] => guard.breaches;
/** Every Commit and BatchGetDocuments request of this test file so far, in order. */
export const guardedRequests = (): readonly GuardedRequest[] => guard.requests;
let use: IndexUse = { written: new Map(), queried: new Map() };
/** The fields this test file's queries read and its writes wrote, by collection (see firestore-indexing.ts). */
export const indexUse = (): IndexUse => use;
let meter: { billed: () => BilledByCollection } = { billed: () => new Map() };
/** What Firestore would have billed for this test file's requests so far, by collection (see firestore-billing.ts). */
export const billed = (): BilledByCollection => meter.billed();

/**
 * Starts @firestore-emulator/server on loopback for this test file (unless the official emulator
 * is configured), under the limits guard, and deletes every app made by `firestoreStore` afterwards.
 */
export function useFirestoreEmulator(onStart?: () => void): void {
  let server: FirestoreServer | null = null;
  beforeAll(async () => {
    if (officialEmulator) return;
    onStart?.();
    server = new FirestoreServer();
    // Its start() binds every interface: bind loopback only.
    const grpc = (server as unknown as { server: { bindAsync: (a: string, c: unknown, cb: (e: Error | null, port: number) => void) => void } }).server;
    guard = guardFirestoreLimits(grpc);
    use = recordIndexUse(grpc);
    meter = meterFirestore(grpc);
    // The emulator's own copy of grpc-js, whose credentials its server accepts.
    const { ServerCredentials } = createRequire(createRequire(import.meta.url).resolve('@firestore-emulator/server'))('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
    const port = await new Promise<number>((resolve, reject) =>
      grpc.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
    );
    // The client then talks plain gRPC without credentials, as to any emulator.
    process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => deleteApp(a).catch(() => undefined)));
    server?.stop();
  });
}

const apps: App[] = [];

export function firestoreStore(projectId: string, options: ConstructorParameters<typeof FirestoreStore>[1] = {}): FirestoreStore {
  const app = initializeApp({ projectId }, `${projectId}-${apps.length}-${Math.random().toString(36).slice(2)}`);
  apps.push(app);
  return new FirestoreStore(initializeFirestore(app, { preferRest: false }), options);
}
