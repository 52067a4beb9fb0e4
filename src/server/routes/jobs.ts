import { jobParams, jobSchema } from '../../contract/jobs.js';
import type { Api, AppDeps } from '../app-types.js';
import { requireStaff } from '../auth.js';
import { jobFor } from '../jobs/service.js';
import { staffOperations } from './operation.js';

/** The jobs sub-app: the progress and outcome of long work started by another operation. */
export function registerJobRoutes(app: Api, deps: AppDeps): void {
  const staff = requireStaff(deps.verifier, ['coordinator', 'auditor', 'admin']);
  const op = staffOperations(app, deps, 'jobs');

  op.json(
    { method: 'get', path: '/api/jobs/{jobId}', operationId: 'getJob', guard: staff, errors: [401, 403, 404],
      summary: 'A job’s progress, then its result or error',
      params: jobParams, ok: { description: 'Job', schema: jobSchema } },
    ({ staff: caller, params: { jobId } }) => jobFor(deps.store, caller, jobId),
  );
}
