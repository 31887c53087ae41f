import type { DatasetProfile } from '../api/client';
import { Histogram } from './Histogram';
import { formatValue } from './ResultTable';

const count = new Intl.NumberFormat();
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

/** One card per column: type, nulls, distinct values, min/max, mean, top values and a histogram. */
export function ProfileView({ profile }: { profile: DatasetProfile }) {
  return (
    <ul className="profile-grid" aria-label="Column profiles">
      {profile.columns.map((column) => (
        <li key={column.name} className="profile-card" data-testid="column-profile">
          <h3>
            {column.name} <span className="column-type">{column.type}</span>
          </h3>
          <dl className="profile-stats">
            <dt>Nulls</dt>
            <dd>
              {count.format(column.nullCount)}
              {profile.rowCount > 0 ? ` (${number.format((100 * column.nullCount) / profile.rowCount)} %)` : ''}
            </dd>
            <dt>Distinct</dt>
            <dd>{count.format(column.distinctCount)}</dd>
            <dt>Min</dt>
            <dd>{formatValue(column.min)}</dd>
            <dt>Max</dt>
            <dd>{formatValue(column.max)}</dd>
            {column.mean !== undefined ? (
              <>
                <dt>Mean</dt>
                <dd>{column.mean === null ? '—' : number.format(column.mean)}</dd>
              </>
            ) : null}
          </dl>
          {column.histogram ? <Histogram bins={column.histogram} column={column.name} /> : null}
          {column.top.length > 0 ? (
            <ol className="top-values" aria-label={`Most frequent values of ${column.name}`}>
              {column.top.map((entry, i) => (
                <li key={i}>
                  <span>{formatValue(entry.value)}</span> <span className="muted">×{count.format(entry.count)}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
