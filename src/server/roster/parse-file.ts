import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { RosterTable } from '../../domain/roster.js';

export type RosterFileKind = 'csv' | 'xlsx';

export const rosterContentTypes: Record<RosterFileKind, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export class RosterFileError extends Error {}

export function kindFromContentType(contentType: string | undefined): RosterFileKind | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === rosterContentTypes.xlsx) return 'xlsx';
  if (['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel'].includes(type)) return 'csv';
  return null;
}

const notATable = 'Berkas ini bukan CSV atau XLSX: simpan daftar dari Excel sebagai "CSV UTF-8" atau "Buku Kerja Excel (.xlsx)". / This file is not a CSV or XLSX: save the list from Excel as "CSV UTF-8" or "Excel Workbook (.xlsx)".';

/** Whether bytes look like UTF-16 without a byte-order mark: every other byte of ASCII text is zero. */
function zeroEvery(bytes: Uint8Array, offset: 0 | 1): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let zeros = 0;
  for (let i = offset; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return zeros > (n / 2) * 0.9;
}

function decodeText(bytes: Uint8Array): string {
  // Excel's "Unicode Text" is UTF-16 (little-endian, with a byte-order mark) and tab-separated.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || zeroEvery(bytes, 1)) return new TextDecoder('utf-16le').decode(bytes);
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || zeroEvery(bytes, 0)) return new TextDecoder('utf-16be').decode(bytes);
  try {
    // fatal: a file saved as Windows-1252 (older Excel "CSV") is re-read below instead of mangled.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function parseCsv(bytes: Uint8Array): RosterTable {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  // Text has no NUL and few control characters; a picture, a PDF or an old .xls has many.
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw new RosterFileError(notATable);
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  if (control > sample.length / 100) throw new RosterFileError(notATable);
  // Excel in Indonesian locales writes ';' (the decimal mark is ','); papaparse detects which.
  const result = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: false });
  const fatal = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (fatal) {
    // papaparse counts rows from 0 with the header as row 0; spreadsheets count from 1.
    const line = (fatal.row ?? 0) + 1;
    throw new RosterFileError(
      `Tanda kutip (") di baris ${line} tidak ditutup atau salah tempat; semua baris sesudahnya terbaca sebagai satu sel. / A quote (") on row ${line} is not closed or is misplaced; every row after it reads as one cell.`,
    );
  }
  const [headers = [], ...body] = result.data;
  return {
    headers,
    rows: body
      .map((cells, i) => ({ line: i + 2, cells }))
      .filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // An 18-digit NIP stored as a number has already lost digits: show it as Excel does.
    return Number.isSafeInteger(value) ? String(value) : value.toExponential().toUpperCase();
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}

async function parseXlsx(bytes: Uint8Array): Promise<RosterTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new RosterFileError('XLSX: the file is not a readable Excel workbook');
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { headers: [], rows: [] };
  let headers: string[] | null = null;
  const rows: RosterTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const width = Math.max(row.cellCount, headers?.length ?? 0);
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
    if (!headers) headers = cells;
    else if (cells.some((c) => c !== '')) rows.push({ line: row.number, cells });
  });
  return { headers: headers ?? [], rows };
}

/** A ZIP file (every XLSX is one) starts with "PK\x03\x04", whatever type the browser gave it. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export async function parseRosterFile(bytes: Uint8Array, kind: RosterFileKind): Promise<RosterTable> {
  return kind === 'xlsx' || isZip(bytes) ? parseXlsx(bytes) : parseCsv(bytes);
}
