import { jobStartedSchema } from '../../../contract/jobs.js';
import { rosterImportResultSchema } from '../../../domain/roster.js';
import { apiUpload } from '../../lib/api-client.js';

/* The roster feature's calls: the upload checked (a dry run) or imported (a job), with the contract's schemas of their answers. */

interface UploadOptions {
  deactivateMissing: boolean;
  contentType: string;
  onProgress: (fraction: number) => void;
}

const rosterPath = (agencyId: string, dryRun: boolean, deactivateMissing: boolean) =>
  `/api/agencies/${encodeURIComponent(agencyId)}/roster?dryRun=${dryRun}&deactivateMissing=${deactivateMissing}`;

export const checkRoster = (token: string, agencyId: string, file: Blob, options: UploadOptions) =>
  apiUpload(rosterPath(agencyId, true, options.deactivateMissing), file, { token, contentType: options.contentType, schema: rosterImportResultSchema, onProgress: options.onProgress });

/** Checked at once (a refusal lists its rows); the rows are then written by the job this answers. */
export const importRoster = (token: string, agencyId: string, file: Blob, options: UploadOptions) =>
  apiUpload(rosterPath(agencyId, false, options.deactivateMissing), file, { token, contentType: options.contentType, schema: jobStartedSchema, onProgress: options.onProgress });
