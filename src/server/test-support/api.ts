import { createApp } from '../app.js';
import { buildAppDeps } from '../app-deps.js';
import type { JobRunner } from '../jobs/runner.js';
import type { SurveyStore } from '../store/port.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import { testAuth, TEST_PROJECT } from './staff.js';

export interface ApiOptions {
  bodyLimitBytes?: number;
  now?: () => Date;
  respondRateLimits?: { perMinute: number; badCodesPer10Minutes: number };
  trustedProxies?: number;
  /** Where jobs run (default: in this process, untracked). */
  jobs?: JobRunner;
}

/** The real Hono app over `store`, verifying real tokens from the Auth emulator. */
export function appOver(store: SurveyStore, options: ApiOptions = {}, log?: (line: string) => void) {
  const settings = {
    web: { apiKey: 'k', authDomain: 'd', projectId: TEST_PROJECT },
    authEmulatorHost: '127.0.0.1:1',
    bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024,
    respondRateLimits: options.respondRateLimits,
    trustedProxies: options.trustedProxies ?? 0,
  };
  return createApp(buildAppDeps({ store, auth: testAuth(), settings }, { log, now: options.now, jobs: options.jobs }));
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
