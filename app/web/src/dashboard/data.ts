import { DATASET_FORMATS, TASK_KINDS, TASK_STATUSES, type Api, type Dataset, type DatasetFormat, type Project, type Task, type TaskKind, type TaskStatus } from '../api/client';
import { eventEntity, eventEntityId } from '../live/apply';
import type { LiveEvent } from '../live/connection';

export interface DashboardData {
  projects: ReadonlyMap<number, Project>;
  tasks: ReadonlyMap<number, Task>;
  datasets: ReadonlyMap<number, Dataset>;
}

export const emptyDashboard = (): DashboardData => ({ projects: new Map(), tasks: new Map(), datasets: new Map() });

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface LoadProgress {
  projects: number;
  loaded: number;
}

export interface LoadOptions {
  /**
   * Called once the projects are listed and then at most every `snapshotEveryMs` while the
   * tasks and datasets come in, with what is known so far: the page renders at once and
   * fills in, instead of waiting for every project.
   */
  onSnapshot?: (data: DashboardData, progress: LoadProgress) => void;
  /** @default 500 */
  snapshotEveryMs?: number;
  /** Requests in flight at once (a browser opens 6 connections per host). @default 6 */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * Everything the dashboard aggregates, for the projects the user may see: all project
 * pages, then each project's tasks and datasets with bounded concurrency, in list order
 * (most recent first).
 */
export async function loadDashboard(api: Api, options: LoadOptions = {}): Promise<DashboardData> {
  const { onSnapshot, signal } = options;
  const every = options.snapshotEveryMs ?? 500;
  const projects = new Map<number, Project>();
  let cursor: string | undefined;
  do {
    const page = await api.listProjects({ limit: 100, cursor });
    for (const p of page.items) projects.set(p.id, p);
    cursor = page.nextCursor ?? undefined;
    signal?.throwIfAborted();
  } while (cursor);
  const tasks = new Map<number, Task>();
  const datasets = new Map<number, Dataset>();
  let loaded = 0;
  let last = Date.now();
  const snapshot = () => onSnapshot?.({ projects: new Map(projects), tasks: new Map(tasks), datasets: new Map(datasets) }, { projects: projects.size, loaded });
  snapshot();
  await mapLimit([...projects.keys()], options.concurrency ?? 6, async (id) => {
    signal?.throwIfAborted();
    const [t, d] = await Promise.all([api.listTasks(id).catch(notFoundAsEmpty), api.listDatasets(id).catch(notFoundAsEmpty)]);
    for (const x of t) tasks.set(x.id, x);
    for (const x of d) datasets.set(x.id, x);
    loaded += 1;
    if (Date.now() - last >= every && loaded < projects.size) {
      last = Date.now();
      snapshot();
    }
  });
  return { projects, tasks, datasets };
}

/** A project deleted between listing it and reading its children simply has none. */
function notFoundAsEmpty(e: unknown): never[] {
  if ((e as { status?: number }).status === 404) return [];
  throw e;
}

/**
 * The dashboard after one live event; `needsFetch` names a project whose children must be
 * refetched because the event did not carry the entity.
 */
export function applyDashboardEvent(data: DashboardData, e: LiveEvent): { data: DashboardData; needsFetch?: number } {
  const [kind, action] = e.type.split('.') as ['project' | 'task' | 'dataset', string];
  const id = eventEntityId(e) ?? (kind === 'project' ? e.projectId : undefined);
  if (kind === 'project') {
    const projects = new Map(data.projects);
    if (action === 'deleted') {
      projects.delete(e.projectId);
      const tasks = new Map([...data.tasks].filter(([, t]) => t.projectId !== e.projectId));
      const datasets = new Map([...data.datasets].filter(([, d]) => d.projectId !== e.projectId));
      return { data: { projects, tasks, datasets } };
    }
    const entity = eventEntity<Project>(e);
    if (!entity) return { data, needsFetch: e.projectId };
    projects.set(entity.id, { ...projects.get(entity.id), ...entity });
    return { data: { ...data, projects }, needsFetch: action === 'created' && !data.projects.has(entity.id) ? entity.id : undefined };
  }
  const key = kind === 'task' ? 'tasks' : 'datasets';
  const map = new Map(data[key] as Map<number, Task | Dataset>);
  if (action === 'deleted') {
    if (id === undefined) return { data, needsFetch: e.projectId };
    map.delete(id);
    return { data: { ...data, [key]: map } };
  }
  const entity = eventEntity<Task | Dataset>(e);
  if (!entity) return { data, needsFetch: e.projectId };
  map.set(entity.id, { ...map.get(entity.id), ...entity } as Task | Dataset);
  return { data: { ...data, [key]: map } };
}

/** Replaces one project's tasks and datasets (after a refetch). */
export function withProjectChildren(data: DashboardData, projectId: number, tasks: Task[], datasets: Dataset[]): DashboardData {
  const t = new Map([...data.tasks].filter(([, x]) => x.projectId !== projectId));
  const d = new Map([...data.datasets].filter(([, x]) => x.projectId !== projectId));
  for (const x of tasks) t.set(x.id, x);
  for (const x of datasets) d.set(x.id, x);
  return { ...data, tasks: t, datasets: d };
}

const dayKey = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** When a task last changed status: finished, else started, else last updated. */
export const statusTime = (t: Task): string => t.finishedAt ?? t.startedAt ?? t.updatedAt ?? t.createdAt;

/** Per day (local time, the last `days` days up to `now`), tasks by status at their last change. */
export function statusByDay(tasks: Iterable<Task>, days: number, now: Date): { days: string[]; series: Record<TaskStatus, number[]> } {
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - i);
    index.set(dayKey(d), labels.length);
    labels.push(dayKey(d));
  }
  const series = Object.fromEntries(TASK_STATUSES.map((s) => [s, new Array<number>(days).fill(0)])) as Record<TaskStatus, number[]>;
  for (const t of tasks) {
    const when = new Date(statusTime(t));
    if (Number.isNaN(when.getTime())) continue;
    const i = index.get(dayKey(when));
    if (i !== undefined && series[t.status]) series[t.status][i] += 1;
  }
  return { days: labels, series };
}

export function countByStatus(tasks: Iterable<Task>): Record<TaskStatus, number> {
  const out = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const t of tasks) out[t.status] = (out[t.status] ?? 0) + 1;
  return out;
}

export function countByKind(tasks: Iterable<Task>): Record<TaskKind, number> {
  const out = Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as Record<TaskKind, number>;
  for (const t of tasks) out[t.kind] = (out[t.kind] ?? 0) + 1;
  return out;
}

export function datasetsByFormat(datasets: Iterable<Dataset>): Record<DatasetFormat, { count: number; bytes: number }> {
  const out = Object.fromEntries(DATASET_FORMATS.map((f) => [f, { count: 0, bytes: 0 }])) as Record<DatasetFormat, { count: number; bytes: number }>;
  for (const d of datasets) {
    const slot = out[d.format] ?? (out[d.format] = { count: 0, bytes: 0 });
    slot.count += 1;
    slot.bytes += d.sizeBytes ?? 0;
  }
  return out;
}

/** One line of the activity feed. */
export function describeEvent(e: LiveEvent, data: DashboardData): string {
  const [kind, action] = e.type.split('.');
  const entity = (e.data ?? {}) as { name?: string; title?: string; status?: string };
  const project = data.projects.get(e.projectId)?.name ?? (kind === 'project' ? entity.name : undefined) ?? `project #${e.projectId}`;
  if (kind === 'project') return `Project “${entity.name ?? project}” ${action}`;
  const label = entity.title ?? entity.name;
  const what = label ? `${kind === 'task' ? 'Task' : 'Dataset'} “${label}”` : `A ${kind}`;
  const status = kind === 'task' && action === 'updated' && entity.status ? ` (${entity.status})` : '';
  return `${what} ${action}${status} in ${project}`;
}
