import { toCsv } from '../lib/csv';
import type { ChartData } from './chart-types';

/** A chart's data as CSV (see lib/csv.ts): the column names, then each row. */
export async function chartCsv(data: ChartData): Promise<string> {
  return toCsv(
    data.columns.map((c) => c.name),
    data.rows,
  );
}
