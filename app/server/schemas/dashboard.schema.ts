import { Type, type Static } from '@sinclair/typebox';
import { DATASET_FORMATS, TASK_KINDS, TASK_STATUSES } from '../../../schema/vocabulary';
import { PerValue, Timestamp } from './common.schema';

export const MAX_SUMMARY_DAYS = 365;
export const DEFAULT_SUMMARY_DAYS = 30;

export const DashboardSummaryQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_SUMMARY_DAYS,
      default: DEFAULT_SUMMARY_DAYS,
      description: `How many UTC days, today included, tasksCreatedPerDay covers (1..${MAX_SUMMARY_DAYS})`,
    }),
  ),
});
export type DashboardSummaryQuery = Static<typeof DashboardSummaryQuery>;

const Count = Type.Integer({ minimum: 0 });

export const TaskStatusCounts = PerValue(TASK_STATUSES, Count, { title: 'TaskStatusCounts', description: 'Tasks per current status' });
export type TaskStatusCounts = Static<typeof TaskStatusCounts>;

export const TaskKindCounts = PerValue(TASK_KINDS, Count, { title: 'TaskKindCounts' });
export type TaskKindCounts = Static<typeof TaskKindCounts>;

const SizeBytes = Type.Integer({ minimum: 0, description: 'Sum of size_bytes (a JSON number: exact up to 2^53)' });

export const FormatTotals = Type.Object({ count: Count, sizeBytes: SizeBytes }, { title: 'DatasetFormatTotals' });
export type FormatTotals = Static<typeof FormatTotals>;

export const DatasetFormatTotals = PerValue(DATASET_FORMATS, FormatTotals, { title: 'DatasetsByFormat' });
export type DatasetFormatTotals = Static<typeof DatasetFormatTotals>;

export const DayCounts = Type.Object(
  {
    day: Type.String({ format: 'date', description: 'UTC day, YYYY-MM-DD' }),
    total: Count,
    byStatus: TaskStatusCounts,
  },
  { title: 'TasksCreatedOnDay' },
);
export type DayCounts = Static<typeof DayCounts>;

export const DashboardSummary = Type.Object(
  {
    projects: Type.Integer({ minimum: 0, description: 'Projects the caller may see' }),
    tasks: Type.Object({ total: Count, byStatus: TaskStatusCounts, byKind: TaskKindCounts }),
    datasets: Type.Object({ total: Count, sizeBytes: SizeBytes, byFormat: DatasetFormatTotals }),
    tasksCreatedPerDay: Type.Array(DayCounts, {
      description: 'One entry per UTC day, oldest first, ending today: tasks created that day, by their current status',
    }),
    generatedAt: Timestamp,
  },
  { title: 'DashboardSummary' },
);
export type DashboardSummary = Static<typeof DashboardSummary>;
