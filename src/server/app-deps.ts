import type { Auth } from 'firebase-admin/auth';
import type { AppDeps } from './app-types.js';
import { firebaseTokenVerifier } from './auth.js';
import type { ServerConfig } from './config.js';
import { inProcessJobs } from './jobs/runner.js';
import { firebaseDirectory } from './sealing/directory.js';

/** What every host (the Node server, Cloud Functions, the tests) takes from its configuration. */
export type AppSettings = Pick<ServerConfig, 'web' | 'authEmulatorHost' | 'bodyLimitBytes' | 'trustedProxies'> & Partial<Pick<ServerConfig, 'respondRateLimits'>>;

/**
 * The app's dependencies, wired the same way for every host: tokens verified and trustees looked
 * up through one Firebase Auth, settings from the host's configuration; what differs (worker
 * pools, a log, a clock, where jobs run: in this process unless told) comes in `extra`.
 */
export function buildAppDeps(
  input: { store: AppDeps['store']; auth: Auth; settings: AppSettings },
  extra: Partial<Pick<AppDeps, 'jobs'>> & Pick<AppDeps, 'pads' | 'shareChecks' | 'log' | 'now'> = {},
): AppDeps {
  const { store, auth, settings } = input;
  return {
    store,
    verifier: firebaseTokenVerifier(auth),
    directory: firebaseDirectory(auth),
    web: settings.web,
    authEmulatorHost: settings.authEmulatorHost,
    bodyLimitBytes: settings.bodyLimitBytes,
    respondRateLimits: settings.respondRateLimits,
    trustedProxies: settings.trustedProxies,
    ...extra,
    jobs: extra.jobs ?? inProcessJobs(),
  };
}
