import { DATASET_FORMATS, TASK_KINDS, TASK_STATUSES, isOneOf } from '../../../schema/vocabulary';
import type { AppContext, Principal } from '../context';
import {
  countTasksByStatusAndKind,
  countTasksCreatedPerDay,
  countVisibleProjects,
  totalDatasetsByFormat,
  type AggregateScope,
} from '../repositories/dashboard-repository';
import type { DashboardSummary, DatasetFormatTotals, DayCounts, TaskKindCounts, TaskStatusCounts } from '../schemas/dashboard.schema';
import { toDbTimestamp } from '../time';
import type { CachedRead } from './read-cache';

const DAY_MS = 24 * 60 * 60 * 1000;

const zeroStatuses = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as TaskStatusCounts;
const zeroKinds = () => Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as TaskKindCounts;

/** The `days` UTC days ending with the day of `now`, oldest first, as `YYYY-MM-DD`. */
export function utcDaysEndingAt(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Counts for the dashboard over exactly the projects the caller may see (admins: all; others:
 * owned or member of): tasks by status and kind, datasets by format with their total size,
 * and tasks created per UTC day of the last `days` days by current status. Four GROUP BY
 * queries; cacheable per user and UTC day like every other read (dropped on every write).
 */
export function dashboardSummaryRead(ctx: AppContext, principal: Principal, days: number, now = new Date()): CachedRead<DashboardSummary> {
  const dayList = utcDaysEndingAt(now, days);
  return {
    // The day is part of the key, so an entry cached just before midnight is not served after it.
    scope: `u${principal.id}:dashboard:${days}:${dayList[dayList.length - 1]}`,
    load: () => loadSummary(ctx, principal, dayList, now),
  };
}

/** The four aggregates over the caller's projects, as the summary's shape. */
async function loadSummary(ctx: AppContext, principal: Principal, dayList: string[], now: Date): Promise<DashboardSummary> {
  const scope: AggregateScope = { visibleTo: principal.role === 'admin' ? undefined : principal.id };
  const since = toDbTimestamp(new Date(`${dayList[0]}T00:00:00.000Z`));
  const [projects, statusKind, formats, perDay] = await Promise.all([
    countVisibleProjects(ctx.db, scope),
    countTasksByStatusAndKind(ctx.db, scope),
    totalDatasetsByFormat(ctx.db, ctx.dialect, scope),
    countTasksCreatedPerDay(ctx.db, ctx.dialect, scope, since),
  ]);

  const byStatus = zeroStatuses();
  const byKind = zeroKinds();
  let tasks = 0;
  for (const row of statusKind) {
    if (isOneOf(TASK_STATUSES, row.status)) byStatus[row.status] += row.count;
    if (isOneOf(TASK_KINDS, row.kind)) byKind[row.kind] += row.count;
    tasks += row.count;
  }

  const byFormat = Object.fromEntries(DATASET_FORMATS.map((f) => [f, { count: 0, sizeBytes: 0 }])) as DatasetFormatTotals;
  let datasets = 0;
  let sizeBytes = 0;
  for (const row of formats) {
    if (isOneOf(DATASET_FORMATS, row.format)) byFormat[row.format] = { count: row.count, sizeBytes: row.sizeBytes };
    datasets += row.count;
    sizeBytes += row.sizeBytes;
  }

  const index = new Map(dayList.map((day, i) => [day, i]));
  const tasksCreatedPerDay: DayCounts[] = dayList.map((day) => ({ day, total: 0, byStatus: zeroStatuses() }));
  for (const row of perDay) {
    const i = index.get(row.day);
    const entry = i === undefined ? undefined : tasksCreatedPerDay[i];
    if (!entry || !isOneOf(TASK_STATUSES, row.status)) continue;
    entry.byStatus[row.status] += row.count;
    entry.total += row.count;
  }

  return {
    projects,
    tasks: { total: tasks, byStatus, byKind },
    datasets: { total: datasets, sizeBytes, byFormat },
    tasksCreatedPerDay,
    generatedAt: now.toISOString(),
  };
}
