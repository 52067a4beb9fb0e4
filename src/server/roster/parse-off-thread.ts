import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { RosterTable } from '../../domain/roster.js';
import { startModuleWorker } from '../worker-thread.js';
import { parseRosterFile, RosterFileError, type RosterFileKind } from './parse-file.js';

/*
 * Roster files are parsed on a thread of their own, one per upload, with a memory cap and a time
 * limit: a 760 KB XLSX unpacks to hundreds of MB of XML, and parsed on the request thread it
 * stalled every request (respondents' submissions included) for seconds. A zip bomb, or any file
 * past the limits, ends its own thread and gets a clear message; the server goes on.
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

type Reply = { table: RosterTable } | { error: string };

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  parentPort!.once('message', (message: { bytes: Uint8Array; kind: RosterFileKind; limits: ParseLimits }) => {
    void parseRosterFile(message.bytes, message.kind).then(
      (table) => {
        const cells = table.rows.reduce((n, r) => n + r.cells.length, table.headers.length);
        if (table.rows.length > message.limits.rows) throw tooLarge(`${table.rows.length} baris / rows, > ${message.limits.rows}`);
        if (cells > message.limits.cells) throw tooLarge(`${cells} sel / cells, > ${message.limits.cells}`);
        parentPort!.postMessage({ table } satisfies Reply);
      },
    ).catch((e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies Reply));
  });
}

/** parseRosterFile on a thread of its own, within `limits`; throws RosterFileError for a file it cannot or may not read. */
export function parseRosterOffThread(bytes: Uint8Array, kind: RosterFileKind, limits: ParseLimits = defaultParseLimits): Promise<RosterTable> {
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
    worker.once('message', (reply: Reply) => settle(() => ('table' in reply ? resolve(reply.table) : reject(new RosterFileError(reply.error)))));
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge(`> ${limits.memoryMb} MB`) : e)),
    );
    worker.once('exit', () => settle(() => reject(new Error('the roster parser stopped'))));
    worker.postMessage({ bytes, kind, limits });
  });
}
