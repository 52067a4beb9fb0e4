import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** One sheet of figures for a download, headers in both languages. */
export interface Table {
  header: string[];
  rows: (string | number | null)[][];
}

export async function tableFile(table: Table, format: 'csv' | 'xlsx', sheet: string): Promise<{ bytes: Uint8Array; contentType: string }> {
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
