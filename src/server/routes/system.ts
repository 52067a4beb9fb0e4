import { createRoute } from '@hono/zod-openapi';
import type { Api, AppDeps } from '../app-types.js';
import { jsonResponse } from './kit.js';
import { errorResponses } from '../api-error.js';
import { clientConfigSchema, healthSchema } from '../../contract/system.js';

/** How long one reading of the store answers health checks: the route is public, so its reads are bounded. */
export const storeCheckMs = 30_000;

export function registerSystemRoutes(app: Api, deps: AppDeps): void {
  const now = () => deps.now?.() ?? new Date();
  // One store reading per process per storeCheckMs, however often anyone polls; a failed one is not kept.
  let lastCheck: { at: Date; reached: Promise<void> } | null = null;
  const checkStore = () => {
    const at = now();
    if (!lastCheck || at.getTime() - lastCheck.at.getTime() >= storeCheckMs) {
      const check = { at, reached: deps.store.ping() };
      check.reached.catch(() => {
        if (lastCheck === check) lastCheck = null;
      });
      lastCheck = check;
    }
    return lastCheck;
  };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      tags: ['system'],
      summary: 'Liveness and store reachability',
      description: `The store is read at most once every ${storeCheckMs / 1000} s per server process; storeReachedAt says when.`,
      responses: {
        200: jsonResponse('Healthy', healthSchema),
        ...errorResponses(500),
      },
    }),
    async (c) => {
      const check = checkStore();
      await check.reached;
      return c.json({ status: 'ok' as const, store: deps.store.engine, storeReachedAt: check.at.toISOString(), time: now().toISOString() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/config',
      operationId: 'getClientConfig',
      tags: ['system'],
      summary: 'Public Firebase web configuration for staff sign-in',
      responses: { 200: jsonResponse('Client configuration', clientConfigSchema) },
    }),
    (c) =>
      c.json(
        { firebase: deps.web, authEmulatorUrl: deps.authEmulatorHost ? `http://${deps.authEmulatorHost}` : null },
        200,
      ),
  );
}
