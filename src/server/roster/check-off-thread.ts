import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { checkRosterImport, type RosterCheck, type RosterNow, type RosterTable } from '../../domain/roster.js';
import { StoreError, type RosterOutcome } from '../store/port.js';
import { readRosterNow, rosterWriter } from '../store/sqlite/roster-writer.js';
import { configureConnection } from '../store/sqlite/submissions.js';
import { startModuleWorker } from '../worker-thread.js';
import { parseRosterFile, RosterFileError, type RosterFileKind } from './parse-file.js';

/*
 * Roster files are parsed and checked on a thread of their own, one per upload, with a memory cap
 * and a time limit: a 760 KB XLSX unpacks to hundreds of MB of XML, and parsed on the request
 * thread it stalled every request (respondents' submissions included) for seconds; checking
 * 40,000 rows takes another second. A zip bomb, or any file past the limits, ends its own thread
 * and gets a clear message; the server goes on.
 */

export interface ParseLimits {
  /** Old-generation heap of the parsing thread, MB. */
  memoryMb: number;
  timeoutMs: number;
  rows: number;
  cells: number;
}

export const defaultParseLimits: ParseLimits = { memoryMb: 768, timeoutMs: 60_000, rows: 300_000, cells: 6_000_000 };

const ROLE = 'berakhlak-roster-parser';

const tooLarge = (what: string) =>
  new RosterFileError(
    `Berkas terlalu besar untuk diimpor (${what}). Bagi daftar menjadi beberapa berkas, atau simpan sebagai CSV. / The file is too large to import (${what}). Split the list into several files, or save it as CSV.`,
  );

/**
 * What to do with the file. Given `now` (the agency as it is), the thread checks and, unless it is
 * a dry run, sends back the rows for the caller to write. Given `sqliteFile`, it reads the agency
 * and writes the rows itself on a connection of its own, and sends back only the figures: nothing
 * of tens of thousands of rows then passes through the thread that serves requests.
 */
export type CheckJob = { agencyId: string; deactivateMissing: boolean; dryRun: boolean } & ({ now: RosterNow } | { sqliteFile: string });

/** The check (its rows only when the caller writes them) and, when the thread wrote, what it changed. */
export interface CheckRun {
  check: RosterCheck;
  outcome: RosterOutcome | null;
}

type Reply = CheckRun | { error: string; of: 'file' | 'store' | 'other' };

function runJob(table: RosterTable, job: CheckJob): CheckRun {
  if ('now' in job) {
    const check = checkRosterImport(job.agencyId, table, job.now, job.deactivateMissing);
    return { check: check.ok && job.dryRun ? { ...check, units: [], employees: [] } : check, outcome: null };
  }
  const db = new Database(job.sqliteFile, { fileMustExist: true });
  try {
    configureConnection(db);
    // Another import writing at the same moment holds the one write lock: wait for it, within reason.
    db.pragma('busy_timeout = 30000');
    const check = checkRosterImport(job.agencyId, table, readRosterNow(db, job.agencyId), job.deactivateMissing);
    if (!check.ok) return { check, outcome: null };
    const outcome = job.dryRun ? null : rosterWriter(db)(job.agencyId, { units: check.units, employees: check.employees, deactivateMissing: job.deactivateMissing });
    return { check: { ...check, units: [], employees: [] }, outcome };
  } finally {
    db.close();
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  parentPort!.once('message', (message: { bytes: Uint8Array; kind: RosterFileKind; limits: ParseLimits; job: CheckJob }) => {
    void parseRosterFile(message.bytes, message.kind).then(
      (table) => {
        const cells = table.rows.reduce((n, r) => n + r.cells.length, table.headers.length);
        if (table.rows.length > message.limits.rows) throw tooLarge(`${table.rows.length} baris / rows, > ${message.limits.rows}`);
        if (cells > message.limits.cells) throw tooLarge(`${cells} sel / cells, > ${message.limits.cells}`);
        parentPort!.postMessage(runJob(table, message.job) satisfies Reply);
      },
    ).catch((e: unknown) =>
      parentPort!.postMessage({
        error: e instanceof Error ? e.message : String(e),
        of: e instanceof RosterFileError ? 'file' : e instanceof StoreError ? 'store' : 'other',
      } satisfies Reply),
    );
  });
}

const failureOf = (reply: { error: string; of: 'file' | 'store' | 'other' }) =>
  reply.of === 'file' ? new RosterFileError(reply.error) : reply.of === 'store' ? new StoreError('agency_not_found', reply.error) : new Error(`roster thread: ${reply.error}`);

/**
 * parseRosterFile, checkRosterImport and, for `sqliteFile`, the write on a thread of their own,
 * within `limits`; throws RosterFileError for a file it cannot or may not read, StoreError for an
 * agency that is gone.
 */
export function checkRosterOffThread(bytes: Uint8Array, kind: RosterFileKind, job: CheckJob, limits: ParseLimits = defaultParseLimits): Promise<CheckRun> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, { role: ROLE }, { resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(() => reject(tooLarge(`> ${Math.round(limits.timeoutMs / 1000)} s`))), limits.timeoutMs);
    worker.once('message', (reply: Reply) => settle(() => ('check' in reply ? resolve(reply) : reject(failureOf(reply)))));
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge(`> ${limits.memoryMb} MB`) : e)),
    );
    worker.once('exit', () => settle(() => reject(new Error('the roster parser stopped'))));
    worker.postMessage({ bytes, kind, limits, job });
  });
}
