import type { StoredJob, SurveyStore } from '../store/port.js';

/** Reports how far the work is (documents written of those to write); saved at most once a second. */
export type Progress = (done: number, total: number) => void;

/** The work of one kind of job: answers the job's result, or throws an ApiError that becomes its error. */
export type JobWork = (store: SurveyStore, job: StoredJob, progress: Progress, now: () => Date) => Promise<NonNullable<StoredJob['result']>>;
