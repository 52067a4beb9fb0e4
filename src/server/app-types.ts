import type { OpenAPIHono } from '@hono/zod-openapi';
import type { StaffVariables, TokenVerifier } from './auth.js';
import type { JobRunner } from './jobs/runner.js';
import type { StaffDirectory } from './sealing/directory.js';
import type { PadPool } from './sealing/pad-pool.js';
import type { ShareChecks } from './sealing/share-checks.js';
import type { SurveyStore } from './store/port.js';

/* The app's types, apart from the code that assembles it: route modules import these, never app.ts. */

export interface RespondRateLimits {
  /** Requests per client address per minute, all respondent endpoints together. */
  perMinute: number;
  /** Unknown or malformed codes per client address per 10 minutes: guessing codes is pointless and slow. */
  badCodesPer10Minutes: number;
}

export interface AppDeps {
  store: SurveyStore;
  verifier: TokenVerifier;
  /** Looks staff accounts up by e-mail (naming a ceremony's trustees). */
  directory: StaffDirectory;
  /** Sealing pads made ahead of time; without it each submission makes its own. */
  pads?: PadPool;
  /** Where trustees' decryption shares are checked and combined; inline without it. */
  shareChecks?: ShareChecks;
  /** Where long work (jobs) runs: in this process, or a task queue on Firebase. */
  jobs: JobRunner;
  web: { apiKey: string; authDomain: string; projectId: string };
  authEmulatorHost: string | null;
  bodyLimitBytes: number;
  uploadLimitBytes?: number;
  respondRateLimits?: RespondRateLimits;
  /** Proxies in front whose X-Forwarded-For entries count for rate limits (default 0: none). */
  trustedProxies?: number;
  /** Receives one line per request: method, route pattern (never the raw path), status, time. */
  log?: (line: string) => void;
  now?: () => Date;
}

export type ApiEnv = { Variables: StaffVariables };
export type Api = OpenAPIHono<ApiEnv>;
