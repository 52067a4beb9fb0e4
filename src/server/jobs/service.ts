import { randomUUID } from 'node:crypto';
import { jobSchema, type Job } from '../../contract/jobs.js';
import { apiErrors } from '../../domain/errors.js';
import { ApiError } from '../api-error.js';
import type { AppDeps } from '../app-types.js';
import { assertAgency, type Staff } from '../auth.js';
import type { StoredJob, SurveyStore } from '../store/port.js';
import { jobWorks } from './kinds.js';
import type { Progress } from './work.js';

/* A job's life: created by a route, run by its runner (runner.ts), read by the page that polls it. */

/** How often a running job's progress is saved at most: a Firestore document takes about one write a second. */
const PROGRESS_EVERY_MS = 1_000;

/** What the API shows of a job: never its input or who started it. */
export function jobView(job: StoredJob): Job {
  return jobSchema.parse(job);
}

/** Saves a new job, and the file it works on if any, and dispatches it; answers what the route returns with 202. */
export async function startJob(
  deps: Pick<AppDeps, 'store' | 'jobs'>,
  staff: Staff,
  job: Pick<StoredJob, 'kind' | 'agencyId' | 'waveId' | 'input'>,
  now: Date,
  file?: Uint8Array,
): Promise<{ job: Job }> {
  const at = now.toISOString();
  const stored = { ...job, id: randomUUID(), status: 'running', progress: { done: 0, total: 0 }, result: null, error: null, createdAt: at, updatedAt: at, actor: staff } as StoredJob;
  if (file) await deps.store.saveJobFile(stored.id, file);
  await deps.store.saveJob(stored);
  await deps.jobs.dispatch(stored.id, (id) => executeJob(deps, id));
  return { job: jobView(stored) };
}

/** One job, for staff who reach its agency. */
export async function jobFor(store: SurveyStore, staff: Staff, jobId: string): Promise<Job> {
  const job = await store.getJob(jobId);
  if (!job) throw new ApiError('job_not_found');
  assertAgency(staff, job.agencyId);
  return jobView(job);
}

/**
 * Runs a job to its end and records the outcome on it. A job that has ended is left alone, so a
 * task delivered twice does no work twice; a refusal (ApiError) is the job's error, in the caller's
 * words; anything else is recorded as `internal`, with nothing of it in the job.
 */
export async function executeJob(deps: Pick<AppDeps, 'store' | 'now'>, jobId: string): Promise<void> {
  const now = () => deps.now?.() ?? new Date();
  const job = await deps.store.getJob(jobId);
  if (!job || job.status !== 'running') return;
  const work = jobWorks[job.kind];
  let current = job;
  let savedAt = 0;
  let saving: Promise<void> = Promise.resolve();
  // Saves in order; a progress save that failed never stops the ones after it (the outcome above all).
  const save = (next: StoredJob) => {
    current = next;
    saving = saving.catch(() => undefined).then(() => deps.store.saveJob(next));
    return saving;
  };
  const progress: Progress = (done, total) => {
    const at = Date.now();
    if (at - savedAt < PROGRESS_EVERY_MS) {
      current = { ...current, progress: { done, total } };
      return;
    }
    savedAt = at;
    void save({ ...current, progress: { done, total }, updatedAt: now().toISOString() }).catch(() => undefined);
  };
  try {
    const result = await work(deps.store, job, progress, now);
    await save({ ...current, status: 'succeeded', result, updatedAt: now().toISOString() } as StoredJob);
  } catch (error) {
    const code = error instanceof ApiError ? error.code : 'internal';
    if (!(error instanceof ApiError)) console.error(`job ${job.kind}: failed (${error instanceof Error ? error.name : 'error'})`);
    await save({ ...current, status: 'failed', error: { code, message: apiErrors[code].message.id, messages: apiErrors[code].message }, updatedAt: now().toISOString() });
  }
}
