// The chart spec and data shapes come from the API's one definition (type-only imports:
// nothing of the server reaches the bundle).
export type {
  Aggregate,
  ChartCell,
  ChartData,
  ChartDataColumn,
  ChartEncoding,
  ChartType,
  ColumnKind,
} from '../../../server/charts/chart-spec';

import type { Aggregate, ChartEncoding, ChartSort, ChartType } from '../../../server/charts/chart-spec';

/** What the renderer needs of a chart: how to draw it. */
export interface ChartView {
  readonly title: string;
  readonly type: ChartType;
  readonly encoding: ChartEncoding;
  /** Bars and areas of several series stacked (the overview's charts); projects' charts group them. */
  readonly stacked?: boolean;
}

/**
 * The choices the builder offers. The server's lists hold values (and pull TypeBox into the
 * bundle), so these are copies the compiler holds to them: a value added there and missing
 * here fails the type check below.
 */
export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'pie', 'heatmap', 'table', 'number'] as const satisfies readonly ChartType[];
export const AGGREGATES = ['sum', 'avg', 'count', 'min', 'max'] as const satisfies readonly Aggregate[];
export const CHART_SORTS = ['x-asc', 'x-desc', 'y-asc', 'y-desc'] as const satisfies readonly ChartSort[];
export const GRID_COLUMNS = 12;

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const complete: [
  Missing<ChartType, (typeof CHART_TYPES)[number]>,
  Missing<Aggregate, (typeof AGGREGATES)[number]>,
  Missing<ChartSort, (typeof CHART_SORTS)[number]>,
] = [true, true, true];
void complete;
