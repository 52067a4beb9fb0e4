import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Coverage } from '../../domain/coverage.js';
import { relationships } from '../../domain/questionnaire.js';

export interface Table {
  header: string[];
  rows: (string | number)[][];
}

const groupLabel = { self: 'Diri sendiri (self)', superior: 'Atasan (superior)', peer: 'Rekan kerja (peer)', subordinate: 'Bawahan (subordinate)' };

/** Coverage flattened into one sheet: one row per unit, or one row per ratee group. */
export function coverageTable(coverage: Coverage, view: 'units' | 'ratees'): Table {
  const unitPath = new Map<string, string>();
  for (const u of coverage.units) unitPath.set(u.id, u.parentId ? `${unitPath.get(u.parentId) ?? ''} > ${u.name}` : u.name);
  if (view === 'units') {
    return {
      header: [
        'Unit kerja (unit)',
        'Penilai diundang (raters invited)',
        'Selesai (finished)',
        'Sebagian (partly done)',
        'Belum mulai (not started)',
        'Tiket diterbitkan (tickets issued)',
        'Tiket terpakai (tickets used)',
        ...relationships.map((r) => `Respons ${groupLabel[r]}`),
        'Dinilai (ratees)',
        `Di bawah k=${coverage.k} (below k)`,
      ],
      rows: coverage.units.map((u) => [
        unitPath.get(u.id) ?? u.name,
        u.raters.invited,
        u.raters.finished,
        u.raters.partly,
        u.raters.notStarted,
        u.tickets.issued,
        u.tickets.used,
        ...relationships.map((r) => u.groups[r]?.responses ?? 0),
        u.ratees,
        u.rateesAtRisk,
      ]),
    };
  }
  const rows: Table['rows'] = [];
  for (const ratee of coverage.ratees.rows) {
    for (const r of relationships) {
      const g = ratee.groups[r];
      if (g) rows.push([ratee.nip, ratee.name, unitPath.get(ratee.unitId) ?? '', groupLabel[r], g.issued, g.responses, g.status]);
    }
  }
  return {
    header: [
      'NIP',
      'Nama (name)',
      'Unit kerja (unit)',
      'Kelompok (group)',
      'Tiket diterbitkan (tickets issued)',
      'Respons (responses)',
      `Status terhadap k=${coverage.k} (reached / open / short)`,
    ],
    rows,
  };
}

export async function coverageFile(table: Table, format: 'csv' | 'xlsx', sheet: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  if (format === 'csv') {
    // The byte-order mark makes Excel read the file as UTF-8.
    const text = '\uFEFF' + Papa.unparse({ fields: table.header, data: table.rows });
    return { bytes: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8' };
  }
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  ws.addRow(table.header).font = { bold: true };
  // NIPs are 18 digits: kept as text so Excel does not round them.
  for (const row of table.rows) ws.addRow(row);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await book.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
