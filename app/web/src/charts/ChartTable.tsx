import { formatCell } from './chart-format';
import { measureName } from './chart-series';
import type { ChartData } from './chart-types';

/** Rows a table draws at most; the CSV export has them all. */
export const TABLE_ROW_LIMIT = 500;

/**
 * A chart's data as an HTML table: a caption, column headers with scope, numbers aligned
 * right. The scrolling wrapper is focusable and labelled, so keyboard users can scroll it.
 */
export function ChartTable({ data, caption }: { data: ChartData; caption: string }) {
  const shown = data.rows.slice(0, TABLE_ROW_LIMIT);
  const numeric = data.columns.map((c) => c.kind === 'number');
  return (
    <div className="table-wrap chart-table" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {data.columns.map((c, i) => (
              <th key={i} scope="col" className={numeric[i] ? 'numeric' : undefined}>
                {c.role === 'y' ? measureName(c) : c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={numeric[i] ? 'numeric' : undefined}>
                  {formatCell(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data.rows.length > shown.length ? (
        <p className="muted small">
          Showing the first {shown.length} of {data.rows.length} rows; export CSV for all of them.
        </p>
      ) : null}
    </div>
  );
}
