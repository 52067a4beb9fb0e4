import { rosterImportResultSchema } from '../../../domain/roster.js';
import { apiUpload } from '../../lib/api-client.js';

/* The roster feature's call: the upload, with the contract's schema of its answer. */

export const uploadRoster = (
  token: string,
  agencyId: string,
  file: Blob,
  options: { dryRun: boolean; deactivateMissing: boolean; contentType: string; onProgress: (fraction: number) => void },
) =>
  apiUpload(`/api/agencies/${encodeURIComponent(agencyId)}/roster?dryRun=${options.dryRun}&deactivateMissing=${options.deactivateMissing}`, file, {
    token,
    contentType: options.contentType,
    schema: rosterImportResultSchema,
    onProgress: options.onProgress,
  });
