import { z } from '@hono/zod-openapi';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { csvText, spreadsheetCell } from '../domain/spreadsheet.js';

/** One sheet of figures for a download, headers in both languages. */
export interface Table {
  header: string[];
  rows: (string | number | null)[][];
}

export async function tableFile(table: Table, format: 'csv' | 'xlsx', sheet: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  if (format === 'csv') {
    const text = csvText(table.header, table.rows);
    return { bytes: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8' };
  }
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  ws.addRow(table.header.map(spreadsheetCell)).font = { bold: true };
  // NIPs are 18 digits: kept as text so Excel does not round them.
  for (const row of table.rows) ws.addRow(row.map(spreadsheetCell));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await book.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

export const tableFormatSchema = z.enum(['csv', 'xlsx']).default('xlsx');

/** The OpenAPI 200 response of a download route. */
export const tableFileResponse = {
  description: 'The file',
  content: {
    'text/csv': { schema: z.string() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) },
  },
};

/** Answers with `table` as a download named `${name}.${format}`. */
export async function sendTable(c: Context, table: Table, format: 'csv' | 'xlsx', name: string, sheet: string): Promise<Response> {
  const file = await tableFile(table, format, sheet);
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${name}.${format}"`);
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200);
}
