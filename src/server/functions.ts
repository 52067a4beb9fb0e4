/**
 * The Cloud Functions (2nd gen) entry: the same Hono app as `npm start`, behind Firebase Hosting's
 * `/api/**` rewrite. `scripts/build-functions.ts` bundles this file into `functions-dist/`.
 *
 * Nothing is opened at module load: `firebase deploy` loads this module on the operator's machine
 * only to read the function's options, so the environment is checked and the store opened on the
 * first request of each instance.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { onRequest } from 'firebase-functions/v2/https';
import { apiErrors } from '../domain/errors.js';
import { createApp } from './app.js';
import { buildAppDeps } from './app-deps.js';
import { ConfigError } from './config.js';
import { firebaseAuthFor } from './firebase.js';
import { functionOptions, loadFunctionConfig } from './function-config.js';
import { openStore } from './store/open.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

async function createListener(): Promise<Listener> {
  const config = loadFunctionConfig();
  const store = await openStore(config.store);
  const auth = firebaseAuthFor(config.server.projectId, config.server.authEmulatorHost);
  const app = createApp(buildAppDeps({ store, auth, settings: config.server }));
  // The platform has already read the body into req.rawBody (node-body.ts and @hono/node-server
  // use it), so there is nothing left on the socket to drain after a response.
  return getRequestListener(app.fetch, { autoCleanupIncoming: false });
}

let listener: Promise<Listener> | undefined;

export const api = onRequest(functionOptions, async (req, res) => {
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
});
