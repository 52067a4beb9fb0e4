import type { HTMLAttributes, Key, ReactNode, TdHTMLAttributes } from 'react';

/** One column: its heading and how a row fills it; `rowHeader` makes the cell the row's own heading. */
export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  rowHeader?: boolean;
  /** Attributes of the cell for a row (a background, an indent). */
  cellProps?: (row: Row) => TdHTMLAttributes<HTMLTableCellElement>;
}

/**
 * The app's data table: headings scoped for screen readers, in a box that scrolls sideways on a
 * phone and can be reached and scrolled with the keyboard (a named, focusable region). Without
 * `label` the table stands alone, for short tables that never scroll.
 */
export function DataTable<Row>({
  label,
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
  className = 'data',
}: {
  /** Names the scroll box for screen readers. */
  label?: string;
  caption?: ReactNode;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string };
  className?: string;
}) {
  const table = (
    <table className={className}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} {...rowProps?.(row)}>
            {columns.map((c, i) =>
              c.rowHeader ? (
                <th key={i} scope="row" {...c.cellProps?.(row)}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={i} {...c.cellProps?.(row)}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!label) return table;
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {table}
    </div>
  );
}
