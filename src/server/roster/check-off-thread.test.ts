import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRosterFile, RosterFileError } from './parse-file.js';
import { checkRosterImport } from '../../domain/roster.js';
import { checkRosterOffThread, defaultParseLimits, type CheckJob, type ParseLimits } from './check-off-thread.js';

const context: CheckJob = { agencyId: 'kab-a', now: { employees: [], units: [] }, deactivateMissing: false, dryRun: false };
const rowsOf = async (bytes: Uint8Array, kind: 'csv' | 'xlsx', limits?: ParseLimits) => {
  const { check } = await checkRosterOffThread(bytes, kind, context, limits);
  return check.ok ? check.employees : [];
};

const csv = new TextEncoder().encode('NIP,Nama,Unit Kerja\n198503122010011001,Ani,Setda\n198503122010011002,Budi,Setda\n');

/** An XLSX of `rows` identical rows: a few hundred KB zipped, far more once unpacked and parsed. */
async function bigWorkbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'Email']);
  for (let i = 0; i < rows; i++) ws.addRow(['198503122010011001', 'Nama Pegawai Yang Cukup Panjang', 'Sekretariat Daerah > Bagian Umum', 'Analis Kebijakan Ahli Muda', 'pegawai@instansi.go.id']);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('roster files parsed and checked on their own thread', () => {
  it('read and check a file exactly as doing it in place does', async () => {
    const inPlace = checkRosterImport('kab-a', await parseRosterFile(csv, 'csv'), { employees: [], units: [] }, false);
    expect(await checkRosterOffThread(csv, 'csv', context)).toEqual({ check: inPlace, outcome: null });
    expect(inPlace.ok && inPlace.employees).toHaveLength(2);
  });

  it('leave the rows to write behind on a dry run, and send refusals back counted', async () => {
    const dry = await checkRosterOffThread(csv, 'csv', { ...context, dryRun: true });
    expect(dry.check).toMatchObject({ ok: true, units: [], employees: [], report: { rows: 2, created: 2, newUnits: [['Setda']] } });
    const bad = new TextEncoder().encode(`NIP,Nama,Unit Kerja\n${Array.from({ length: 250 }, () => 'x,Ani,Setda').join('\n')}`);
    expect((await checkRosterOffThread(bad, 'csv', context)).check).toMatchObject({ ok: false, rowsTotal: 250, rowsMore: { NIP: 50 } });
  });

  it('refuse a file past the row or cell limit with a clear message', async () => {
    await expect(checkRosterOffThread(csv, 'csv', context, { ...defaultParseLimits, rows: 1 })).rejects.toThrow(/too large to import \(2 baris \/ rows, > 1\)/);
    await expect(checkRosterOffThread(csv, 'csv', context, { ...defaultParseLimits, cells: 5 })).rejects.toBeInstanceOf(RosterFileError);
  });

  it('end a parse that outgrows its memory or its time, and the next file still parses', async () => {
    const limits = { ...defaultParseLimits, memoryMb: 96 };
    // Within the same cap a small file is fine: the cap, not the thread, refuses the big one.
    expect(await rowsOf(csv, 'csv', limits)).toHaveLength(2);
    const big = await bigWorkbook(150_000);
    await expect(checkRosterOffThread(big, 'xlsx', context, limits)).rejects.toThrow(/too large to import \(> 96 MB\)/);
    await expect(checkRosterOffThread(big, 'xlsx', context, { ...defaultParseLimits, timeoutMs: 50 })).rejects.toThrow(/too large to import \(> 0 s\)/);
    expect(await rowsOf(csv, 'csv')).toHaveLength(2);
  }, 120_000);
});
