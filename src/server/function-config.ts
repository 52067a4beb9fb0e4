/** The Cloud Function's options and environment (see functions.ts, the entry). */
import type { HttpsOptions } from 'firebase-functions/v2/https';
import type { TaskQueueOptions } from 'firebase-functions/v2/tasks';
import { z } from 'zod';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { loadStoreConfig, type StoreConfig } from './store/open.js';

/** Jakarta: next to the Firestore database and the people who answer. */
export const defaultRegion = 'asia-southeast2';

/**
 * Read when the module loads (deploy and emulator read the function's options from it), so it
 * comes from `functions-dist/.env`, written by the build. Firebase Hosting's rewrite in
 * firebase.json names the region too: change both together.
 */
export function functionRegion(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = z
    .string()
    .regex(/^[a-z]+-[a-z]+\d+$/, 'API_REGION must be a Cloud Functions region such as asia-southeast2')
    .default(defaultRegion)
    .safeParse(env.API_REGION || undefined);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

/** Instances of the respondent function kept warm (`RESPOND_MIN_INSTANCES`, 0–100): raise it while a wave runs. */
export function respondMinInstances(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = z.coerce.number().int().min(0).max(100).default(0).safeParse(env.RESPOND_MIN_INSTANCES || undefined);
  if (!parsed.success) throw new ConfigError('RESPOND_MIN_INSTANCES must be a whole number from 0 to 100');
  return parsed.data;
}

/**
 * Staff operations (`api`): few callers, some heavy reads (coverage, results, exports) and the
 * roster upload. Starting points, not measurements. Long work runs as jobs on `runJob`.
 */
export const staffFunctionOptions: HttpsOptions = {
  region: functionRegion(),
  memory: '1GiB',
  cpu: 1,
  concurrency: 80,
  timeoutSeconds: 300,
  maxInstances: 10,
  invoker: 'public',
};

/**
 * The respondent path (`respond`, Hosting's `/api/respond/**`): millions of phones opening a link
 * and sending small sealed answers, a few milliseconds of CPU each. Sized apart from staff work, so
 * a heavy export never slows a submission and a wave's peak can scale out to 100 instances.
 */
export const respondFunctionOptions: HttpsOptions = {
  region: functionRegion(),
  memory: '512MiB',
  cpu: 1,
  concurrency: 80,
  timeoutSeconds: 60,
  minInstances: respondMinInstances(),
  maxInstances: 100,
  invoker: 'public',
};

/**
 * The jobs function (`runJob`): long work started by the API (a launch writes up to millions of
 * documents under the 500/50/5 ramp), on its own instances with more memory and 30 minutes. A task
 * is tried again after a crash; the job resumes its own claim (the launch id is the job id). Few at
 * once: each one writes as fast as the ramp allows.
 */
export const jobFunctionOptions: TaskQueueOptions = {
  region: functionRegion(),
  memory: '2GiB',
  cpu: 1,
  concurrency: 1,
  timeoutSeconds: 1800,
  maxInstances: 10,
  retryConfig: { maxAttempts: 3, minBackoffSeconds: 60 },
  rateLimits: { maxConcurrentDispatches: 10 },
};

/**
 * Cloud Functions names the project in GCLOUD_PROJECT / FIREBASE_CONFIG, and reserves every
 * FIREBASE_* variable, so the web sign-in config arrives as WEB_API_KEY and WEB_AUTH_DOMAIN.
 */
export function loadFunctionConfig(env: NodeJS.ProcessEnv = process.env): { server: ServerConfig; store: StoreConfig } {
  let projectId = env.GCLOUD_PROJECT || env.FIREBASE_PROJECT_ID;
  if (!projectId && env.FIREBASE_CONFIG) {
    try {
      projectId = (JSON.parse(env.FIREBASE_CONFIG) as { projectId?: string }).projectId;
    } catch {
      // Not JSON: the check below reports the missing project.
    }
  }
  if (!projectId) throw new ConfigError('No project id: GCLOUD_PROJECT is not set / GCLOUD_PROJECT tidak ada');
  const server = loadConfig({
    FIREBASE_PROJECT_ID: projectId,
    FIREBASE_API_KEY: env.WEB_API_KEY || undefined,
    FIREBASE_AUTH_DOMAIN: env.WEB_AUTH_DOMAIN || undefined,
    FIREBASE_AUTH_EMULATOR_HOST: env.FIREBASE_AUTH_EMULATOR_HOST || undefined,
    BODY_LIMIT_BYTES: env.BODY_LIMIT_BYTES,
    RATE_LIMIT_PER_MINUTE: env.RATE_LIMIT_PER_MINUTE,
    RATE_LIMIT_BAD_CODES: env.RATE_LIMIT_BAD_CODES,
    // Behind Hosting: its CDN, then Google's front end, each append the address they received from.
    TRUSTED_PROXIES: env.TRUSTED_PROXIES || '2',
  });
  return { server, store: loadStoreConfig(projectId, env) };
}
