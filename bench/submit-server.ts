/**
 * Child process of submit-load.ts: a real server with one launched wave; writes its tickets to argv[2].
 * BENCH_PROFILE=file.cpuprofile records a CPU profile of the load phase only.
 * BENCH_DIST_DIR=folder also serves a built SPA from it (lighthouse.ts); by default the API only.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../src/server/config.js';
import { startNodeServer } from '../src/server/node.js';
import type { SqliteStore } from '../src/server/store/sqlite/sqlite-store.js';
import { launchedWave } from './launched-wave.js';

const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_BAD_CODES: '100000000' });
const server = await startNodeServer(config, { distDir: process.env.BENCH_DIST_DIR ?? 'no-spa' });
const { tickets } = await launchedWave(server.store as SqliteStore, Number(process.env.BENCH_RATERS ?? 3000));
writeFileSync(process.argv[2]!, JSON.stringify(tickets));
const session = process.env.BENCH_PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
console.log(`READY ${server.url}`);
process.on('SIGTERM', async () => {
  if (session) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await session.post('Profiler.stop')).profile));
  await server.close();
  process.exit(0);
});
