import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `moduleUrl` (a module that checks `workerData.role` to act as a worker) on a thread of
 * its own. Run from TypeScript sources (tests, npm start), the worker first registers the same
 * loader: a worker's entry module is loaded before any --import hook of its own would apply.
 */
export function startModuleWorker(moduleUrl: string, workerData: Record<string, unknown>, options: Pick<WorkerOptions, 'resourceLimits'> = {}): Worker {
  const url = new URL(moduleUrl);
  return url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { workerData, eval: true, ...options })
    : new Worker(url, { workerData, ...options });
}
