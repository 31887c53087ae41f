import type { TaskKind, TaskRow, TaskStatus, TaskUpdate } from '../../../schema/tasks.table';
import type { AppContext, Principal } from '../context';
import { badRequest, notFound } from '../errors';
import { findProjectAudience } from '../repositories/project-repository';
import { deleteTask, findTaskById, insertTask, listTasksOfProject, updateTask } from '../repositories/task-repository';
import type { Executor } from '../repositories/executor';
import type { PageQuery } from '../schemas/common.schema';
import type { CreateTaskBody, Task, UpdateTaskBody } from '../schemas/task.schema';
import { nowDbTimestamp } from '../time';
import { decodeCursor, toPage, type PageResult } from './cursor';
import { findProjectAccess, requireProjectPermission, resolveProjectAccess } from './project-access';
import { presentTask } from './representations';
import type { CachedRead } from './read-cache';
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
  return commitThenPublish(ctx, async (trx, outbox) => {
    await requireProjectPermission(trx, principal, projectId, 'write');
    const now = nowDbTimestamp();
    const status = input.status ?? 'pending';
    const row = await insertTask(trx, {
      project_id: projectId,
      title: input.title,
      kind: input.kind,
      status,
      notebook,
      parameters,
      schedule: input.schedule ?? null,
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
    const now = nowDbTimestamp();
    const changes: TaskUpdate = {
      title: input.title ?? task.title,
      kind,
      notebook,
      schedule: input.schedule === undefined ? task.schedule : input.schedule,
      parameters: parameters ?? task.parameters,
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
  await commitThenPublish(ctx, async (trx, outbox) => {
    const { task, access } = await visibleTask(trx, principal, id);
    await requireProjectPermission(trx, principal, access.project.id, 'write');
    await deleteTask(trx, id);
    outbox.push({
      kind: 'event',
      event: { type: 'task.deleted', projectId: task.project_id, taskId: id, data: { id } },
      audience: await findProjectAudience(trx, task.project_id),
    });
  });
}
