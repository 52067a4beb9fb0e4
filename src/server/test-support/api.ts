import { createApp } from '../app.js';
import { firebaseTokenVerifier } from '../auth.js';
import { firebaseDirectory } from '../sealing/directory.js';
import type { SurveyStore } from '../store/port.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import { testAuth, TEST_PROJECT } from './staff.js';

export interface ApiOptions {
  bodyLimitBytes?: number;
  now?: () => Date;
  respondRateLimits?: { perMinute: number; badCodesPer10Minutes: number };
  trustedProxies?: number;
}

/** The real Hono app over `store`, verifying real tokens from the Auth emulator. */
export function appOver(store: SurveyStore, options: ApiOptions = {}, log?: (line: string) => void) {
  return createApp({
    store,
    verifier: firebaseTokenVerifier(testAuth()),
    directory: firebaseDirectory(testAuth()),
    web: { apiKey: 'k', authDomain: 'd', projectId: TEST_PROJECT },
    authEmulatorHost: '127.0.0.1:1',
    bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024,
    log,
    now: options.now,
    respondRateLimits: options.respondRateLimits,
    trustedProxies: options.trustedProxies,
  });
}

/** The real Hono app over a throwaway SQLite store. */
export function makeApi(options: ApiOptions & { file?: string } = {}) {
  const store: SqliteStore = openSqliteStore(options.file ?? ':memory:');
  const lines: string[] = [];
  const app = appOver(store, options, (l) => lines.push(l));
  return { app, store, lines };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const jsonHeaders = (token: string) => ({ ...bearer(token), 'content-type': 'application/json' });

export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
