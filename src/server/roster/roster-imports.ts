import type { RosterCheck } from '../../domain/roster.js';
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
export async function importRoster(store: SurveyStore, request: RosterImportRequest, limits: ParseLimits = defaultParseLimits): Promise<RosterImportRun> {
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
  const outcome = dryRun ? null : await store.applyRoster(agencyId, { units: check.units, employees: check.employees, deactivateMissing });
  return { check: { ...check, units: [], employees: [] }, outcome };
}
