import type { DatasetColumn } from '../api/client';

const NUMERIC = new Set(['integer', 'double', 'decimal']);

/** A value as the table shows it: null marked, nested values as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Rows of a preview or a query as an HTML table: a caption, typed column headers, numbers
 * aligned right, nulls marked. The scrolling wrapper is focusable and labelled, so keyboard
 * users can scroll it.
 */
export function ResultTable({
  columns,
  rows,
  caption,
}: {
  columns: readonly DatasetColumn[];
  rows: readonly unknown[][];
  caption: string;
}) {
  const numeric = columns.map((c) => NUMERIC.has(c.type));
  return (
    <div className="table-wrap result-table" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={numeric[i] ? 'numeric' : undefined}>
                {c.name} <span className="column-type">{c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={[numeric[i] ? 'numeric' : '', cell === null ? 'null' : ''].join(' ').trim() || undefined}>
                  {formatValue(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
