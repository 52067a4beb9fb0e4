import { createRoute } from '@hono/zod-openapi';
import type { Api, AppDeps } from '../app-types.js';
import { jsonResponse } from './kit.js';
import { errorResponses } from '../api-error.js';
import { clientConfigSchema, healthSchema } from '../../contract/system.js';

export function registerSystemRoutes(app: Api, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      tags: ['system'],
      summary: 'Liveness and store reachability',
      responses: {
        200: jsonResponse('Healthy', healthSchema),
        ...errorResponses(500),
      },
    }),
    async (c) => {
      await deps.store.ping();
      return c.json({ status: 'ok' as const, store: deps.store.engine, time: (deps.now?.() ?? new Date()).toISOString() }, 200);
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
