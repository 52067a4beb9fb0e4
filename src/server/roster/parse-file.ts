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

function decodeText(bytes: Uint8Array): string {
  try {
    // fatal: a file saved as Windows-1252 (older Excel "CSV") is re-read below instead of mangled.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function parseCsv(bytes: Uint8Array): RosterTable {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  // Excel in Indonesian locales writes ';' (the decimal mark is ','); papaparse detects which.
  const result = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: false });
  const fatal = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (fatal) throw new RosterFileError(`CSV: ${fatal.message} (row ${(fatal.row ?? 0) + 1})`);
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

export async function parseRosterFile(bytes: Uint8Array, kind: RosterFileKind): Promise<RosterTable> {
  return kind === 'csv' ? parseCsv(bytes) : parseXlsx(bytes);
}
