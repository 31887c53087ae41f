import { formatNumber } from './chart-format';
import { measure, measureName } from './chart-series';
import type { ChartData } from './chart-types';

/** A number chart: one big value and what it is. The caller shows "No data" when there is none. */
export function ChartNumber({ data }: { data: ChartData }) {
  const value = measure(data.rows[0][0]);
  return (
    <p className="chart-number">
      <span className="chart-number-value">{value === null ? '—' : formatNumber(value)}</span>
      <span className="chart-number-label muted">{measureName(data.columns[0])}</span>
    </p>
  );
}
