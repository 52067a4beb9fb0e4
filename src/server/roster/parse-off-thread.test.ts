import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRosterFile, RosterFileError } from './parse-file.js';
import { defaultParseLimits, parseRosterOffThread } from './parse-off-thread.js';

const csv = new TextEncoder().encode('NIP,Nama,Unit Kerja\n198503122010011001,Ani,Setda\n198503122010011002,Budi,Setda\n');

/** An XLSX of `rows` identical rows: a few hundred KB zipped, far more once unpacked and parsed. */
async function bigWorkbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(['NIP', 'Nama', 'Unit Kerja', 'Jabatan', 'Email']);
  for (let i = 0; i < rows; i++) ws.addRow(['198503122010011001', 'Nama Pegawai Yang Cukup Panjang', 'Sekretariat Daerah > Bagian Umum', 'Analis Kebijakan Ahli Muda', 'pegawai@instansi.go.id']);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('roster files parsed on their own thread', () => {
  it('read a file exactly as parsing in place does', async () => {
    expect(await parseRosterOffThread(csv, 'csv')).toEqual(await parseRosterFile(csv, 'csv'));
  });

  it('refuse a file past the row or cell limit with a clear message', async () => {
    await expect(parseRosterOffThread(csv, 'csv', { ...defaultParseLimits, rows: 1 })).rejects.toThrow(/too large to import \(2 baris \/ rows, > 1\)/);
    await expect(parseRosterOffThread(csv, 'csv', { ...defaultParseLimits, cells: 5 })).rejects.toBeInstanceOf(RosterFileError);
  });

  it('end a parse that outgrows its memory or its time, and the next file still parses', async () => {
    const limits = { ...defaultParseLimits, memoryMb: 96 };
    // Within the same cap a small file is fine: the cap, not the thread, refuses the big one.
    expect((await parseRosterOffThread(csv, 'csv', limits)).rows).toHaveLength(2);
    const big = await bigWorkbook(150_000);
    await expect(parseRosterOffThread(big, 'xlsx', limits)).rejects.toThrow(/too large to import \(> 96 MB\)/);
    await expect(parseRosterOffThread(big, 'xlsx', { ...defaultParseLimits, timeoutMs: 50 })).rejects.toThrow(/too large to import \(> 0 s\)/);
    expect((await parseRosterOffThread(csv, 'csv')).rows).toHaveLength(2);
  }, 120_000);
});
