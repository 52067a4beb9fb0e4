/**
 * The Cloud Functions (2nd gen) entry: `respond` and `api`, the same Hono app as `npm start`,
 * behind Firebase Hosting's `/api/respond/**` and `/api/**` rewrites (sized apart: respondents
 * and staff), and `runJob`, the task-queue function where jobs run.
 * `scripts/build-functions.ts` bundles this file into `functions-dist/`.
 *
 * Nothing is opened at module load: `firebase deploy` loads this module on the operator's machine
 * only to read the function's options, so the environment is checked and the store opened on the
 * first request of each instance.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { getFunctions } from 'firebase-admin/functions';
import { onRequest, type Request } from 'firebase-functions/v2/https';
import type * as express from 'express';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { z } from 'zod';
import { apiErrors } from '../domain/errors.js';
import { createApp } from './app.js';
import { buildAppDeps } from './app-deps.js';
import { ConfigError } from './config.js';
import type { AppDeps } from './app-types.js';
import { firebaseAppFor, firebaseAuthFor } from './firebase.js';
import { jobFunctionOptions, loadFunctionConfig, respondFunctionOptions, staffFunctionOptions } from './function-config.js';
import type { JobRunner } from './jobs/runner.js';
import { executeJob } from './jobs/service.js';
import { openStore } from './store/open.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

/** The task queue of `runJob`: a job dispatched by the API runs on a jobs instance, not in the request's. */
const taskQueueJobs = (projectId: string): JobRunner => ({
  async dispatch(jobId) {
    await getFunctions(firebaseAppFor(projectId)).taskQueue(`locations/${jobFunctionOptions.region as string}/functions/runJob`).enqueue({ jobId });
  },
});

/** One instance's dependencies, made on its first request or task. */
async function createDeps(): Promise<AppDeps> {
  const config = loadFunctionConfig();
  const store = await openStore(config.store);
  const auth = firebaseAuthFor(config.server.projectId, config.server.authEmulatorHost);
  return buildAppDeps({ store, auth, settings: config.server }, { jobs: taskQueueJobs(config.server.projectId) });
}

let deps: Promise<AppDeps> | undefined;
const instanceDeps = () =>
  (deps ??= createDeps().catch((err: unknown) => {
    deps = undefined;
    throw err;
  }));

async function createListener(): Promise<Listener> {
  const app = createApp(await instanceDeps());
  // The platform has already read the body into req.rawBody (node-body.ts and @hono/node-server
  // use it), so there is nothing left on the socket to drain after a response.
  return getRequestListener(app.fetch, { autoCleanupIncoming: false });
}

let listener: Promise<Listener> | undefined;

/** Both HTTP functions run the same app; Hosting sends respondents to `respond` and staff to `api`. */
const serve = async (req: Request, res: express.Response) => {
  listener ??= createListener().catch((err: unknown) => {
    listener = undefined;
    throw err;
  });
  let handle: Listener;
  try {
    handle = await listener;
  } catch (err) {
    console.error('api: cannot start', err instanceof ConfigError ? err.message : err);
    const { status, message } = apiErrors.internal;
    res.status(status).set('Cache-Control', 'no-store').json({ error: { code: 'internal', message: message.id, messages: message } });
    return;
  }
  await handle(req, res);
};

export const api = onRequest(staffFunctionOptions, serve);
export const respond = onRequest(respondFunctionOptions, serve);

/** Runs one job to its end (jobs/service.ts records the outcome on the job, never in the log). */
export const runJob = onTaskDispatched(jobFunctionOptions, async (req) => {
  const { jobId } = z.object({ jobId: z.string().min(1).max(100) }).parse(req.data);
  await executeJob(await instanceDeps(), jobId);
});
