import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { createApp } from './app.js';
import { buildAppDeps } from './app-deps.js';
import { PadPool } from './sealing/pad-pool.js';
import { WorkerShareChecks } from './sealing/share-checks.js';
import { pageHeaders } from './page-headers.js';
import type { ServerConfig } from './config.js';
import { firebaseAuthFor } from './firebase.js';
import { openStore } from './store/open.js';
import type { SurveyStore } from './store/port.js';

export interface RunningServer {
  url: string;
  store: SurveyStore;
  close(): Promise<void>;
}

/** The API plus the built SPA on one port, backed by SQLite in the data folder. */
export async function startNodeServer(
  config: ServerConfig,
  options: { distDir?: string; log?: (line: string) => void } = {},
): Promise<RunningServer> {
  const store = await openStore({ engine: 'sqlite', file: join(config.dataDir, 'survey.db') });
  const auth = firebaseAuthFor(config.projectId, config.authEmulatorHost);
  // Sealing pads made on a thread of their own while requests wait for the disk.
  const pads = new PadPool();
  // Trustees' shares checked on worker threads: a chunk is a fifth of a second of work or more.
  const shareChecks = new WorkerShareChecks();
  const app = createApp(buildAppDeps({ store, auth, settings: config }, { pads, shareChecks, log: options.log }));

  const distDir = resolve(options.distDir ?? 'dist');
  if (existsSync(join(distDir, 'index.html'))) {
    const headers = pageHeaders(config.authEmulatorHost);
    app.use('*', async (c, next) => {
      await next();
      if (c.req.path.startsWith('/api/')) return;
      for (const [key, value] of Object.entries(headers)) c.res.headers.set(key, value);
    });
    const indexHtml = await readFile(join(distDir, 'index.html'), 'utf8');
    const respondHtml = existsSync(join(distDir, 'respond.html')) ? await readFile(join(distDir, 'respond.html'), 'utf8') : null;
    // The respondent page is its own, lighter build.
    if (respondHtml) {
      app.get('/r', (c) => {
        c.header('Cache-Control', 'no-cache');
        return c.html(respondHtml);
      });
    }
    // Phones on slow data: scripts and styles travel gzipped (a third of their size).
    app.use('/assets/*', compress());
    // Hashed file names never change content, so they can be cached for a year.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: distDir }));
    app.get('*', (c) => {
      if (c.req.path.startsWith('/api/')) return c.notFound();
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml);
    });
  }

  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ready(s));
  });
  return {
    url: `http://${config.host}:${config.port}`,
    store,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          void Promise.all([store.close(), pads.close(), shareChecks.close()]).then(() => done());
        });
        // Keep-alive sockets would hold close() open; nothing in flight matters after a stop signal.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
