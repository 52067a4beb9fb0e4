import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { ZodError } from 'zod';
import { ApiError, errorResponse, errorResponses, preferredLanguage, zodIssues } from './api-error.js';
import type { Api, ApiEnv, AppDeps } from './app-types.js';
import { jsonContentType, nodeJsonBody } from './node-body.js';
import { registerAgencyRoutes } from './routes/agencies.js';
import { registerCeremonyRoutes } from './routes/ceremonies.js';
import { registerOpeningRoutes } from './routes/opening.js';
import { OpeningService } from './sealing/opening-service.js';
import { registerCoverageRoutes } from './routes/coverage.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerResultsRoutes } from './routes/results.js';
import { registerRespondRoutes } from './routes/respond.js';
import { registerRosterRoutes } from './routes/roster.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerWaveRoutes } from './routes/waves.js';



const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether every key and string of a JSON text is well-formed Unicode (true for malformed JSON: its own error comes later). */
function wellFormedJson(text: string): boolean {
  try {
    let ok = true;
    JSON.parse(text, (key: string, value: unknown) => {
      if (loneSurrogate.test(key) || (typeof value === 'string' && loneSurrogate.test(value))) ok = false;
      return value;
    });
    return ok;
  } catch {
    return true;
  }
}

export type { Api, ApiEnv, AppDeps } from './app-types.js';

export function createApp(deps: AppDeps): Api {
  const app: Api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, 'invalid_request', zodIssues(result.error, preferredLanguage(c)));
    },
  });

  app.use('/api/*', secureHeaders());
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    // On the response's own headers: c.header() after the response exists rebuilds it, body stream and all.
    c.res.headers.set('Cache-Control', 'no-store');
    // routePath is the pattern ("/api/agencies/:agencyId"), so nothing a client sends is logged.
    deps.log?.(`${c.req.method} ${c.req.routePath} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });
  // Every operation but the roster upload takes JSON: a body of any other type is refused (415)
  // before a handler reads it. A request with no body and no type goes on to its validator.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || c.req.path.endsWith('/roster')) return next();
    const type = c.req.header('content-type');
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
    if ((hasBody || type !== undefined) && !jsonContentType.test(type ?? '')) return errorResponse(c, 'unsupported_media_type');
    return next();
  });
  const tooLarge = (c: Context) => errorResponse(c, 'payload_too_large');
  const jsonLimit = nodeJsonBody({ maxSize: deps.bodyLimitBytes, onError: tooLarge, fallback: bodyLimit({ maxSize: deps.bodyLimitBytes, onError: tooLarge }) });
  // Roster files are the one upload: 100,000 rows of CSV fit in 32 MB.
  const uploadLimit = bodyLimit({ maxSize: deps.uploadLimitBytes ?? 32 * 1024 * 1024, onError: tooLarge });
  app.use('/api/*', (c, next) => (c.req.path.endsWith('/roster') ? uploadLimit : jsonLimit)(c, next));
  // A JSON string may escape half of a surrogate pair ("a\ud800b"), which no store can keep as
  // text: refused before anything reads it. Bytes that are not UTF-8 already decode to U+FFFD.
  app.use('/api/*', async (c, next) => {
    if (!jsonContentType.test(c.req.header('content-type') ?? '')) return next();
    const text = await c.req.text();
    if (/\\u[dD][89a-fA-F]/.test(text) && !wellFormedJson(text)) return errorResponse(c, 'invalid_text');
    return next();
  });

  registerSystemRoutes(app, deps);
  registerAgencyRoutes(app, deps);
  registerRosterRoutes(app, deps);
  registerWaveRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerRespondRoutes(app, deps);
  registerCoverageRoutes(app, deps);
  const opening = new OpeningService(deps.store, deps.shareChecks);
  registerCeremonyRoutes(app, deps);
  registerOpeningRoutes(app, deps, opening);
  registerResultsRoutes(app, deps, opening);

  app.openAPIRegistry.registerComponent('securitySchemes', 'firebaseIdToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Firebase Auth ID token of a staff member (claims: role, agencies).',
  });
  // The 415 middleware above answers for every operation that takes JSON: each says so.
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route' || !definition.route.request?.body?.content['application/json']) continue;
    definition.route.responses[415] ??= errorResponses(415)[415]!;
  }
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'BerAKHLAK 360 API',
      version: '1.0.0',
      description: 'Anonymous 360° survey of the BerAKHLAK core values. Errors: { error: { code, message, messages: { id, en } } }.',
    },
  });

  app.notFound((c) => errorResponse(c, 'not_found'));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.code, err.issues, err.extra);
    if (err instanceof ZodError) return errorResponse(c, 'invalid_request', zodIssues(err, preferredLanguage(c)));
    if (err instanceof HTTPException) {
      if (err.status === 400 && /json/i.test(err.message)) return errorResponse(c, 'malformed_json');
      if (err.status === 413) return errorResponse(c, 'payload_too_large');
      if (err.status === 400) return errorResponse(c, 'invalid_request');
    }
    console.error('unhandled error', c.req.method, c.req.routePath, err);
    return errorResponse(c, 'internal');
  });
  return app;
}
