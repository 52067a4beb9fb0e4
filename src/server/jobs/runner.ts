/*
 * Where a job's work runs. The route saves the job and dispatches it; the runner starts
 * `executeJob` apart from the request: in this process on the Node server, through a Cloud Tasks
 * queue on Firebase (functions.ts), where the task function runs it on an instance of its own.
 */

export interface JobRunner {
  /** Starts the job's work; `execute` is how this process would run it. */
  dispatch(jobId: string, execute: (jobId: string) => Promise<void>): Promise<void>;
}

/** Jobs run in this process, after the request that started them has been answered. */
export function inProcessJobs(): JobRunner & { idle(): Promise<void> } {
  const running = new Set<Promise<void>>();
  return {
    async dispatch(jobId, execute) {
      const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => execute(jobId))
        // executeJob records every failure on the job; what reaches here is a store that cannot be written.
        .catch((error: unknown) => console.error(`job: cannot record its outcome (${error instanceof Error ? error.name : 'error'})`))
        .finally(() => running.delete(work));
      running.add(work);
    },
    /** Resolves once no job is running (a graceful stop waits for this). */
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
