import {
  DATASET_FORMATS,
  TASK_KINDS,
  TASK_STATUSES,
  type DashboardSummary,
  type DatasetFormat,
  type TaskKind,
  type TaskStatus,
} from '../api/client';
import type { LiveEvent } from '../live/connection';

/** What the dashboard draws, straight from one GET /api/dashboard/summary. */
export interface DashboardView {
  projects: number;
  tasks: number;
  datasets: number;
  totalBytes: number;
  byStatus: Record<TaskStatus, number>;
  byKind: Record<TaskKind, number>;
  byFormat: Record<DatasetFormat, { count: number; bytes: number }>;
  /** UTC days (YYYY-MM-DD), oldest first, and per status the tasks created on each. */
  createdByDay: { days: string[]; series: Record<TaskStatus, number[]> };
}

export function dashboardView(summary: DashboardSummary): DashboardView {
  const days = summary.tasksCreatedPerDay;
  return {
    projects: summary.projects,
    tasks: summary.tasks.total,
    datasets: summary.datasets.total,
    totalBytes: summary.datasets.sizeBytes,
    byStatus: Object.fromEntries(TASK_STATUSES.map((s) => [s, summary.tasks.byStatus[s] ?? 0])) as Record<TaskStatus, number>,
    byKind: Object.fromEntries(TASK_KINDS.map((k) => [k, summary.tasks.byKind[k] ?? 0])) as Record<TaskKind, number>,
    byFormat: Object.fromEntries(
      DATASET_FORMATS.map((f) => [
        f,
        { count: summary.datasets.byFormat[f]?.count ?? 0, bytes: summary.datasets.byFormat[f]?.sizeBytes ?? 0 },
      ]),
    ) as Record<DatasetFormat, { count: number; bytes: number }>,
    createdByDay: {
      days: days.map((d) => d.day),
      series: Object.fromEntries(TASK_STATUSES.map((s) => [s, days.map((d) => d.byStatus[s] ?? 0)])) as Record<TaskStatus, number[]>,
    },
  };
}

export interface Debounced {
  /** Asks for a run: after `waitMs` without another ask, and at most `maxWaitMs` after the first. */
  schedule(): void;
  cancel(): void;
}

/**
 * Trailing debounce with a ceiling: a burst of live events causes one refetch once it
 * settles, and a steady stream still refetches every `maxWaitMs`.
 */
export function debounce(run: () => void, waitMs: number, maxWaitMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAskAt: number | undefined;
  const fire = () => {
    timer = undefined;
    firstAskAt = undefined;
    run();
  };
  return {
    schedule() {
      const now = Date.now();
      firstAskAt ??= now;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(waitMs, firstAskAt + maxWaitMs - now)));
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      firstAskAt = undefined;
    },
  };
}

/** The project name a project event carries, if any. */
export function projectNameOf(e: LiveEvent): string | undefined {
  if (!e.type.startsWith('project.')) return undefined;
  const name = (e.data as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** What each kind of event is about, as the feed names it. */
const NOUNS: Record<string, string> = { task: 'Task', dataset: 'Dataset', chart: 'Chart', run: 'Run' };

/** One line of the activity feed; `projectName` when known, else the project's id. */
export function describeEvent(e: LiveEvent, projectName?: string): string {
  const [kind, action] = e.type.split('.');
  const entity = (e.data ?? {}) as { name?: string; title?: string; status?: string };
  const project = projectName ?? (kind === 'project' ? entity.name : undefined) ?? `project #${e.projectId}`;
  if (kind === 'project') return `Project “${entity.name ?? project}” ${action}`;
  if (e.type === 'chart.data_changed') return `New data for a chart in ${project}`;
  const label = entity.title ?? entity.name;
  const noun = NOUNS[kind] ?? 'Item';
  const what = label ? `${noun} “${label}”` : `A ${noun.toLowerCase()}`;
  const status = (kind === 'task' || kind === 'run') && action === 'updated' && entity.status ? ` (${entity.status})` : '';
  return `${what} ${action}${status} in ${project}`;
}
