import type { RosterCheck, RosterImportResult } from '../../domain/roster.js';
import { ApiError } from '../api-error.js';
import { recordAudit } from '../audit.js';
import type { JobWork } from '../jobs/work.js';
import type { RosterOutcome, SurveyStore } from '../store/port.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { checkRosterOffThread, defaultParseLimits, type ParseLimits } from './check-off-thread.js';
import type { RosterFileKind } from './parse-file.js';

export interface RosterImportRequest {
  agencyId: string;
  bytes: Uint8Array;
  kind: RosterFileKind;
  dryRun: boolean;
  deactivateMissing: boolean;
}

/** A refusal, or the figures of what changed (`outcome`, null on a dry run); never the rows themselves. */
export interface RosterImportRun {
  check: RosterCheck;
  outcome: RosterOutcome | null;
}

/**
 * The roster import use case: read the file, check it against the agency, write it. Everything
 * heavy runs on the upload's own thread; on the embedded store that thread also reads the agency
 * and writes the rows on its own connection, so the server's request thread only sees figures.
 * Other stores are read and written here, through the port.
 */
export async function importRoster(
  store: SurveyStore,
  request: RosterImportRequest,
  limits: ParseLimits = defaultParseLimits,
  progress?: (done: number, total: number) => void,
): Promise<RosterImportRun> {
  const { agencyId, bytes, kind, dryRun, deactivateMissing } = request;
  const file = store instanceof SqliteStore ? store.file : null;
  if (file) {
    try {
      return await checkRosterOffThread(bytes, kind, { agencyId, deactivateMissing, dryRun, sqliteFile: file }, limits);
    } finally {
      // Even when the answer is lost (a time limit reached after the commit), the units may have changed.
      if (!dryRun) (store as SqliteStore).forgetUnits(agencyId);
    }
  }
  const [employees, units] = await Promise.all([store.listEmployees(agencyId), store.listUnits(agencyId)]);
  const now = { employees: employees.map((e) => ({ nip: e.nip, active: e.active })), units };
  const { check } = await checkRosterOffThread(bytes, kind, { agencyId, deactivateMissing, dryRun, now }, limits);
  if (!check.ok) return { check, outcome: null };
  const outcome = dryRun ? null : await store.applyRoster(agencyId, { units: check.units, employees: check.employees, deactivateMissing }, progress);
  return { check: { ...check, units: [], employees: [] }, outcome };
}

/** What an import's audit entry holds: figures only, never a row. */
const importAuditDetails = (result: RosterImportResult, kind: RosterFileKind) => ({
  rows: result.rows,
  units: result.units,
  created: result.created,
  updated: result.updated,
  deactivated: result.deactivated,
  kind,
});

/**
 * The import job: the file the route checked, kept beside the job, is checked again against the
 * roster as it is now (another import may have landed since) and written, with progress. The file
 * is deleted when the job ends, whatever its outcome.
 */
export const rosterImportWork: JobWork = async (store, job, progress, now) => {
  const options = job.input.roster;
  const bytes = await store.readJobFile(job.id);
  if (!options || !bytes) throw new Error('the import job has no file');
  try {
    const request = { agencyId: job.agencyId, bytes, kind: options.fileKind, dryRun: false, deactivateMissing: options.deactivateMissing };
    const { check, outcome } = await importRoster(store, request, defaultParseLimits, progress);
    if (!check.ok || !outcome) throw new ApiError('roster_changed');
    const result: RosterImportResult = { dryRun: false, ...check.report, ...outcome };
    await recordAudit(store, job.actor, { agencyId: job.agencyId, action: 'roster.import', details: importAuditDetails(result, options.fileKind) }, now());
    return result;
  } finally {
    await store.deleteJobFile(job.id);
  }
};
