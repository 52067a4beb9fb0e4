import { jobSchema, type Job } from '../../contract/jobs.js';
import { ApiRequestError, apiRequest } from './api-client.js';

/* Long work started by an operation that answers 202: followed here until it ends. */

/** How often a running job is asked about. */
const POLL_MS = 1_000;

/**
 * Polls the job until it ends; `onProgress` gets the share done (0–1) whenever it is known. A job
 * that failed throws its error as an ApiRequestError, as if the operation itself had refused.
 */
export async function followJob(job: Job, token: () => Promise<string>, onProgress: (share: number) => void): Promise<Job> {
  let current = job;
  for (;;) {
    if (current.progress.total > 0) onProgress(current.progress.done / current.progress.total);
    if (current.status === 'succeeded') return current;
    if (current.status === 'failed') {
      const error = current.error ?? { code: 'internal', messages: { id: 'Pekerjaan gagal.', en: 'The job failed.' } };
      throw new ApiRequestError(409, error.code, error.messages);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await apiRequest(`/api/jobs/${encodeURIComponent(job.id)}`, { token: await token(), schema: jobSchema });
  }
}
