import { jobSchema, jobStartedSchema, type Job } from '../../contract/jobs.js';
import type { LaunchResult } from '../../contract/waves.js';

/** A staff caller of the API, as each test builds one. */
type Call = (method: string, path: string, payload?: unknown) => Response | Promise<Response>;

/** Waits for a started job (the 202 answer) to end, polling `getJob`; answers the ended job. */
export async function jobOutcome(call: Call, started: Response, timeoutMs = 60_000): Promise<Job> {
  if (started.status !== 202) throw new Error(`expected a started job (202), got ${started.status}: ${await started.text()}`);
  const { job } = jobStartedSchema.parse(await started.json());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call('GET', `/api/jobs/${job.id}`);
    if (res.status !== 200) throw new Error(`getJob answered ${res.status}: ${await res.text()}`);
    const now = jobSchema.parse(await res.json());
    if (now.status !== 'running') return now;
    if (Date.now() > deadline) throw new Error(`job ${job.kind} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Launches through the API and answers the launch job's result; a failed job throws its error code. */
export async function launchThroughApi(call: Call, waveId: string, planHash: string): Promise<LaunchResult> {
  const job = await jobOutcome(call, await call('POST', `/api/waves/${waveId}/launch`, { planHash }));
  if (job.status !== 'succeeded' || job.kind !== 'wave.launch' || !job.result) throw new Error(`launch job ${job.status}: ${job.error?.code ?? 'no result'}`);
  return job.result;
}
