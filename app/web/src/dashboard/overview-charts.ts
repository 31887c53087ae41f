import { DATASET_FORMATS, TASK_KINDS, TASK_STATUSES } from '../api/client';
import type { ChartData, ChartDataColumn, ChartView } from '../charts/chart-types';
import type { DashboardView } from './data';

const x = (name: string, kind: ChartDataColumn['kind'] = 'string'): ChartDataColumn => ({ name, role: 'x', kind, column: name });
const count = (name: string): ChartDataColumn => ({ name, role: 'y', kind: 'number', column: name });

/** The overview's three charts, as chart views and data the chart panel draws like any other. */
export interface OverviewChart {
  readonly key: string;
  readonly view: ChartView;
  readonly data: ChartData;
  readonly width: number;
}

export function overviewCharts(view: DashboardView, days: number): OverviewChart[] {
  const { createdByDay } = view;
  return [
    {
      key: 'created',
      width: 12,
      view: { title: `Tasks created per day (last ${days} days, UTC)`, type: 'bar', encoding: {}, stacked: true },
      data: {
        columns: [x('day', 'temporal'), { name: 'status', role: 'series', kind: 'string', column: 'status' }, count('tasks')],
        // No tasks in the period: "No data" rather than a row of zero-height bars.
        rows:
          view.tasks === 0 && TASK_STATUSES.every((s) => createdByDay.series[s].every((n) => n === 0))
            ? []
            : createdByDay.days.flatMap((day, i) => TASK_STATUSES.map((s) => [day.slice(5), s, createdByDay.series[s][i]])),
        truncated: false,
      },
    },
    {
      key: 'kinds',
      width: 6,
      view: { title: 'Tasks by kind', type: 'pie', encoding: {} },
      data: { columns: [x('kind'), count('tasks')], rows: TASK_KINDS.map((k) => [k, view.byKind[k]]), truncated: false },
    },
    {
      key: 'formats',
      width: 6,
      view: { title: 'Datasets by format', type: 'bar', encoding: {} },
      data: {
        columns: [x('format'), count('datasets')],
        rows: view.datasets === 0 ? [] : DATASET_FORMATS.map((f) => [f, view.byFormat[f].count]),
        truncated: false,
      },
    },
  ];
}
