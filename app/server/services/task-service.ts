import type { TaskKind, TaskRow, TaskStatus, TaskUpdate } from '../../../schema/tasks.table';
import type { AppContext, Principal } from '../context';
import { badRequest, notFound } from '../errors';
import { findProjectAudience } from '../repositories/project-repository';
import { findActiveRuns } from '../repositories/run-repository';
import { deleteTask, findTaskById, insertTask, listTasksOfProject, updateTask } from '../repositories/task-repository';
import type { Executor } from '../repositories/executor';
import type { PageQuery } from '../schemas/common.schema';
import type { CreateTaskBody, Task, UpdateTaskBody } from '../schemas/task.schema';
import { nowDbTimestamp } from '../time';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { findProjectAccess, requireProjectPermission, resolveProjectAccess } from './project-access';
import { presentTask } from './representations';
import type { CachedRead } from './read-cache';
import { checkTaskSettings, settingsOf, type TaskSettings } from './task-settings';
import { commitThenPublish } from './unit-of-work';

/** Largest serialized `parameters` object. */
export const MAX_PARAMETERS_BYTES = 64 * 1024;

function serializeParameters(parameters: Record<string, unknown>): string {
  const text = JSON.stringify(parameters);
  if (Buffer.byteLength(text, 'utf8') > MAX_PARAMETERS_BYTES) {
    throw badRequest('parameters_too_large', `parameters must serialize to at most ${MAX_PARAMETERS_BYTES} bytes of JSON`);
  }
  return text;
}

function checkNotebook(kind: TaskKind, notebook: string | null): void {
  if (kind === 'notebook' && notebook === null) {
    throw badRequest('notebook_required', 'a task of kind "notebook" needs a notebook path (e.g. "reports/daily.ipynb")');
  }
}

/** started_at / finished_at follow the status: running starts the clock, a final status stops it. */
function timestampsFor(status: TaskStatus, previous: Pick<TaskRow, 'started_at' | 'finished_at'> | undefined, now: string) {
  switch (status) {
    case 'pending':
      return { started_at: null, finished_at: null };
    case 'running':
      return { started_at: now, finished_at: null };
    default:
      return { started_at: previous?.started_at ?? null, finished_at: now };
  }
}

/**
 * The task, if the user may see its project; 404 alike when it does not exist and when it is
 * not visible, so ids do not leak. Any other failure (the database is down) propagates.
 */
async function visibleTask(db: Executor, principal: Principal, id: number) {
  const task = await findTaskById(db, id);
  const access = task ? await findProjectAccess(db, principal, task.project_id) : undefined;
  if (!task || !access) throw notFound(`task ${id}`);
  return { task, access };
}

/** A page of a project's tasks, if the user may see the project (cacheable; see ReadCache). */
export function tasksRead(ctx: AppContext, principal: Principal, projectId: number, page: PageQuery): CachedRead<PageResult<Task>> {
  const beforeId = decodeCursor(page.cursor);
  return {
    scope: `u${principal.id}:tasks:${projectId}:${page.limit}:${beforeId ?? ''}`,
    load: async () => {
      await resolveProjectAccess(ctx.db, principal, projectId);
      const rows = await listTasksOfProject(ctx.db, projectId, { beforeId, limit: page.limit + 1 });
      return toPage(rows, page.limit, presentTask);
    },
  };
}

/** One task, if the user may see its project (cacheable). */
export function taskRead(ctx: AppContext, principal: Principal, id: number): CachedRead<Task> {
  return { scope: `u${principal.id}:task:${id}`, load: async () => presentTask((await visibleTask(ctx.db, principal, id)).task) };
}

export async function createTask(ctx: AppContext, principal: Principal, projectId: number, input: CreateTaskBody): Promise<Task> {
  const notebook = input.notebook ?? null;
  checkNotebook(input.kind, notebook);
  const parameters = serializeParameters(input.parameters ?? {});
  const settings: TaskSettings = {
    kind: input.kind,
    notebook,
    application: input.application ?? null,
    parameters: input.parameters ?? {},
    schedule: input.schedule ?? null,
    timeZone: input.timeZone ?? 'UTC',
    spark: input.spark ?? null,
    outputDatasetId: input.outputDatasetId ?? null,
  };
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, projectId, 'write');
    await checkTaskSettings(trx, projectId, settings);
    const now = nowDbTimestamp();
    const status = input.status ?? 'pending';
    const row = await insertTask(trx, {
      project_id: projectId,
      title: input.title,
      kind: input.kind,
      status,
      notebook,
      parameters,
      schedule: settings.schedule,
      time_zone: settings.timeZone,
      timeout_seconds: input.timeoutSeconds ?? 3600,
      max_retries: input.maxRetries ?? 0,
      retry_delay_seconds: input.retryDelaySeconds ?? 60,
      application: settings.application,
      arguments: JSON.stringify(input.arguments ?? []),
      spark: settings.spark === null ? null : JSON.stringify(settings.spark),
      output_dataset_id: settings.outputDatasetId,
      schedule_since: settings.schedule === null ? null : now,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
      ...timestampsFor(status, undefined, now),
    });
    const task = presentTask(row);
    outbox.push({
      kind: 'event',
      event: { type: 'task.created', projectId, taskId: row.id, data: task },
      audience: await findProjectAudience(trx, projectId),
    });
    return task;
  });
}

export async function changeTask(ctx: AppContext, principal: Principal, id: number, input: UpdateTaskBody): Promise<Task> {
  const parameters = input.parameters === undefined ? undefined : serializeParameters(input.parameters);
  return commitThenPublish(ctx, async (trx, outbox) => {
    const { task, access } = await visibleTask(trx, principal, id);
    await requireProjectPermission(trx, principal, access.project.id, 'write');
    const kind = input.kind ?? task.kind;
    const notebook = input.notebook === undefined ? task.notebook : input.notebook;
    checkNotebook(kind, notebook);
    const previous = settingsOf(task);
    const settings: TaskSettings = {
      kind,
      notebook,
      application: input.application === undefined ? previous.application : input.application,
      parameters: input.parameters ?? previous.parameters,
      schedule: input.schedule === undefined ? previous.schedule : input.schedule,
      timeZone: input.timeZone ?? previous.timeZone,
      spark: input.spark === undefined ? previous.spark : input.spark,
      outputDatasetId: input.outputDatasetId === undefined ? previous.outputDatasetId : input.outputDatasetId,
    };
    await checkTaskSettings(trx, task.project_id, settings);
    const now = nowDbTimestamp();
    // A schedule that changes (or moves to another time zone) starts from now: earlier fire
    // times of the new schedule were never due.
    const rescheduled = settings.schedule !== previous.schedule || settings.timeZone !== previous.timeZone;
    const changes: TaskUpdate = {
      title: input.title ?? task.title,
      kind,
      notebook,
      schedule: settings.schedule,
      parameters: parameters ?? task.parameters,
      time_zone: settings.timeZone,
      timeout_seconds: input.timeoutSeconds ?? task.timeout_seconds,
      max_retries: input.maxRetries ?? task.max_retries,
      retry_delay_seconds: input.retryDelaySeconds ?? task.retry_delay_seconds,
      application: settings.application,
      arguments: input.arguments === undefined ? task.arguments : JSON.stringify(input.arguments),
      spark: settings.spark === null ? null : JSON.stringify(settings.spark),
      output_dataset_id: settings.outputDatasetId,
      schedule_since: settings.schedule === null ? null : rescheduled ? now : (task.schedule_since ?? now),
      updated_at: now,
    };
    if (input.status !== undefined && input.status !== task.status) {
      Object.assign(changes, { status: input.status }, timestampsFor(input.status, task, now));
    }
    await updateTask(trx, id, changes);
    const row = await findTaskById(trx, id);
    if (!row) throw notFound(`task ${id}`);
    const updated = presentTask(row);
    outbox.push({
      kind: 'event',
      event: { type: 'task.updated', projectId: row.project_id, taskId: id, data: updated },
      audience: await findProjectAudience(trx, row.project_id),
    });
    return updated;
  });
}

export async function removeTask(ctx: AppContext, principal: Principal, id: number): Promise<void> {
  const active = await commitThenPublish(ctx, async (trx, outbox) => {
    const { task, access } = await visibleTask(trx, principal, id);
    await requireProjectPermission(trx, principal, access.project.id, 'write');
    const runs = await findActiveRuns(trx, { taskId: id });
    await deleteTask(trx, id);
    outbox.push({
      kind: 'event',
      event: { type: 'task.deleted', projectId: task.project_id, taskId: id, data: { id } },
      audience: await findProjectAudience(trx, task.project_id),
    });
    return runs;
  });
  // Its runs went with it: their processes or pods stop too.
  ctx.runs.abandon(active, `task ${id} was deleted`);
}
