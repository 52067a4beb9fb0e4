import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { initializeFirestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll } from 'vitest';
import { FirestoreStore } from '../store/firestore/firestore-store.js';
import type { BilledByCollection } from './firestore-billing.js';
import type { IndexUse } from './firestore-indexing.js';
import type { GuardedRequest, LimitBreach } from './firestore-limits.js';
import { startGuardedFirestore, type GuardedFirestore } from './guarded-firestore.js';

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
  let running: GuardedFirestore | null = null;
  beforeAll(async () => {
    if (officialEmulator) return;
    onStart?.();
    running = await startGuardedFirestore();
    ({ guard, use } = running);
    meter = { billed: running.billed };
    // The client then talks plain gRPC without credentials, as to any emulator.
    process.env.FIRESTORE_EMULATOR_HOST = running.host;
  });
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => deleteApp(a).catch(() => undefined)));
    running?.stop();
  });
}

const apps: App[] = [];

export function firestoreStore(projectId: string, options: ConstructorParameters<typeof FirestoreStore>[1] = {}): FirestoreStore {
  const app = initializeApp({ projectId }, `${projectId}-${apps.length}-${Math.random().toString(36).slice(2)}`);
  apps.push(app);
  return new FirestoreStore(initializeFirestore(app, { preferRest: false }), options);
}
