import type { JobKind } from '../../contract/jobs.js';
import { recountWork, verifyWork } from '../coverage/service.js';
import { rosterImportWork } from '../roster/roster-imports.js';
import { launchWork } from '../waves/service.js';
import type { JobWork } from './work.js';

/** The work behind each kind of job: a new kind fails tsc until it is listed here. */
export const jobWorks: Record<JobKind, JobWork> = {
  'wave.launch': launchWork,
  'wave.verify': verifyWork,
  'coverage.recount': recountWork,
  'roster.import': rosterImportWork,
};
