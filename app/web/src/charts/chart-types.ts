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

import type { ChartEncoding, ChartType } from '../../../server/charts/chart-spec';

/** What the renderer needs of a chart: how to draw it. */
export interface ChartView {
  readonly title: string;
  readonly type: ChartType;
  readonly encoding: ChartEncoding;
  /** Bars and areas of several series stacked (the overview's charts); projects' charts group them. */
  readonly stacked?: boolean;
}
