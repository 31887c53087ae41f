import type { ChartCell, ChartData, ChartDataColumn, ChartType } from './chart-types';

/** A chart's data pivoted for drawing: categories along x, one series per line/bar group. */
export interface PivotedSeries {
  readonly name: string;
  /** One value per category, null where the source had none. */
  readonly values: (number | null)[];
}
export interface Pivoted {
  readonly x: ChartDataColumn | undefined;
  readonly categories: string[];
  readonly series: PivotedSeries[];
}

const EMPTY_LABEL = '(empty)';

/** A cell as an axis or legend label: null is "(empty)". */
export function label(cell: ChartCell): string {
  return cell === null ? EMPTY_LABEL : String(cell);
}

/** A measured cell as a number, or null when it is none (a missing or non-numeric value). */
export function measure(cell: ChartCell): number | null {
  if (cell === null || typeof cell === 'boolean') return null;
  const n = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(n) ? n : null;
}

/** How a y column is named to people: "sum of revenue", or the column itself. */
export function measureName(column: ChartDataColumn): string {
  return column.aggregate ? `${column.aggregate === 'avg' ? 'average' : column.aggregate} of ${column.column}` : column.column;
}

export function roleIndex(data: ChartData, role: ChartDataColumn['role']): number {
  return data.columns.findIndex((c) => c.role === role);
}

/** Natural order for series names: numbers by value, text by locale, "(empty)" last. */
function compareCells(a: ChartCell, b: ChartCell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * Categories in the order the rows came (the query sorted them), and either one series per
 * value of the series column (its first y) or one series per y column.
 */
export function pivot(data: ChartData): Pivoted {
  const xi = roleIndex(data, 'x');
  const si = roleIndex(data, 'series');
  const yis = data.columns.flatMap((c, i) => (c.role === 'y' ? [i] : []));
  const categories: string[] = [];
  const position = new Map<string, number>();
  for (const row of data.rows) {
    const key = xi >= 0 ? label(row[xi]) : '';
    if (!position.has(key)) {
      position.set(key, categories.length);
      categories.push(key);
    }
  }
  const at = (row: ChartCell[]) => position.get(xi >= 0 ? label(row[xi]) : '') as number;
  if (si >= 0) {
    const names = [...new Set(data.rows.map((r) => r[si]))].sort(compareCells);
    const byName = new Map(names.map((n) => [label(n), Array<number | null>(categories.length).fill(null)]));
    for (const row of data.rows) (byName.get(label(row[si])) as (number | null)[])[at(row)] = measure(row[yis[0]]);
    return { x: data.columns[xi], categories, series: [...byName].map(([name, values]) => ({ name, values })) };
  }
  const series = yis.map((yi) => {
    const values = Array<number | null>(categories.length).fill(null);
    for (const row of data.rows) values[at(row)] = measure(row[yi]);
    return { name: measureName(data.columns[yi]), values };
  });
  return { x: data.columns[xi], categories, series };
}

/** Whether there is anything to draw: some row with a number (for a pie, a positive one). */
export function hasDrawableValues(data: ChartData, positiveOnly = false): boolean {
  const yis = data.columns.flatMap((c, i) => (c.role === 'y' ? [i] : []));
  return data.rows.some((r) =>
    yis.some((i) => {
      const v = measure(r[i]);
      return v !== null && (!positiveOnly || v > 0);
    }),
  );
}

/**
 * Why a chart has nothing to show, or undefined when it has: an empty source, or values
 * that cannot be drawn (all empty; for a pie, none positive). Never a chart of zeros.
 */
export function noDataReason(type: ChartType, data: ChartData): string | undefined {
  if (data.rows.length === 0) return 'The source has no rows.';
  if (type === 'table') return undefined;
  if (type === 'number') return measure(data.rows[0][0]) === null ? 'The value is empty.' : undefined;
  if (type === 'pie') return hasDrawableValues(data, true) ? undefined : 'No slice has a value above zero.';
  return hasDrawableValues(data) ? undefined : 'Every value is empty.';
}
